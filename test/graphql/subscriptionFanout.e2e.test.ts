import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LoginDocument, RenameMailboxDocument, SettingsChangedDocument } from '../generated/graphql.js';
import { postgresAvailable } from '../support/postgres.js';
import { ADMIN_PASSWORD, gql, startTestServer, subscribeQueued, wsClient, type TestServer } from '../support/server.js';

const pgAvailable = await postgresAvailable();

const until = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

/** A counter of the server's /metrics exposition, 0 when the series is absent. */
const metric = async (server: TestServer, name: string, labels: string): Promise<number> => {
  const text = await (await fetch(server.app.metricsUrl)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line ? Number(line.split(' ').pop()) : 0;
};

/**
 * A graphql-ws client on a raw `ws` socket that stops reading once subscribed: it acts like
 * a client whose network stalled. `resume` starts reading again, so the close frame the
 * server queued behind the data arrives.
 */
const stalledSubscriber = async (wsUrl: string, token: string, query: string, variables: Record<string, unknown>, copies = 1) => {
  const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
    socket.on('message', (data) => {
      if (JSON.parse(String(data)).type === 'connection_ack') resolve();
    });
    socket.once('error', reject);
  });
  for (let id = 1; id <= copies; id++) socket.send(JSON.stringify({ id: String(id), type: 'subscribe', payload: { query, variables } }));
  const raw = (socket as unknown as { _socket: import('node:net').Socket })._socket;
  return {
    stall: () => raw.pause(),
    resume: () => raw.resume(),
    closed,
    terminate: () => socket.terminate(),
  };
};

describe.each([
  { storage: 'sqlite' as const, enabled: true },
  { storage: 'postgres' as const, enabled: pgAvailable },
])('subscription fan-out on $storage', ({ storage, enabled }) => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    if (!enabled) return;
    // Small bounds so a stalled client trips them after a few large events.
    server = await startTestServer({ storage, env: { MAILROOM_SUBSCRIPTION_QUEUE_EVENTS: '3', MAILROOM_SUBSCRIPTION_BUFFER_BYTES: '65536' } });
    token = (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.runIf(enabled)('builds each payload once per event, whatever the number of subscribers, and delivers the same payload to all', async () => {
    const clients = Array.from({ length: 4 }, () => wsClient(server.wsUrl, token));
    try {
      // 4 connections × 5 subscriptions: 20 subscribers of the same mailbox.
      const feeds = clients.flatMap((c) => Array.from({ length: 5 }, () => subscribeQueued(c, SettingsChangedDocument, { mailboxNumber: 1 })));
      await until('20 open subscriptions', () => server.app.services.subscriptions.openCounts().settings === 20);
      const builtBefore = await metric(server, 'mailroom_subscription_payloads_built_total', 'feed="settings"');

      for (let i = 0; i < 3; i++) {
        const res = await gql(server.url, RenameMailboxDocument, { input: { number: 1, name: `Fan-out ${i}`, reason: `fan-out ${i}` } }, { token });
        expect(res.data?.renameMailbox.userErrors).toEqual([]);
      }
      for (const feed of feeds) {
        const got = [await feed.next(), await feed.next(), await feed.next()].map((r) => r.data?.settingsChanged);
        expect(got.map((e) => [e?.type, e?.reason, e?.actor?.username])).toEqual([0, 1, 2].map((i) => ['MailboxRenamed', `fan-out ${i}`, 'admin']));
      }
      // Three events, three payloads: not 3 × 20.
      expect((await metric(server, 'mailroom_subscription_payloads_built_total', 'feed="settings"')) - builtBefore).toBe(3);
      for (const f of feeds) f.dispose();
      await until('the subscriptions to close', () => server.app.services.subscriptions.openCounts().settings === 0);
    } finally {
      await Promise.all(clients.map((c) => c.dispose()));
    }
  }, 60_000);

  it.runIf(enabled)('a stalled client does not delay the others and is closed with 4413 once its buffers are full', async () => {
    // Reasons are at most 500 characters: the stalled socket holds 40 subscriptions that each
    // select the reason 14 times (under the alias limit), ~280 KB per event on that socket.
    const aliases = Array.from({ length: 14 }, (_, i) => `r${i}: reason`).join(' ');
    const stalled = await stalledSubscriber(server.wsUrl, token, `subscription($n: Int!) { settingsChanged(mailboxNumber: $n) { position ${aliases} } }`, { n: 1 }, 40);
    const others = Array.from({ length: 3 }, () => wsClient(server.wsUrl, token));
    try {
      const feeds = others.map((c) => subscribeQueued(c, SettingsChangedDocument, { mailboxNumber: 1 }));
      await until('43 open subscriptions', () => server.app.services.subscriptions.openCounts().settings === 43);
      stalled.stall();
      const closedBefore = server.app.services.subscriptions.closedConnections().get('too_slow') ?? 0;
      const bulky = 'x'.repeat(480);
      let sent = 0;
      while ((server.app.services.subscriptions.closedConnections().get('too_slow') ?? 0) === closedBefore) {
        if (sent >= 60) throw new Error('the stalled client was never closed');
        const res = await gql(server.url, RenameMailboxDocument, { input: { number: 1, name: `Stall ${sent}`, reason: `${sent} ${bulky}` } }, { token });
        expect(res.data?.renameMailbox.userErrors).toEqual([]);
        // Every other subscriber has this event before the next one is made.
        for (const feed of feeds) expect((await feed.next()).data?.settingsChanged.reason?.startsWith(`${sent} `)).toBe(true);
        sent += 1;
      }
      stalled.resume();
      expect(await stalled.closed).toMatchObject({ code: 4413, reason: expect.stringContaining('Subscriber too slow') });
      // The others go on.
      await gql(server.url, RenameMailboxDocument, { input: { number: 1, name: 'After the stall', reason: 'after' } }, { token });
      for (const feed of feeds) expect((await feed.next()).data?.settingsChanged.reason).toBe('after');
      expect(server.app.services.subscriptions.openCounts().settings).toBe(3);
    } finally {
      stalled.terminate();
      await Promise.all(others.map((c) => c.dispose()));
    }
  }, 120_000);
});
