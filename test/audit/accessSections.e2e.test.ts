import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationAsOfDocument, ConfigureIpRestrictionDocument, ConfigureLockPolicyDocument, LoginDocument } from '../generated/graphql.js';
import { ADMIN_PASSWORD, gql, startTestServer, type TestServer } from '../support/server.js';

describe('access settings in the audit configuration', () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer();
    token = (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
  });
  afterAll(async () => server?.stop());

  const sectionsAt = async (position?: number) => {
    const res = await gql(server.url, ConfigurationAsOfDocument, { mailboxNumber: 1, position }, { token });
    expect(res.errors).toBeUndefined();
    return Object.fromEntries(res.data!.configurationAsOf.sections.map((s) => [s.name, s.value]));
  };

  it('replays the lock policy and IP restriction as they were at each position', async () => {
    const lock = (threshold: number) =>
      gql(server.url, ConfigureLockPolicyDocument, { input: { mailboxNumber: 1, enabled: true, threshold, notifyOperationsAdministrators: true } }, { token });
    expect((await lock(5)).data?.configureLockPolicy.userErrors).toEqual([]);
    const afterFirst = await server.app.services.store.headPosition();
    await lock(7);
    const ip = await gql(
      server.url,
      ConfigureIpRestrictionDocument,
      { input: { mailboxNumber: 1, enabled: true, allowedAddresses: ['127.0.0.0/8', '::1'], exemptUserIds: [] } },
      { token },
    );
    expect(ip.data?.configureIpRestriction.userErrors).toEqual([]);

    const then = await sectionsAt(afterFirst);
    expect(then['access.lockPolicy']).toMatchObject({ enabled: true, threshold: 5 });
    expect(then['access.restriction'] ?? null).toBeNull();
    const now = await sectionsAt();
    expect(now['access.lockPolicy']).toMatchObject({ threshold: 7 });
    expect(now['access.restriction']).toMatchObject({ ipRestriction: { enabled: true, allowedAddresses: ['127.0.0.0/8', '::1'] } });
  });
});
