import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent } from '../../src/eventstore/port.js';

/** Sizes chosen so the whole bench stays well under a minute on 2 cores. */
/** The raw baselines write a constant where the adapter computes the chain. */
export const DUMMY_HASH = 'f'.repeat(64);
/** Column list of the adapters' `events` table, shared by both raw baselines. */
export const COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, recorded_at, prev_hash, hash';

export const WORKLOAD = {
  singleAppends: 3000,
  batchAppends: 300,
  batchSize: 10,
  streams: 100,
  readPage: 1000,
  readRounds: 10,
} as const;

/** A settings change roughly as the product records it (~400 bytes of JSON). */
export const sampleEvent = (n: number): NewEvent => ({
  id: randomUUID(),
  type: 'MailboxSignatureChanged',
  data: {
    mailboxId: `mbx-${n % WORKLOAD.streams}`,
    before: { html: '<p>Kind regards,<br>Support</p>', enabled: true },
    after: { html: `<p>よろしくお願いいたします。<br>Support team #${n}</p>`, enabled: true },
    tags: ['signature', 'html'],
  },
  metadata: {
    actorId: 'user-7',
    clientIp: '203.0.113.7',
    correlationId: randomUUID(),
    causationId: null,
    reason: null,
    occurredAt: new Date().toISOString(),
    commandType: 'ChangeMailboxSignature',
  },
});

export type AppendPlan = { streamId: string; events: NewEvent[] }[];

/** Pre-built appends, so event construction is not timed. */
export const appendPlan = (appends: number, size: number): AppendPlan =>
  Array.from({ length: appends }, (_, i) => ({
    streamId: `mailbox-${i % WORKLOAD.streams}`,
    events: Array.from({ length: size }, (_, k) => sampleEvent(i * size + k)),
  }));

export interface Measured {
  readonly ops: number;
  readonly events: number;
  readonly ms: number;
}

export interface ScenarioResult {
  readonly name: string;
  readonly adapter: Measured;
  readonly raw: Measured;
  /** Which rate the ratio compares. */
  readonly unit: 'appends/s' | 'events/s';
  /** Median over rounds of adapter time / raw time for the same work, inverted: adapter speed relative to raw. */
  readonly ratio: number;
}

const ROUNDS = 20;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/**
 * Runs adapter and raw on the same work in alternating rounds (order flipped every
 * round), so drift in load, disk cache or JIT state hits both sides alike, and takes the
 * median of the per-round ratios, so a burst of load from another process on this shared
 * machine skews one round, not the result.
 */
const interleave = async (
  rounds: number,
  adapter: (round: number) => Promise<void>,
  raw: (round: number) => Promise<void>,
): Promise<{ adapterMs: number; rawMs: number; ratio: number }> => {
  let adapterMs = 0;
  let rawMs = 0;
  const ratios: number[] = [];
  const time = async (run: () => Promise<void>) => {
    const started = performance.now();
    await run();
    return performance.now() - started;
  };
  for (let r = 0; r < rounds; r++) {
    let a: number;
    let w: number;
    if (r % 2 === 0) {
      w = await time(() => raw(r));
      a = await time(() => adapter(r));
    } else {
      a = await time(() => adapter(r));
      w = await time(() => raw(r));
    }
    adapterMs += a;
    rawMs += w;
    ratios.push(w / a);
  }
  return { adapterMs, rawMs, ratio: median(ratios) };
};

export const compareAppends = async (
  name: string,
  plan: AppendPlan,
  adapter: (chunk: AppendPlan) => Promise<void>,
  raw: (chunk: AppendPlan) => Promise<void>,
): Promise<ScenarioResult> => {
  const size = Math.ceil(plan.length / ROUNDS);
  const chunk = (r: number) => plan.slice(r * size, (r + 1) * size);
  const t = await interleave(
    ROUNDS,
    (r) => adapter(chunk(r)),
    (r) => raw(chunk(r)),
  );
  const ops = plan.length;
  const events = plan.reduce((n, a) => n + a.events.length, 0);
  return {
    name,
    unit: 'appends/s',
    adapter: { ops, events, ms: t.adapterMs },
    raw: { ops, events, ms: t.rawMs },
    ratio: t.ratio,
  };
};

