import { describe, expect, it } from 'vitest';
import { importRuns } from '../../src/eventstore/kurrentdb/kurrentdbMapping.js';
import { MemoryEventStore } from '../../src/eventstore/memory/memoryEventStore.js';
import { events } from '../contract/eventStoreFixtures.js';

describe('KurrentDB import runs', () => {
  it('splits an import into runs of one stream, in position order, so $all order stays position order', async () => {
    const source = new MemoryEventStore();
    await source.appendToStream('a', events(2));
    await source.appendToStream('b', events(1));
    await source.appendToStream('a', events(3));
    await source.appendToStream('a', events(1));
    const all = await source.readAll();
    const runs = importRuns(all);
    expect(runs.map((r) => [r[0]!.streamId, r.map((e) => e.position)])).toEqual([
      ['a', [1, 2]],
      ['b', [3]],
      ['a', [4, 5, 6, 7]],
    ]);
    expect(runs.flat()).toEqual(all);
    expect(importRuns([])).toEqual([]);
  });
});
