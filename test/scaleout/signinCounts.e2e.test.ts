import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddMailboxMemberDocument, ConfigureLockPolicyDocument, CreateUserDocument, SignInDocument, UserAccountLockDocument } from '../generated/graphql.js';
import { createTestSchema, postgresAvailable } from '../support/postgres.js';
import { loginAdmin, startServerProcess, waitFor, type ServerProcess } from '../support/process/serverProcess.js';
import { gql } from '../support/server.js';

const enabled = await postgresAvailable();
const GENERIC = 'Invalid username or password';

/**
 * Two server processes on one PostgreSQL: failed logins counted on either instance add up,
 * for the per-user lock (the user's attempts stream) and for the per-network block (the
 * shared counters), and what one instance decides the other enforces. A temporary lock then
 * lifts by itself, on both, with no one unlocking it. Client addresses are simulated with
 * X-Forwarded-For behind the trusted loopback proxy.
 */
describe.runIf(enabled)('sign-in counts are shared across server instances', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let a: ServerProcess;
  let b: ServerProcess;
  let admin: string;
  let samId: string;

  const signIn = (server: ServerProcess, username: string, password: string, address: string) =>
    gql(server.url, SignInDocument, { input: { username, password } }, { headers: { 'x-forwarded-for': address } });
  const codeOf = (res: Awaited<ReturnType<typeof signIn>>) => res.data?.login.userErrors[0]?.code ?? res.errors?.[0]?.extensions?.code ?? 'OK';
  const eventsOfType = async (type: string) => {
    const client = new pg.Client({ connectionString: schema.url });
    await client.connect();
    try {
      return (await client.query<{ data: unknown }>('select data from events where type = $1 order by position', [type])).rows.map((r) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as Record<string, unknown>);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    schema = await createTestSchema();
    const env = {
      DATABASE_URL: schema.url,
      MAILROOM_MASTER_KEY: randomBytes(32).toString('base64'),
      MAILROOM_TRUSTED_PROXIES: '127.0.0.1',
      // The rate limits are out of the way: the shared counts must do it.
      MAILROOM_LOGIN_ATTEMPTS_PER_IP: '100000',
      MAILROOM_LOGIN_ATTEMPTS_PER_USER: '100000',
      MAILROOM_STUFFING_SLOW_AFTER: '100000',
      MAILROOM_STUFFING_BLOCK_AFTER: '10',
    };
    [a, b] = await Promise.all([startServerProcess({ name: 'a', env }), startServerProcess({ name: 'b', env })]);
    admin = await loginAdmin(a);
    samId = (await gql(a.url, CreateUserDocument, { input: { username: 'sam', displayName: 'Sam', email: 'sam@example.com', password: 'sam-password' } }, { token: admin })).data!.createUser.user!.id;
    await gql(a.url, AddMailboxMemberDocument, { input: { mailboxNumber: 1, userId: samId } }, { token: admin });
    // The smallest wait there is (one minute); the test polls until the lock lifts rather than timing it.
    const policy = await gql(a.url, ConfigureLockPolicyDocument, { input: { mailboxNumber: 1, enabled: true, threshold: 4, notifyOperationsAdministrators: false, mode: 'TEMPORARY', waitMinutes: 1 } }, { token: admin });
    expect(policy.data!.configureLockPolicy.userErrors).toEqual([]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await schema?.drop();
  });

  it('2 failures on A and 2 on B lock the user on both; the temporary lock lifts by itself', async () => {
    // One address per attempt, each in its own /24, so only the per-user count can add up.
    let n = 0;
    const fresh = () => `10.${Math.floor(n / 250)}.${n++ % 250}.1`;
    for (const server of [a, a, b, b]) expect(codeOf(await signIn(server, 'sam', 'wrong-password', fresh()))).toBe('UNAUTHENTICATED');
    // The lock is recorded after the answer; watch it through B's read of the shared read models.
    await waitFor('the lock to show on B', async () => (await gql(b.url, UserAccountLockDocument, { id: samId }, { token: admin })).data?.user.accountLock?.locked === true);
    for (const server of [b, a]) {
      const refused = await signIn(server, 'sam', 'sam-password', fresh());
      expect(refused.data!.login).toMatchObject({ token: null, userErrors: [{ code: 'UNAUTHENTICATED', message: GENERIC }] });
    }
    expect((await eventsOfType('UserLocked')).map((d) => [d.userId, d.failedAttempts, d.temporaryLock])).toEqual([[samId, 4, 1]]);

    // Lifts by itself after the wait: no unlock, no event needed; bounded well past one minute.
    const token = await waitFor(
      'the temporary lock to lift',
      async () => {
        await new Promise((r) => setTimeout(r, 2000));
        return (await signIn(n % 2 === 0 ? a : b, 'sam', 'sam-password', fresh())).data?.login.token;
      },
      150_000,
    );
    expect(token).toMatch(/^mr_s_/);
    expect(await eventsOfType('UserUnlocked')).toEqual([]);
  }, 200_000);

  it('failures from one /24 on A and B add up to the block; then both refuse the network, even a right password', async () => {
    const codes: string[] = [];
    // Five unknown usernames through each instance, interleaved, from five addresses of one /24.
    for (let i = 0; i < 10; i++) codes.push(codeOf(await signIn(i % 2 === 0 ? a : b, `nobody${i}`, 'Summer2024!', `198.51.100.${(i % 5) + 10}`)));
    expect(codes).toEqual(Array(10).fill('UNAUTHENTICATED'));
    for (const server of [b, a]) expect(codeOf(await signIn(server, 'admin', 'not-needed', '198.51.100.200'))).toBe('RATE_LIMITED');
    // The real user with the right password, from the blocked network, through either instance.
    expect(codeOf(await signIn(b, 'sam', 'sam-password', '198.51.100.201'))).toBe('RATE_LIMITED');
    expect(codeOf(await signIn(a, 'sam', 'sam-password', '198.51.100.202'))).toBe('RATE_LIMITED');
    // Elsewhere the user still logs in; the block was recorded once, not once per instance.
    expect((await signIn(b, 'sam', 'sam-password', '192.0.2.1')).data?.login.token).toMatch(/^mr_s_/);
    expect((await eventsOfType('ClientAddressBlocked')).map((d) => [d.network, d.failures])).toEqual([['198.51.100.0/24', 10]]);
  }, 60_000);
});
