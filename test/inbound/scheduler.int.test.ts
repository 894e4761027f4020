import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/app/auth/principal.js';
import type { ReceiveAccountFields } from '../../src/app/inbound/receiveAccountService.js';
import { loadFetchStatuses } from '../../src/app/inbound/fetchStatus.js';
import { loadInboundConfig } from '../../src/app/inbound/inboundConfig.js';
import { createInboundModule } from '../../src/app/inbound/inboundModule.js';
import { nextRunAt } from '../../src/app/inbound/scheduler/fetchScheduler.js';
import { dovecotAvailable, startDovecot, type Dovecot } from '../support/dovecot.js';
import { createInboundHarness, meta, OPS_EMAIL, POLLING_ONLY, type InboundHarness } from './harness.js';
import { loopbackEgress } from '../support/egress.js';

const dovecotOk = dovecotAvailable();

const mail = (n: number) =>
  `From: sender${n}@example.org\r\nTo: alice@example.com\r\nSubject: Hello ${n}\r\nMessage-ID: <m${n}@example.org>\r\nDate: Mon, 1 Jan 2029 00:00:0${n} +0000\r\n\r\nBody ${n}\r\n`;

const unusedPort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe.runIf(dovecotOk)('fetch scheduler against Dovecot', () => {
  let dovecot: Dovecot;
  let h: InboundHarness;

  beforeAll(async () => {
    // No delay after a failed login: the wrong-password case would otherwise wait seconds per run.
    dovecot = await startDovecot({ users: [{ name: 'alice', password: 'alice-secret' }, { name: 'bob', password: 'bob-secret' }], extraConfig: 'auth_failure_delay = 0\n' });
    h = await createInboundHarness({ env: POLLING_ONLY, module: { tls: { ca: dovecot.caCert } } });
  });
  afterAll(async () => {
    await h?.close();
    await dovecot?.stop();
  });

  const addAccount = async (fields: ReceiveAccountFields) =>
    (await h.services.receiveAccounts.add(SYSTEM_ACTOR, { mailboxNumber: 1, ...fields }, meta())).accountId;

  const messagesOf = async (accountId: string) =>
    (await h.db.selectFrom('messages').select('subject').where('account_id', '=', accountId).orderBy('subject').execute()).map((r) => r.subject);

  it('imports on schedule, the second run imports nothing, and the next run waits for the interval', async () => {
    dovecot.deliver('alice', mail(1));
    dovecot.deliver('alice', mail(2));
    const id = await addAccount({
      displayName: 'Alice IMAP',
      protocol: 'IMAP',
      host: '127.0.0.1',
      port: dovecot.ports.imaps,
      encryption: 'SSL_TLS',
      username: 'alice',
      password: 'alice-secret',
      errorNotificationAddress: 'alerts@example.com',
    });
    const scheduler = h.services.scheduler;
    await scheduler.tick();
    expect(scheduler.activeAccounts).toEqual([id]);
    const first = await scheduler.runNow(1, id);
    expect(first).toMatchObject({ imported: 2, failure: null, aborted: false, status: { state: 'OK', lastImported: 2, importedTotal: 2 } });
    expect(await messagesOf(id)).toEqual(['Hello 1', 'Hello 2']);

    // Not due again before the mailbox interval (10 minutes by default).
    await scheduler.tick();
    expect(scheduler.activeAccounts).toEqual([]);
    h.clock.advance(10 * 60_000);
    await scheduler.tick();
    const second = await scheduler.runNow(1, id);
    expect(second).toMatchObject({ imported: 0, failure: null, status: { state: 'OK', lastImported: 0, importedTotal: 2 } });
    expect(await messagesOf(id)).toHaveLength(2);
    expect(await h.eventsOf('ReceiveErrorRaised', 'ReceiveErrorCleared')).toEqual([]);
    await h.services.receiveAccounts.delete(SYSTEM_ACTOR, { mailboxNumber: 1, accountId: id }, meta());
  });

  it.each([
    {
      name: 'a wrong password',
      code: 'AUTH',
      broken: async (): Promise<ReceiveAccountFields> => ({ port: dovecot.ports.imaps, encryption: 'SSL_TLS', password: 'wrong' }),
      fixed: (): ReceiveAccountFields => ({ password: 'bob-secret' }),
    },
    {
      name: 'a closed port',
      code: 'CONNECTION',
      broken: async (): Promise<ReceiveAccountFields> => ({ port: await unusedPort(), encryption: 'SSL_TLS', password: 'bob-secret' }),
      fixed: (): ReceiveAccountFields => ({ port: dovecot.ports.imaps }),
    },
    {
      name: 'TLS to a plain port',
      code: 'TLS',
      broken: async (): Promise<ReceiveAccountFields> => ({ port: dovecot.ports.imap, encryption: 'SSL_TLS', password: 'bob-secret' }),
      fixed: (): ReceiveAccountFields => ({ encryption: 'STARTTLS' }),
    },
  ])('$name: one ReceiveErrorRaised ($code), one notice, ReceiveErrorCleared after the fix', async ({ code, broken, fixed }) => {
    const before = (await h.store.headPosition()) + 1;
    const seen = new Set((await h.recordedNotices()).map((n) => n.id));
    const newNotices = async () => (await h.recordedNotices()).filter((n) => !seen.has(n.id));
    const id = await addAccount({ displayName: `Bob ${code}`, protocol: 'IMAP', host: '127.0.0.1', username: 'bob', ...(await broken()) });
    const scheduler = h.services.scheduler;
    const fail1 = await scheduler.runNow(1, id);
    expect(fail1.failure?.code).toBe(code);
    expect(fail1.status).toMatchObject({ state: 'ERROR', consecutiveFailures: 1, lastError: { code, clearedAt: null } });
    h.clock.advance(1000);
    const fail2 = await scheduler.runNow(1, id);
    expect(fail2.status).toMatchObject({ state: 'ERROR', consecutiveFailures: 2 });

    const errorEvents = async () => (await h.eventsOf('ReceiveErrorRaised', 'ReceiveErrorCleared')).filter((e) => e.position >= before);
    expect((await errorEvents()).map((e) => [e.type, (e.data as { code: string }).code])).toEqual([['ReceiveErrorRaised', code]]);
    const notices = await newNotices();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'RECEIVE_ERROR_RAISED', mailbox_number: 1 });
    expect(JSON.parse(notices[0]!.recipients)).toEqual([OPS_EMAIL]);
    expect(notices[0]!.subject).toContain(`受信エラー（${code}）`);

    await h.services.receiveAccounts.change(SYSTEM_ACTOR, { mailboxNumber: 1, accountId: id, ...fixed() }, meta());
    h.clock.advance(1000);
    const ok = await scheduler.runNow(1, id);
    expect(ok.failure).toBeNull();
    expect(ok.status).toMatchObject({ state: 'OK', consecutiveFailures: 0, lastError: { code } });
    expect(ok.status?.lastError?.clearedAt).not.toBeNull();
    expect((await errorEvents()).map((e) => e.type)).toEqual(['ReceiveErrorRaised', 'ReceiveErrorCleared']);
    const after = await newNotices();
    expect(after.map((n) => n.kind)).toEqual(['RECEIVE_ERROR_RAISED', 'RECEIVE_ERROR_CLEARED']);
    await h.services.receiveAccounts.delete(SYSTEM_ACTOR, { mailboxNumber: 1, accountId: id }, meta());
  });

  it('a POP3 message over the size limit (25 MB; 512 bytes here) is skipped and notified once; the other is imported', async () => {
    dovecot.deliver('alice', mail(3));
    const big = `Subject: big\r\n\r\n${'x'.repeat(1024)}\r\n`;
    dovecot.deliver('alice', big);
    const small = await createInboundHarness({ env: POLLING_ONLY, module: { tls: { ca: dovecot.caCert }, limits: { maxMessageBytes: 512 } } });
    try {
      const id = (
        await small.services.receiveAccounts.add(
          SYSTEM_ACTOR,
          { mailboxNumber: 1, displayName: 'Alice POP', protocol: 'POP3', host: '127.0.0.1', port: dovecot.ports.pop3s, encryption: 'SSL_TLS', username: 'alice', password: 'alice-secret', leaveOnServer: true },
          meta(),
        )
      ).accountId;
      const run1 = await small.services.scheduler.runNow(1, id);
      expect(run1).toMatchObject({ failure: null, status: { state: 'OK' } });
      expect(run1.skipped).toBe(1);
      const run2 = await small.services.scheduler.runNow(1, id);
      expect(run2.failure).toBeNull();
      const tooLarge = await small.eventsOf('ReceiveMessageTooLarge');
      expect(tooLarge).toHaveLength(1);
      expect((await small.recordedNotices()).map((n) => n.kind)).toEqual(['MESSAGE_TOO_LARGE']);
    } finally {
      await small.close();
    }
  });

  it('a restarted server keeps the schedule: a run cut by a crash is not left FETCHING, and the next run waits for the interval', async () => {
    const id = await addAccount({ displayName: 'Restart', protocol: 'IMAP', host: '127.0.0.1', port: dovecot.ports.imaps, encryption: 'SSL_TLS', username: 'alice', password: 'alice-secret' });
    await h.services.scheduler.runNow(1, id);
    // A crash in the middle of a later run leaves the flag behind.
    await h.db.updateTable('receive_fetch_state').set({ running: 1 }).where('account_id', '=', id).execute();
    const restarted = createInboundModule({
      store: h.store,
      db: h.db,
      vault: h.vault,
      notices: h.notices,
      config: { ...loadInboundConfig(POLLING_ONLY, []), fetchEnabled: true },
      clock: h.clock.now,
      tickMs: 3_600_000,
      tls: { ca: dovecot.caCert },
      egress: loopbackEgress,
    });
    try {
      await restarted.start();
      const [status] = await loadFetchStatuses(h.db, [{ accountId: id, mailboxNumber: 1 }]);
      expect(status?.state).toBe('OK');
      h.clock.advance(9 * 60_000);
      await restarted.services.scheduler.tick();
      expect(restarted.services.scheduler.activeAccounts).toEqual([]);
      h.clock.advance(60_000);
      await restarted.services.scheduler.tick();
      expect(restarted.services.scheduler.activeAccounts).toEqual([id]);
      await restarted.services.scheduler.runNow(1, id);
    } finally {
      await restarted.stop();
      await h.services.receiveAccounts.delete(SYSTEM_ACTOR, { mailboxNumber: 1, accountId: id }, meta());
    }
  });

  it('deleting an account stops its fetching and drops its fetch state', async () => {
    const id = await addAccount({ displayName: 'Doomed', protocol: 'IMAP', host: '127.0.0.1', port: dovecot.ports.imaps, encryption: 'SSL_TLS', username: 'alice', password: 'alice-secret' });
    await h.services.scheduler.runNow(1, id);
    await h.services.receiveAccounts.delete(SYSTEM_ACTOR, { mailboxNumber: 1, accountId: id }, meta());
    h.clock.advance(60 * 60_000);
    await h.services.scheduler.tick();
    expect(h.services.scheduler.activeAccounts).not.toContain(id);
    expect(await h.db.selectFrom('receive_fetch_state').selectAll().where('account_id', '=', id).execute()).toEqual([]);
  });
});

describe('backoff', () => {
  const row = (consecutiveFailures: number) => ({ accountId: 'a', mailboxNumber: 1, intervalMinutes: 5, lastAttemptAt: '2030-01-01T00:00:00.000Z', consecutiveFailures });
  const after = (failures: number) => (nextRunAt(row(failures), 2 * 60 * 60_000) - Date.parse('2030-01-01T00:00:00.000Z')) / 60_000;

  it('runs a never-fetched account at once and doubles the wait per failure in a row, up to the ceiling', () => {
    expect(nextRunAt({ ...row(0), lastAttemptAt: null }, 1)).toBe(0);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map(after)).toEqual([5, 5, 10, 20, 40, 80, 120, 120, 120]);
  });
});
