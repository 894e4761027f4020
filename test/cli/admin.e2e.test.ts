import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAdminCli } from './runAdminCli.js';
import { IssueApiTokenDocument, LoginDocument, SettingsChangedDocument, ViewerDocument } from '../generated/graphql.js';
import { ADMIN_PASSWORD, gql, startTestServer, subscribeQueued, wsClient } from '../support/server.js';
import { closedWith, until } from '../support/subscriptionRights.js';

const runCli = runAdminCli;

describe('mailroom admin (break-glass)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('resets a lost administrator password: old sessions end, the printed one works', async () => {
    let server = await startTestServer({ dataDir });
    const oldToken = (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
    await server.stop();

    process.env.MAILROOM_DATA_DIR = dataDir;
    const output = await runCli('admin', 'reset-password', 'admin', '--reason', 'lost the first-run password');
    const password = /new password for admin: (\S+)/.exec(output)?.[1];
    expect(password).toBeDefined();
    expect(output).toContain('1 session(s) ended');

    server = await startTestServer({ dataDir });
    try {
      expect((await gql(server.url, ViewerDocument, {}, { token: oldToken })).data?.viewer).toBeNull();
      expect((await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data?.login.token).toBeNull();
      const login = await gql(server.url, LoginDocument, { input: { username: 'admin', password: password! } });
      expect(login.data?.login.token).toMatch(/^mr_s_/);
      const [changed] = (await server.app.services.store.readAll({ fromPosition: 1, max: 1000 })).filter((e) => e.type === 'UserPasswordChanged');
      expect(changed?.metadata).toMatchObject({ actorId: null, reason: 'lost the first-run password' });
    } finally {
      await server.stop();
    }
  });

  it('a reset keeps API tokens unless --revoke-api-tokens is given (issue #23 item 2)', async () => {
    const own = mkdtempSync(join(tmpdir(), 'mailroom-cli-tokens-'));
    try {
      let server = await startTestServer({ dataDir: own });
      const session = (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
      const apiToken = (await gql(server.url, IssueApiTokenDocument, { input: { name: 'robot' } }, { token: session })).data!.issueApiToken.token!;
      await server.stop();
      process.env.MAILROOM_DATA_DIR = own;
      expect(await runCli('admin', 'reset-password', 'admin')).toContain('1 session(s) ended, 0 API token(s) revoked');
      server = await startTestServer({ dataDir: own });
      try {
        expect((await gql(server.url, ViewerDocument, {}, { token: session })).data?.viewer).toBeNull();
        expect((await gql(server.url, ViewerDocument, {}, { token: apiToken })).data?.viewer).toMatchObject({ username: 'admin' });
      } finally {
        await server.stop();
      }
      expect(await runCli('admin', 'reset-password', 'admin', '--revoke-api-tokens')).toContain('0 session(s) ended, 1 API token(s) revoked');
      server = await startTestServer({ dataDir: own });
      try {
        expect((await gql(server.url, ViewerDocument, {}, { token: apiToken })).data?.viewer).toBeNull();
      } finally {
        await server.stop();
      }
    } finally {
      process.env.MAILROOM_DATA_DIR = dataDir;
      rmSync(own, { recursive: true, force: true });
    }
  });

  it('a reset while the server runs closes the user’s open subscriptions there (4401)', async () => {
    const own = mkdtempSync(join(tmpdir(), 'mailroom-cli-live-'));
    const server = await startTestServer({ dataDir: own });
    const ws = wsClient(server.wsUrl, (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!);
    try {
      const feed = subscribeQueued(ws, SettingsChangedDocument, { mailboxNumber: 1 });
      await until('the subscription to open', () => server.app.services.subscriptions.openCounts().settings === 1);
      process.env.MAILROOM_DATA_DIR = own;
      expect(await runCli('admin', 'reset-password', 'admin')).toContain('1 session(s) ended');
      expect(await closedWith(feed)).toBe(4401);
    } finally {
      process.env.MAILROOM_DATA_DIR = dataDir;
      await ws.dispose();
      await server.stop();
      rmSync(own, { recursive: true, force: true });
    }
  });

  it('refuses an unknown username', async () => {
    process.env.MAILROOM_DATA_DIR = dataDir;
    await expect(runCli('admin', 'unlock', 'nobody')).rejects.toThrow(/No user named "nobody"/);
  });

  it('complete-reset says so for a mailbox that was never reset', async () => {
    process.env.MAILROOM_DATA_DIR = dataDir;
    expect(await runCli('admin', 'complete-reset', '1')).toBe('mailbox 1 was never reset\n');
  });
});
