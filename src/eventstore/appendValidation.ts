import { validationError } from '../domain/shared/errors.js';
import type { ExpectedRevision, NewEvent, StreamAppend } from './port.js';

/**
 * Lowercase only: PostgreSQL gives uuids back in lowercase, and the id is part of the
 * hashed content, so an uppercase id would read back different from what was hashed.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Checks every adapter runs before touching storage, so all of them refuse the same input
 * with the same VALIDATION error (PostgreSQL would otherwise fail on a non-UUID id with a
 * driver error while SQLite and memory accepted it).
 */
export const assertAppendable = (
  streamId: string,
  events: readonly NewEvent[],
  expectedRevision: ExpectedRevision,
): void => {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    throw validationError(['streamId'], `Expected a non-empty stream id, got ${JSON.stringify(streamId)}`);
  }
  if (events.length === 0) throw validationError(['events'], 'Expected at least one event to append, got none');
  const ids = new Set<string>();
  events.forEach((e, i) => {
    if (typeof e.id !== 'string' || !UUID.test(e.id)) {
      throw validationError(['events', String(i), 'id'], `Expected a lowercase UUID event id, got ${JSON.stringify(e.id)}`);
    }
    if (ids.has(e.id)) throw validationError(['events', String(i), 'id'], `Event id ${e.id} appears twice in one append`);
    ids.add(e.id);
    if (typeof e.type !== 'string' || e.type.length === 0) {
      throw validationError(['events', String(i), 'type'], `Expected a non-empty event type, got ${JSON.stringify(e.type)}`);
    }
  });
  if (
    typeof expectedRevision === 'number' &&
    (!Number.isSafeInteger(expectedRevision) || expectedRevision < -1)
  ) {
    throw validationError(['expectedRevision'], `Expected an integer revision >= -1, got ${expectedRevision}`);
  }
};

/**
 * An id already stored with other events. Re-appending a stored batch unchanged is an
 * idempotent no-op; reusing an id for new content would make that ambiguous.
 */
export const foreignEventIdError = (eventId: string) =>
  validationError(['events'], `Event id ${eventId} is already stored with other events; event ids must be unique`);

/** A multi-stream append: at least one part, each stream once, ids unique across parts, each part appendable. */
export const assertAppendableMany = (appends: readonly StreamAppend[]): void => {
  if (appends.length === 0) throw validationError(['appends'], 'Expected at least one stream to append to, got none');
  const streams = new Set<string>();
  const ids = new Set<string>();
  appends.forEach((a, i) => {
    assertAppendable(a.streamId, a.events, a.expectedRevision ?? 'any');
    if (streams.has(a.streamId)) throw validationError(['appends', String(i), 'streamId'], `Stream ${a.streamId} appears twice in one multi-stream append`);
    streams.add(a.streamId);
    for (const e of a.events) {
      if (ids.has(e.id)) throw validationError(['appends', String(i), 'events'], `Event id ${e.id} appears twice in one multi-stream append`);
      ids.add(e.id);
    }
  });
};
