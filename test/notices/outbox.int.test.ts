import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReadModelDb, type ReadModelDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { NoticeKind, type Notice, type NoticeTransport } from '../../src/mail/notices/notice.js';
import { NoticeOutbox } from '../../src/mail/notices/outbox.js';
import { createSmtpUrlTransport } from '../support/smtpTransport.js';
import { decodeMail } from '../support/mailText.js';
import { startSmtpSink } from '../support/smtpSink.js';

const notice = (key: string, to = ['ops@example.com']): Notice => ({
  mailboxNumber: 1,
  kind: NoticeKind.RECEIVE_ERROR_RAISED,
  facts: {
    account: { mailboxNumber: 1, displayName: key, protocol: 'POP3', username: 'alice', host: 'pop.example.com', port: 995 },
    code: 'AUTH',
    message: '-ERR authentication failed',
    serverResponse: null,
  },
  to,
  idempotencyKey: key,
});

describe('notice outbox', () => {
  let dir: string;
  let rm: ReadModelDatabase;
  let now: Date;
  const clock = () => now;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mailroom-outbox-'));
    rm = await createReadModelDb({ kind: 'sqlite', path: join(dir, 'rm.sqlite') });
    await migrateToLatest(rm.db);
    now = new Date('2026-11-27T00:00:00Z');
  });
  afterEach(async () => {
    await rm.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records a notice once per idempotency key and delivers it over SMTP', async () => {
    const sink = await startSmtpSink({ tls: 'NONE' });
    try {
      const outbox = new NoticeOutbox({ db: rm.db, clock, transport: createSmtpUrlTransport({ url: `smtp://127.0.0.1:${sink.port}`, from: 'mailroom@example.com' }) });
      await outbox.send(notice('k1', ['ops@example.com', 'OPS@example.com', 'admin@example.com']));
      await outbox.send(notice('k1'));
      expect(await outbox.list()).toHaveLength(1);
      expect(await outbox.deliverDue()).toBe(1);
      expect(sink.messages).toHaveLength(1);
      expect([...sink.messages[0]!.rcptTo].sort()).toEqual(['admin@example.com', 'ops@example.com']);
      // No language chosen anywhere: Japanese, the product's language.
      const mail = decodeMail(sink.messages[0]!.raw);
      expect(mail.subject).toBe('[Mailroom] 受信エラー（AUTH）：認証に失敗しました - k1');
      expect(mail.text).toContain('メールボックス No.1 の受信アカウント「k1」（POP3 alice@pop.example.com:995）でメールの受信に失敗しました');
      expect(await outbox.deliverDue()).toBe(0);
      expect((await outbox.list())[0]).toMatchObject({ status: 'sent', attempts: 1 });
    } finally {
      await sink.close();
    }
  });

  it('retries with backoff while the receiver is down and delivers once when it is back', async () => {
    const probe = await startSmtpSink({ tls: 'NONE' });
    const port = probe.port;
    await probe.close();
    const outbox = new NoticeOutbox({
      db: rm.db,
      clock,
      baseDelayMs: 1000,
      transport: createSmtpUrlTransport({ url: `smtp://127.0.0.1:${port}`, from: 'mailroom@example.com' }),
    });
    await outbox.send(notice('k2'));
    expect(await outbox.deliverDue()).toBe(1);
    let [row] = await outbox.list();
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row!.last_error).toMatch(/ECONNREFUSED|connect/i);
    // Not due again before the backoff elapses.
    expect(await outbox.deliverDue()).toBe(0);
    now = new Date(now.getTime() + 1000);
    expect(await outbox.deliverDue()).toBe(1);
    expect((await outbox.list())[0]!.attempts).toBe(2);

    const sink = await startSmtpSink({ tls: 'NONE', port });
    try {
      now = new Date(now.getTime() + 2000);
      expect(await outbox.deliverDue()).toBe(1);
      [row] = await outbox.list();
      expect(row).toMatchObject({ status: 'sent', attempts: 3 });
      expect(sink.messages).toHaveLength(1);
    } finally {
      await sink.close();
    }
  });

  it('gives up after the bound and records the failure', async () => {
    const failing: NoticeTransport = { deliver: async () => Promise.reject(new Error('550 mailbox unavailable')) };
    const outbox = new NoticeOutbox({ db: rm.db, clock, transport: failing, maxAttempts: 3, baseDelayMs: 10 });
    await outbox.send(notice('k3'));
    for (let i = 0; i < 5; i++) {
      await outbox.deliverDue();
      now = new Date(now.getTime() + 60_000);
    }
    expect((await outbox.list())[0]).toMatchObject({ status: 'failed', attempts: 3, last_error: '550 mailbox unavailable' });
  });

  it('a deliverer that died mid-delivery leaves a claim that expires, and another delivers the notice', async () => {
    const sink = await startSmtpSink({ tls: 'NONE' });
    try {
      let dying = true;
      const crashing: NoticeTransport = {
        deliver: () => (dying ? new Promise<void>(() => {}) : Promise.resolve()), // hangs forever: the process "died"
      };
      const first = new NoticeOutbox({ db: rm.db, clock, transport: crashing, claimMs: 30_000 });
      await first.send(notice('k4'));
      void first.deliverDue();
      await new Promise((r) => setTimeout(r, 50));
      dying = false;

      const second = new NoticeOutbox({ db: rm.db, clock, transport: createSmtpUrlTransport({ url: `smtp://127.0.0.1:${sink.port}`, from: 'mailroom@example.com' }) });
      expect(await second.deliverDue()).toBe(0); // still claimed
      now = new Date(now.getTime() + 30_001);
      expect(await second.deliverDue()).toBe(1);
      expect(sink.messages).toHaveLength(1);
      expect((await second.list())[0]!.status).toBe('sent');
    } finally {
      await sink.close();
    }
  });

  it('renders each notice in the language of its mailbox at the moment it is recorded', async () => {
    const languages = new Map<number, 'ja' | 'en'>([[1, 'en'], [2, 'ja']]);
    const outbox = new NoticeOutbox({ db: rm.db, clock, transport: { deliver: async () => {} }, language: async (n) => languages.get(n) ?? 'ja', chatDestinations: async () => ['dest-1'] });
    await outbox.send(notice('en-1'));
    await outbox.send({ ...notice('ja-2'), mailboxNumber: 2 });
    languages.set(1, 'ja');
    await outbox.send(notice('en-1'));
    const rows = await outbox.list();
    const row = (key: string) => rows.find((r) => r.idempotency_key === key)!;
    expect(row('en-1')).toMatchObject({ subject: '[Mailroom] Receive error (AUTH): authentication failed — en-1', body: expect.stringContaining('Fetching mail for receive account "en-1"') });
    expect(row('en-1#chat:dest-1')).toMatchObject({ subject: '[Mailroom] Receive error (Mailbox No. 1)', body: expect.stringContaining('Error: -ERR authentication failed') });
    expect(row('ja-2')).toMatchObject({ subject: '[Mailroom] 受信エラー（AUTH）：認証に失敗しました - ja-2' });
    expect(row('ja-2#chat:dest-1')).toMatchObject({ subject: '[Mailroom] 受信エラーが発生しました (メールボックス No.2)', body: expect.stringContaining('エラー内容：-ERR authentication failed') });
    // An explicit language (a reset notice's) wins over the mailbox's.
    await outbox.send({ ...notice('explicit'), language: 'en' });
    expect((await outbox.list()).find((r) => r.idempotency_key === 'explicit')!.subject).toMatch(/^\[Mailroom\] Receive error/);
  });

  it('records nothing when nobody can receive a notice, and refuses malformed addresses', async () => {
    const outbox = new NoticeOutbox({ db: rm.db, clock, transport: { deliver: async () => {} } });
    await outbox.send(notice('k5', []));
    expect(await outbox.list()).toEqual([]);
    await expect(outbox.send(notice('k6', ['not an address']))).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('records a chat-only notice when the mailbox has subscribed chat destinations but no e-mail recipients', async () => {
    const outbox = new NoticeOutbox({
      db: rm.db,
      clock,
      transport: { deliver: async () => {} },
      chatDestinations: async (n) => (n.mailboxNumber === 1 ? ['dest-1'] : []),
    });
    await outbox.send(notice('k7', []));
    const rows = await outbox.list();
    expect(rows.map((r) => [r.channel, r.destination_id, r.idempotency_key])).toEqual([['chat', 'dest-1', 'k7#chat:dest-1']]);
  });
});
