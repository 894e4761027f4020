import { SECRET_SET, type JsonValue } from './sections.js';

/** One field of a configuration view that differs; `before`/`after` are null when absent. */
export interface FieldChange {
  /** Dotted path in the section view, e.g. `members.<userId>.roles`, or the secret's event field. */
  readonly field: string;
  readonly before: JsonValue | null;
  readonly after: JsonValue | null;
  /** A secret: both values are withheld and the change reads "changed". */
  readonly secret: boolean;
}

/**
 * Objects become dotted paths; arrays and scalars are leaves (a role list reads better
 * whole). Empty objects vanish: their appearing or emptying shows through their children.
 */
export const flattenView = (view: JsonValue | null, prefix = '', out = new Map<string, JsonValue>()): Map<string, JsonValue> => {
  if (view !== null && typeof view === 'object' && !Array.isArray(view)) {
    const entries = Object.entries(view as { readonly [key: string]: JsonValue });
    for (const [key, value] of entries) flattenView(value, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix || view !== null) {
    out.set(prefix, view);
  }
  return out;
};

const same = (a: JsonValue | undefined, b: JsonValue | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Field-level differences of two views of one section, in path order. */
export const diffViews = (before: JsonValue | null, after: JsonValue | null, prefix = ''): FieldChange[] => {
  const a = flattenView(before, prefix);
  const b = flattenView(after, prefix);
  const fields = [...new Set([...a.keys(), ...b.keys()])].sort();
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const x = a.get(field);
    const y = b.get(field);
    if (same(x, y)) continue;
    const secret = x === SECRET_SET || y === SECRET_SET;
    changes.push({ field, before: x ?? null, after: y ?? null, secret });
  }
  return changes;
};

/**
 * Adds the event's secret fields (a rotated password leaves the view at "(set)" → "(set)",
 * yet the auditor must see that it changed), without any value.
 */
export const withSecretFields = (changes: readonly FieldChange[], secretFields: readonly string[], data: unknown): FieldChange[] => {
  const present = secretFields.filter((f) => data !== null && typeof data === 'object' && f in (data as object));
  const listed = new Set(changes.map((c) => c.field));
  return [
    ...changes.map((c) => (c.secret ? { ...c, before: null, after: null } : c)),
    ...present.filter((f) => !listed.has(f)).map((field) => ({ field, before: null, after: null, secret: true })),
  ];
};

const show = (value: JsonValue | null): string => (value === null ? '(none)' : JSON.stringify(value));

/** One line per field, e.g. `name: "Sales" → "Support"`; secrets read `password: changed`. */
export const describeChanges = (changes: readonly FieldChange[]): string =>
  changes.map((c) => (c.secret ? `${c.field}: changed` : `${c.field}: ${show(c.before)} → ${show(c.after)}`)).join('; ');
