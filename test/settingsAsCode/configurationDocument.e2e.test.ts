import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configCommand, EXIT_REFUSED } from '../../src/cli/config.js';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { uuidFromSeed } from '../../src/eventstore/eventIds.js';
import {
  ApplyConfigurationDocument,
  ApplyRevertDocument,
  ConfigurationAsOfDocument,
  ConfigurationDocumentDocument,
  PlanConfigurationDocument,
  PlanRevertDocument,
} from '../generated/graphql.js';
import { postgresAvailable } from '../support/postgres.js';
import { ADMIN_PASSWORD, gql, startTestServer, type TestServer } from '../support/server.js';

const pgAvailable = await postgresAvailable();

/**
 * Settings as code through the real server: export a mailbox's configuration, copy it to
 * an empty mailbox, revert to a past point, and the refusals (concurrent change, self-lockout,
 * a limit, a bad document) that must leave everything as it was.
 */

let server: TestServer;
let token: string;

/** A setup mutation by its text; fails the test on any error or userError. */
const call = async (query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> => {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, Record<string, unknown>>; errors?: unknown };
  expect(body.errors).toBeUndefined();
  const payload = Object.values(body.data!)[0]!;
  expect(payload['userErrors']).toEqual([]);
  return payload;
};

const mutation = (name: string, input: string, select = '') => `mutation($input: ${input}!) { ${name}(input: $input) { ${select} userErrors { path code message } } }`;

const exportYaml = async (mailboxNumber: number, extra: { position?: number } = {}) => {
  const res = await gql(server.url, ConfigurationDocumentDocument, { mailboxNumber, format: 'YAML' as never, ...extra }, { token });
  expect(res.errors).toBeUndefined();
  return res.data!.configurationDocument;
};

const sectionsOf = async (mailboxNumber: number, position?: number) => {
  const res = await gql(server.url, ConfigurationAsOfDocument, { mailboxNumber, ...(position ? { position } : {}) }, { token });
  expect(res.errors).toBeUndefined();
  return Object.fromEntries(res.data!.configurationAsOf.sections.map((s) => [s.name, s.value]));
};

const plan = async (mailboxNumber: number, document: string) => {
  const res = await gql(server.url, PlanConfigurationDocument, { input: { mailboxNumber, document } }, { token });
  expect(res.errors).toBeUndefined();
  return res.data!.planConfiguration;
};

const apply = async (mailboxNumber: number, document: string, planId: string) => {
  const res = await gql(server.url, ApplyConfigurationDocument, { input: { mailboxNumber, document, planId, reason: 'settings as code test' } }, { token });
  expect(res.errors).toBeUndefined();
  return res.data!.applyConfiguration;
};

/** An imported key, so a copy can be given the same private key (a generated one never leaves the server). */
const DKIM_PEM = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

const SOURCE = 31;
const TARGET = 32;
let setupPosition = 0;

