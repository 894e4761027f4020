import { MemoryEventStore } from '../../src/eventstore/memory/memoryEventStore.js';
import { testEventStore } from '../contract/eventStore.contract.js';

testEventStore('memory', async () => {
  const store = new MemoryEventStore();
  return { store, cleanup: () => store.close() };
});
