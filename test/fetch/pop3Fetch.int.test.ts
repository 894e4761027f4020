import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FetchEncryption } from '../../src/mail/fetch/fetchTypes.js';
import { readModelKinds } from '../db/readModelDbs.js';
import { dovecotAvailable, startDovecot, type Dovecot } from '../support/dovecot.js';
import { accountFor, makeMessage, openFetchWorld, type FetchWorld } from './fetchHarness.js';

const dovecotOk = dovecotAvailable();
const kinds = await readModelKinds();
const PASSWORD = 'pop-secret';
const LEAVE_CASES = [
  ['POP3', 'NONE'],
  ['POP3', 'STARTTLS'],
  ['APOP', 'SSL_TLS'],
  ['APOP', 'STARTTLS'],
] as const;
const USERS = [
  ...LEAVE_CASES.map(([p, e]) => `leave-${p}-${e}`.toLowerCase()),
  'delete-pop3',
  'delete-apop',
  'dupes',
  'renumbered',
  'limit',
  'big',
  'boundary',
  ...kinds.map((k) => `crash-delete-${k}`),
  'crash-leave',
];

describe.runIf(dovecotOk)('POP3 and APOP fetch against Dovecot', () => {
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

  const pop = (user: string, options: { protocol?: 'POP3' | 'APOP'; encryption?: FetchEncryption; leaveOnServer?: boolean; deleteDuplicates?: boolean } = {}) =>
    accountFor(dovecot, { protocol: 'POP3', encryption: 'NONE', user, password: PASSWORD, ...options });

  it.each(LEAVE_CASES)('%s over %s with leave-on-server remembers UIDLs: a second run imports nothing, a mailbox reset does not bring old mail back', async (protocol, encryption) => {
    world = await openFetchWorld('sqlite');
    const user = `leave-${protocol}-${encryption}`.toLowerCase();
    for (let i = 0; i < 3; i++) dovecot.deliver(user, makeMessage(`kept ${i}`, { bodyBytes: 3000 }));
    const account = pop(user, { protocol, encryption, leaveOnServer: true });

    const first = await world.run(account);
    expect(first.error).toBeNull();
    expect(first).toMatchObject({ imported: 3, deletedOnServer: 0, serverMessages: 3 });
    expect(dovecot.messageFiles(user)).toHaveLength(3);
    expect((await world.store.list(1)).every((m) => m.sourceKey.startsWith('uidl:'))).toBe(true);

    expect(await world.run(account)).toMatchObject({ error: null, imported: 0 });
    dovecot.deliver(user, makeMessage('new one'));
    expect(await world.run(account)).toMatchObject({ error: null, imported: 1 });

    await world.store.deleteMailbox(1);
    expect(await world.run(account)).toMatchObject({ error: null, imported: 0, serverMessages: 4 });
    expect(await world.store.count(1)).toBe(0);
  });

  it.each(['POP3', 'APOP'] as const)('%s without leave-on-server deletes each message after storing it; the server ends empty', async (protocol) => {
    world = await openFetchWorld('sqlite');
    const user = `delete-${protocol.toLowerCase()}`;
    for (let i = 0; i < 3; i++) dovecot.deliver(user, makeMessage(`taken ${i}`));
    const account = pop(user, { protocol, encryption: 'STARTTLS' });

    const report = await world.run(account);
    expect(report).toMatchObject({ error: null, imported: 3, deletedOnServer: 3 });
    expect(dovecot.messageFiles(user)).toEqual([]);
    expect(await world.run(account)).toMatchObject({ error: null, imported: 0, serverMessages: 0 });
    expect(await world.store.count(1)).toBe(3);
  });

  it('delete-duplicates: the same mail under another UIDL (same bytes, or same Message-ID and Date) is not imported', async () => {
    world = await openFetchWorld('sqlite');
    const original = makeMessage('original', { messageId: '<dup@example.com>' });
    dovecot.deliver('dupes', original);
    dovecot.deliver('dupes', original);
    dovecot.deliver('dupes', `Received: from relay2 by mx; Fri, 27 Nov 2026 00:01:00 +0000\r\n${original}`);
    // A sender that reuses one Message-ID for different mails: another Date, so another mail.
    dovecot.deliver('dupes', makeMessage('reused id', { messageId: '<dup@example.com>', date: 'Sat, 28 Nov 2026 10:00:00 +0900' }));

    const deduplicating = await world.run(pop('dupes', { leaveOnServer: true, deleteDuplicates: true }));
    expect(deduplicating.error).toBeNull();
    expect(deduplicating.imported).toBe(2);
    expect(deduplicating.duplicatesDeleted).toHaveLength(2);
    expect(new Set(deduplicating.duplicatesDeleted.map((d) => d.duplicateOf)).size).toBe(1);
    expect(dovecot.messageFiles('dupes')).toHaveLength(4);

    const plain = await world.run({ ...pop('dupes', { leaveOnServer: true }), accountId: 'acct-without-dedupe' });
    expect(plain).toMatchObject({ error: null, imported: 4, duplicatesDeleted: [] });
  });

  it('when the server re-issues every UIDL, delete-duplicates keeps the old mail out; without it everything comes again', async () => {
    world = await openFetchWorld('sqlite');
    for (let i = 0; i < 3; i++) dovecot.deliver('renumbered', makeMessage(`stable ${i}`));
    const dedupe = pop('renumbered', { leaveOnServer: true, deleteDuplicates: true });
    const naive = pop('renumbered', { leaveOnServer: true });
    expect((await world.run(dedupe)).imported).toBe(3);
    expect((await world.run(naive)).imported).toBe(3);

    // pop3_uidl_format = %08Xu%08Xv: a new UIDVALIDITY changes every UIDL.
    execFileSync('doveadm', ['-c', join(dovecot.dir, 'dovecot.conf'), 'mailbox', 'update', '-u', 'renumbered', '--uid-validity', '777', 'INBOX']);
    const again = await world.run(dedupe);
    expect(again).toMatchObject({ error: null, imported: 0 });
    expect(again.duplicatesDeleted).toHaveLength(3);
    expect(await world.run(dedupe)).toMatchObject({ imported: 0, duplicatesDeleted: [] });
    expect((await world.run(naive)).imported).toBe(3);
  });

  it('refuses a maildrop at the message limit before downloading anything (threshold injected)', async () => {
    world = await openFetchWorld('sqlite');
    for (let i = 0; i < 3; i++) dovecot.deliver('limit', makeMessage(`limit ${i}`, { bodyBytes: 20_000 }));
    const account = pop('limit');

    const refused = await world.run(account, { limits: { maxServerMessages: 3 } });
    expect(refused.error).toMatchObject({ code: 'OVER_LIMIT', command: 'STAT' });
    expect(refused.error?.message).toContain('3 messages');
    expect(refused).toMatchObject({ imported: 0, serverMessages: 3 });
    expect(refused.bytesRead).toBeLessThan(1024);
    expect(dovecot.messageFiles('limit')).toHaveLength(3);

    expect(await world.run(account, { limits: { maxServerMessages: 4 } })).toMatchObject({ error: null, imported: 3 });
  });

  it('skips a 26 MB message by its LIST size without RETR, keeps it on the server, and reports it once', async () => {
    world = await openFetchWorld('sqlite');
    dovecot.deliver('big', makeMessage('small'));
    dovecot.deliver('big', makeMessage('huge', { bodyBytes: 26 * 1024 * 1024 }));
    const account = pop('big', { encryption: 'SSL_TLS' });

    const first = await world.run(account);
    expect(first).toMatchObject({ error: null, imported: 1, deletedOnServer: 1 });
    expect(first.skippedTooLarge).toEqual([{ sourceKey: expect.stringMatching(/^uidl:/), serverId: expect.any(String), size: expect.any(Number) }]);
    expect(first.skippedTooLarge[0]!.size).toBeGreaterThan(26 * 1024 * 1024);
    expect(first.bytesRead).toBeLessThan(64 * 1024);
    expect(dovecot.messageFiles('big')).toHaveLength(1);

    const second = await world.run(account);
    expect(second).toMatchObject({ error: null, imported: 0, skippedTooLarge: [], tooLargeStillOnServer: 1 });
    expect(second.bytesRead).toBeLessThan(64 * 1024);
  });

  it('takes a message of exactly the limit and skips one octet more (limit injected)', async () => {
    world = await openFetchWorld('sqlite');
    const exact = makeMessage('exactly at the limit');
    dovecot.deliver('boundary', exact);
    dovecot.deliver('boundary', exact.replace('Body of', 'Body of+'));
    const report = await world.run(pop('boundary', { leaveOnServer: true }), { limits: { maxMessageBytes: Buffer.byteLength(exact) } });
    expect(report).toMatchObject({ error: null, imported: 1 });
    expect(report.skippedTooLarge.map((m) => m.size)).toEqual([Buffer.byteLength(exact) + 1]);
  });

  it.each(kinds)('crash between store and DELE: the restart imports each message exactly once and empties the server (%s)', async (kind) => {
    world = await openFetchWorld(kind);
    const user = `crash-delete-${kind}`;
    for (let i = 0; i < 4; i++) dovecot.deliver(user, makeMessage(`crash ${i}`));
    const account = pop(user);
    let stores = 0;
    const crashed = await world.run(account, {
      // Group {0,1} commits while the RETRs of 2 and 3 are already on the wire (PIPELINING):
      // the failure path must read those answers before its DELE and QUIT.
      limits: { storeGroupMessages: 2 },
      faults: {
        afterStore: () => {
          if (++stores === 2) throw new Error('simulated crash after the first group commit');
        },
      },
    });
    expect(crashed.error?.code).toBe('INTERNAL');
    expect(crashed).toMatchObject({ imported: 2, deletedOnServer: 1 });
    expect(dovecot.messageFiles(user)).toHaveLength(3);

    const restarted = await world.run(account);
    expect(restarted).toMatchObject({ error: null, imported: 2, recovered: 1, deletedOnServer: 3 });
    expect((await world.store.list(1)).map((m) => m.subject).sort()).toEqual(['crash 0', 'crash 1', 'crash 2', 'crash 3']);
    expect(dovecot.messageFiles(user)).toEqual([]);
  });

  it('crash between store and the UIDL record with leave-on-server: nothing is imported twice', async () => {
    world = await openFetchWorld('sqlite');
    for (let i = 0; i < 3; i++) dovecot.deliver('crash-leave', makeMessage(`leave crash ${i}`));
    const account = pop('crash-leave', { leaveOnServer: true });
    const crashed = await world.run(account, {
      limits: { storeGroupMessages: 2 },
      faults: {
        afterStore: (key) => {
          throw new Error(`crash after ${key}`);
        },
      },
    });
    // The whole first group committed before the crash; none of it was recorded.
    expect(crashed).toMatchObject({ imported: 2, error: { code: 'INTERNAL' } });

    expect(await world.run(account)).toMatchObject({ error: null, imported: 1, recovered: 2 });
    expect(await world.run(account)).toMatchObject({ error: null, imported: 0, recovered: 0 });
    expect(await world.store.count(1)).toBe(3);
    expect(dovecot.messageFiles('crash-leave')).toHaveLength(3);
  });
});
