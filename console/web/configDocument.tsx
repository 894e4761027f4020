/**
 * A mailbox configuration (configurationAsOf sections) as a readable nested list, with
 * the fields that differ from now highlighted and the value now shown beside them.
 */
import type { ReactNode } from 'react';
import type { Translate } from './i18n.js';

export interface SectionView {
  readonly name: string;
  readonly value: unknown;
}

export interface FieldChange {
  readonly section: string | null;
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly secret: boolean;
}

export const formatValue = (v: unknown): string => {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v === '' ? '""' : v;
  return JSON.stringify(v);
};

/** Paths (section + "." + field) whose value differs between the shown moment and now. */
const differingPaths = (changes: readonly FieldChange[]): Map<string, FieldChange> =>
  new Map(changes.map((c) => [`${c.section ?? ''}.${c.field}`, c]));

const touches = (path: string, differing: Map<string, FieldChange>): boolean => {
  for (const p of differing.keys()) if (p === path || p.startsWith(`${path}.`) || path.startsWith(`${p}.`)) return true;
  return false;
};

const Node = ({ path, label, value, differing, t }: { path: string; label: string; value: unknown; differing: Map<string, FieldChange>; t: Translate }): ReactNode => {
  const change = differing.get(path);
  const mark = touches(path, differing);
  const isObject = value !== null && typeof value === 'object';
  const nowNote = change ? (
    <span className="now">
      {' '}
      ({t('now')}: {change.secret ? t('secretChanged') : formatValue(change.after)})
    </span>
  ) : null;
  if (!isObject) {
    return (
      <li className={mark ? 'differs' : undefined} data-path={path}>
        <span className="key">{label}</span>: <code>{formatValue(value)}</code>
        {nowNote}
        {mark ? <span className="visually-hidden"> ({t('differsFromNow')})</span> : null}
      </li>
    );
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>);
  return (
    <li className={mark && change ? 'differs' : undefined} data-path={path}>
      <span className="key">{label}</span>
      {change ? nowNote : null}
      {entries.length === 0 ? <code> {Array.isArray(value) ? '[]' : '{}'}</code> : (
        <ul>
          {entries.map(([k, v]) => (
            <Node key={k} path={`${path}.${k}`} label={k} value={v} differing={differing} t={t} />
          ))}
        </ul>
      )}
    </li>
  );
};

export const ConfigDocument = ({ sections, changes, t }: { sections: readonly SectionView[]; changes: readonly FieldChange[]; t: Translate }) => {
  const differing = differingPaths(changes);
  const present = sections.filter((s) => s.value !== null && s.value !== undefined);
  const absent = sections.filter((s) => s.value === null || s.value === undefined);
  return (
    <div className="config-doc">
      {present.map((s) => (
        <section key={s.name} aria-label={s.name}>
          <h3>{s.name}</h3>
          <ul>
            {typeof s.value === 'object'
              ? Object.entries(s.value as Record<string, unknown>).map(([k, v]) => <Node key={k} path={`${s.name}.${k}`} label={k} value={v} differing={differing} t={t} />)
              : <Node path={s.name} label={s.name} value={s.value} differing={differing} t={t} />}
          </ul>
        </section>
      ))}
      {absent.length > 0 ? (
        <p className="absent">
          {t('notSet')}: {absent.map((s) => <code key={s.name} className={touches(s.name, differing) ? 'differs' : undefined}>{s.name} </code>)}
        </p>
      ) : null}
    </div>
  );
};
