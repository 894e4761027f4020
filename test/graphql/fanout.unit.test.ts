import { describe, expect, it } from 'vitest';
import { MailroomError } from '../../src/domain/shared/errors.js';
import { deliveredPayload, Fanout, SubscriptionEnded } from '../../src/graphql/subscriptions/fanout.js';

const take = async <T>(it: AsyncIterator<T>, n: number): Promise<T[]> => {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push((await it.next()).value as T);
  return out;
};

const turn = () => new Promise<void>((r) => setImmediate(r));

describe('Fanout', () => {
  it('given no subscriber of a topic, when an event is published, then no payload is built', async () => {
    const fanout = new Fanout<string>();
    let built = 0;
    await fanout.publish('mailbox:1', () => String(++built));
    expect(built).toBe(0);
    expect(fanout.payloadsBuilt).toBe(0);
  });

  it('given 100 subscribers, when 3 events are published, then 3 payloads are built and every subscriber gets the same objects in order', async () => {
    const fanout = new Fanout<{ n: number }>({ sliceSize: 7 });
    const subs = Array.from({ length: 100 }, () => fanout.listen('mailbox:1', { maxQueued: 10, onStalled: () => {} }));
    const other = fanout.listen('mailbox:2', { maxQueued: 10, onStalled: () => {} });
    const payloads: { n: number }[] = [];
    for (let n = 0; n < 3; n++) await fanout.publish('mailbox:1', () => (payloads.push({ n }), payloads[n]!));
    expect(fanout.payloadsBuilt).toBe(3);
    for (const s of subs) {
      const got = await take(s, 3);
      got.forEach((p, i) => expect(p).toBe(payloads[i]));
    }
    for (const s of subs) {
      const again = await Promise.race([s.next(), turn().then(() => 'nothing')]);
      expect(again).toBe('nothing');
    }
    expect(await Promise.race([other.next(), turn().then(() => 'nothing')])).toBe('nothing');
  });

  it('given slices of 10, when one event goes to 50 subscribers, then they are woken over several turns of the event loop', async () => {
    const fanout = new Fanout<number>({ sliceSize: 10 });
    let woken = 0;
    const subs = Array.from({ length: 50 }, () => fanout.listen('t', { maxQueued: 5, onStalled: () => {} }));
    for (const s of subs) void s.next().then(() => (woken += 1));
    await fanout.publish('t', () => 1);
    await turn();
    // One slice per turn: other I/O gets the loop in between.
    expect(woken).toBe(10);
    for (let i = 0; i < 10; i++) await turn();
    expect(woken).toBe(50);
  });

  it('given a subscriber that never reads, when more than its queue holds is published, then it is detached and reported, and a reading one gets everything', async () => {
    const fanout = new Fanout<number>();
    const stalls: string[] = [];
    let ended = 0;
    fanout.listen('t', { maxQueued: 2, onStalled: (why) => stalls.push(why), onEnd: () => (ended += 1) });
    const reader = fanout.listen('t', { maxQueued: 2, onStalled: () => stalls.push('reader') });
    const got: number[] = [];
    for (let n = 0; n < 5; n++) {
      await fanout.publish('t', () => n);
      got.push(...(await take(reader, 1)).map(deliveredPayload));
    }
    expect(stalls).toEqual(['2 events queued']);
    expect(ended).toBe(1);
    expect(got).toEqual([0, 1, 2, 3, 4]);
    expect(fanout.subscriberCount).toBe(1);
  });

  it('given a congested transport, when an event cannot be handed over at once, then the subscriber is reported stalled', async () => {
    const fanout = new Fanout<number>();
    const stalls: string[] = [];
    fanout.listen('t', { maxQueued: 100, congested: () => true, onStalled: (why) => stalls.push(why) });
    await fanout.publish('t', () => 1);
    await turn();
    expect(stalls).toEqual(['its connection stopped reading']);
  });

  it('given a subscription finished with a reason, then it delivers the reason once and completes, and its payload throws the coded error', async () => {
    const fanout = new Fanout<number>();
    const sub = fanout.listen('t', { maxQueued: 5, onStalled: () => {} });
    await fanout.publish('t', () => 1);
    await turn();
    sub.finish(new SubscriptionEnded(new MailroomError('FORBIDDEN', 'Subscription ended: no longer an auditor')));
    await fanout.publish('t', () => 2);
    await turn();
    const [first, reason] = await take(sub, 2);
    expect(deliveredPayload(first!)).toBe(1);
    expect(() => deliveredPayload(reason!)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(await sub.next()).toEqual({ value: undefined, done: true });
    expect(fanout.subscriberCount).toBe(0);
  });
});
