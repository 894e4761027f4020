import type { DomainEvent } from '../domain/shared/decider.js';
import type { RecordedEvent } from './port.js';

/**
 * Recorded events read back as the domain events of their stream. A store keeps what a
 * decider appended, type and data verbatim, so which union an event belongs to is known from
 * where it was read: its stream (every stream belongs to one decider) or the event types a
 * projection subscribed to. These two helpers are the one place that claim is written; they
 * narrow only to a `DomainEvent` union, and keep the store's fields (position, metadata, …).
 */
export const eventAs = <E extends DomainEvent>(event: RecordedEvent): RecordedEvent & E => event as RecordedEvent & E;

/** The events of one stream as its decider's union, e.g. to `fold` them with its `evolve`. */
export const eventsAs = <E extends DomainEvent>(events: readonly RecordedEvent[]): (RecordedEvent & E)[] => events as (RecordedEvent & E)[];
