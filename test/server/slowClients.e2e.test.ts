import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginDocument, SettingsChangedDocument } from '../generated/graphql.js';
import { ADMIN_PASSWORD, gql, startTestServer, subscribeQueued, wsClient, type TestServer } from '../support/server.js';

/**
 * A client that keeps sending, one byte at a time, until the server answers or closes.
 * Node's defaults (headersTimeout 60 s, requestTimeout 300 s) let it hold the connection for
 * minutes; with the configured limits it gets 408 while it is still sending.
 */
const dribble = (port: number, head: string, rest: string, everyMs: number): Promise<{ answer: string; sent: number; stillSending: boolean }> =>
  new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let answer = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    // The server closes on a client still sending, so the kernel may answer the next byte with
    // a reset: after the answer was read, that is the close the test waits for, not a failure.
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNRESET' && answer) return;
      reject(err);
    });
    socket.on('data', (d) => (answer += d.toString('latin1')));
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, sent, stillSending: sent < rest.length });
    });
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (sent >= rest.length || socket.destroyed) return;
        socket.write(rest[sent]!);
        sent += 1;
      }, everyMs);
    });
  });

describe('slow clients', () => {
  let server: TestServer;
  let port: number;

  beforeAll(async () => {
    server = await startTestServer({ env: { MAILROOM_HEADERS_TIMEOUT_MS: '500', MAILROOM_REQUEST_TIMEOUT_MS: '1500' } });
    port = Number(new URL(server.url).port);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers dribbled headers with 408 and closes the connection', async () => {
    // 200 header bytes at one per 50 ms would take 10 s.
    const result = await dribble(port, 'POST /graphql HTTP/1.1\r\nHost: x\r\n', `X-Slow: ${'a'.repeat(190)}\r\n\r\n`, 50);
    expect(result.answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(result.stillSending).toBe(true);
  });

  it('answers a body that arrives too slowly with 408 and closes the connection', async () => {
    const body = JSON.stringify({ query: `{ __typename ${' '.repeat(150)}}` });
    const head = `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
    const result = await dribble(port, head, body, 50);
    expect(result.answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(result.stillSending).toBe(true);
  });

  it('still serves ordinary requests, and WebSocket connections outlive the request timeout', async () => {
    const login = await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } });
    const token = login.data!.login.token!;
    const client = wsClient(server.wsUrl, token);
    try {
      const feed = subscribeQueued(client, SettingsChangedDocument, { mailboxNumber: 1 });
      await new Promise((r) => setTimeout(r, 2500));
      const renamed = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: 'mutation { renameMailbox(input: { number: 1, name: "Slow", reason: "timeouts" }) { userErrors { message } } }' }),
      });
      expect(await renamed.json()).toEqual({ data: { renameMailbox: { userErrors: [] } } });
      const event = await feed.next();
      expect(event.errors).toBeUndefined();
      feed.dispose();
    } finally {
      await client.dispose();
    }
  });
});