/** Both sides must hold the same events; each round reads all of them once. */
export const compareReads = async (adapter: () => Promise<number>, raw: () => Promise<number>): Promise<ScenarioResult> => {
  let adapterEvents = 0;
  let rawEvents = 0;
  const t = await interleave(
    WORKLOAD.readRounds,
    async () => {
      adapterEvents += await adapter();
    },
    async () => {
      rawEvents += await raw();
    },
  );
  if (adapterEvents !== rawEvents) throw new Error(`Read ${adapterEvents} events via the adapter but ${rawEvents} raw`);
  return {
    name: 'readAll',
    unit: 'events/s',
    adapter: { ops: WORKLOAD.readRounds, events: adapterEvents, ms: t.adapterMs },
    raw: { ops: WORKLOAD.readRounds, events: rawEvents, ms: t.rawMs },
    ratio: t.ratio,
  };
};

/**
 * Appends the way handleCommand does: with the stream's revision as expected revision.
 * `revisions` carries them across chunks.
 */
export const adapterAppender = (store: EventStore) => {
  const revisions = new Map<string, number>();
  return async (plan: AppendPlan) => {
    for (const { streamId, events } of plan) {
      const current = revisions.get(streamId);
      const r = await store.appendToStream(streamId, events, { expectedRevision: current ?? 'no_stream' });
      revisions.set(streamId, r.nextExpectedRevision);
    }
  };
};

export const readAllWithAdapter = async (store: EventStore): Promise<number> => {
  let from = 1;
  let count = 0;
  for (;;) {
    const page = await store.readAll({ fromPosition: from, max: WORKLOAD.readPage });
    if (page.length === 0) return count;
    count += page.length;
    from = page[page.length - 1]!.position + 1;
  }
};

/**
 * The three scenarios every store runs, adapter against raw driver: warm-up, single-event
 * appends, batch appends, then readAll of everything both sides hold.
 */
export const runScenarios = async (
  store: EventStore,
  raw: { append(streamId: string, events: NewEvent[]): unknown; readAll(): number | Promise<number> },
): Promise<ScenarioResult[]> => {
  const append = adapterAppender(store);
  const rawAppend = async (plan: AppendPlan) => {
    for (const a of plan) {
      // The SQLite driver is synchronous: awaiting its result would add a turn the raw side does not pay.
      const done = raw.append(a.streamId, a.events);
      if (done instanceof Promise) await done;
    }
  };
  await append(appendPlan(100, 1));
  await rawAppend(appendPlan(100, 1));
  return [
    await compareAppends('append 1 event', appendPlan(WORKLOAD.singleAppends, 1), append, rawAppend),
    await compareAppends(`append ${WORKLOAD.batchSize} events`, appendPlan(WORKLOAD.batchAppends, WORKLOAD.batchSize), append, rawAppend),
    await compareReads(
      () => readAllWithAdapter(store),
      async () => raw.readAll(),
    ),
  ];
};

const rate = (m: Measured, unit: ScenarioResult['unit']) => ((unit === 'appends/s' ? m.ops : m.events) / m.ms) * 1000;

export const printResults = (store: string, results: readonly ScenarioResult[]): void => {
  for (const r of results) {
    const a = rate(r.adapter, r.unit);
    const w = rate(r.raw, r.unit);
    console.log(
      `${store.padEnd(9)} ${r.name.padEnd(17)} adapter ${a.toFixed(0).padStart(7)} ${r.unit.padEnd(9)}` +
        `  raw ${w.toFixed(0).padStart(7)} ${r.unit.padEnd(9)}  adapter/raw ${(r.ratio * 100).toFixed(0).padStart(3)}%`,
    );
  }
};
