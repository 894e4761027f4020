import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddReceiveAccountDocument, FetchReceiveAccountNowDocument, FetchRunHistoryDocument } from '../generated/graphql.js';
import { ADMIN_PASSWORD, gql, startTestServer, type TestServer } from '../support/server.js';
import { closedPort, loginToken } from './consoleHarness.js';

describe('fetchRunHistory: runs and failed runs per hour for the fetch board', () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer();
    token = await loginToken(server.url, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => server?.stop());

  it('counts each finished run in its hour, failures apart, with empty hours as zeros', async () => {
    const before = await gql(server.url, FetchRunHistoryDocument, { mailboxNumber: 1 }, { token });
    expect(before.data?.fetchRunHistory.buckets).toHaveLength(24);
    expect(before.data?.fetchRunHistory).toMatchObject({ runs: 0, failures: 0 });

    const added = await gql(server.url, AddReceiveAccountDocument, {
      input: { mailboxNumber: 1, displayName: 'Support', protocol: 'IMAP', host: '127.0.0.1', port: await closedPort(), encryption: 'NONE', username: 'support', password: 'p-secret' },
    }, { token });
    expect(added.data?.addReceiveAccount.userErrors).toEqual([]);
    const accountId = added.data!.addReceiveAccount.account!.id;
    for (let i = 0; i < 2; i++) {
      const run = await gql(server.url, FetchReceiveAccountNowDocument, { input: { mailboxNumber: 1, accountId } }, { token });
      expect(run.data?.fetchReceiveAccountNow.error?.code).toBe('CONNECTION');
    }
    const after = await gql(server.url, FetchRunHistoryDocument, { mailboxNumber: 1, hours: 3 }, { token });
    const history = after.data!.fetchRunHistory;
    expect(history).toMatchObject({ mailboxNumber: 1, runs: 2, failures: 2 });
    expect(history.buckets).toHaveLength(3);
    // Both runs are in the current hour (or, across an hour boundary, in the one before).
    const [oldest, previous, current] = history.buckets;
    expect(oldest).toMatchObject({ runs: 0, failures: 0 });
    expect(previous!.runs + current!.runs).toBe(2);
    expect(previous!.imported + current!.imported).toBe(0);
    expect(Date.now() - Date.parse(current!.start)).toBeLessThan(3600_000);
  });

  it('refuses hours outside 1–48 and anonymous callers', async () => {
    const bad = await gql(server.url, FetchRunHistoryDocument, { mailboxNumber: 1, hours: 0 }, { token });
    expect(bad.errors?.[0]?.extensions?.code).toBe('VALIDATION');
    expect(bad.errors?.[0]?.message).toMatch(/hours must be from 1 to 48, got 0/);
    const anonymous = await gql(server.url, FetchRunHistoryDocument, { mailboxNumber: 1 }, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
