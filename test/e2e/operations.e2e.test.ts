import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddSmtpServerDocument,
  CreateUserDocument,
  IssueApiTokenDocument,
  LoginDocument,
  MailboxDocument,
  RenderExternalCallDocument,
  SettingsChangedDocument,
  ViewerDocument,
} from '../generated/graphql.js';
import { createLogger } from '../../src/server/logger.js';
import { postgresAvailable } from '../support/postgres.js';
import { ADMIN_PASSWORD, gql, startTestServer, subscribeQueued, wsClient, type TestServer } from '../support/server.js';

const pgAvailable = await postgresAvailable();

const login = async (url: string, username: string, password: string, headers: Record<string, string> = {}): Promise<string> => {
  const res = await gql(url, LoginDocument, { input: { username, password } }, { headers });
  expect(res.data?.login.userErrors).toEqual([]);
  return res.data!.login.token!;
};

const scrape = async (server: TestServer): Promise<string> => {
  const res = await fetch(server.url.replace('/graphql', '/metrics'));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
};

describe.each([
  { storage: 'sqlite' as const, enabled: true },
  { storage: 'postgres' as const, enabled: pgAvailable },
])('GET /metrics on $storage', ({ storage, enabled }) => {
  let server: TestServer;
  let other: TestServer;

  beforeAll(async () => {
    if (!enabled) return;
    // Two apps in one process: each has its own registry, neither throws "already registered".
    [server, other] = await Promise.all([startTestServer({ storage }), startTestServer({ storage: 'sqlite' })]);
  });
  afterAll(async () => {
    await Promise.all([server?.stop(), other?.stop()]);
  });

  it.runIf(enabled)('counts operations by name and type and reports lag, head, subscriptions and the outbox', async () => {
    const token = await login(server.url, 'admin', ADMIN_PASSWORD);
    expect((await gql(server.url, ViewerDocument, {}, { token })).errors).toBeUndefined();
    await gql(server.url, ViewerDocument, {}, { token });

    const text = await scrape(server);
    expect(text).toMatch(/^mailroom_graphql_operations_total\{operation="Viewer",type="query",transport="http",outcome="ok"\} 2$/m);
    expect(text).toMatch(/^mailroom_graphql_operations_total\{operation="Login",type="mutation",transport="http",outcome="ok"\} 1$/m);
    expect(text).toMatch(/^mailroom_graphql_operation_duration_seconds_count\{operation="Viewer",type="query",transport="http"\} 2$/m);
    expect(text).toMatch(/^mailroom_projection_lag_events\{projection="[^"]+",state="running"\} \d+$/m);
    const head = Number(/^mailroom_event_store_head_position (\d+)$/m.exec(text)?.[1]);
    expect(head).toBe(await server.app.services.store.headPosition());
    expect(head).toBeGreaterThan(0);
    expect(text).toMatch(/^mailroom_notice_outbox\{status="pending"\} \d+$/m);
    expect(text).toMatch(/^mailroom_notice_outbox\{status="failed"\} 0$/m);
    expect(text).toMatch(/^mailroom_subscriptions_open\{feed="settings"\} 0$/m);
    expect(text).toContain('mailroom_process_cpu_user_seconds_total');

    // The other app saw none of these operations.
    expect(await scrape(other)).not.toContain('operation="Viewer"');
  });

  it.runIf(enabled)('counts WebSocket subscriptions and shows them open while they last', async () => {
    const client = wsClient(server.wsUrl, await login(server.url, 'admin', ADMIN_PASSWORD));
    try {
      const feed = subscribeQueued(client, SettingsChangedDocument, { mailboxNumber: 1 });
      const deadline = Date.now() + 5000;
      let text = await scrape(server);
      while (!/^mailroom_subscriptions_open\{feed="settings"\} 1$/m.test(text) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        text = await scrape(server);
      }
      expect(text).toMatch(/^mailroom_subscriptions_open\{feed="settings"\} 1$/m);
      expect(text).toMatch(/^mailroom_graphql_operations_total\{operation="SettingsChanged",type="subscription",transport="ws",outcome="ok"\} 1$/m);
      feed.dispose();
    } finally {
      await client.dispose();
    }
  });

  it.runIf(enabled)('counts a request that fails validation as an error of an unknown type', async () => {
    await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query Broken { noSuchField }' }),
    });
    expect(await scrape(server)).toMatch(/^mailroom_graphql_operations_total\{operation="Broken",type="unknown",transport="http",outcome="error"\} 1$/m);
  });
});

