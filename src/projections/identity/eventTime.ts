import type { RecordedEvent } from '../../eventstore/port.js';

/**
 * When the command was decided (`metadata.occurredAt`, set by handleCommand from the
 * command clock), falling back to the store's `recordedAt` for events appended by other
 * means. Read models show business time, so a replay yields the same timestamps.
 */
export const eventTime = (event: RecordedEvent): string => {
  const occurredAt = event.metadata['occurredAt'];
  return typeof occurredAt === 'string' ? occurredAt : event.recordedAt.toISOString();
};
