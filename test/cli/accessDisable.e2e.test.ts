import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAdminCli } from './runAdminCli.js';
import { ConfigureIpRestrictionDocument, LoginDocument, MailboxDocument, SettingsChangedDocument } from '../generated/graphql.js';
import { createTestSchema, postgresAvailable } from '../support/postgres.js';
import { ADMIN_PASSWORD, gql, startTestServer, subscribeQueued, wsClient, type TestServer } from '../support/server.js';

const pgAvailable = await postgresAvailable();

const runCli = runAdminCli;

const until = async (check: () => Promise<boolean>, what: string): Promise<void> => {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Not within 10 s: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe.each([
  { storage: 'sqlite' as const, enabled: true },
  { storage: 'postgres' as const, enabled: pgAvailable },
])('mailroom admin access disable on $storage (the way back from a lock-out)', ({ storage, enabled }) => {
  const saved = { dir: process.env.MAILROOM_DATA_DIR, url: process.env.DATABASE_URL };
  let server: TestServer | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await server?.stop();
    await drop?.();
    process.env.MAILROOM_DATA_DIR = saved.dir;
    if (saved.url === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved.url;
  });

  it.runIf(enabled)('turns off an IP restriction that excludes everybody, as the system actor with the reason, while the server runs', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-cli-access-'));
    const env: Record<string, string> = {};
    if (storage === 'postgres') {
      const pg = await createTestSchema();
      drop = pg.drop;
      env.DATABASE_URL = pg.url;
    }
    server = await startTestServer({ dataDir, env });
    try {
      const token = (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
      // An allow list without the caller's address, forced past the self-lockout guard
      // (what an operations administrator behind a proxy did in issue #23).
      const locked = await gql(server.url, ConfigureIpRestrictionDocument, { input: { mailboxNumber: 1, enabled: true, allowedAddresses: ['192.0.2.0/24'], force: true, reason: 'office only' } }, { token });
      expect(locked.data?.configureIpRestriction.userErrors).toEqual([]);
      expect((await gql(server.url, MailboxDocument, { number: 1 }, { token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      process.env.MAILROOM_DATA_DIR = dataDir;
      if (env.DATABASE_URL) process.env.DATABASE_URL = env.DATABASE_URL;
      await expect(runCli('admin', 'access', 'disable', '1')).rejects.toThrow(/--reason/);
      await expect(runCli('admin', 'access', 'disable', '9', '--reason', 'x')).rejects.toThrow('No mailbox No.9');
      expect(await runCli('admin', 'access', 'disable', '1', '--reason', 'allow list excluded every administrator')).toBe('IP restriction of mailbox 1 turned off (its list is kept)\n');
      expect(await runCli('admin', 'access', 'disable', '1', '--reason', 'again')).toBe('the IP restriction of mailbox 1 was already off\n');

      // The running server follows the event store: HTTP and WebSocket callers are back in.
      const app = server;
      await until(async () => (await gql(app.url, MailboxDocument, { number: 1 }, { token })).errors === undefined, 'mailbox 1 readable again over HTTP');
      const client = wsClient(server.wsUrl, token);
      try {
        const feed = subscribeQueued(client, SettingsChangedDocument, { mailboxNumber: 1 });
        const viewed = await gql(server.url, MailboxDocument, { number: 1 }, { token });
        expect(viewed.data?.mailbox?.number).toBe(1);
        await new Promise((r) => setTimeout(r, 200));
        expect(feed.error()).toBeNull();
        feed.dispose();
      } finally {
        await client.dispose();
      }
      const events = (await server.app.services.store.readStream('access-restriction-1')).map((e) => ({ type: e.type, enabled: (e.data as { enabled: boolean }).enabled, allowed: (e.data as { allowedAddresses: string[] }).allowedAddresses, actorId: e.metadata.actorId, reason: e.metadata.reason }));
      expect(events).toEqual([
        { type: 'IpRestrictionConfigured', enabled: true, allowed: ['192.0.2.0/24'], actorId: expect.any(String), reason: 'office only' },
        { type: 'IpRestrictionConfigured', enabled: false, allowed: ['192.0.2.0/24'], actorId: null, reason: 'allow list excluded every administrator' },
      ]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
