import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LoginDocument } from '../generated/graphql.js';
import { ADMIN_PASSWORD, gql, startTestServer, wsClient, type TestServer } from '../support/server.js';
import { gqlFrom, postFrom } from './boundClients.js';

const INTROSPECTION = '{ __schema { queryType { name } } }';

/** One graphql-ws query, resolved with its first result (or the error that ended it). */
const wsQuery = (client: ReturnType<typeof wsClient>, query: string) =>
  new Promise<{ data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] }>((resolve, reject) => {
    client.subscribe({ query }, { next: (v) => resolve(v as never), error: reject, complete: () => {} });
  });

describe('API hardening end to end', () => {
  let server: TestServer;
  let adminToken: string;

  beforeAll(async () => {
    server = await startTestServer({
      env: { MAILROOM_MAX_REQUEST_BYTES: '4096', MAILROOM_LOGIN_ATTEMPTS_PER_USER: '5', MAILROOM_LOGIN_ATTEMPTS_PER_IP: '12' },
    });
    adminToken = (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
  });
  afterAll(async () => {
    await server?.stop();
  });

  const post = (query: string, token?: string) => postFrom('127.0.0.1', server.url, JSON.stringify({ query }), { token: token ?? null });

  it('answers introspection to authenticated callers only, over HTTP and WebSocket', async () => {
    const anonymous = await post(INTROSPECTION);
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.body).errors[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(JSON.parse((await post('{ __typename }')).body)).toEqual({ data: { __typename: 'Query' } });
    expect(JSON.parse((await post(INTROSPECTION, adminToken)).body)).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });

    const anon = wsClient(server.wsUrl, null);
    const authed = wsClient(server.wsUrl, adminToken);
    try {
      expect((await wsQuery(anon, INTROSPECTION)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect((await wsQuery(authed, INTROSPECTION)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    } finally {
      await Promise.all([anon.dispose(), authed.dispose()]);
    }
  });

  it('refuses operations beyond the depth and alias limits, over HTTP and WebSocket', async () => {
    const deep = '{ viewer { memberships { mailbox { members { edges { node { user { memberships { mailbox { members { edges { node { roles } } } } } } } } } } } } }';
    const tooDeep = await post(deep, adminToken);
    expect(tooDeep.status).toBe(400);
    expect(JSON.parse(tooDeep.body).errors[0]).toMatchObject({ message: 'Syntax Error: Query depth limit of 12 exceeded, found 13.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    const aliases = `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: viewer { id }`).join(' ')} }`;
    expect(JSON.parse((await post(aliases, adminToken)).body).errors[0].message).toBe('Syntax Error: Aliases limit of 15 exceeded, found 16.');

    const ws = wsClient(server.wsUrl, adminToken);
    try {
      await expect(wsQuery(ws, deep)).rejects.toEqual([expect.objectContaining({ message: 'Syntax Error: Query depth limit of 12 exceeded, found 13.' })]);
    } finally {
      await ws.dispose();
    }
  });

  it('refuses a request body over MAILROOM_MAX_REQUEST_BYTES and closes a WebSocket sending a larger message', async () => {
    const big = await postFrom('127.0.0.1', server.url, JSON.stringify({ query: `{ __typename } # ${'x'.repeat(5000)}` }));
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');

    const socket = new WebSocket(server.wsUrl, 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise((resolve) => socket.on('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { padding: 'x'.repeat(5000) } }));
    expect(await closed).toBe(1009);
  });

  it('limits login attempts per username (known or not) and per client address, before any password work', async () => {
    const attempt = (from: string, username: string) => gqlFrom(from, server.url, LoginDocument, { input: { username, password: 'whatever-password' } });
    for (let i = 0; i < 5; i++) expect((await attempt('127.0.0.5', 'ghost')).data?.login.userErrors[0]?.code).toBe('UNAUTHENTICATED');
    const limited = await attempt('127.0.0.6', 'ghost');
    expect(limited.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^Too many login attempts; try again in \d+ s$/), extensions: { code: 'RATE_LIMITED' } });

    const results = await Promise.all(Array.from({ length: 13 }, (_, i) => attempt('127.0.0.8', `someone-${i}`)));
    const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? r.data?.login.userErrors[0]?.code);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(12);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(1);
    // Another address still gets in.
    expect((await gqlFrom('127.0.0.9', server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data?.login.token).toBeTruthy();
  });

  it('masks unexpected errors outside development', async () => {
    // A read-model table gone missing makes the next lookup fail with an SQL error that
    // must not reach the client.
    const db = server.app.services.db;
    await db.schema.alterTable('lock_policies').renameTo('lock_policies_away').execute();
    try {
      const res = JSON.parse((await post('{ lockPolicy(mailboxNumber: 1) { threshold } }', adminToken)).body);
      expect(res.errors[0]).toEqual({ message: 'Internal server error', path: ['lockPolicy'], extensions: { code: 'INTERNAL' } });
      expect(JSON.stringify(res)).not.toMatch(/lock_policies|SQL|no such table/i);
    } finally {
      await db.schema.alterTable('lock_policies_away').renameTo('lock_policies').execute();
    }
  });
});
