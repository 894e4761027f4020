import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dovecotAvailable, startDovecot, type Dovecot } from '../support/dovecot.js';
import { readModelKinds } from '../db/readModelDbs.js';
import { accountFor, makeMessage, openFetchWorld, type FetchWorld } from './fetchHarness.js';

const dovecotOk = dovecotAvailable();
const kinds = await readModelKinds();
const PASSWORD = 'imap-secret';
const USERS = ['plain', 'starttls', 'tls', 'big', 'crash-sqlite', 'crash-postgres', 'renumber', 'abort'];

const isSeen = (file: string) => /:2,[A-Z]*S/.test(file);

describe.runIf(dovecotOk)('IMAP fetch against Dovecot', () => {
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

  it.each([
    ['NONE', 'plain'],
    ['STARTTLS', 'starttls'],
    ['SSL_TLS', 'tls'],
  ] as const)('over %s takes only UNSEEN messages of INBOX, marks them \\Seen, and a second run takes nothing', async (encryption, user) => {
    world = await openFetchWorld('sqlite');
    for (let i = 0; i < 3; i++) dovecot.deliver(user, makeMessage(`unseen ${i}`, { bodyBytes: 4000 }));
    dovecot.deliver(user, makeMessage('already seen'), { seen: true });
    dovecot.deliver(user, makeMessage('archived'), { folder: 'Archive' });
    const account = accountFor(dovecot, { protocol: 'IMAP', encryption, user, password: PASSWORD });

    const first = await world.run(account);
    expect(first.error).toBeNull();
    expect(first).toMatchObject({ imported: 3, serverMessages: 4, skippedTooLarge: [], recovered: 0 });
    const stored = await world.store.list(1);
    expect(stored.map((m) => m.subject).sort()).toEqual(['unseen 0', 'unseen 1', 'unseen 2']);
    expect(stored.every((m) => m.sourceKey.startsWith('imap:') && m.dateHeader === 'Fri, 27 Nov 2026 09:00:00 +0900')).toBe(true);
    const raw = Buffer.from((await world.store.readRaw(stored[0]!.id))!).toString();
    expect(raw).toContain('\r\n.a line that starts with a dot\r\n');
    expect(dovecot.messageFiles(user).every(isSeen)).toBe(true);
    expect(dovecot.messageFiles(user, 'Archive').some(isSeen)).toBe(false);

    const second = await world.run(account);
    expect(second).toMatchObject({ error: null, imported: 0, recovered: 0 });
    expect(await world.store.count(1)).toBe(3);
  });

  it('skips a 26 MB message without downloading it, reports it once, and leaves it unseen', async () => {
    world = await openFetchWorld('sqlite');
    dovecot.deliver('big', makeMessage('small before'));
    dovecot.deliver('big', makeMessage('huge', { bodyBytes: 26 * 1024 * 1024 }));
    dovecot.deliver('big', makeMessage('small after'));
    const account = accountFor(dovecot, { protocol: 'IMAP', encryption: 'SSL_TLS', user: 'big', password: PASSWORD });

    const first = await world.run(account);
    expect(first.error).toBeNull();
    expect(first.imported).toBe(2);
    expect(first.skippedTooLarge).toHaveLength(1);
    expect(first.skippedTooLarge[0]!.size).toBeGreaterThan(26 * 1024 * 1024);
    expect(first.bytesRead).toBeLessThan(64 * 1024);
    expect(dovecot.messageFiles('big').filter((f) => !isSeen(f))).toHaveLength(1);

    const second = await world.run(account);
    expect(second).toMatchObject({ imported: 0, skippedTooLarge: [], tooLargeStillOnServer: 1 });
    expect(second.bytesRead).toBeLessThan(64 * 1024);
  });

  it.each(kinds)('crash between a group commit and its \\Seen STORE: the restart imports each message exactly once (%s)', async (kind) => {
    world = await openFetchWorld(kind);
    const user = `crash-${kind}`;
    for (let i = 0; i < 5; i++) dovecot.deliver(user, makeMessage(`crash ${i}`));
    const account = accountFor(dovecot, { protocol: 'IMAP', encryption: 'NONE', user, password: PASSWORD });

    let stores = 0;
    const crashed = await world.run(account, {
      // Groups {0,1}, {2,3}, {4}: the crash comes after the second group committed.
      limits: { storeGroupMessages: 2 },
      faults: {
        afterStore: () => {
          if (++stores === 3) throw new Error('simulated crash after the second group commit');
        },
      },
    });
    expect(crashed.error?.code).toBe('INTERNAL');
    expect(crashed.imported).toBe(4);
    expect(await world.store.count(1)).toBe(4);
    // The crash came before any \Seen was set.
    expect(dovecot.messageFiles(user).some(isSeen)).toBe(false);

    const restarted = await world.run(account);
    expect(restarted).toMatchObject({ error: null, imported: 1, recovered: 4 });
    expect(restarted.bytesRead).toBeLessThan(crashed.bytesRead);
    const subjects = (await world.store.list(1)).map((m) => m.subject).sort();
    expect(subjects).toEqual(['crash 0', 'crash 1', 'crash 2', 'crash 3', 'crash 4']);
    expect(dovecot.messageFiles(user).every(isSeen)).toBe(true);
  });

  it('UIDVALIDITY change: says so, and a message stored but left unseen by a crash is not imported again', async () => {
    world = await openFetchWorld('sqlite');
    dovecot.deliver('renumber', makeMessage('before the change'));
    const account = accountFor(dovecot, { protocol: 'IMAP', encryption: 'NONE', user: 'renumber', password: PASSWORD });
    const crashed = await world.run(account, {
      faults: {
        afterStore: () => {
          throw new Error('crash');
        },
      },
    });
    expect(crashed.imported).toBe(1);
    const config = join(dovecot.dir, 'dovecot.conf');
    execFileSync('doveadm', ['-c', config, 'mailbox', 'update', '-u', 'renumber', '--uid-validity', '4242', 'INBOX']);
    dovecot.deliver('renumber', makeMessage('after the change'));

    const after = await world.run(account);
    expect(after.error).toBeNull();
    expect(after.uidValidityChanged).toEqual({ from: expect.any(String), to: '4242' });
    expect(after).toMatchObject({ imported: 1, recovered: 1 });
    expect((await world.store.list(1)).map((m) => m.subject).sort()).toEqual(['after the change', 'before the change']);
    expect(dovecot.messageFiles('renumber').every(isSeen)).toBe(true);
    expect((await world.run(account)).uidValidityChanged).toBeNull();
  });

  it('stops between messages when aborted and reports ABORTED with what it took', async () => {
    world = await openFetchWorld('sqlite');
    for (let i = 0; i < 3; i++) dovecot.deliver('abort', makeMessage(`abort ${i}`));
    const account = accountFor(dovecot, { protocol: 'IMAP', encryption: 'NONE', user: 'abort', password: PASSWORD });
    const controller = new AbortController();
    const report = await world.run(account, {
      signal: controller.signal,
      limits: { storeGroupMessages: 1 },
      faults: { afterStore: () => controller.abort() },
    });
    expect(report.error?.code).toBe('ABORTED');
    expect(report.imported).toBe(1);
    expect(await world.store.count(1)).toBe(1);

    // Aborted mid-group: the committed group stays, the rest is taken by the next run, once.
    dovecot.deliver('abort', makeMessage('abort 3'));
    const second = new AbortController();
    const grouped = await world.run(account, { signal: second.signal, faults: { afterStore: () => second.abort() } });
    expect(grouped.error?.code).toBe('ABORTED');
    expect(await world.store.count(1)).toBe(1 + grouped.imported);
    const last = await world.run(account);
    expect(last).toMatchObject({ error: null });
    expect(await world.store.count(1)).toBe(4);
    expect(dovecot.messageFiles('abort').every(isSeen)).toBe(true);
  });
});
