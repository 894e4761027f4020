import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';
import { KurrentDbEventStore } from '../../src/eventstore/kurrentdb/kurrentdbEventStore.js';
import { testEventStore } from '../contract/eventStore.contract.js';

const connectionString = process.env.KURRENTDB_CONNECTION_STRING;
// No KurrentDB server is part of CI: the suite runs where one is configured (see README),
// and is skipped with a reason everywhere else, CI included.
if (!connectionString) {
  console.warn('kurrentdbEventStore.int.test.ts skipped: KURRENTDB_CONNECTION_STRING is not set (see README, "KurrentDB")');
}

describe.skipIf(!connectionString)('kurrentdb', () => {
  testEventStore('kurrentdb', async () => {
    // A fresh namespace per test gives an empty store on a shared server.
    const store = new KurrentDbEventStore({ connectionString: connectionString!, namespace: `t${randomUUID()}-` });
    return { store, cleanup: () => store.close() };
  });
});
