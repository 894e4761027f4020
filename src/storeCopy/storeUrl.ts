import { basename, dirname, join, resolve } from 'node:path';
import { sqliteReadModelPath } from '../db/database.js';
import { validationError } from '../domain/shared/errors.js';

/** Where an event store lives, from a `--from`/`--to` URL of `mailroom store copy`. */
export type StoreLocation =
  | { readonly kind: 'sqlite'; readonly eventsPath: string; readonly dataDir: string }
  | { readonly kind: 'postgres'; readonly connectionString: string }
  | { readonly kind: 'kurrentdb'; readonly connectionString: string };

/** The schemes the server's own config accepts for KurrentDB (see config.ts). */
const KURRENT = /^(kurrentdb|kdb|esdb|eventstore)(\+discover)?:\/\//i;
const POSTGRES = /^postgres(ql)?:\/\//i;

/**
 * - `sqlite:<path>`: a data dir (the store is `<dir>/events.sqlite`) or, when the last path
 *   segment ends in `.sqlite`, the event store file itself. `sqlite://<path>` works too,
 *   so `sqlite:///var/lib/mailroom` is an absolute path.
 * - `postgres://…`, `postgresql://…`: a libpq-style URL (`?options=-c search_path=…` picks a schema).
 * - `kurrentdb://…`, `esdb://…` (also `kdb`, `eventstore`, `+discover`): a KurrentDB connection string.
 */
export const parseStoreUrl = (url: string, field = 'url'): StoreLocation => {
  const value = url.trim();
  if (/^sqlite:/i.test(value)) {
    const raw = value.slice('sqlite:'.length).replace(/^\/\//, '');
    if (raw === '') throw validationError([field], `Expected a path after "sqlite:", e.g. sqlite:./data or sqlite:./data/events.sqlite`);
    const path = resolve(raw);
    return basename(path).endsWith('.sqlite')
      ? { kind: 'sqlite', eventsPath: path, dataDir: dirname(path) }
      : { kind: 'sqlite', eventsPath: join(path, 'events.sqlite'), dataDir: path };
  }
  if (POSTGRES.test(value)) {
    assertUrl(value, field);
    return { kind: 'postgres', connectionString: value };
  }
  if (KURRENT.test(value)) return { kind: 'kurrentdb', connectionString: value };
  throw validationError(
    [field],
    `Expected a store URL starting with sqlite:, postgres://, postgresql://, kurrentdb:// or esdb://, got ${JSON.stringify(redactUrl(value))}`,
  );
};

const assertUrl = (value: string, field: string): void => {
  try {
    new URL(value);
  } catch {
    throw validationError([field], `Expected a valid PostgreSQL URL, got ${JSON.stringify(redactUrl(value))}`);
  }
};

/** The URL without its password (userinfo, or libpq's `password=` parameter), for messages and logs. */
export const redactUrl = (value: string): string =>
  value.replace(/^([a-z+]+:\/\/[^:/@]*):[^@/]*@/i, '$1:***@').replace(/([?&]password=)[^&#]*/gi, '$1***');

/** How a location is shown to the operator (never with a password). */
export const describeLocation = (location: StoreLocation): string =>
  location.kind === 'sqlite' ? `sqlite:${location.eventsPath}` : redactUrl(location.connectionString);

/** Two locations naming the same store: copying onto itself would read what it writes. */
export const sameStore = (a: StoreLocation, b: StoreLocation): boolean =>
  a.kind === 'sqlite' && b.kind === 'sqlite'
    ? a.eventsPath === b.eventsPath
    : a.kind === b.kind && a.kind !== 'sqlite' && b.kind !== 'sqlite' && a.connectionString === b.connectionString;

/**
 * The read-model database beside a store, where the vault's data keys live: the data dir's
 * file for SQLite, the same database for PostgreSQL. KurrentDB keeps no read models, so
 * its side needs an explicit PostgreSQL URL (the server's DATABASE_URL).
 */
export type ReadModelLocation = { readonly kind: 'sqlite'; readonly path: string } | { readonly kind: 'postgres'; readonly connectionString: string };

export const readModelLocation = (location: StoreLocation, explicitUrl: string | undefined, field: string): ReadModelLocation => {
  if (explicitUrl !== undefined) {
    if (!POSTGRES.test(explicitUrl)) {
      throw validationError([field], `Expected the read-model database as a postgres:// URL, got ${JSON.stringify(redactUrl(explicitUrl))}`);
    }
    return { kind: 'postgres', connectionString: explicitUrl };
  }
  switch (location.kind) {
    case 'sqlite':
      return { kind: 'sqlite', path: sqliteReadModelPath(location.dataDir) };
    case 'postgres':
      return { kind: 'postgres', connectionString: location.connectionString };
    case 'kurrentdb':
      throw validationError(
        [field],
        `A KurrentDB store keeps its read models (and the vault's data keys) in PostgreSQL: pass ${field} <postgres URL> (the server's DATABASE_URL)`,
      );
  }
};
