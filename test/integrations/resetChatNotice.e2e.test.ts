import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatDestinationsStreamId } from '../../src/domain/integrations/chatDestinations.decider.js';
import { chatCopyScope } from '../../src/mail/notices/chat/chatCopy.js';
import { mailboxScope, SecretShreddedError } from '../../src/secrets/vault.js';
import {
  AddChatDestinationDocument,
  CreateMailboxDocument,
  CreateUserDocument,
  ExecuteMailboxResetDocument,
  GrantPermissionDocument,
  LoginDocument,
  RequestMailboxResetDocument,
} from '../generated/graphql.js';
import { startChatReceiver, type ChatReceiver, type ReceivedRequest } from '../support/chatReceiver.js';
import { postgresAvailable } from '../support/postgres.js';
import { ADMIN_PASSWORD, gql, startTestServer, type TestServer } from '../support/server.js';

const pgAvailable = await postgresAvailable();
const N = 7;
const CHATWORK_TOKEN = '0123456789abcdef0123456789abcdef';

const waitFor = async <T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** What the test saw when a request arrived: the reset must be complete by then. */
interface Arrival {
  readonly request: ReceivedRequest;
  readonly liveMailboxKeys: number;
  readonly chatCopy: string | null;
  readonly rowKey: string | null;
}

