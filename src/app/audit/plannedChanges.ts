import type { PlannedEvent } from '../../eventstore/dryRun.js';
import { describeChanges, diffViews, flattenView, withSecretFields, type FieldChange } from './changes.js';
import { configurationSections } from '../configurationSections.js';
import { sectionOfStream, SECRET_SET, type ConfigurationSection, type JsonValue } from './sections.js';

/** A planned event as a person reads it: what would change, field by field, secrets withheld. */
export interface PlannedChange {
  readonly streamId: string;
  readonly type: string;
  /** Configuration section of the stream, or null (users, username claims, two-factor policy). */
  readonly section: string | null;
  /** Revision the decision saw; the real append expects it. */
  readonly expectedRevision: number;
  readonly changes: readonly FieldChange[];
  /** One line, e.g. `name: "Sales" → "Support"`; secrets read `password: changed`. */
  readonly summary: string;
  /** The event data as it would be stored, every secret replaced by SECRET_SET. */
  readonly data: JsonValue;
}

/** Vault ciphertexts (`v1.<keyId>.<iv>.<tag>.<data>`) and password hashes: never shown, whatever the field is called. */
const SECRET_VALUE = /^(v1\.[A-Za-z0-9-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*|\$argon2[a-z]*\$.*)$/s;
const SECRET_KEY = /(password|secret|ciphertext|privateKey|refreshToken|accessToken|hash$)/i;

/**
 * Event data with secrets replaced: the section's declared secret fields, any key that
 * names a secret, and any value shaped like a ciphertext or a password hash (belt and
 * braces: a field an area forgot to declare still never leaks).
 */
export const maskEventData = (data: unknown, secretFields: readonly string[] = []): JsonValue => {
  const mask = (value: unknown, key: string | null, top: boolean): JsonValue => {
    if (value === null || value === undefined) return null;
    if (typeof value === 'string') return (key !== null && SECRET_KEY.test(key)) || SECRET_VALUE.test(value) ? SECRET_SET : value;
    if (typeof value === 'number' || typeof value === 'boolean') return value;
    if (Array.isArray(value)) return value.map((v) => mask(v, null, false));
    if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), mask(v, String(k), false)]));
    if (value instanceof Set) return [...value].map((v) => mask(v, null, false));
    if (typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, top && secretFields.includes(k) && v != null ? SECRET_SET : mask(v, k, false)]));
    }
    return String(value);
  };
  return mask(data, null, true);
};

const fieldsOfData = (data: JsonValue): FieldChange[] =>
  [...flattenView(data)].map(([field, after]) => (after === SECRET_SET ? { field, before: null, after: null, secret: true } : { field, before: null, after, secret: false }));

/** Before/after per field of one planned event, from the section's own view of the stream states. */
export const plannedChangeOf = (event: PlannedEvent, sections: readonly ConfigurationSection[] = configurationSections): PlannedChange => {
  const section = sectionOfStream(sections, event.streamId);
  const secretFields = section?.secretFields?.[event.type] ?? [];
  const data = maskEventData(event.data, secretFields);
  // Unregistered streams have no view: the event's own fields are the change (masked).
  // A field absent before and null after is no change to show (a new aggregate's empty fields).
  const changes = (
    section ? withSecretFields(diffViews(section.toView(event.stateBefore), section.toView(event.stateAfter)), secretFields, event.data) : fieldsOfData(data)
  ).filter((c) => c.secret || c.before !== null || c.after !== null);
  return {
    streamId: event.streamId,
    type: event.type,
    section: section?.name ?? null,
    expectedRevision: event.expectedRevision,
    changes,
    summary: describeChanges(changes) || 'no visible change',
    data,
  };
};
