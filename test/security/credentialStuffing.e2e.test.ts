import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateUserDocument, SignInDocument } from '../generated/graphql.js';
import { postgresAvailable } from '../support/postgres.js';
import { ADMIN_PASSWORD, gql, startTestServer, type TestServer } from '../support/server.js';

const pgAvailable = await postgresAvailable();

/**
 * Red-team probe: one address tries one password against 200 usernames (credential
 * stuffing). The per-user lock never fires (one try per user); the per-address and
 * per-network counters must stop it, while a user from elsewhere still logs in.
 * Addresses are simulated with X-Forwarded-For behind a trusted loopback proxy.
 */
describe.each([
  { storage: 'sqlite' as const, enabled: true },
  { storage: 'postgres' as const, enabled: pgAvailable },
])('credential stuffing on $storage', ({ storage, enabled }) => {
  let server: TestServer;
  const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });

  beforeAll(async () => {
    if (!enabled) return;
    server = await startTestServer({
      storage,
      env: {
        MAILROOM_TRUSTED_PROXIES: '127.0.0.1',
        // The per-address rate limit is out of the way: the stuffing counters must do it.
        MAILROOM_LOGIN_ATTEMPTS_PER_IP: '100000',
        MAILROOM_STUFFING_SLOW_AFTER: '10',
        MAILROOM_STUFFING_BLOCK_AFTER: '30',
        MAILROOM_STUFFING_SLOW_STEP_MS: '5',
      },
    });
    const admin = (await gql(server.url, SignInDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
    await gql(server.url, CreateUserDocument, { input: { username: 'victim', displayName: 'v', email: 'v@example.com', password: 'victim-password' } }, { token: admin });
  });
  afterAll(async () => server?.stop());

  it.runIf(enabled)('200 usernames x 1 password from one address are stopped after the threshold; another address logs in', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 200; i++) {
      const res = await gql(server.url, SignInDocument, { input: { username: `user${i}`, password: 'Summer2024!' } }, from('203.0.113.7'));
      codes.push(res.data?.login.userErrors[0]?.code ?? res.errors?.[0]?.extensions?.code ?? 'OK');
    }
    expect(codes.slice(0, 30).every((c) => c === 'UNAUTHENTICATED')).toBe(true);
    expect(codes.slice(30).every((c) => c === 'RATE_LIMITED')).toBe(true);
    // The whole /24 is refused too, even with the right password of a real user.
    const neighbour = await gql(server.url, SignInDocument, { input: { username: 'victim', password: 'victim-password' } }, from('203.0.113.99'));
    expect(neighbour.errors?.[0]?.extensions?.code ?? neighbour.data?.login.userErrors[0]?.code).toBe('RATE_LIMITED');
    const elsewhere = await gql(server.url, SignInDocument, { input: { username: 'victim', password: 'victim-password' } }, from('198.51.100.9'));
    expect(elsewhere.data?.login.token).toMatch(/^mr_s_/);
    const blocks = (await server.app.services.store.readAll({ fromPosition: 1, max: 10_000 })).filter((e) => e.type === 'ClientAddressBlocked');
    expect(blocks.map((e) => e.data)).toEqual([
      expect.objectContaining({ network: '203.0.113.7', failures: 30 }),
      expect.objectContaining({ network: '203.0.113.0/24', failures: 30 }),
    ]);
  });

  it.runIf(enabled)('IPv6 clients are counted per /56', async () => {
    for (let i = 0; i < 30; i++) await gql(server.url, SignInDocument, { input: { username: `v6user${i}`, password: 'x-password' } }, from(`2001:db8:0:1${i % 10}::${i + 1}`));
    const next = await gql(server.url, SignInDocument, { input: { username: 'victim', password: 'victim-password' } }, from('2001:db8:0:ff::1'));
    expect(next.errors?.[0]?.extensions?.code ?? next.data?.login.userErrors[0]?.code).toBe('RATE_LIMITED');
    const other = await gql(server.url, SignInDocument, { input: { username: 'victim', password: 'victim-password' } }, from('2001:db8:0:100::1'));
    expect(other.data?.login.token).toMatch(/^mr_s_/);
  });
});