describe('structured logs', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter((l) => l.length > 0));
      done();
    },
  });
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ logger: createLogger('trace', sink) });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('never logs a secret and carries the caller’s correlation id into the log and the event metadata', async () => {
    const userPassword = 'user-password-7f3a9c51e2';
    const smtpPassword = 'smtp-password-b84d20e6c1';
    const correlationId = 'ops-test-correlation-42';
    const headers = { 'x-correlation-id': correlationId };

    const adminToken = await login(server.url, 'admin', ADMIN_PASSWORD);
    const created = await gql(
      server.url,
      CreateUserDocument,
      { input: { username: 'logcheck', displayName: 'Log Check', email: 'logcheck@example.com', password: userPassword } },
      { token: adminToken, headers },
    );
    expect(created.data?.createUser.userErrors).toEqual([]);
    const userToken = await login(server.url, 'logcheck', userPassword);
    const smtp = await gql(
      server.url,
      AddSmtpServerDocument,
      { input: { mailboxNumber: 1, name: 'Relay', host: 'smtp.example.com', port: 587, encryption: 'STARTTLS', authMethod: 'PASSWORD', user: 'relay-user', password: smtpPassword } },
      { token: adminToken },
    );
    expect(smtp.data?.addSmtpServer.userErrors).toEqual([]);
    const issued = await gql(server.url, IssueApiTokenDocument, { input: { name: 'ci' } }, { token: adminToken });
    expect(issued.data?.issueApiToken.userErrors).toEqual([]);
    const apiToken = issued.data!.issueApiToken.token!;

    const log = lines.join('\n');
    for (const secret of [ADMIN_PASSWORD, userPassword, smtpPassword, adminToken, userToken, apiToken]) {
      expect(log).not.toContain(secret);
    }

    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries.filter((e) => e.msg === 'graphql operation').map((e) => e.operation)).toEqual(['Login', 'CreateUser', 'Login', 'AddSmtpServer', 'IssueApiToken']);
    expect(entries).toContainEqual(
      expect.objectContaining({ msg: 'graphql operation', correlationId, operation: 'CreateUser', type: 'mutation', outcome: 'ok' }),
    );
    const traced = (await server.app.services.store.readAll()).filter((e) => e.metadata.correlationId === correlationId);
    expect(traced.map((e) => e.type)).toContain('UserRegistered');
  });
});

describe('operation log codes', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter((l) => l.length > 0));
      done();
    },
  });
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ logger: createLogger('info', sink) });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const operationLines = (operation: string) =>
    lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.msg === 'graphql operation' && e.operation === operation);

  it('logs the code the client got (UNAUTHENTICATED, NOT_FOUND), over HTTP and WebSocket, never INTERNAL for them', async () => {
    const anonymous = await gql(server.url, MailboxDocument, { number: 1 }, {});
    const anonymousCode = anonymous.errors?.[0]?.extensions?.code;
    expect(anonymousCode).toBe('UNAUTHENTICATED');
    expect(operationLines('Mailbox')).toEqual([expect.objectContaining({ outcome: 'error', errorCodes: ['UNAUTHENTICATED'], transport: 'http' })]);

    const admin = await login(server.url, 'admin', ADMIN_PASSWORD);
    const missing = await gql(server.url, RenderExternalCallDocument, { mailboxNumber: 1, callId: '00000000-0000-4000-8000-000000000000', values: {} }, { token: admin });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(operationLines('RenderExternalCall')).toEqual([expect.objectContaining({ outcome: 'error', errorCodes: ['NOT_FOUND'] })]);

    const client = wsClient(server.wsUrl, null);
    try {
      const feed = subscribeQueued(client, SettingsChangedDocument, { mailboxNumber: 1 });
      const answer = await feed.next().catch((e: unknown) => ({ errors: e as { extensions?: { code?: string } }[] }));
      const codes = (answer.errors as readonly { extensions?: { code?: string } }[]).map((e) => e.extensions?.code);
      expect(codes).toEqual(['UNAUTHENTICATED']);
    } finally {
      await client.dispose();
    }
    expect(operationLines('SettingsChanged')).toContainEqual(expect.objectContaining({ outcome: 'error', errorCodes: ['UNAUTHENTICATED'], transport: 'ws' }));
    expect(lines.join('\n')).not.toContain('"INTERNAL"');
  });
});