describe.each([
  { storage: 'sqlite' as const, enabled: true },
  { storage: 'postgres' as const, enabled: pgAvailable },
])('configuration documents (settings as code, issue 17) on $storage', ({ storage, enabled }) => {
  beforeAll(async () => {
    if (!enabled) return;
    server = await startTestServer({ storage });
    const login = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation($i: LoginInput!) { login(input: $i) { token } }', variables: { i: { username: 'admin', password: ADMIN_PASSWORD } } }),
    });
    token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
    for (const number of [SOURCE, TARGET]) {
      await call(mutation('createMailbox', 'CreateMailboxInput'), { input: { number, name: `Mailbox ${number}`, address: `box${number}@example.com` } });
    }
    const server1 = await call(mutation('addSmtpServer', 'AddSmtpServerInput', 'server { id }'), {
      input: { mailboxNumber: SOURCE, name: 'Relay', host: 'smtp.example.com', port: 587, encryption: 'STARTTLS', authMethod: 'PASSWORD', user: 'relay', password: 'relay-secret' },
    });
    const serverId = (server1['server'] as { id: string }).id;
    await call(mutation('addSmtpRoutingRule', 'AddSmtpRoutingRuleInput'), { input: { mailboxNumber: SOURCE, matchKind: 'DOMAIN', matchValue: 'example.org', serverId } });
    await call(mutation('addReceiveAccount', 'AddReceiveAccountInput'), {
      input: { mailboxNumber: SOURCE, displayName: 'Support', protocol: 'POP3', host: 'pop.example.com', encryption: 'SSL_TLS', authMethod: 'PASSWORD', username: 'support', password: 'pop-secret' },
    });
    const dkim = await call(mutation('addDkimSignature', 'AddDkimSignatureInput', 'signature { id }'), {
      input: { mailboxNumber: SOURCE, name: 'Author', kind: 'AUTHOR', domain: 'example.com', selector: 's2026', privateKeyPem: DKIM_PEM },
    });
    await call(mutation('setDefaultDkimSignature', 'SetDefaultDkimSignatureInput'), { input: { mailboxNumber: SOURCE, signatureId: (dkim['signature'] as { id: string }).id } });
    await call(mutation('setNoticeLanguage', 'SetNoticeLanguageInput'), { input: { mailboxNumber: SOURCE, language: 'en' } });
    await call(mutation('addExternalCall', 'AddExternalCallInput'), { input: { mailboxNumber: SOURCE, name: 'CRM', urlTemplate: 'https://crm.example.com/search?q={senderAddress}' } });
    await call(mutation('configureLineChannel', 'ConfigureLineChannelInput'), { input: { mailboxNumber: SOURCE, channelId: '1234567890', channelSecret: 'f'.repeat(32), channelAccessToken: 'line-access-token' } });
    await call(mutation('addChatDestination', 'AddChatDestinationInput'), { input: { mailboxNumber: SOURCE, kind: 'CHATWORK', name: 'Team room', apiToken: 'a'.repeat(32), roomId: '123', eventKinds: ['ACCOUNT_LOCKED'] } });
    await call(mutation('configureLockPolicy', 'ConfigureLockPolicyInput'), { input: { mailboxNumber: SOURCE, enabled: true, threshold: 5, notifyOperationsAdministrators: false } });
    await call(mutation('configureIpRestriction', 'ConfigureIpRestrictionInput'), { input: { mailboxNumber: SOURCE, enabled: true, allowedAddresses: ['127.0.0.0/8', '::1/128'] } });
    await call(mutation('registerOAuthCredential', 'RegisterOAuthCredentialInput', 'credential { id }'), {
      input: { mailboxNumber: SOURCE, provider: 'GOOGLE', displayName: 'Google Workspace', clientId: 'client-1', clientSecret: 'oauth-client-secret', redirectUrl: 'https://app.example.com/oauth/callback' },
    });
    setupPosition = (await exportYaml(SOURCE)).position;
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  it.runIf(enabled)('exports every covered area with secrets as references, never their values', async () => {
    const { text, position } = await exportYaml(SOURCE);
    expect(position).toBe(setupPosition);
    const doc = parseYaml(text);
    expect(doc.version).toBe(1);
    expect(Object.keys(doc)).toEqual(['version', 'mailbox', 'outbound', 'inbound', 'access', 'integrations']);
    expect(text).not.toContain('relay-secret');
    expect(text).not.toContain('pop-secret');
    expect(text).not.toContain('v1.');
    expect(text).not.toContain('PRIVATE KEY');
    expect(text).not.toContain('a'.repeat(32));
    expect(text).not.toContain('oauth-client-secret');
    expect(Object.keys(doc.inbound)).toEqual(['autoFetch', 'oauthCredentials', 'receiveAccounts']);
    expect(Object.values(doc.inbound.oauthCredentials)).toEqual([
      { provider: 'GOOGLE', displayName: 'Google Workspace', clientId: 'client-1', tenant: null, scopes: ['https://mail.google.com/'], redirectUrl: 'https://app.example.com/oauth/callback', enabled: true, clientSecret: { secret: 'kept' } },
    ]);
    expect(Object.values(doc.outbound.smtp.servers as Record<string, { auth: unknown }>)[0]!.auth).toEqual({ method: 'PASSWORD', user: 'relay', mechanism: 'AUTO', password: { secret: 'kept' } });
    expect(doc.integrations.noticeLanguage).toBe('en');
    expect(Object.values(doc.integrations.externalCalls)).toEqual([{ name: 'CRM', urlTemplate: 'https://crm.example.com/search?q={senderAddress}', method: 'GET', encoding: 'UTF_8', openInNewWindow: true }]);
  });

  it.runIf(enabled)('re-planning the exported document against its own mailbox changes nothing', async () => {
    const { text } = await exportYaml(SOURCE);
    const p = await plan(SOURCE, text);
    expect(p.userErrors).toEqual([]);
    expect(p.plan!.commands).toEqual([]);
    expect(p.plan!.changes).toEqual([]);
  });

  it.runIf(enabled)('copies to an empty mailbox: kept secrets are refused until given, then configurationAsOf matches except identity', async () => {
    const { text } = await exportYaml(SOURCE);
    const refused = await plan(TARGET, text);
    expect(refused.plan!.applicable).toBe(false);
    // The server's password, then the rule that needed that server, then the account's password.
    expect(refused.plan!.commands.filter((c) => c.refusal).map((c) => [c.type, c.refusal!.code, c.refusal!.path.at(-1)])).toEqual([
      ['AddChatDestination', 'ILLEGAL_STATE', 'credential'],
      ['ConfigureMessageChannel', 'VALIDATION', 'channelSecret'],
      ['AddSmtpServer', 'VALIDATION', 'password'],
      ['AddSmtpRoutingRule', 'NOT_FOUND', 'serverId'],
      ['AddDkimSignature', 'ILLEGAL_STATE', 'privateKey'],
      ['SetDefaultDkimSignature', 'NOT_FOUND', 'signatureId'],
      ['RegisterOAuthCredential', 'ILLEGAL_STATE', 'clientSecret'],
      ['AddReceiveAccount', 'VALIDATION', 'password'],
    ]);
    const doc = parseYaml(text);
    for (const s of Object.values(doc.outbound.smtp.servers as Record<string, { auth: { password: unknown } }>)) s.auth.password = { value: 'relay-secret' };
    for (const a of Object.values(doc.inbound.receiveAccounts as Record<string, { auth: { password: unknown } }>)) a.auth.password = { value: 'pop-secret' };
    doc.integrations.messageChannels.LINE.secrets = { channelSecret: { value: 'e'.repeat(32) }, channelAccessToken: { value: 'line-access-token-2' } };
    for (const d of Object.values(doc.integrations.chatDestinations as Record<string, { credential: unknown }>)) d.credential = { value: 'b'.repeat(32) };
    for (const g of Object.values(doc.outbound.dkim.signatures as Record<string, { privateKey: unknown }>)) g.privateKey = { value: DKIM_PEM };
    for (const c of Object.values(doc.inbound.oauthCredentials as Record<string, { clientSecret: unknown }>)) c.clientSecret = { value: 'oauth-client-secret' };
    const edited = stringifyYaml(doc);
    const planned = await plan(TARGET, edited);
    expect(planned.userErrors).toEqual([]);
    expect(planned.plan!.applicable).toBe(true);
    expect(planned.plan!.warnings[0]).toContain(`Copied from mailbox ${SOURCE}`);
    // The copy has the client registration, not the consent: it must be authorized again.
    expect(planned.plan!.warnings[1]).toContain('"Google Workspace" is registered by this plan');
    expect(planned.plan!.warnings[1]).toContain('beginOAuthAuthorization');
    expect(planned.plan!.commands.map((c) => c.type)).toEqual([
      'AddExternalCall',
      'AddChatDestination',
      'ConfigureMessageChannel',
      'SetNoticeLanguage',
      'AddSmtpServer',
      'AddSmtpRoutingRule',
      'AddDkimSignature',
      'SetDefaultDkimSignature',
      'RegisterOAuthCredential',
      'AddReceiveAccount',
      'ConfigureLockPolicy',
      'ConfigureIpRestriction',
    ]);
    const applied = await apply(TARGET, edited, planned.plan!.planId);
    expect(applied.userErrors).toEqual([]);
    expect(applied.position).toBeGreaterThan(setupPosition);

    const [source, target] = [await sectionsOf(SOURCE), await sectionsOf(TARGET)];
    let sourceJson = JSON.stringify({ ...source, 'identity.mailbox': null });
    // Ids are the target's own, derived from the source's (docs/configuration-document.md, "Copying").
    const sourceIds = [...Object.keys(doc.outbound.smtp.servers), ...doc.outbound.smtp.rules.map((r: { ruleId: string }) => r.ruleId), ...Object.keys(doc.inbound.receiveAccounts), ...Object.keys(doc.integrations.externalCalls), ...Object.keys(doc.outbound.dkim.signatures), ...Object.keys(doc.integrations.chatDestinations), ...Object.keys(doc.inbound.oauthCredentials)];
    for (const id of sourceIds) sourceJson = sourceJson.replaceAll(id, uuidFromSeed(`configuration-copy:${TARGET}:${id}`));
    expect(JSON.parse(sourceJson)).toEqual({ ...target, 'identity.mailbox': null });
    expect(target['identity.mailbox']).toMatchObject({ number: TARGET, name: `Mailbox ${TARGET}` });
  });

  it.runIf(enabled)('reverts to a past point with new events: configurationAsOf(now) equals configurationAsOf(point)', async () => {
    const point = (await exportYaml(SOURCE)).position;
    await call(mutation('setNoticeLanguage', 'SetNoticeLanguageInput'), { input: { mailboxNumber: SOURCE, language: 'ja' } });
    await call(mutation('configureLockPolicy', 'ConfigureLockPolicyInput'), { input: { mailboxNumber: SOURCE, enabled: false, threshold: 9, notifyOperationsAdministrators: true } });
    await call(mutation('addReceiveAccount', 'AddReceiveAccountInput'), {
      input: { mailboxNumber: SOURCE, displayName: 'Sales', protocol: 'IMAP', host: 'imap.example.com', encryption: 'SSL_TLS', authMethod: 'PASSWORD', username: 'sales', password: 'imap-secret' },
    });
    const planned = (await gql(server.url, PlanRevertDocument, { input: { mailboxNumber: SOURCE, position: point } }, { token })).data!.planRevert;
    expect(planned.userErrors).toEqual([]);
    expect(planned.plan!.commands.map((c) => c.type)).toEqual(['SetNoticeLanguage', 'DeleteReceiveAccount', 'ConfigureLockPolicy']);
    expect(planned.plan!.changes.map((c) => `${c.section} ${c.field}`)).toContain('integrations.notice_language language');
    const before = (await exportYaml(SOURCE)).position;
    const applied = (await gql(server.url, ApplyRevertDocument, { input: { mailboxNumber: SOURCE, position: point, planId: planned.plan!.planId, reason: 'back to the reviewed setup' } }, { token })).data!.applyRevert;
    expect(applied.userErrors).toEqual([]);
    expect(applied.position).toBeGreaterThan(before);
    expect(await sectionsOf(SOURCE)).toEqual(await sectionsOf(SOURCE, point));
    // History is appended to, never rewritten: the state in between is still there.
    expect((await sectionsOf(SOURCE, before))['integrations.notice_language']).toEqual({ language: 'ja' });
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'query($f: SettingsHistoryFilter!) { settingsHistory(filter: $f, first: 100) { edges { node { position reason actorId } } } }', variables: { f: { mailboxNumber: SOURCE } } }),
    });
    const edges = ((await res.json()) as { data: { settingsHistory: { edges: { node: { position: number; reason: string | null; actorId: string | null } }[] } } }).data.settingsHistory.edges;
    const revertEvents = edges.map((e) => e.node).filter((n) => n.position > before);
    expect(revertEvents).toHaveLength(3);
    expect(revertEvents.every((n) => n.reason === 'back to the reviewed setup' && n.actorId !== null)).toBe(true);
  });

  it.runIf(enabled)('a revert past a mailbox reset says the destroyed secrets cannot come back', async () => {
    const N = 33;
    await call(mutation('createMailbox', 'CreateMailboxInput'), { input: { number: N, name: 'Reset me', address: 'reset@example.com' } });
    await call(mutation('addSmtpServer', 'AddSmtpServerInput', 'server { id }'), {
      input: { mailboxNumber: N, name: 'Relay', host: 'smtp.example.com', port: 587, encryption: 'STARTTLS', authMethod: 'PASSWORD', user: 'relay', password: 'relay-secret' },
    });
    const point = (await exportYaml(N)).position;
    const me = (await (await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ viewer { id } }' }) })).json()) as { data: { viewer: { id: string } } };
    await call(mutation('grantPermission', 'PermissionInput'), { input: { userId: me.data.viewer.id, permission: 'MAILBOX_RESET' } });
    const requested = await call(mutation('requestMailboxReset', 'RequestMailboxResetInput', 'preview { token }'), { input: { mailboxNumber: N } });
    await call(mutation('executeMailboxReset', 'ExecuteMailboxResetInput', 'reset { resetPosition }'), { input: { token: (requested['preview'] as { token: string }).token, mailboxName: 'Reset me' } });
    const planned = (await gql(server.url, PlanRevertDocument, { input: { mailboxNumber: N, position: point } }, { token })).data!.planRevert;
    expect(planned.userErrors).toEqual([]);
    expect(planned.plan!.applicable).toBe(false);
    const server1 = planned.plan!.commands.find((c) => c.type === 'AddSmtpServer')!;
    expect(server1.refusal).toMatchObject({ code: 'ILLEGAL_STATE', path: ['input', 'document', 'outbound', 'smtp', 'servers', expect.any(String)] });
    expect(server1.refusal!.message).toContain('destroyed by a mailbox reset');
  });

  it.runIf(enabled)('reverts OAuth credentials: a changed client secret comes back from its past ciphertext, a later one is deleted', async () => {
    const N = 34;
    await call(mutation('createMailbox', 'CreateMailboxInput'), { input: { number: N, name: 'OAuth', address: 'oauth@example.com' } });
    const registered = await call(mutation('registerOAuthCredential', 'RegisterOAuthCredentialInput', 'credential { id }'), {
      input: { mailboxNumber: N, provider: 'GOOGLE', displayName: 'Google', clientId: 'client-1', clientSecret: 'client-secret', redirectUrl: 'https://app.example.com/oauth/callback' },
    });
    const credentialId = (registered['credential'] as { id: string }).id;
    const point = (await exportYaml(N)).position;
    await call(mutation('changeOAuthCredential', 'ChangeOAuthCredentialInput'), { input: { mailboxNumber: N, credentialId, displayName: 'Google (new)', clientSecret: 'client-secret-2' } });
    await call(mutation('registerOAuthCredential', 'RegisterOAuthCredentialInput', 'credential { id }'), {
      input: { mailboxNumber: N, provider: 'MICROSOFT', displayName: 'Microsoft', clientId: 'client-2', clientSecret: 'client-secret-3', tenant: 'common', redirectUrl: 'https://app.example.com/oauth/callback' },
    });
    const planned = (await gql(server.url, PlanRevertDocument, { input: { mailboxNumber: N, position: point } }, { token })).data!.planRevert;
    expect(planned.userErrors).toEqual([]);
    expect(planned.plan!.warnings).toEqual([]);
    expect(planned.plan!.commands.map((c) => c.type)).toEqual(['ChangeOAuthCredential', 'DeleteOAuthCredential']);
    expect(planned.plan!.changes.filter((c) => c.field.startsWith(credentialId)).map((c) => [c.field, c.secret])).toEqual([
      [`${credentialId}.displayName`, false],
      [`${credentialId}.clientSecretCiphertext`, true],
    ]);
    const applied = (await gql(server.url, ApplyRevertDocument, { input: { mailboxNumber: N, position: point, planId: planned.plan!.planId, reason: 'undo the credential edits' } }, { token })).data!.applyRevert;
    expect(applied.userErrors).toEqual([]);
    expect(await sectionsOf(N)).toEqual(await sectionsOf(N, point));
  });

  it.runIf(enabled)('registers a credential and an account using it in one plan, warns it needs consent, and deletes it only after the account', async () => {
    const N = 35;
    await call(mutation('createMailbox', 'CreateMailboxInput'), { input: { number: N, name: 'New OAuth', address: 'new-oauth@example.com' } });
    const doc = parseYaml((await exportYaml(N)).text);
    const credentialId = uuidFromSeed('settings-as-code-credential-35');
    const accountId = uuidFromSeed('settings-as-code-account-35');
    doc.inbound.oauthCredentials[credentialId] = {
      provider: 'MICROSOFT', displayName: 'Microsoft 365', clientId: 'client-35', tenant: 'contoso.onmicrosoft.com',
      scopes: ['https://outlook.office.com/IMAP.AccessAsUser.All'], redirectUrl: 'https://app.example.com/oauth/callback', enabled: true, clientSecret: { value: 'client-secret-35' },
    };
    doc.inbound.receiveAccounts[accountId] = {
      displayName: 'Shared inbox', protocol: 'IMAP', host: 'outlook.office365.com', port: 993, encryption: 'SSL_TLS',
      auth: { method: 'OAUTH2', username: 'shared@contoso.com', credentialId },
      errorNotificationAddress: null, leaveOnServer: false, deleteDuplicates: false, enabled: true, fetchIntervalMinutes: null, idleEnabled: false,
    };
    const text = stringifyYaml(doc);
    const planned = await plan(N, text);
    expect(planned.plan!.refusals).toEqual([]);
    expect(planned.plan!.commands.map((c) => [c.type, c.eventTypes])).toEqual([
      ['RegisterOAuthCredential', ['OAuthCredentialRegistered']],
      ['AddReceiveAccount', ['ReceiveAccountAdded']],
    ]);
    expect(planned.plan!.commands[0]!.section).toBe('inbound.oauth_credentials');
    // The credential's own stream, new: apply expects it not to exist yet.
    expect(planned.plan!.revisions).toContainEqual({ streamId: `oauth-credential-${credentialId}`, revision: -1 });
    expect(planned.plan!.warnings).toHaveLength(1);
    expect(planned.plan!.warnings[0]).toContain('"Microsoft 365" is registered by this plan');
    expect(planned.plan!.warnings[0]).toContain('receive account(s) "Shared inbox" cannot fetch until then');
    expect((await apply(N, text, planned.plan!.planId)).userErrors).toEqual([]);
    const exported = parseYaml((await exportYaml(N)).text);
    // The decider added offline_access (Microsoft issues a refresh token only with it).
    expect(exported.inbound.oauthCredentials[credentialId]).toMatchObject({ clientSecret: { secret: 'kept' }, scopes: ['https://outlook.office.com/IMAP.AccessAsUser.All', 'offline_access'] });
    expect(JSON.stringify(exported)).not.toContain('client-secret-35');
    expect((await plan(N, stringifyYaml(exported))).plan!.commands).toEqual([]);

    const head = (await exportYaml(N)).position;
    const badTenant = parseYaml(stringifyYaml(exported));
    badTenant.inbound.oauthCredentials[credentialId].tenant = 'not a tenant';
    const refusedTenant = await plan(N, stringifyYaml(badTenant));
    expect(refusedTenant.plan!.refusals.map((e) => [e.code, e.path])).toEqual([['VALIDATION', ['input', 'document', 'inbound', 'oauthCredentials', credentialId, 'tenant']]]);
    expect(refusedTenant.plan!.refusals[0]!.message).toContain('Microsoft tenant');

    const stillUsed = parseYaml(stringifyYaml(exported));
    delete stillUsed.inbound.oauthCredentials[credentialId];
    const refusedDelete = await plan(N, stringifyYaml(stillUsed));
    expect(refusedDelete.plan!.refusals.map((e) => [e.code, e.path.slice(2)])).toEqual([['ILLEGAL_STATE', ['inbound', 'oauthCredentials', credentialId, 'credentialId']]]);
    expect(refusedDelete.plan!.refusals[0]!.message).toContain('"Shared inbox"');
    expect((await exportYaml(N)).position).toBe(head);

    delete stillUsed.inbound.receiveAccounts[accountId];
    const removed = await plan(N, stringifyYaml(stillUsed));
    expect(removed.plan!.commands.map((c) => c.type)).toEqual(['DeleteReceiveAccount', 'DeleteOAuthCredential']);
    expect((await apply(N, stringifyYaml(stillUsed), removed.plan!.planId)).userErrors).toEqual([]);
    expect(parseYaml((await exportYaml(N)).text).inbound.oauthCredentials).toEqual({});
  });

  it.runIf(enabled)('refuses to apply after a concurrent change, and changes nothing', async () => {
    const doc = parseYaml((await exportYaml(SOURCE)).text);
    doc.integrations.noticeLanguage = 'ja';
    const text = stringifyYaml(doc);
    const planned = await plan(SOURCE, text);
    expect(planned.plan!.applicable).toBe(true);
    await call(mutation('configureLockPolicy', 'ConfigureLockPolicyInput'), { input: { mailboxNumber: SOURCE, enabled: true, threshold: 7, notifyOperationsAdministrators: false } });
    const head = (await exportYaml(SOURCE)).position;
    const applied = await apply(SOURCE, text, planned.plan!.planId);
    expect(applied.userErrors.map((e) => [e.code, e.path])).toEqual([['CONCURRENCY', ['input', 'planId']]]);
    expect((await exportYaml(SOURCE)).position).toBe(head);
    expect((await sectionsOf(SOURCE))['integrations.notice_language']).toEqual({ language: 'en' });
  });

  it.runIf(enabled)('refuses a plan that would lock the applier out (IP restriction), and apply refuses it too', async () => {
    const doc = parseYaml((await exportYaml(SOURCE)).text);
    doc.access.ipRestriction.allowedAddresses = ['192.0.2.0/24'];
    doc.integrations.noticeLanguage = 'ja';
    const text = stringifyYaml(doc);
    const planned = await plan(SOURCE, text);
    expect(planned.plan!.applicable).toBe(false);
    const ip = planned.plan!.commands.find((c) => c.type === 'ConfigureIpRestriction')!;
    expect(ip.refusal).toMatchObject({ code: 'ILLEGAL_STATE', path: ['input', 'document', 'access', 'ipRestriction', 'allowedAddresses'] });
    const head = (await exportYaml(SOURCE)).position;
    const applied = await apply(SOURCE, text, planned.plan!.planId);
    expect(applied.userErrors.map((e) => e.code)).toEqual(['ILLEGAL_STATE']);
    expect((await exportYaml(SOURCE)).position).toBe(head);
  });

  it.runIf(enabled)('shows the decider refusing a seventh receive account at its path', async () => {
    const doc = parseYaml((await exportYaml(SOURCE)).text);
    for (let i = 0; i < 6; i++) {
      doc.inbound.receiveAccounts[uuidFromSeed(`extra-${i}`)] = {
        displayName: `Extra ${i}`, protocol: 'IMAP', host: 'imap.example.com', port: 993, encryption: 'SSL_TLS',
        auth: { method: 'PASSWORD', username: `extra${i}`, password: { value: 'extra-secret' } },
        errorNotificationAddress: null, leaveOnServer: false, deleteDuplicates: false, enabled: true, fetchIntervalMinutes: null, idleEnabled: true,
      };
    }
    const planned = await plan(SOURCE, stringifyYaml(doc));
    const refused = planned.plan!.commands.filter((c) => c.refusal);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.type).toBe('AddReceiveAccount');
    expect(refused[0]!.refusal!.path.slice(0, 4)).toEqual(['input', 'document', 'inbound', 'receiveAccounts']);
  });

  it.runIf(enabled)('gives every problem of a bad document with its path, and changes nothing', async () => {
    const head = (await exportYaml(SOURCE)).position;
    const wrongVersion = await plan(SOURCE, 'version: 2\nmailbox: { number: 31 }\n');
    expect(wrongVersion.userErrors.map((e) => [e.code, e.path])).toEqual([['VALIDATION', ['input', 'document', 'version']]]);
    const doc = parseYaml((await exportYaml(SOURCE)).text);
    const serverId = Object.keys(doc.outbound.smtp.servers)[0]!;
    doc.outbound.smtp.servers[serverId].port = 'twenty-five';
    doc.access.ipRestriction.colour = 'blue';
    doc.outbound.smtp.servers[serverId].auth.password = { secret: 'forgotten' };
    const credentialId = Object.keys(doc.inbound.oauthCredentials)[0]!;
    doc.inbound.oauthCredentials[credentialId].scopes = 'https://mail.google.com/';
    const bad = await plan(SOURCE, stringifyYaml(doc));
    expect(bad.plan).toBeNull();
    expect(bad.userErrors.map((e) => e.path.join('.')).sort()).toEqual([
      'input.document.access.ipRestriction.colour',
      `input.document.inbound.oauthCredentials.${credentialId}.scopes`,
      `input.document.outbound.smtp.servers.${serverId}.auth.password`,
      `input.document.outbound.smtp.servers.${serverId}.port`,
    ]);
    const unparsable = await plan(SOURCE, 'version: 1\nmailbox: [unclosed\n');
    expect(unparsable.userErrors[0]).toMatchObject({ code: 'VALIDATION', path: ['input', 'document'] });
    expect(unparsable.userErrors[0]!.message).toContain('line');
    expect((await exportYaml(SOURCE)).position).toBe(head);
  });

  it.runIf(enabled)('needs the rights of the underlying mutations: an auditor exports but cannot plan or apply', async () => {
    const created = await call(mutation('createUser', 'CreateUserInput', 'user { id }'), {
      input: { username: 'config-auditor', displayName: 'Config Auditor', email: 'config-auditor@example.com', password: 'auditor-password-12' },
    });
    const userId = (created['user'] as { id: string }).id;
    await call(mutation('addMailboxMember', 'MembershipInput'), { input: { mailboxNumber: SOURCE, userId } });
    await call(mutation('assignMailboxRole', 'MailboxRoleInput'), { input: { mailboxNumber: SOURCE, userId, role: 'AUDITOR' } });
    const login = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation($i: LoginInput!) { login(input: $i) { token } }', variables: { i: { username: 'config-auditor', password: 'auditor-password-12' } } }),
    });
    const auditor = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
    const exported = await gql(server.url, ConfigurationDocumentDocument, { mailboxNumber: SOURCE }, { token: auditor });
    expect(exported.errors).toBeUndefined();
    const text = exported.data!.configurationDocument.text;
    const planned = await gql(server.url, PlanConfigurationDocument, { input: { mailboxNumber: SOURCE, document: text } }, { token: auditor });
    expect(planned.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const applied = await gql(server.url, ApplyConfigurationDocument, { input: { mailboxNumber: SOURCE, document: text, planId: 'plan1.x' } }, { token: auditor });
    expect(applied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const other = await gql(server.url, ConfigurationDocumentDocument, { mailboxNumber: TARGET }, { token: auditor });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it.runIf(enabled)('applies changes in every area, and the export afterwards is the applied document', async () => {
    const doc = parseYaml((await exportYaml(SOURCE)).text);
    const first = <T>(o: Record<string, T>) => Object.values(o)[0]!;
    (first(doc.outbound.smtp.servers) as { name: string }).name = 'Relay (renamed)';
    doc.outbound.smtp.rules[0].matchValue = 'example.net';
    doc.outbound.smtp.bounceDestination = { kind: 'FIXED_ADDRESS', address: 'bounces@example.com' };
    (first(doc.inbound.receiveAccounts) as { displayName: string }).displayName = 'Support desk';
    doc.inbound.autoFetch.intervalMinutes = 20;
    doc.access.apiRestriction = { enabled: true, allowedAddresses: ['198.51.100.0/24'] };
    (first(doc.integrations.externalCalls) as { name: string }).name = 'CRM search';
    (first(doc.integrations.chatDestinations) as { name: string; eventKinds: string[] }).name = 'Ops room';
    doc.integrations.messageChannels.LINE.enabled = false;
    doc.integrations.noticeLanguage = 'ja';
    (first(doc.inbound.oauthCredentials) as { displayName: string }).displayName = 'Google Workspace (mail)';
    const text = stringifyYaml(doc);
    const planned = await plan(SOURCE, text);
    expect(planned.plan!.refusals).toEqual([]);
    // A display name is not part of the grant: the authorization stays, nothing to warn about.
    expect(planned.plan!.warnings).toEqual([]);
    expect(planned.plan!.changes.filter((c) => c.section === 'inbound.oauth_credentials').map((c) => [c.field.split('.').at(-1), c.before, c.after])).toEqual([
      ['displayName', 'Google Workspace', 'Google Workspace (mail)'],
    ]);
    expect(planned.plan!.commands.map((c) => c.type).sort()).toEqual(
      [
        'ChangeExternalCall', 'ChangeChatDestination', 'ConfigureMessageChannel', 'SetNoticeLanguage', 'ChangeSmtpServer', 'ChangeSmtpRoutingRule',
        'ChangeSmtpBasicSettings', 'ChangeReceiveAccount', 'ChangeAutoFetchSettings', 'ConfigureApiRestriction', 'ChangeOAuthCredential',
      ].sort(),
    );
    expect(planned.plan!.commands.every((c) => c.eventTypes.length > 0)).toBe(true);
    const applied = await apply(SOURCE, text, planned.plan!.planId);
    expect(applied.userErrors).toEqual([]);
    const after = parseYaml((await exportYaml(SOURCE)).text);
    expect({ ...after, mailbox: null }).toEqual({ ...doc, mailbox: null });
    expect((await plan(SOURCE, text)).plan!.commands).toEqual([]);
  });

  it.runIf(enabled)('runs the same session from the command line: export, edit, plan, apply, refused re-apply', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailroom-config-cli-'));
    const cli = async (...args: string[]) => {
      let stdout = '';
      let stderr = '';
      let exitCode = 0;
      const program = new Command().exitOverride().addCommand(
        configCommand({
          stdout: { write: (x: string) => (stdout += x) },
          stderr: { write: (x: string) => (stderr += x) },
          setExitCode: (code) => (exitCode = code),
          env: { MAILROOM_TOKEN: token, MAILROOM_URL: server.url },
        }),
      );
      await program.parseAsync(['config', ...args], { from: 'user' });
      return { stdout, stderr, exitCode };
    };
    try {
      const file = join(dir, 'mailbox.yaml');
      expect((await cli('export', String(SOURCE), '--out', file)).exitCode).toBe(0);
      const doc = parseYaml(readFileSync(file, 'utf8'));
      doc.access.lockPolicy.threshold = 4;
      writeFileSync(file, stringifyYaml(doc));
      const planned = await cli('plan', String(SOURCE), file);
      expect(planned.exitCode).toBe(0);
      expect(planned.stdout).toContain('access.lockPolicy threshold: 7 → 4');
      expect(planned.stdout).toContain('1. ConfigureLockPolicy');
      const planId = /Plan id: (\S+)/.exec(planned.stdout)![1]!;
      const applied = await cli('apply', String(SOURCE), file, '--plan', planId, '--reason', 'from the CLI');
      expect(applied.stderr).toBe('');
      expect(applied.stdout).toMatch(/Applied at position \d+/);
      const again = await cli('apply', String(SOURCE), file, '--plan', planId);
      expect(again.exitCode).toBe(EXIT_REFUSED);
      expect(again.stderr).toContain('CONCURRENCY at input.planId');
      const json = await cli('export', String(SOURCE), '--format', 'json');
      expect(JSON.parse(json.stdout).access.lockPolicy.threshold).toBe(4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
