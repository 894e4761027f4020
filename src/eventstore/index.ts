import { MemoryEventStore } from './memory/memoryEventStore.js';
import { KurrentDbEventStore } from './kurrentdb/kurrentdbEventStore.js';
import type { EventStore } from './port.js';
import { PostgresEventStore } from './postgres/postgresEventStore.js';
import { SqliteEventStore } from './sqlite/sqliteEventStore.js';

export type * from './port.js';
export { decideCommand, handleCommand, type DecidedCommand } from './handleCommand.js';
export { activeDryRun, planDryRun, DryRunPlan, type DryRunOutcome, type PlannedEvent } from './dryRun.js';
export { KurrentDbEventStore, type KurrentDbEventStoreOptions } from './kurrentdb/kurrentdbEventStore.js';
export { MemoryEventStore } from './memory/memoryEventStore.js';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgresEventStore.js';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqliteEventStore.js';

export type EventStoreConfig =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly connectionString: string }
  | { readonly kind: 'kurrentdb'; readonly connectionString: string }
  | { readonly kind: 'memory' };

/** The one place that knows which adapters exist; the server picks one from its config. */
export const createEventStore = async (config: EventStoreConfig): Promise<EventStore> => {
  switch (config.kind) {
    case 'sqlite':
      return new SqliteEventStore({ path: config.path });
    case 'postgres':
      return PostgresEventStore.create({ connectionString: config.connectionString });
    case 'kurrentdb':
      return new KurrentDbEventStore({ connectionString: config.connectionString });
    case 'memory':
      return new MemoryEventStore();
    default: {
      const unknownKind: never = config;
      throw new Error(`Unknown event store kind: ${JSON.stringify((unknownKind as { kind: unknown }).kind)}`);
    }
  }
};
