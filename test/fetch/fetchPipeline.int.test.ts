/**
 * Pipelined download and group commit (FetchLimits.storeGroupBytes): against a real
 * Dovecot and the real message store, observed through a store wrapper that records what
 * each group commit was handed — the messages a run holds downloaded but not yet stored.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FetchAccountConfig } from '../../src/mail/fetch/fetchTypes.js';
import type { MessageStore, NewMessage } from '../../src/mail/messageStore/messageStore.js';
import { dovecotAvailable, startDovecot, type Dovecot } from '../support/dovecot.js';
import { accountFor, makeMessage, openFetchWorld, type FetchWorld } from './fetchHarness.js';

const dovecotOk = dovecotAvailable();
const PASSWORD = 'pipeline-secret';
const USERS = ['groups-imap', 'groups-pop3', 'abort-pop3', 'mixed-imap', 'mixed-pop3'];
const GROUP_BYTES = 32 * 1024;
const isSeen = (file: string) => /:2,[A-Z]*S/.test(file);

interface Commit {
  readonly bytes: number;
  readonly subjects: readonly (string | null)[];
}

/** The real store; each insertMany call is recorded before it runs. */
const recording = (store: MessageStore, commits: Commit[]): MessageStore => ({
  ...store,
  insertMany: (messages: readonly NewMessage[]) => {
    commits.push({ bytes: messages.reduce((sum, m) => sum + m.raw.byteLength, 0), subjects: messages.map((m) => m.subject) });
    return store.insertMany(messages);
  },
});

describe.runIf(dovecotOk)('pipelined fetch with group commit', () => {
  let dovecot: Dovecot;
  let world: FetchWorld;
  beforeAll(async () => {
    dovecot = await startDovecot({ users: USERS.map((name) => ({ name, password: PASSWORD })) });
  });
  afterAll(async () => {
    await dovecot?.stop();
  });
  afterEach(async () => {
    await world?.cleanup();
  });

  const account = (protocol: 'IMAP' | 'POP3', user: string): FetchAccountConfig =>
    accountFor(dovecot, { protocol, encryption: 'NONE', user, password: PASSWORD });

  it.each([
    ['IMAP', 'groups-imap'],
    ['POP3', 'groups-pop3'],
  ] as const)('%s: never holds more than one group of storeGroupBytes; stores in server order; marks all', async (protocol, user) => {
    world = await openFetchWorld('sqlite');
    const subjects = Array.from({ length: 40 }, (_, i) => `pipelined ${String(i).padStart(2, '0')}`);
    for (const subject of subjects) dovecot.deliver(user, makeMessage(subject, { bodyBytes: 6000 }));
    const commits: Commit[] = [];
    const config = account(protocol, user);

    const report = await world.run(config, { store: recording(world.store, commits), limits: { storeGroupBytes: GROUP_BYTES } });
    expect(report).toMatchObject({ error: null, imported: 40 });
    // Grouped (fewer commits than messages), and no group above the bound.
    expect(commits.length).toBeGreaterThan(1);
    expect(commits.length).toBeLessThan(40);
    for (const commit of commits) expect(commit.bytes).toBeLessThanOrEqual(GROUP_BYTES);
    // Committed in the order the server listed them, each once.
    const stored = await Promise.all(report.importedIds.map((id) => world.store.get(id)));
    expect(commits.flatMap((c) => c.subjects)).toEqual(stored.map((m) => m?.subject));
    expect(stored.map((m) => m?.subject).sort()).toEqual(subjects);
    if (protocol === 'IMAP') {
      const uids = stored.map((m) => Number(m!.sourceKey.split(':')[2]));
      expect(uids).toEqual([...uids].sort((a, b) => a - b));
      expect(dovecot.messageFiles(user).every(isSeen)).toBe(true);
    } else {
      expect(dovecot.messageFiles(user)).toEqual([]);
    }

    expect(await world.run(config)).toMatchObject({ error: null, imported: 0, recovered: 0 });
    expect(await world.store.count(1)).toBe(40);
  });

  it.each([
    ['IMAP', 'mixed-imap'],
    ['POP3', 'mixed-pop3'],
  ] as const)('%s: a message larger than a group is committed on its own, the small ones around it in groups', async (protocol, user) => {
    world = await openFetchWorld('sqlite');
    const sizes = [2000, 2000, 3 * GROUP_BYTES, 2000, 2000];
    sizes.forEach((bodyBytes, i) => dovecot.deliver(user, makeMessage(`mixed ${i}`, { bodyBytes })));
    const commits: Commit[] = [];
    const report = await world.run(account(protocol, user), { store: recording(world.store, commits), limits: { storeGroupBytes: GROUP_BYTES } });
    expect(report).toMatchObject({ error: null, imported: 5 });
    // Dovecot numbers maildir files in its own order, so only the shape is fixed.
    expect(commits.find((c) => c.subjects.includes('mixed 2'))?.subjects).toEqual(['mixed 2']);
    expect(commits.length).toBeLessThan(5);
    expect(commits.flatMap((c) => c.subjects).sort()).toEqual(['mixed 0', 'mixed 1', 'mixed 2', 'mixed 3', 'mixed 4']);
    for (const commit of commits) if (commit.subjects.length > 1) expect(commit.bytes).toBeLessThanOrEqual(GROUP_BYTES);
  });

  it('POP3: an abort while RETRs are on the wire stops promptly, deletes nothing, and the next run takes each message once', async () => {
    world = await openFetchWorld('sqlite');
    for (let i = 0; i < 12; i++) dovecot.deliver('abort-pop3', makeMessage(`abort ${i}`, { bodyBytes: 4000 }));
    const pop3 = account('POP3', 'abort-pop3');
    const controller = new AbortController();
    let stores = 0;
    const aborted = await world.run(pop3, {
      signal: controller.signal,
      limits: { storeGroupMessages: 3 },
      faults: {
        afterStore: () => {
          if (++stores === 3) controller.abort();
        },
      },
    });
    expect(aborted.error?.code).toBe('ABORTED');
    expect(aborted.imported).toBe(3);
    // Dropped without QUIT: the server discards the session's DELEs (RFC 1939 §6).
    expect(aborted.deletedOnServer).toBe(0);
    expect(dovecot.messageFiles('abort-pop3')).toHaveLength(12);

    const next = await world.run(pop3);
    expect(next).toMatchObject({ error: null, imported: 9, recovered: 3, deletedOnServer: 12 });
    expect(await world.store.count(1)).toBe(12);
    expect(dovecot.messageFiles('abort-pop3')).toEqual([]);
  });
});
