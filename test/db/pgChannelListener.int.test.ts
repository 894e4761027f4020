import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgChannelListener } from '../../src/db/pgChannelListener.js';
import { postgresAvailable, TEST_DATABASE_URL } from '../support/postgres.js';

const enabled = await postgresAvailable();

const until = async (what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.runIf(enabled)('PostgreSQL channel listener', () => {
  let admin: pg.Client;
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
  });

  it('hears its channels, reconnects after its session is killed, and says when it listens again', async () => {
    const suffix = randomBytes(4).toString('hex');
    const channels = [`test_a_${suffix}`, `test_b_${suffix}`];
    const applicationName = `listener-test-${suffix}`;
    const heard: string[] = [];
    let listeningCount = 0;
    const listener = new PgChannelListener({
      connectionString: TEST_DATABASE_URL,
      channels,
      applicationName,
      reconnectMs: 50,
      onNotification: (channel, payload) => heard.push(`${channel}=${payload}`),
      onListening: () => (listeningCount += 1),
    });
    try {
      await listener.start();
      expect(listener.listening).toBe(true);
      expect(listeningCount).toBe(1);
      await admin.query('select pg_notify($1, $2), pg_notify($3, $4), pg_notify($5, $6)', [channels[0], 'one', channels[1], 'two', `other_${suffix}`, 'not ours']);
      await until('two notifications', () => heard.length === 2);
      expect(heard).toEqual([`${channels[0]}=one`, `${channels[1]}=two`]);

      const { rowCount } = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [applicationName]);
      expect(rowCount).toBe(1);
      await until('the listener to notice the loss and reconnect', () => listeningCount === 2);
      expect(listener.listening).toBe(true);
      await admin.query('select pg_notify($1, $2)', [channels[0], 'three']);
      await until('the notification after reconnecting', () => heard.length === 3);
      expect(heard[2]).toBe(`${channels[0]}=three`);
    } finally {
      await listener.stop();
    }
    expect(listener.listening).toBe(false);
    const { rows } = await admin.query('select count(*)::int as n from pg_stat_activity where application_name = $1', [applicationName]);
    expect(rows[0].n).toBe(0);
  });

  it('keeps retrying while the server refuses it, and stops retrying when stopped', async () => {
    // A "server" that hangs up on every connection counts the listener's attempts.
    let attempts = 0;
    const refusing = createServer((socket) => {
      attempts += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const { port } = refusing.address() as AddressInfo;
    const listener = new PgChannelListener({
      connectionString: `postgres://nobody@127.0.0.1:${port}/none`,
      channels: ['never'],
      reconnectMs: 20,
      onNotification: () => {},
    });
    try {
      await listener.start();
      expect(listener.listening).toBe(false);
      await until('several attempts', () => attempts >= 3);
      await listener.stop();
      const afterStop = attempts;
      await new Promise((r) => setTimeout(r, 150));
      expect(attempts).toBe(afterStop);
    } finally {
      await listener.stop();
      refusing.close();
    }
  });
});
