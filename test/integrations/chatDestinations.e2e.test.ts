import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddChatDestinationDocument, ChangeChatDestinationDocument, ChatDestinationsDocument, LoginDocument, RemoveChatDestinationDocument } from '../generated/graphql.js';
import { postgresAvailable } from '../support/postgres.js';
import { ADMIN_PASSWORD, gql, startTestServer, type TestServer } from '../support/server.js';

const pgAvailable = await postgresAvailable();
const SLACK_URL = 'https://hooks.slack.com/services/T0001/B0001/slacksecretpart';
const CHATWORK_TOKEN = 'cwtoken0123456789abcdef';
const TEAMS_URL = 'https://prod-01.japaneast.logic.azure.com/workflows/w1/triggers/manual/paths/invoke?sig=teamssecretsig';

describe.each([
  { storage: 'sqlite' as const, enabled: true },
  { storage: 'postgres' as const, enabled: pgAvailable },
])('chat destinations end to end on $storage', ({ storage, enabled }) => {
  let server: TestServer;
  let admin: string;
  const events = async () => server.app.services.store.readAll({ fromPosition: 1, max: 100_000 });

  beforeAll(async () => {
    if (!enabled) return;
    server = await startTestServer({ storage });
    admin = (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
  });

  afterAll(async () => {
    await server?.stop();
  });

  it.skipIf(!enabled)('refuses a webhook URL that is not Slack, without an event or an echo of the URL', async () => {
    const before = (await events()).length;
    const res = await gql(
      server.url,
      AddChatDestinationDocument,
      { input: { mailboxNumber: 1, kind: 'SLACK', name: 'Bad', webhookUrl: 'https://evil.example.com/hook?token=abc123', eventKinds: ['RECEIVE_ERROR'] } },
      { token: admin },
    );
    expect(res.data!.addChatDestination.userErrors).toEqual([{ path: ['input', 'webhookUrl'], code: 'VALIDATION', message: expect.stringContaining('hooks.slack.com') }]);
    expect(JSON.stringify(res)).not.toContain('abc123');
    expect((await events()).length).toBe(before);
  });

  it.skipIf(!enabled)('adds Slack, Chatwork and Teams destinations whose credentials are never returned', async () => {
    const add = (input: Record<string, unknown>) => gql(server.url, AddChatDestinationDocument, { input: { mailboxNumber: 1, ...input } as never }, { token: admin });
    const slack = await add({ kind: 'SLACK', name: 'Slack #ops', webhookUrl: SLACK_URL, eventKinds: ['RECEIVE_ERROR_CLEARED'] });
    const chatwork = await add({ kind: 'CHATWORK', name: 'Chatwork', apiToken: CHATWORK_TOKEN, roomId: '987654', eventKinds: ['ACCOUNT_LOCKED'] });
    const teams = await add({ kind: 'TEAMS', name: 'Teams', webhookUrl: TEAMS_URL, eventKinds: ['RECEIVE_ERROR', 'OAUTH_REAUTHORIZATION_REQUIRED'], enabled: false });
    for (const r of [slack, chatwork, teams]) expect(r.data!.addChatDestination.userErrors).toEqual([]);
    expect(chatwork.data!.addChatDestination.chatDestination).toMatchObject({ kind: 'CHATWORK', roomId: '987654', credentialSet: true, eventKinds: ['ACCOUNT_LOCKED'], enabled: true });

    const slackId = slack.data!.addChatDestination.chatDestination!.id;
    expect(slack.data!.addChatDestination.chatDestination!.eventKinds).toEqual(['RECEIVE_ERROR_CLEARED']);
    // RECEIVE_ERROR, the kind before the split, is a deprecated input alias of the three receive kinds, never returned.
    expect(teams.data!.addChatDestination.chatDestination!.eventKinds).toEqual(['RECEIVE_ERROR_RAISED', 'RECEIVE_ERROR_CLEARED', 'MESSAGE_TOO_LARGE', 'OAUTH_REAUTHORIZATION_REQUIRED']);
    const changed = await gql(server.url, ChangeChatDestinationDocument, { input: { mailboxNumber: 1, destinationId: slackId, eventKinds: ['RECEIVE_ERROR', 'ACCOUNT_LOCKED', 'MAILBOX_RESET'], webhookUrl: `${SLACK_URL}2` } }, { token: admin });
    expect(changed.data!.changeChatDestination.chatDestination!.eventKinds).toEqual(['RECEIVE_ERROR_RAISED', 'RECEIVE_ERROR_CLEARED', 'MESSAGE_TOO_LARGE', 'ACCOUNT_LOCKED', 'MAILBOX_RESET']);
    const kindsIn = (e: { data: unknown }) => (e.data as { eventKinds?: string[] }).eventKinds ?? [];
    expect((await events()).flatMap(kindsIn)).not.toContain('RECEIVE_ERROR');

    const listed = await gql(server.url, ChatDestinationsDocument, { mailboxNumber: 1 }, { token: admin });
    expect(listed.data!.chatDestinations.map((d) => [d.kind, d.name, d.enabled])).toEqual([
      ['SLACK', 'Slack #ops', true],
      ['CHATWORK', 'Chatwork', true],
      ['TEAMS', 'Teams', false],
    ]);
    const stored = JSON.stringify(await events()) + JSON.stringify(await server.app.services.db.selectFrom('chat_destinations').selectAll().execute());
    for (const text of [JSON.stringify(listed), JSON.stringify(changed), stored]) {
      for (const secret of ['slacksecretpart', CHATWORK_TOKEN, 'teamssecretsig']) expect(text).not.toContain(secret);
    }

    const removed = await gql(server.url, RemoveChatDestinationDocument, { input: { mailboxNumber: 1, destinationId: slackId } }, { token: admin });
    expect(removed.data!.removeChatDestination.removedChatDestinationId).toBe(slackId);
    expect((await gql(server.url, ChatDestinationsDocument, { mailboxNumber: 1 }, { token: admin })).data!.chatDestinations).toHaveLength(2);
  });
});
