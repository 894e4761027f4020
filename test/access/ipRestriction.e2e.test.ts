import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AccessCheckDocument,
  AddMailboxMemberDocument,
  AssignMailboxRoleDocument,
  ConfigureApiRestrictionDocument,
  ConfigureIpRestrictionDocument,
  CreateMailboxDocument,
  CreateUserDocument,
  IssueApiTokenDocument,
  LoginDocument,
  MailboxDocument,
  RenameMailboxDocument,
  SettingsChangedDocument,
  ViewerDocument,
  type ConfigureIpRestrictionInput,
} from '../generated/graphql.js';
import { postgresAvailable } from '../support/postgres.js';
import { ADMIN_PASSWORD, startTestServer, subscribeQueued, type TestServer } from '../support/server.js';
import { gqlFrom, wsClientFrom } from './boundClients.js';

const pgAvailable = await postgresAvailable();

/** Source addresses of the test clients; 127.0.0.9 is configured as a trusted proxy. */
const OFFICE = '127.0.0.2';
const HOME = '127.0.0.3';
const PROXY = '127.0.0.9';

const closeCodeOf = (error: unknown): number | undefined => (error as { code?: number } | null)?.code;

const waitFor = async (condition: () => boolean, timeoutMs = 5000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.each([
  { storage: 'sqlite' as const, enabled: true },
  { storage: 'postgres' as const, enabled: pgAvailable },
])('IP access restriction end to end on $storage', ({ storage, enabled }) => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  const login = async (username: string, password: string, from = OFFICE) => {
    const res = await gqlFrom(from, server.url, LoginDocument, { input: { username, password } });
    expect(res.data?.login.userErrors).toEqual([]);
    return res.data!.login.token!;
  };
  const admin = <R, V>(doc: Parameters<typeof gqlFrom<R, V>>[2], vars: V) => gqlFrom('127.0.0.1', server.url, doc, vars, { token: tokens.admin });
  const restrict = (from: string, token: string, input: ConfigureIpRestrictionInput, headers: Record<string, string> = {}) =>
    gqlFrom(from, server.url, ConfigureIpRestrictionDocument, { input }, { token, headers });

  beforeAll(async () => {
    if (!enabled) return;
    server = await startTestServer({ storage, env: { MAILROOM_TRUSTED_PROXIES: `${PROXY}/32` } });
    tokens.admin = await login('admin', ADMIN_PASSWORD, '127.0.0.1');
    for (const n of [2, 3, 4]) await admin(CreateMailboxDocument, { input: { number: n, name: `Mailbox ${n}`, address: `mb${n}@example.com` } });
    for (const name of ['olga', 'nina', 'xavier']) {
      const created = await admin(CreateUserDocument, { input: { username: name, displayName: name, email: `${name}@example.com`, password: `${name}-password` } });
      ids[name] = created.data!.createUser.user!.id;
      for (const n of [2, 3, 4]) await admin(AddMailboxMemberDocument, { input: { mailboxNumber: n, userId: ids[name]! } });
      tokens[name] = await login(name, `${name}-password`);
    }
    for (const n of [2, 3, 4]) await admin(AssignMailboxRoleDocument, { input: { mailboxNumber: n, userId: ids.olga!, role: 'OPERATIONS_ADMINISTRATOR' } });
    for (const name of ['nina', 'xavier']) {
      for (const n of [2, 3]) await admin(AssignMailboxRoleDocument, { input: { mailboxNumber: n, userId: ids[name]!, role: 'AUDITOR' } });
    }
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.runIf(enabled)('HTTP: allowed, denied and exempt users, judged by their socket address', async () => {
    const saved = await restrict(OFFICE, tokens.olga!, { mailboxNumber: 2, enabled: true, allowedAddresses: [`${OFFICE}/32`, '::1'], exemptUserIds: [ids.xavier!] });
    expect(saved.data?.configureIpRestriction.userErrors).toEqual([]);
    expect(saved.data?.configureIpRestriction.accessRestriction?.ipRestriction).toMatchObject({
      enabled: true,
      allowedAddresses: [OFFICE, '::1'],
      exemptUsers: [{ username: 'xavier' }],
    });

    expect((await gqlFrom(OFFICE, server.url, MailboxDocument, { number: 2 }, { token: tokens.nina })).data?.mailbox.number).toBe(2);
    const denied = await gqlFrom(HOME, server.url, MailboxDocument, { number: 2 }, { token: tokens.nina });
    expect(denied.errors?.[0]).toMatchObject({ message: `Access to mailbox 2 from ${HOME} is not allowed`, extensions: { code: 'FORBIDDEN' } });
    expect((await gqlFrom(HOME, server.url, MailboxDocument, { number: 2 }, { token: tokens.xavier })).data?.mailbox.number).toBe(2);
    // Only operations naming the mailbox are restricted; the same user elsewhere is not.
    expect((await gqlFrom(HOME, server.url, ViewerDocument, {}, { token: tokens.nina })).data?.viewer?.username).toBe('nina');
    expect((await gqlFrom(HOME, server.url, MailboxDocument, { number: 3 }, { token: tokens.nina })).data?.mailbox.number).toBe(3);
    // Administrators are not above the restriction.
    expect((await admin(MailboxDocument, { number: 2 })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const check = await gqlFrom(OFFICE, server.url, AccessCheckDocument, { mailboxNumber: 2, ip: '::ffff:127.0.0.2', userId: ids.nina! }, { token: tokens.olga });
    expect(check.data?.accessCheck).toMatchObject({ allowed: true, address: OFFICE, decidedBy: { list: 'IP_RESTRICTION', outcome: 'RULE_MATCHED', rule: OFFICE } });
    const checkExempt = await gqlFrom(OFFICE, server.url, AccessCheckDocument, { mailboxNumber: 2, ip: '203.0.113.1', userId: ids.xavier! }, { token: tokens.olga });
    expect(checkExempt.data?.accessCheck.decidedBy).toMatchObject({ outcome: 'USER_EXEMPT', allowed: true });
    const badIp = await gqlFrom(OFFICE, server.url, AccessCheckDocument, { mailboxNumber: 2, ip: '127.0.0.256' }, { token: tokens.olga });
    expect(badIp.errors?.[0]?.extensions?.code).toBe('VALIDATION');
  });

  it.runIf(enabled)('WebSocket: subscriptions of allowed, denied and exempt users; a change closes the subscriptions it no longer allows', async () => {
    const ninaOffice = wsClientFrom(OFFICE, server.wsUrl, tokens.nina!);
    const ninaHome = wsClientFrom(HOME, server.wsUrl, tokens.nina!);
    const xavierHome = wsClientFrom(HOME, server.wsUrl, tokens.xavier!);
    try {
      const allowed = subscribeQueued(ninaOffice, SettingsChangedDocument, { mailboxNumber: 2 });
      const denied = subscribeQueued(ninaHome, SettingsChangedDocument, { mailboxNumber: 2 });
      const exempt = subscribeQueued(xavierHome, SettingsChangedDocument, { mailboxNumber: 2 });
      await expect(denied.next()).resolves.toMatchObject({
        errors: [expect.objectContaining({ message: `Access to mailbox 2 from ${HOME} is not allowed`, extensions: { code: 'FORBIDDEN' } })],
      });
      await new Promise((r) => setTimeout(r, 200));
      await gqlFrom(OFFICE, server.url, RenameMailboxDocument, { input: { number: 2, name: 'Support' } }, { token: tokens.olga });
      await expect(allowed.next()).resolves.toMatchObject({ data: { settingsChanged: { type: 'MailboxRenamed', mailboxNumber: 2 } } });
      await expect(exempt.next()).resolves.toMatchObject({ data: { settingsChanged: { type: 'MailboxRenamed' } } });

      // The office range is dropped; olga exempts herself so the guard lets her save.
      const saved = await restrict(OFFICE, tokens.olga!, { mailboxNumber: 2, enabled: true, allowedAddresses: ['127.0.0.4'], exemptUserIds: [ids.xavier!, ids.olga!] });
      expect(saved.data?.configureIpRestriction.userErrors).toEqual([]);
      await waitFor(() => allowed.error() !== null);
      expect(closeCodeOf(allowed.error())).toBe(4403);
      await expect(exempt.next()).resolves.toMatchObject({ data: { settingsChanged: { type: 'IpRestrictionConfigured' } } });
      expect(exempt.error()).toBeNull();
    } finally {
      await Promise.all([ninaOffice.dispose(), ninaHome.dispose(), xavierHome.dispose()]);
    }
  });

  it.runIf(enabled)('API-token clients also need the API allow list, on HTTP and WebSocket; exemptions do not cover it', async () => {
    const saved = await gqlFrom(OFFICE, server.url, ConfigureApiRestrictionDocument, { input: { mailboxNumber: 2, enabled: true, allowedAddresses: [OFFICE] } }, { token: tokens.olga });
    expect(saved.data?.configureApiRestriction.accessRestriction?.apiRestriction).toEqual({ enabled: true, allowedAddresses: [OFFICE], lockoutGuardOverridden: false });
    const issued = await gqlFrom(HOME, server.url, IssueApiTokenDocument, { input: { name: 'xavier-robot' } }, { token: tokens.xavier });
    const robot = issued.data!.issueApiToken.token!;

    // xavier is exempt from the IP restriction: his session works from home, his API token does not.
    expect((await gqlFrom(HOME, server.url, MailboxDocument, { number: 2 }, { token: tokens.xavier })).data?.mailbox.number).toBe(2);
    expect((await gqlFrom(HOME, server.url, MailboxDocument, { number: 2 }, { token: robot })).errors?.[0]?.message).toBe(`Access to mailbox 2 from ${HOME} is not allowed`);
    expect((await gqlFrom(OFFICE, server.url, MailboxDocument, { number: 2 }, { token: robot })).data?.mailbox.number).toBe(2);
    const check = await gqlFrom(OFFICE, server.url, AccessCheckDocument, { mailboxNumber: 2, ip: HOME, userId: ids.xavier!, viaApiToken: true }, { token: tokens.olga });
    expect(check.data?.accessCheck).toMatchObject({
      allowed: false,
      decidedBy: { list: 'API_RESTRICTION', outcome: 'NO_RULE_MATCHED' },
      verdicts: [{ list: 'IP_RESTRICTION', outcome: 'USER_EXEMPT' }, { list: 'API_RESTRICTION', outcome: 'NO_RULE_MATCHED' }],
    });

    const robotHome = wsClientFrom(HOME, server.wsUrl, robot);
    try {
      const feed = subscribeQueued(robotHome, SettingsChangedDocument, { mailboxNumber: 2 });
      await expect(feed.next()).resolves.toMatchObject({ errors: [expect.objectContaining({ message: `Access to mailbox 2 from ${HOME} is not allowed` })] });
    } finally {
      await robotHome.dispose();
    }
    await gqlFrom(OFFICE, server.url, ConfigureApiRestrictionDocument, { input: { mailboxNumber: 2, enabled: false, allowedAddresses: [] } }, { token: tokens.olga });
  });

  it.runIf(enabled)('X-Forwarded-For counts only from a trusted proxy, read right to left', async () => {
    // The admin saves through the proxy as 203.0.113.50: the guard sees that address, not the proxy's.
    const saved = await restrict(PROXY, tokens.admin!, { mailboxNumber: 3, enabled: true, allowedAddresses: ['203.0.113.0/24'] }, { 'x-forwarded-for': '203.0.113.50' });
    expect(saved.data?.configureIpRestriction.userErrors).toEqual([]);
    const [event] = await server.app.services.store.readStream('access-restriction-3');
    expect(event?.metadata.clientIp).toBe('203.0.113.50');

    const asNina = (from: string, xff: string) => gqlFrom(from, server.url, MailboxDocument, { number: 3 }, { token: tokens.nina, headers: { 'x-forwarded-for': xff } });
    expect((await asNina(PROXY, '203.0.113.7')).data?.mailbox.number).toBe(3);
    expect((await asNina(PROXY, '198.51.100.1, 203.0.113.7')).data?.mailbox.number).toBe(3);
    expect((await asNina(PROXY, '203.0.113.7, 198.51.100.1')).errors?.[0]?.message).toBe('Access to mailbox 3 from 198.51.100.1 is not allowed');
    // Not from the proxy: the header is the client's own claim and is ignored.
    expect((await asNina(OFFICE, '203.0.113.7')).errors?.[0]?.message).toBe(`Access to mailbox 3 from ${OFFICE} is not allowed`);
    expect((await asNina(PROXY, 'unknown')).errors?.[0]?.message).toBe('Access to mailbox 3 from an unknown address is not allowed');

    const viaProxy = wsClientFrom(PROXY, server.wsUrl, tokens.nina!, { 'x-forwarded-for': '203.0.113.8' });
    const spoofed = wsClientFrom(HOME, server.wsUrl, tokens.nina!, { 'x-forwarded-for': '203.0.113.8' });
    try {
      const ok = subscribeQueued(viaProxy, SettingsChangedDocument, { mailboxNumber: 3 });
      const refused = subscribeQueued(spoofed, SettingsChangedDocument, { mailboxNumber: 3 });
      await expect(refused.next()).resolves.toMatchObject({ errors: [expect.objectContaining({ message: `Access to mailbox 3 from ${HOME} is not allowed` })] });
      await new Promise((r) => setTimeout(r, 200));
      await restrict(PROXY, tokens.admin!, { mailboxNumber: 3, enabled: true, allowedAddresses: ['203.0.113.0/25'] }, { 'x-forwarded-for': '203.0.113.50' });
      await expect(ok.next()).resolves.toMatchObject({ data: { settingsChanged: { type: 'IpRestrictionConfigured' } } });
    } finally {
      await Promise.all([viaProxy.dispose(), spoofed.dispose()]);
    }
  });

  it.runIf(enabled)('the self-lockout guard refuses a list without the requester unless forced', async () => {
    const head = await server.app.services.store.headPosition();
    const refused = await restrict(OFFICE, tokens.olga!, { mailboxNumber: 4, enabled: true, allowedAddresses: ['127.0.0.5'] });
    expect(refused.data?.configureIpRestriction.accessRestriction).toBeNull();
    expect(refused.data?.configureIpRestriction.userErrors).toEqual([
      {
        path: ['input', 'allowedAddresses'],
        code: 'ILLEGAL_STATE',
        message: `Saving this would lock you out of mailbox 4: your address ${OFFICE} matches no entry of the allow list and you are not exempt. Add your address, exempt yourself, or save with force: true`,
      },
    ]);
    expect(await server.app.services.store.headPosition()).toBe(head);

    const malformed = await restrict(OFFICE, tokens.olga!, { mailboxNumber: 4, enabled: true, allowedAddresses: [OFFICE, '10.0.0.0/33'] });
    expect(malformed.data?.configureIpRestriction.userErrors).toEqual([
      expect.objectContaining({ path: ['input', 'allowedAddresses', '1'], code: 'VALIDATION' }),
    ]);
    const unknownUser = await restrict(OFFICE, tokens.olga!, { mailboxNumber: 4, enabled: true, allowedAddresses: [OFFICE], exemptUserIds: ['99999999-9999-4999-8999-999999999999'] });
    expect(unknownUser.data?.configureIpRestriction.userErrors).toEqual([
      { path: ['input', 'exemptUserIds', '0'], code: 'NOT_FOUND', message: 'User "99999999-9999-4999-8999-999999999999" does not exist' },
    ]);
    expect(await server.app.services.store.headPosition()).toBe(head);

    const forced = await restrict(OFFICE, tokens.olga!, { mailboxNumber: 4, enabled: true, allowedAddresses: ['127.0.0.5', '127.0.0.5/32', '10.1.2.3/8'], force: true });
    expect(forced.data?.configureIpRestriction).toMatchObject({
      userErrors: [],
      warnings: ['127.0.0.5/32 is listed more than once; kept once as 127.0.0.5', '10.1.2.3/8 has host bits set; stored as 10.0.0.0/8'],
      accessRestriction: { ipRestriction: { allowedAddresses: ['127.0.0.5', '10.0.0.0/8'], lockoutGuardOverridden: true } },
    });
    // Forced past the guard, olga is now locked out of mailbox 4 from the office.
    expect((await gqlFrom(OFFICE, server.url, MailboxDocument, { number: 4 }, { token: tokens.olga })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const fixed = await restrict('127.0.0.5', tokens.olga!, { mailboxNumber: 4, enabled: false, allowedAddresses: [] });
    expect(fixed.data?.configureIpRestriction.userErrors).toEqual([]);
    expect((await gqlFrom(OFFICE, server.url, MailboxDocument, { number: 4 }, { token: tokens.olga })).data?.mailbox.number).toBe(4);
  });
});
