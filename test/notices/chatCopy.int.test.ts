import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReadModelDb, type ReadModelDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { ChatDestination } from '../../src/domain/integrations/chatDestinations.decider.js';
import { createEventStore } from '../../src/eventstore/index.js';
import type { EventStore } from '../../src/eventstore/port.js';
import { loadChatConfig } from '../../src/mail/notices/chat/chatConfig.js';
import { chatCopyScope, sealChatCopies } from '../../src/mail/notices/chat/chatCopy.js';
import { ChatNoticeTransport } from '../../src/mail/notices/chat/chatTransport.js';
import { chatRowKey, NoticeKind, type Notice } from '../../src/mail/notices/notice.js';
import { NoticeOutbox } from '../../src/mail/notices/outbox.js';
import { mailboxScope, SecretShreddedError, SecretVault } from '../../src/secrets/vault.js';
import { startChatReceiver, type ChatReceiver } from '../support/chatReceiver.js';
import { loopbackEgress } from '../support/egress.js';

const DEST = '6f0b8a52-7c1e-4d2a-9b3f-1e2d3c4b5a69';

/** Chat rows carrying their own copy of a destination whose stream holds nothing (as after a mailbox reset). */
describe('chat copies', () => {
  let dir: string;
  let store: EventStore;
  let rm: ReadModelDatabase;
  let vault: SecretVault;
  let receiver: ChatReceiver;
  let destination: ChatDestination;

  const outbox = () => {
    const problems: string[] = [];
    const config = loadChatConfig({ MAILROOM_CHAT_TIMEOUT_MS: '2000' }, problems);
    expect(problems).toEqual([]);
    return new NoticeOutbox({ db: rm.db, transport: { deliver: async () => {} }, chatTransport: new ChatNoticeTransport({ store, vault, config, egress: loopbackEgress }), maxAttempts: 3, baseDelayMs: 0 });
  };
  const resetNotice = async (key: string): Promise<Notice> => ({
    mailboxNumber: 1,
    kind: NoticeKind.MAILBOX_RESET,
    facts: { mailboxNumber: 1, nameBefore: 'Sales', nameAfter: 'Sales', resetAt: new Date('2026-11-27T00:00:00Z') },
    to: [],
    idempotencyKey: key,
    chatCopies: await sealChatCopies({ db: rm.db, vault }, 1, key, [[DEST, destination]]),
  });
  const row = (key: string) => rm.db.selectFrom('notice_outbox').selectAll().where('idempotency_key', '=', chatRowKey(key, DEST)).executeTakeFirstOrThrow();
  const liveKeys = async (key: string) => (await rm.db.selectFrom('data_keys').select('key_id').where('scope', '=', chatCopyScope(chatRowKey(key, DEST))).where('destroyed_at', 'is', null).execute()).length;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mailroom-chat-copy-'));
    store = await createEventStore({ kind: 'sqlite', path: join(dir, 'events.sqlite') });
    rm = await createReadModelDb({ kind: 'sqlite', path: join(dir, 'rm.sqlite') });
    await migrateToLatest(rm.db);
    vault = new SecretVault(rm.db, randomBytes(32));
    receiver = await startChatReceiver();
    destination = { kind: 'SLACK', name: 'Resets', roomId: null, eventKinds: ['MAILBOX_RESET'], enabled: true, credentialCiphertext: await vault.encrypt(mailboxScope(1), `${receiver.url}/resets`) };
  });
  afterEach(async () => {
    await receiver.close();
    await rm.destroy();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('posts from the copy after the mailbox key is shredded, then destroys the copy', async () => {
    const notice = await resetNotice('reset:1');
    await vault.destroyScope(mailboxScope(1));
    const box = outbox();
    await box.send(notice);
    expect(await liveKeys('reset:1')).toBe(1);
    expect(await box.deliverDue()).toBe(1);
    expect(receiver.requests.map((r) => r.path)).toEqual(['/resets']);
    expect(await row('reset:1')).toMatchObject({ status: 'sent', chat_copy: null });
    expect(await liveKeys('reset:1')).toBe(0);
    await expect(vault.decrypt(chatCopyScope(chatRowKey('reset:1', DEST)), notice.chatCopies![0]!.copy)).rejects.toBeInstanceOf(SecretShreddedError);
  });

  it('destroys the copy of a row that gave up', async () => {
    receiver.answer = () => ({ status: 404, body: 'no_service' });
    const box = outbox();
    await box.send(await resetNotice('reset:2'));
    await box.deliverDue();
    expect(await row('reset:2')).toMatchObject({ status: 'failed', chat_copy: null });
    expect(await liveKeys('reset:2')).toBe(0);
  });

  it('destroys the copy of a row settled by a deliverer that stopped before releasing it', async () => {
    const box = outbox();
    await box.send(await resetNotice('reset:3'));
    await rm.db.updateTable('notice_outbox').set({ status: 'sent' }).where('idempotency_key', '=', chatRowKey('reset:3', DEST)).execute();
    expect(await liveKeys('reset:3')).toBe(1);
    expect(await box.deliverDue()).toBe(0);
    expect(await row('reset:3')).toMatchObject({ status: 'sent', chat_copy: null });
    expect(await liveKeys('reset:3')).toBe(0);
    expect(receiver.requests).toEqual([]);
  });

  it('keeps delivering other notices while a copy cannot be released, and releases it on a later pass', async () => {
    const problems: string[] = [];
    const config = loadChatConfig({ MAILROOM_CHAT_TIMEOUT_MS: '2000' }, problems);
    // The vault's table is briefly unwritable, say: the first release fails.
    let failures = 1;
    const chatTransport = new (class extends ChatNoticeTransport {
      override async release(notice: Parameters<ChatNoticeTransport['release']>[0]): Promise<void> {
        if (failures-- > 0) throw new Error('data_keys is locked');
        return super.release(notice);
      }
    })({ store, vault, config });
    const delivered: string[] = [];
    const warnings: string[] = [];
    const box = new NoticeOutbox({
      db: rm.db,
      transport: { deliver: async (n) => void delivered.push(n.idempotencyKey) },
      chatTransport,
      logger: { warn: (_f, message) => void warnings.push(message), error: () => {} },
    });
    await box.send(await resetNotice('reset:6'));
    await rm.db.updateTable('notice_outbox').set({ status: 'sent' }).where('idempotency_key', '=', chatRowKey('reset:6', DEST)).execute();
    await box.send({ mailboxNumber: 1, kind: NoticeKind.TEST, facts: { destinationName: null, sentAt: new Date('2026-11-27T00:00:00Z') }, to: ['ops@example.com'], idempotencyKey: 'mail:1' });
    expect(await box.deliverDue()).toBe(1);
    expect(delivered).toEqual(['mail:1']);
    expect(warnings).toEqual(['releasing a chat copy failed; will retry']);
    expect(await liveKeys('reset:6')).toBe(1);
    expect(await box.deliverDue()).toBe(0);
    expect(await row('reset:6')).toMatchObject({ status: 'sent', chat_copy: null });
    expect(await liveKeys('reset:6')).toBe(0);
  });

  it('seals nothing for a row already recorded, nor for a credential already shredded', async () => {
    const box = outbox();
    await box.send(await resetNotice('reset:4'));
    expect(await sealChatCopies({ db: rm.db, vault }, 1, 'reset:4', [[DEST, destination]])).toEqual([]);
    await vault.destroyScope(mailboxScope(1));
    expect(await sealChatCopies({ db: rm.db, vault }, 1, 'reset:5', [[DEST, destination]])).toEqual([]);
    expect(await liveKeys('reset:5')).toBe(0);
  });
});