describe.each([
  { storage: 'sqlite' as const, enabled: true },
  { storage: 'postgres' as const, enabled: pgAvailable },
])('a mailbox reset told to chat on $storage', ({ storage, enabled }) => {
  let receiver: ChatReceiver;
  let server: TestServer;
  let admin: string;
  const arrivals: Arrival[] = [];
  const ids: Record<string, string> = {};
  const asAdmin = <R, V>(doc: Parameters<typeof gql<R, V>>[1], vars: V) => gql(server.url, doc, vars, { token: admin });
  const arrivedAt = (path: string) => arrivals.filter((a) => a.request.path === path);

  beforeAll(async () => {
    if (!enabled) return;
    receiver = await startChatReceiver({
      answer: async (request) => {
        const db = server.app.services.db;
        const live = await db.selectFrom('data_keys').select('key_id').where('scope', '=', mailboxScope(N)).where('destroyed_at', 'is', null).execute();
        const destination = Object.entries(ids).find(([name]) => request.path.startsWith(`/${name}`))?.[1];
        const row = destination
          ? await db.selectFrom('notice_outbox').select(['chat_copy', 'idempotency_key']).where('kind', '=', 'MAILBOX_RESET').where('destination_id', '=', destination).executeTakeFirst()
          : undefined;
        arrivals.push({ request, liveMailboxKeys: live.length, chatCopy: row?.chat_copy ?? null, rowKey: row?.idempotency_key ?? null });
        return { status: 200, body: 'ok' };
      },
    });
    server = await startTestServer({ storage, env: { MAILROOM_ALLOW_LOOPBACK_WEBHOOKS: 'true', MAILROOM_NOTICE_LANGUAGE: 'en', MAILROOM_CHATWORK_API_URL: `${receiver.url}/chatwork/v2` } });
    admin = (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
    await asAdmin(CreateMailboxDocument, { input: { number: N, name: 'Sales', address: 'sales@example.com' } });
    const add = async (name: string, input: Record<string, unknown>) => {
      const added = await asAdmin(AddChatDestinationDocument, { input: { mailboxNumber: N, name, ...input } as never });
      expect(added.data!.addChatDestination.userErrors).toEqual([]);
      ids[name] = added.data!.addChatDestination.chatDestination!.id;
    };
    await add('slack', { kind: 'SLACK', webhookUrl: `${receiver.url}/slack/resets`, eventKinds: ['MAILBOX_RESET'] });
    await add('chatwork', { kind: 'CHATWORK', apiToken: CHATWORK_TOKEN, roomId: '424242', eventKinds: ['ACCOUNT_LOCKED', 'MAILBOX_RESET'] });
    await add('others', { kind: 'SLACK', webhookUrl: `${receiver.url}/others`, eventKinds: ['ACCOUNT_LOCKED', 'RECEIVE_ERROR'] });
    await add('off', { kind: 'SLACK', webhookUrl: `${receiver.url}/off`, eventKinds: ['MAILBOX_RESET'], enabled: false });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await receiver?.close();
  });

  it.runIf(enabled)('subscribed destinations get the reset message after the shred, from copies destroyed once sent; the others get nothing', async () => {
    const { db, store, vault } = server.app.services;
    const created = await asAdmin(CreateUserDocument, { input: { username: 'resetter', displayName: 'Resetter', email: 'resetter@example.com', password: 'resetter-password-12' } });
    await asAdmin(GrantPermissionDocument, { input: { userId: created.data!.createUser.user!.id, permission: 'MAILBOX_RESET' } });
    const resetter = (await gql(server.url, LoginDocument, { input: { username: 'resetter', password: 'resetter-password-12' } })).data!.login.token!;
    const slackCredential = ((await store.readStream(chatDestinationsStreamId(N))).find((e) => e.type === 'ChatDestinationAdded')!.data as { credentialCiphertext: string }).credentialCiphertext;
    expect(await vault.decrypt(mailboxScope(N), slackCredential)).toBe(`${receiver.url}/slack/resets`);

    const preview = (await gql(server.url, RequestMailboxResetDocument, { input: { mailboxNumber: N } }, { token: resetter })).data!.requestMailboxReset.preview!;
    const done = await gql(server.url, ExecuteMailboxResetDocument, { input: { token: preview.token, mailboxName: 'Sales', reason: 'end of contract' } }, { token: resetter });
    expect(done.data!.executeMailboxReset.userErrors).toEqual([]);

    const [slack, chatwork] = await waitFor(() => {
      const got = [arrivedAt('/slack/resets'), arrivedAt('/chatwork/v2/rooms/424242/messages')];
      return got.every((a) => a.length > 0) ? got.map((a) => a[0]!) : undefined;
    });
    // Posted after the reset completed: the mailbox's keys were shredded and its destinations wiped.
    for (const a of [slack!, chatwork!]) expect(a.liveMailboxKeys).toBe(0);
    await expect(vault.decrypt(mailboxScope(N), slackCredential)).rejects.toBeInstanceOf(SecretShreddedError);
    expect(await db.selectFrom('chat_destinations').selectAll().where('mailbox_number', '=', N).execute()).toEqual([]);

    expect(JSON.parse(slack!.request.body).blocks[0].text.text).toBe(`[Mailroom] Mailbox reset (Mailbox No. ${N})`);
    expect(JSON.parse(slack!.request.body).blocks[1].text.text).toContain('"Sales"');
    expect(chatwork!.request.headers['x-chatworktoken']).toBe(CHATWORK_TOKEN);
    expect(new URLSearchParams(chatwork!.request.body).get('body')).toContain(`[title][Mailroom] Mailbox reset (Mailbox No. ${N})[/title]`);

    // Each row's copy: readable while it was being sent, destroyed once it was.
    const rows = await waitFor(async () => {
      const r = await db.selectFrom('notice_outbox').selectAll().where('kind', '=', 'MAILBOX_RESET').where('mailbox_number', '=', N).orderBy('idempotency_key').execute();
      return r.length === 2 && r.every((x) => x.status === 'sent' && x.chat_copy === null) ? r : undefined;
    });
    expect(rows.map((r) => [r.channel, r.destination_id]).sort()).toEqual([['chat', ids['chatwork']], ['chat', ids['slack']]].sort());
    for (const a of [slack!, chatwork!]) {
      expect(a.chatCopy).not.toBeNull();
      expect(a.chatCopy).not.toContain(receiver.url);
      await expect(vault.decrypt(chatCopyScope(a.rowKey!), a.chatCopy!)).rejects.toBeInstanceOf(SecretShreddedError);
      const keys = await db.selectFrom('data_keys').select(['wrapped_key', 'destroyed_at']).where('scope', '=', chatCopyScope(a.rowKey!)).execute();
      expect(keys).toHaveLength(1);
      expect(keys[0]).toMatchObject({ wrapped_key: null, destroyed_at: expect.any(String) });
    }

    // Not subscribed, or switched off: nothing at all.
    expect(arrivals.map((a) => a.request.path).sort()).toEqual(['/chatwork/v2/rooms/424242/messages', '/slack/resets']);

    // Executing the token again finishes nothing twice: no new row, no copy revived.
    const again = await gql(server.url, ExecuteMailboxResetDocument, { input: { token: preview.token, mailboxName: 'Sales' } }, { token: resetter });
    expect(again.data!.executeMailboxReset.reset).toMatchObject({ resumed: true });
    expect(await db.selectFrom('notice_outbox').select('id').where('kind', '=', 'MAILBOX_RESET').where('mailbox_number', '=', N).execute()).toHaveLength(2);
    const liveCopies = await db.selectFrom('data_keys').select('scope').where('scope', 'like', 'notice:%').where('destroyed_at', 'is', null).execute();
    expect(liveCopies).toEqual([]);
  });
});
