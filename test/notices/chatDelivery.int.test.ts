import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/app/auth/principal.js';
import { createReadModelDb, type ReadModelDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { ChatEventKind, ChatKind } from '../../src/domain/integrations/chatDestinations.decider.js';
import { createEventStore } from '../../src/eventstore/index.js';
import type { EventStore } from '../../src/eventstore/port.js';
import { ChatDestinationService } from '../../src/app/integrations/chatDestinationService.js';
import { loadChatConfig } from '../../src/mail/notices/chat/chatConfig.js';
import { ChatNoticeTransport } from '../../src/mail/notices/chat/chatTransport.js';
import { NoticeKind, type Notice, type RecordedNotice } from '../../src/mail/notices/notice.js';
import { chatDestinationsForNotice } from '../../src/mail/notices/noticeFanout.js';
import { listMailboxNotices } from '../../src/mail/notices/noticeQuery.js';
import { NoticeOutbox } from '../../src/mail/notices/outbox.js';
import { allProjections } from '../../src/projections/all.js';
import { ProjectionRunner } from '../../src/projections/runner.js';
import { SecretVault } from '../../src/secrets/vault.js';
import { startChatReceiver, type ChatReceiver } from '../support/chatReceiver.js';
import { loopbackEgress } from '../support/egress.js';

const CHATWORK_TOKEN = 'cwtoken0123456789abcdef';
const meta = { correlationId: 'chat-delivery-test', clientIp: '192.0.2.10' };

const lockNotice = (key = 'user-locked:u1:42:1'): Notice => ({
  mailboxNumber: 1,
  kind: NoticeKind.USER_LOCKED,
  facts: { username: 'paul', displayName: 'Paul', failedAttempts: 3, policyMailboxNumber: 1, threshold: 3, lockedAt: new Date('2026-11-27T00:00:00Z'), clientIp: null },
  to: ['ops@example.com'],
  idempotencyKey: key,
});

describe('chat notices through the outbox', () => {
  let dir: string;
  let store: EventStore;
  let rm: ReadModelDatabase;
  let runner: ProjectionRunner;
  let vault: SecretVault;
  let destinations: ChatDestinationService;
  let receiver: ChatReceiver;
  let now: Date;
  const clock = () => now;
  const emailed: RecordedNotice[] = [];

  const chatTransport = (env: Record<string, string> = {}) => {
    const problems: string[] = [];
    const config = loadChatConfig({ MAILROOM_CHATWORK_API_URL: `${receiver.url}/v2`, MAILROOM_CHAT_TIMEOUT_MS: '2000', ...env }, problems);
    expect(problems).toEqual([]);
    return new ChatNoticeTransport({ store, vault, config, clock, egress: loopbackEgress });
  };
  const outbox = (db = rm.db, env: Record<string, string> = {}) =>
    new NoticeOutbox({
      db,
      clock,
      transport: { deliver: async (n) => void emailed.push(n) },
      chatTransport: chatTransport(env),
      chatDestinations: chatDestinationsForNotice(db),
      baseDelayMs: 1000,
      maxAttempts: 4,
      claimMs: 30_000,
    });
  const addDestination = async (kind: ChatKind, eventKinds: ChatEventKind[], extra: { name?: string; enabled?: boolean; path?: string } = {}) =>
    (
      await destinations.add(
        SYSTEM_ACTOR,
        {
          mailboxNumber: 1,
          kind,
          name: extra.name ?? kind,
          roomId: kind === 'CHATWORK' ? '987654' : null,
          eventKinds,
          enabled: extra.enabled ?? true,
          credential: kind === 'CHATWORK' ? CHATWORK_TOKEN : `${receiver.url}${extra.path ?? `/${kind.toLowerCase()}/hook`}`,
        },
        meta,
      )
    ).destinationId;
  const chatRows = async () => (await listMailboxNotices(rm.db, { mailboxNumber: 1, limit: 100, after: null })).filter((r) => r.channel === 'chat');

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mailroom-chat-'));
    store = await createEventStore({ kind: 'sqlite', path: join(dir, 'events.sqlite') });
    rm = await createReadModelDb({ kind: 'sqlite', path: join(dir, 'rm.sqlite') });
    await migrateToLatest(rm.db);
    runner = new ProjectionRunner({ store, db: rm.db, projections: allProjections, retry: { maxRetries: 0 } });
    await runner.start();
    vault = new SecretVault(rm.db, randomBytes(32));
    destinations = new ChatDestinationService({ store, db: rm.db, vault, afterAppend: (p) => runner.waitForPosition(p, 10_000), egress: loopbackEgress });
    receiver = await startChatReceiver();
    now = new Date('2026-11-27T00:00:00Z');
    emailed.length = 0;
  });
  afterEach(async () => {
    await receiver.close();
    await runner.stop();
    await rm.destroy();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('posts the exact Slack, Chatwork and Teams requests to the subscribed, enabled destinations only', async () => {
    await addDestination('SLACK', ['ACCOUNT_LOCKED']);
    await addDestination('CHATWORK', ['RECEIVE_ERROR_RAISED', 'ACCOUNT_LOCKED']);
    await addDestination('TEAMS', ['ACCOUNT_LOCKED']);
    await addDestination('SLACK', ['RECEIVE_ERROR_RAISED'], { name: 'errors only' });
    await addDestination('SLACK', ['ACCOUNT_LOCKED'], { name: 'switched off', enabled: false });
    const box = outbox();
    await box.send(lockNotice());
    await box.send(lockNotice());
    expect(await chatRows()).toHaveLength(3);
    expect(await box.deliverDue()).toBe(4);
    expect(emailed).toHaveLength(1);

    const byPath = Object.fromEntries(receiver.requests.map((r) => [r.path, r]));
    expect(Object.keys(byPath).sort()).toEqual(['/slack/hook', '/teams/hook', '/v2/rooms/987654/messages']);

    const slack = byPath['/slack/hook']!;
    expect(slack.method).toBe('POST');
    expect(slack.headers['content-type']).toBe('application/json; charset=utf-8');
    const slackBody = JSON.parse(slack.body);
    expect(slackBody.text).toContain('アカウントがロックされました');
    expect(slackBody.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: '[Mailroom] アカウントがロックされました (メールボックス No.1)', emoji: false } },
      { type: 'section', text: { type: 'plain_text', text: expect.stringContaining('ユーザ「paul」（Paul）のアカウントが 2026/11/27 09:00:00（日本時間）にロックされました。'), emoji: false } },
    ]);

    const chatwork = byPath['/v2/rooms/987654/messages']!;
    expect(chatwork.method).toBe('POST');
    expect(chatwork.headers['x-chatworktoken']).toBe(CHATWORK_TOKEN);
    expect(chatwork.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(chatwork.body);
    expect([...form.keys()]).toEqual(['body']);
    expect(form.get('body')).toMatch(/^\[info\]\[title\]\[Mailroom\] アカウントがロックされました \(メールボックス No\.1\)\[\/title\][\s\S]*paul[\s\S]*\[\/info\]$/);

    const teams = byPath['/teams/hook']!;
    expect(teams.method).toBe('POST');
    expect(teams.headers['content-type']).toBe('application/json; charset=utf-8');
    const card = JSON.parse(teams.body);
    expect(card).toMatchObject({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.4' } }] });
    expect(card.attachments[0].content.body[0]).toMatchObject({ type: 'TextBlock', text: '[Mailroom] アカウントがロックされました (メールボックス No.1)', weight: 'Bolder' });

    expect((await chatRows()).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    expect(await box.deliverDue()).toBe(0);
    expect(receiver.requests).toHaveLength(3);
  });

  it('posts the texts the outbox rendered in the mailbox language when it recorded the notice', async () => {
    await addDestination('SLACK', ['RECEIVE_ERROR_RAISED']);
    const box = new NoticeOutbox({ db: rm.db, clock, transport: { deliver: async () => {} }, chatTransport: chatTransport(), chatDestinations: chatDestinationsForNotice(rm.db), language: async () => 'en' });
    const account = { mailboxNumber: 1, displayName: 'Support', protocol: 'IMAP', username: 'support', host: 'imap.example.com', port: 993 };
    await box.send({ mailboxNumber: 1, kind: NoticeKind.RECEIVE_ERROR_RAISED, facts: { account, code: 'TLS', message: 'handshake failed', serverResponse: null }, to: [], idempotencyKey: 'receive-error:a1:e1' });
    await box.deliverDue();
    const body = JSON.parse(receiver.requests[0]!.body);
    expect(body.blocks[0].text.text).toBe('[Mailroom] Receive error (Mailbox No. 1)');
    expect(body.blocks[1].text.text).toContain('Fetching mail for receive account "Support" (IMAP support@imap.example.com:993) of mailbox No. 1 failed: secure connection (TLS) failed.');
  });

  it('retries while the receiver is down and delivers once when it is back', async () => {
    await addDestination('SLACK', ['ACCOUNT_LOCKED']);
    const port = receiver.port;
    await receiver.close();
    const box = outbox();
    await box.send(lockNotice());
    await box.deliverDue();
    now = new Date(now.getTime() + 1000);
    await box.deliverDue();
    const [pending] = await chatRows();
    expect(pending).toMatchObject({ status: 'pending', attempts: 2, last_error: expect.stringContaining('unreachable') });
    expect(pending!.next_attempt_at).toBe(new Date(now.getTime() + 2000).toISOString());

    receiver = await startChatReceiver({ port, answer: (_r, i) => (i === 0 ? { status: 503, body: 'upstream busy' } : { status: 200, body: 'ok' }) });
    now = new Date(now.getTime() + 2000);
    await box.deliverDue();
    expect((await chatRows())[0]).toMatchObject({ status: 'pending', attempts: 3, last_error: 'Chat provider answered HTTP 503: upstream busy' });
    now = new Date(now.getTime() + 4000);
    await box.deliverDue();
    now = new Date(now.getTime() + 60_000);
    await box.deliverDue();
    expect((await chatRows())[0]).toMatchObject({ status: 'sent', attempts: 4, last_error: null });
    expect(receiver.accepted).toHaveLength(1);
  });

  it('honours Retry-After of a 429, in seconds and as an HTTP date', async () => {
    await addDestination('SLACK', ['ACCOUNT_LOCKED']);
    const retryDate = new Date(now.getTime() + 300_000);
    receiver.answer = (_r, i) => (i === 0 ? { status: 429, body: 'rate_limited', headers: { 'retry-after': '120' } } : i === 1 ? { status: 429, headers: { 'retry-after': retryDate.toUTCString() } } : { status: 200 });
    const box = outbox();
    await box.send(lockNotice());
    await box.deliverDue();
    expect((await chatRows())[0]).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: new Date(now.getTime() + 120_000).toISOString() });
    now = new Date(now.getTime() + 60_000);
    expect(await box.deliverDue()).toBe(0);
    now = new Date(now.getTime() + 60_000);
    expect(await box.deliverDue()).toBe(1);
    expect((await chatRows())[0]).toMatchObject({ status: 'pending', attempts: 2, next_attempt_at: retryDate.toISOString() });
    now = retryDate;
    await box.deliverDue();
    expect((await chatRows())[0]).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('gives up at once on a 4xx with the provider answer recorded, and after the bound on 5xx', async () => {
    await addDestination('SLACK', ['ACCOUNT_LOCKED'], { name: 'gone', path: '/gone' });
    await addDestination('TEAMS', ['ACCOUNT_LOCKED'], { path: '/broken' });
    receiver.answer = (r) => (r.path === '/gone' ? { status: 404, body: 'no_service' } : { status: 500, body: 'boom' });
    const box = outbox();
    await box.send(lockNotice());
    for (let i = 0; i < 6; i++) {
      await box.deliverDue();
      now = new Date(now.getTime() + 3_600_000);
    }
    const failed = await listMailboxNotices(rm.db, { mailboxNumber: 1, status: 'failed', limit: 10, after: null });
    expect(failed.map((r) => [r.destination_name, r.attempts, r.last_error])).toEqual(
      expect.arrayContaining([
        ['gone', 1, 'Chat provider answered HTTP 404: no_service'],
        ['TEAMS', 4, 'Chat provider answered HTTP 500: boom'],
      ]),
    );
    expect(receiver.requests.filter((r) => r.path === '/gone')).toHaveLength(1);
  });

  it('a deliverer that dies mid-delivery leaves the notice to the next one, which delivers it once', async () => {
    await addDestination('SLACK', ['ACCOUNT_LOCKED']);
    const doomedDb = await createReadModelDb({ kind: 'sqlite', path: join(dir, 'rm.sqlite') });
    // The first request reaches the provider, then its deliverer dies: no answer, no record.
    receiver.answer = async (_r, i) => {
      if (i > 0) return { status: 200 };
      await doomedDb.destroy();
      return null;
    };
    const doomed = outbox(doomedDb.db);
    await doomed.send(lockNotice());
    await expect(doomed.deliverDue()).rejects.toThrow();
    expect((await chatRows())[0]).toMatchObject({ status: 'pending', attempts: 0, claimed_until: expect.any(String) });

    const restarted = outbox();
    await restarted.send(lockNotice());
    // Still claimed by the dead deliverer until the claim expires.
    expect(await restarted.deliverDue()).toBe(0);
    expect(receiver.accepted).toHaveLength(0);
    now = new Date(now.getTime() + 30_001);
    expect(await restarted.deliverDue()).toBe(1);
    expect(await restarted.deliverDue()).toBe(0);
    expect(receiver.accepted).toHaveLength(1);
    expect(await chatRows()).toEqual([expect.objectContaining({ status: 'sent', attempts: 1, idempotency_key: expect.stringMatching(/^user-locked:u1:42:1#chat:/) })]);
  });
});
