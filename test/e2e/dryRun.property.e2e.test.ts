import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskEventData } from '../../src/app/audit/plannedChanges.js';
import { configurationSections } from '../../src/app/configurationSections.js';
import { sectionOfStream } from '../../src/app/audit/sections.js';
import { postgresAvailable } from '../support/postgres.js';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../support/server.js';

/**
 * Issue 17, dry run, end to end over HTTP: random command sequences per area. For each
 * step the mutation first runs with `dryRun: true`, which must leave the store's head and
 * every read-model table exactly as they were (no event, no projection change, no data key
 * sealed), and whose plannedEvents must equal what the same call then appends for real:
 * the same streams, types and data (secrets masked on both sides; ids and times
 * normalised), and the same userErrors. Refused steps are part of the sequences on purpose.
 */

// ---- a small seeded generator (mulberry32), so a failure replays with the same seed ----
const SEED = Number(process.env.DRY_RUN_PROPERTY_SEED ?? 17_2026);
const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
type Rng = () => number;
const pick = <T,>(next: Rng, xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const idOr = (next: Rng, ids: readonly string[]): string => (ids.length > 0 && next() < 0.85 ? pick(next, ids) : UNKNOWN_ID);

// ---- the server ----
const pgAvailable = await postgresAvailable();
let storage: 'sqlite' | 'postgres' = 'sqlite';
let server: TestServer;
let token: string | null = null;

interface UserError {
  readonly path: string[];
  readonly code: string;
}
interface Planned {
  readonly streamId: string;
  readonly type: string;
  readonly data: unknown;
  readonly summary: string;
}

const post = async (query: string, variables: Record<string, unknown>, correlationId?: string): Promise<Record<string, unknown>> => {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(correlationId ? { 'x-correlation-id': correlationId } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!;
};

interface Step {
  readonly name: string;
  readonly inputType: string;
  readonly input: Record<string, unknown>;
  /** Extra selection of the real call, and what to remember from its payload. */
  readonly selection?: string;
  readonly remember?: (payload: Record<string, unknown>) => void;
}

const call = async (step: Step, dryRun: boolean, correlationId?: string) => {
  const selection = dryRun ? 'dryRun { plannedEvents { streamId type data summary } }' : (step.selection ?? '');
  const data = await post(`mutation($input: ${step.inputType}!) { ${step.name}(input: $input) { userErrors { path code } ${selection} } }`, { input: { ...step.input, dryRun } }, correlationId);
  return data[step.name] as { userErrors: UserError[]; dryRun?: { plannedEvents: Planned[] } } & Record<string, unknown>;
};

const head = () => server.app.services.store.headPosition();
const settle = async () => server.app.services.runner.waitForPosition(await head(), 30_000);

/** Every read-model table, whole: what a dry run must not change. */
const dumpReadModels = async (): Promise<Record<string, unknown[]>> => {
  const db = server.app.services.db;
  // On PostgreSQL other tests' schemas sit beside this server's: only its own counts.
  const own = storage === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s : undefined;
  const tables = (await db.introspection.getTables()).filter((t) => own === undefined || t.schema === own).map((t) => t.name).sort();
  expect(tables.length).toBeGreaterThan(20);
  const dump: Record<string, unknown[]> = {};
  for (const table of tables) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    dump[table] = rows.rows.map((r) => JSON.stringify(r)).sort();
  }
  return dump;
};

/** Ids become their order of first appearance, times a placeholder: the rest must match exactly. */
const normalise = (events: readonly { streamId: string; type: string; data: unknown }[]): unknown => {
  const ids = new Map<string, string>();
  const json = JSON.stringify(events).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, (id) => {
    if (!ids.has(id.toLowerCase())) ids.set(id.toLowerCase(), `<id${ids.size}>`);
    return ids.get(id.toLowerCase())!;
  });
  return JSON.parse(json.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<time>'));
};

/** What a step did for real: appended events, or was refused. */
const checkStep = async (step: Step, label: string): Promise<{ appended: number; refused: boolean }> => {
  await settle();
  const before = await head();
  const tables = await dumpReadModels();

  const dry = await call(step, true);
  expect(await head(), `${label}: the dry run appended`).toBe(before);
  await settle();
  expect(await dumpReadModels(), `${label}: the dry run changed a read model`).toEqual(tables);
  expect(dry.dryRun, `${label}: a dry run answers with dryRun`).toBeTruthy();
  for (const key of SECRET_INPUTS) {
    const secret = step.input[key];
    if (typeof secret === 'string' && secret.length > 0) expect(JSON.stringify(dry), `${label}: the answer shows ${key}`).not.toContain(secret.trim().split('\n')[1] ?? secret);
  }

  const correlationId = `dry-run-property-${randomUUID()}`;
  const real = await call(step, false, correlationId);
  const appended = (await server.app.services.store.readAll({ fromPosition: before + 1, max: 10_000 })).filter((e) => e.metadata.correlationId === correlationId);
  const stored = appended.map((e) => ({
    streamId: e.streamId,
    type: e.type,
    data: maskEventData(e.data, sectionOfStream(configurationSections, e.streamId)?.secretFields?.[e.type] ?? []),
  }));
  const planned = dry.dryRun!.plannedEvents.map((e) => ({ streamId: e.streamId, type: e.type, data: e.data }));
  expect(normalise(planned), `${label}: planned events differ from the appended ones`).toEqual(normalise(stored));
  expect(dry.userErrors, `${label}: userErrors differ`).toEqual(real.userErrors);
  for (const e of dry.dryRun!.plannedEvents) expect(e.summary.length, label).toBeGreaterThan(0);
  if (real.userErrors.length === 0) step.remember?.(real);
  return { appended: appended.length, refused: real.userErrors.length > 0 };
};

/** Inputs that are secrets: a dry run's answer never contains them (a PEM is checked by its first key line). */
const SECRET_INPUTS = ['password', 'clientSecret', 'apiToken', 'channelSecret', 'channelAccessToken', 'applicationSecret', 'serviceSecret', 'privateKeyPem'] as const;

const idOf = (payload: Record<string, unknown>, field: string): string | null => (payload[field] as { id?: string } | null)?.id ?? null;

// ---- the areas: each keeps the ids its real calls created ----
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

const identity = () => {
  const users: string[] = [];
  const mailboxes = [2, 3];
  return (next: Rng): Step => {
    const number = pick(next, [...mailboxes, 4, 5, 99]);
    const userId = idOr(next, users);
    const mailboxNumber = pick(next, mailboxes);
    return pick<() => Step>(next, [
      () => ({ name: 'createMailbox', inputType: 'CreateMailboxInput', input: { number, name: `Box ${number}`, address: `box${number}@example.com` }, remember: () => void mailboxes.push(number) }),
      () => ({ name: 'renameMailbox', inputType: 'RenameMailboxInput', input: { number, name: pick(next, ['Sales', 'Support', ' ']), reason: pick(next, [null, 'tidy up']) } }),
      () => ({ name: 'changeMailboxAddress', inputType: 'ChangeMailboxAddressInput', input: { number, address: pick(next, ['sales@example.com', 'not-an-address']) } }),
      () => {
        const username = pick(next, ['alice', 'bob', 'carol', 'dave']);
        return {
          name: 'createUser',
          inputType: 'CreateUserInput',
          input: { username, displayName: username.toUpperCase(), email: `${username}@example.com`, password: pick(next, ['correct horse battery staple', 'short']) },
          selection: 'user { id }',
          remember: (p) => void users.push(idOf(p, 'user')!),
        };
      },
      () => ({ name: 'addMailboxMember', inputType: 'MembershipInput', input: { mailboxNumber, userId } }),
      () => ({ name: 'removeMailboxMember', inputType: 'MembershipInput', input: { mailboxNumber, userId } }),
      () => ({ name: 'assignMailboxRole', inputType: 'MailboxRoleInput', input: { mailboxNumber, userId, role: pick(next, ['AUDITOR', 'OPERATIONS_ADMINISTRATOR']) } }),
      () => ({ name: 'revokeMailboxRole', inputType: 'MailboxRoleInput', input: { mailboxNumber, userId, role: pick(next, ['AUDITOR', 'OPERATIONS_ADMINISTRATOR']) } }),
      () => ({ name: pick(next, ['grantPermission', 'revokePermission']), inputType: 'PermissionInput', input: { userId, permission: 'MAILBOX_RESET' } }),
      () => ({ name: pick(next, ['deactivateUser', 'reactivateUser']), inputType: 'UserIdInput', input: { userId } }),
      () => ({ name: 'setMailboxTwoFactorRequirement', inputType: 'SetMailboxTwoFactorRequirementInput', input: { mailboxNumber, required: next() < 0.5 } }),
    ])();
  };
};

const access = () => (next: Rng): Step => {
  const mailboxNumber = pick(next, [2, 2, 98]);
  const allowedAddresses = pick(next, [['127.0.0.1', '::1'], ['192.0.2.0/24'], ['not-an-ip'], []]);
  return pick<() => Step>(next, [
    () => ({ name: 'configureIpRestriction', inputType: 'ConfigureIpRestrictionInput', input: { mailboxNumber, enabled: next() < 0.5, allowedAddresses } }),
    () => ({ name: 'configureApiRestriction', inputType: 'ConfigureApiRestrictionInput', input: { mailboxNumber, enabled: next() < 0.5, allowedAddresses } }),
    () => ({
      name: 'configureLockPolicy',
      inputType: 'ConfigureLockPolicyInput',
      input: { mailboxNumber, enabled: next() < 0.7, threshold: pick(next, [3, 5, 0]), notifyOperationsAdministrators: next() < 0.5, mode: pick(next, ['PERMANENT', 'TEMPORARY']), notifyAddresses: pick(next, [[], ['ops@example.com'], ['nope']]) },
    }),
  ])();
};

const outbound = () => {
  const servers: string[] = [];
  const rules: string[] = [];
  const signatures: string[] = [];
  const conditions: string[] = [];
  const mailboxNumber = 2;
  const server = (next: Rng) => ({ mailboxNumber, name: 'Relay', host: 'smtp.example.com', port: pick(next, [587, 465, 0]), encryption: 'STARTTLS', authMethod: 'PASSWORD', user: 'relay-user' });
  return (next: Rng): Step =>
    pick<() => Step>(next, [
      () => ({ name: 'addSmtpServer', inputType: 'AddSmtpServerInput', input: { ...server(next), password: 'smtp-secret' }, selection: 'server { id }', remember: (p) => void servers.push(idOf(p, 'server')!) }),
      () => ({ name: 'changeSmtpServer', inputType: 'ChangeSmtpServerInput', input: { ...server(next), serverId: idOr(next, servers), ...(next() < 0.5 ? { password: 'rotated-secret' } : {}) } }),
      () => ({ name: 'removeSmtpServer', inputType: 'SmtpServerRefInput', input: { mailboxNumber, serverId: idOr(next, servers) } }),
      () => ({
        name: 'addSmtpRoutingRule',
        inputType: 'AddSmtpRoutingRuleInput',
        input: { mailboxNumber, matchKind: pick(next, ['DOMAIN', 'ADDRESS']), matchValue: pick(next, ['example.com', 'sales@example.com', 'bad value']), serverId: next() < 0.2 ? 'builtin' : idOr(next, servers) },
        selection: 'rule { id }',
        remember: (p) => void rules.push(idOf(p, 'rule')!),
      }),
      () => ({ name: 'removeSmtpRoutingRule', inputType: 'SmtpRoutingRuleRefInput', input: { mailboxNumber, ruleId: idOr(next, rules) } }),
      () => ({
        name: 'changeSmtpRoutingRule',
        inputType: 'ChangeSmtpRoutingRuleInput',
        input: { mailboxNumber, ruleId: idOr(next, rules), matchKind: 'ADDRESS', matchValue: pick(next, ['info@example.com', 'bad value']), serverId: next() < 0.3 ? 'builtin' : idOr(next, servers) },
      }),
      () => ({ name: 'reorderSmtpRoutingRules', inputType: 'ReorderSmtpRoutingRulesInput', input: { mailboxNumber, ruleIds: next() < 0.8 ? [...rules].reverse() : [UNKNOWN_ID] } }),
      () => ({
        name: 'changeSmtpBasicSettings',
        inputType: 'ChangeSmtpBasicSettingsInput',
        input: { mailboxNumber, defaultServerId: next() < 0.4 ? 'builtin' : idOr(next, servers), bounceDestination: pick(next, [{ kind: 'SENDER' }, { kind: 'FIXED_ADDRESS', address: 'bounce@example.com' }, null]) },
      }),
      () => ({ name: 'configureRakutenRelay', inputType: 'ConfigureRakutenRelayInput', input: { mailboxNumber, realAddress: 'shop@example.com', host: 'relay.example.com', port: 587, user: 'shop', ...(next() < 0.6 ? { password: 'relay-secret' } : {}) } }),
      () => ({ name: 'removeRakutenRelay', inputType: 'MailboxOutboundInput', input: { mailboxNumber } }),
      () => ({
        name: 'addDkimSignature',
        inputType: 'AddDkimSignatureInput',
        input: { mailboxNumber, kind: pick(next, ['AUTHOR', 'THIRD_PARTY']), name: 'Signature', domain: pick(next, ['example.com', 'not a domain']), selector: pick(next, ['s1', 's2']), privateKeyPem: PEM },
        selection: 'signature { id }',
        remember: (p) => void signatures.push(idOf(p, 'signature')!),
      }),
      () => ({ name: 'setDefaultDkimSignature', inputType: 'SetDefaultDkimSignatureInput', input: { mailboxNumber, signatureId: next() < 0.2 ? null : idOr(next, signatures) } }),
      () => ({ name: 'removeDkimSignature', inputType: 'DkimSignatureRefInput', input: { mailboxNumber, signatureId: idOr(next, signatures) } }),
      () => ({
        name: 'addDkimCondition',
        inputType: 'AddDkimConditionInput',
        input: { mailboxNumber, signatureId: idOr(next, signatures), fromAddress: pick(next, ['sales@example.com', 'info@example.com', 'example.com']) },
        selection: 'condition { id }',
        remember: (p) => void conditions.push(idOf(p, 'condition')!),
      }),
      () => ({ name: 'changeDkimCondition', inputType: 'ChangeDkimConditionInput', input: { mailboxNumber, conditionId: idOr(next, conditions), signatureId: idOr(next, signatures), fromAddress: 'support@example.com' } }),
      () => ({ name: 'removeDkimCondition', inputType: 'DkimConditionRefInput', input: { mailboxNumber, conditionId: idOr(next, conditions) } }),
    ])();
};

const inbound = () => {
  const credentials: string[] = [];
  const accounts: string[] = [];
  const mailboxNumber = 3;
  return (next: Rng): Step =>
    pick<() => Step>(next, [
      () => ({
        name: 'registerOAuthCredential',
        inputType: 'RegisterOAuthCredentialInput',
        input: { mailboxNumber, provider: 'GOOGLE', displayName: 'Google', clientId: 'client-1', clientSecret: 'client-secret', redirectUrl: pick(next, ['https://app.example.com/oauth/callback', 'not a url']) },
        selection: 'credential { id }',
        remember: (p) => void credentials.push(idOf(p, 'credential')!),
      }),
      () => ({ name: 'changeOAuthCredential', inputType: 'ChangeOAuthCredentialInput', input: { mailboxNumber, credentialId: idOr(next, credentials), displayName: pick(next, ['Google 2', '']), ...(next() < 0.3 ? { clientSecret: 'new-secret' } : {}) } }),
      () => ({ name: pick(next, ['enableOAuthCredential', 'disableOAuthCredential', 'deleteOAuthCredential']), inputType: 'OAuthCredentialRefInput', input: { mailboxNumber, credentialId: idOr(next, credentials) } }),
      () => ({ name: 'changeAutoFetchSettings', inputType: 'ChangeAutoFetchSettingsInput', input: { mailboxNumber, enabled: next() < 0.5, intervalMinutes: pick(next, [5, 15, 0]) } }),
      () => ({
        name: 'addReceiveAccount',
        inputType: 'AddReceiveAccountInput',
        input: { mailboxNumber, displayName: 'Support', protocol: 'POP3', host: 'pop.example.com', port: pick(next, [995, 0]), encryption: 'SSL_TLS', authMethod: 'PASSWORD', username: 'support', password: 'pop-password' },
        selection: 'account { id }',
        remember: (p) => void accounts.push(idOf(p, 'account')!),
      }),
      () => ({ name: 'changeReceiveAccount', inputType: 'ChangeReceiveAccountInput', input: { mailboxNumber, accountId: idOr(next, accounts), displayName: pick(next, ['Sales', 'Support']), ...(next() < 0.3 ? { password: 'new-pop-password' } : {}) } }),
      () => ({ name: 'deleteReceiveAccount', inputType: 'ReceiveAccountRefInput', input: { mailboxNumber, accountId: idOr(next, accounts) } }),
    ])();
};

const integrations = () => {
  const calls: string[] = [];
  const chats: string[] = [];
  const mailboxNumber = 3;
  return (next: Rng): Step =>
    pick<() => Step>(next, [
      () => ({
        name: 'addExternalCall',
        inputType: 'AddExternalCallInput',
        input: { mailboxNumber, name: 'CRM', urlTemplate: pick(next, ['https://crm.example.com/search?q={senderAddress}', 'ftp://crm.example.com/']) },
        selection: 'externalCall { id }',
        remember: (p) => void calls.push(idOf(p, 'externalCall')!),
      }),
      () => ({ name: 'changeExternalCall', inputType: 'ChangeExternalCallInput', input: { mailboxNumber, callId: idOr(next, calls), name: pick(next, ['CRM 2', '']) } }),
      () => ({ name: 'removeExternalCall', inputType: 'ExternalCallRefInput', input: { mailboxNumber, callId: idOr(next, calls) } }),
      () => ({
        name: 'addChatDestination',
        inputType: 'AddChatDestinationInput',
        input: { mailboxNumber, kind: 'CHATWORK', name: 'Team room', apiToken: pick(next, ['a'.repeat(32), 'x']), roomId: '123', eventKinds: ['ACCOUNT_LOCKED'] },
        selection: 'chatDestination { id }',
        remember: (p) => void chats.push(idOf(p, 'chatDestination')!),
      }),
      () => ({ name: 'removeChatDestination', inputType: 'ChatDestinationRefInput', input: { mailboxNumber, destinationId: idOr(next, chats) } }),
      () => ({ name: 'changeChatDestination', inputType: 'ChangeChatDestinationInput', input: { mailboxNumber, destinationId: idOr(next, chats), name: pick(next, ['Ops room', '']), ...(next() < 0.4 ? { apiToken: 'd'.repeat(32) } : {}) } }),
      () => ({ name: 'configureYahooShoppingChannel', inputType: 'ConfigureYahooShoppingChannelInput', input: { mailboxNumber, sellerId: 'seller-1', applicationId: 'app-1', applicationSecret: pick(next, ['y'.repeat(32), '']), enabled: true } }),
      () => ({ name: 'configureRakutenRMesseChannel', inputType: 'ConfigureRakutenRMesseChannelInput', input: { mailboxNumber, shopId: 'shop-1', serviceSecret: 's'.repeat(32), licenseKey: 'l'.repeat(32), enabled: next() < 0.5 } }),
      () => ({ name: 'configureLineChannel', inputType: 'ConfigureLineChannelInput', input: { mailboxNumber, channelId: '1234567890', channelSecret: 'b'.repeat(32), channelAccessToken: 'c'.repeat(40), enabled: next() < 0.7 } }),
      () => ({ name: 'setMessageChannelEnabled', inputType: 'SetMessageChannelEnabledInput', input: { mailboxNumber, channel: 'LINE', enabled: next() < 0.5 } }),
      () => ({ name: 'removeMessageChannel', inputType: 'MessageChannelRefInput', input: { mailboxNumber, channel: 'LINE' } }),
      () => ({ name: 'setNoticeLanguage', inputType: 'SetNoticeLanguageInput', input: { mailboxNumber, language: pick(next, ['en', 'ja']) } }),
    ])();
};

const AREAS = { identity, access, outbound, inbound, integrations } as const;
const STEPS = Number(process.env.DRY_RUN_PROPERTY_STEPS ?? 40);

describe.each([
  { store: 'sqlite' as const, enabled: true },
  { store: 'postgres' as const, enabled: pgAvailable },
])('dry run predicts the real call and changes nothing on $store (issue 17)', ({ store, enabled }) => {
  beforeAll(async () => {
    if (!enabled) return;
    storage = store;
    token = null;
    server = await startTestServer({ storage: store });
    const login = await post('mutation($i: LoginInput!) { login(input: $i) { token } }', { i: { username: 'admin', password: ADMIN_PASSWORD } });
    token = (login.login as { token: string }).token;
    for (const number of [2, 3]) {
      const created = await call({ name: 'createMailbox', inputType: 'CreateMailboxInput', input: { number, name: `Mailbox ${number}`, address: `mailbox${number}@example.com` } }, false);
      expect(created.userErrors).toEqual([]);
    }
  }, 60_000);

  afterAll(async () => {
    if (enabled) await server?.stop();
  });

  it.runIf(enabled).each(Object.keys(AREAS))('%s: every step of a random sequence', async (area) => {
    const next = rng(SEED + area.length * 7919 + area.charCodeAt(0));
    const stepOf = AREAS[area as keyof typeof AREAS]();
    const seen = new Set<string>();
    let changed = 0;
    let refused = 0;
    for (let i = 0; i < STEPS; i++) {
      const step = stepOf(next);
      seen.add(step.name);
      const outcome = await checkStep(step, `${area} #${i} ${step.name} ${JSON.stringify(step.input)} (seed ${SEED})`);
      if (outcome.appended > 0) changed++;
      if (outcome.refused) refused++;
    }
    // A sequence that never reached most mutations of its area, or that only changed or
    // only refused, proves little.
    expect(seen.size, [...seen].join(', ')).toBeGreaterThanOrEqual(area === 'access' ? 3 : 6);
    expect(changed, 'steps that appended').toBeGreaterThanOrEqual(3);
    expect(refused, 'steps that were refused').toBeGreaterThanOrEqual(1);
  }, 300_000);
});
