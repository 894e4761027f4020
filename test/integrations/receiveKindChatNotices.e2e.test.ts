import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddChatDestinationDocument, AddReceiveAccountDocument, ChangeReceiveAccountDocument, FetchReceiveAccountNowDocument, LoginDocument } from '../generated/graphql.js';
import { startChatReceiver, type ChatReceiver, type ReceivedRequest } from '../support/chatReceiver.js';
import { dovecotAvailable, startDovecot, type Dovecot } from '../support/dovecot.js';
import { postgresAvailable } from '../support/postgres.js';
import { ADMIN_PASSWORD, gql, startTestServer, type TestServer } from '../support/server.js';

const dovecotOk = dovecotAvailable();
const pgAvailable = await postgresAvailable();

const waitFor = async <T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};

const slackTitle = (r: ReceivedRequest): string => (JSON.parse(r.body) as { blocks: { text: { text: string } }[] }).blocks[0]!.text.text;

const RAISED = '[Mailroom] Receive error (Mailbox No. 1)';
const CLEARED = '[Mailroom] Receiving works again (Mailbox No. 1)';

describe.each([
  { storage: 'sqlite' as const, enabled: dovecotOk },
  { storage: 'postgres' as const, enabled: dovecotOk && pgAvailable },
])('receive notices to chat by their own kinds on $storage', ({ storage, enabled }) => {
  let dovecot: Dovecot;
  let slack: ChatReceiver;
  let server: TestServer;
  let admin: string;
  const ids: Record<string, string> = {};
  const asAdmin = <R, V>(doc: Parameters<typeof gql<R, V>>[1], vars: V) => gql(server.url, doc, vars, { token: admin });
  const titlesAt = (path: string) => slack.requests.filter((r) => r.path === path).map(slackTitle);

  beforeAll(async () => {
    if (!enabled) return;
    dovecot = await startDovecot({ users: [{ name: 'erin', password: 'erin-secret' }] });
    slack = await startChatReceiver();
    server = await startTestServer({
      storage,
      env: { MAILROOM_MAIL_CA_FILE: join(dovecot.dir, 'cert.pem'), MAILROOM_ALLOW_LOOPBACK_WEBHOOKS: 'true', MAILROOM_NOTICE_LANGUAGE: 'en' },
    });
    admin = (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
    const destinations = [
      ['Cleared only', '/cleared', ['RECEIVE_ERROR_CLEARED']],
      ['Raised only', '/raised', ['RECEIVE_ERROR_RAISED']],
      // Subscribed with the deprecated alias: every receive kind.
      ['Legacy', '/legacy', ['RECEIVE_ERROR']],
    ] as const;
    for (const [name, path, eventKinds] of destinations) {
      const added = await asAdmin(AddChatDestinationDocument, { input: { mailboxNumber: 1, kind: 'SLACK', name, webhookUrl: `${slack.url}${path}`, eventKinds: [...eventKinds] } });
      expect(added.data!.addChatDestination.userErrors).toEqual([]);
      ids[name] = added.data!.addChatDestination.chatDestination!.id;
    }
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await slack?.close();
    await dovecot?.stop();
  });

  it.runIf(enabled)('a destination following only cleared errors hears the clearing of a wrong password at Dovecot, not the error', async () => {
    const added = await asAdmin(AddReceiveAccountDocument, {
      input: { mailboxNumber: 1, displayName: 'Erin IMAP', protocol: 'IMAP', host: '127.0.0.1', port: dovecot.ports.imaps, encryption: 'SSL_TLS', username: 'erin', password: 'wrong-password' },
    });
    expect(added.data!.addReceiveAccount.userErrors).toEqual([]);
    const accountId = added.data!.addReceiveAccount.account!.id;
    const failed = await asAdmin(FetchReceiveAccountNowDocument, { input: { mailboxNumber: 1, accountId } });
    expect(failed.data!.fetchReceiveAccountNow).toMatchObject({ error: { code: 'AUTH' } });
    // The error reached its subscribers before it is cleared: had it been sent to "Cleared only", it would be there by now.
    await waitFor(() => (titlesAt('/raised').length > 0 && titlesAt('/legacy').length > 0 ? true : undefined));

    await asAdmin(ChangeReceiveAccountDocument, { input: { mailboxNumber: 1, accountId, password: 'erin-secret' } });
    const fixed = await asAdmin(FetchReceiveAccountNowDocument, { input: { mailboxNumber: 1, accountId } });
    expect(fixed.data!.fetchReceiveAccountNow).toMatchObject({ error: null });
    await waitFor(() => (titlesAt('/cleared').length > 0 && titlesAt('/legacy').length > 1 ? true : undefined));

    const rows = await server.app.services.db.selectFrom('notice_outbox').select(['kind', 'destination_id', 'status']).where('channel', '=', 'chat').execute();
    const to = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.destination_id).sort();
    expect(to('RECEIVE_ERROR_RAISED')).toEqual([ids['Raised only'], ids['Legacy']].sort());
    expect(to('RECEIVE_ERROR_CLEARED')).toEqual([ids['Cleared only'], ids['Legacy']].sort());
    expect(titlesAt('/cleared')).toEqual([CLEARED]);
    expect(titlesAt('/raised')).toEqual([RAISED]);
    expect(titlesAt('/legacy')).toEqual([RAISED, CLEARED]);
  });
});
