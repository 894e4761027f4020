import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadModelDb } from '../../src/db/schema.js';
import { createSqlMessageStore } from '../../src/mail/messageStore/sqlMessageStore.js';
import { sealResetToken } from '../../src/app/reset/resetToken.js';
import { mailboxScope, SecretShreddedError } from '../../src/secrets/vault.js';
import {
  AccessRestrictionDocument,
  AddDkimSignatureDocument,
  AddExternalCallDocument,
  AddMailboxMemberDocument,
  AddReceiveAccountDocument,
  AddSmtpServerDocument,
  AssignMailboxRoleDocument,
  ConfigurationAsOfDocument,
  ConfigureIpRestrictionDocument,
  ConfigureLockPolicyDocument,
  CreateMailboxDocument,
  CreateUserDocument,
  ExecuteMailboxResetDocument,
  ExternalCallsDocument,
  GrantPermissionDocument,
  LockPolicyDocument,
  LoginDocument,
  NoticeLanguageDocument,
  OutboundSettingsDocument,
  ReceiveSettingsDocument,
  RequestMailboxResetDocument,
  SetNoticeLanguageDocument,
  SettingsHistoryDocument,
} from '../generated/graphql.js';
import { postgresAvailable } from '../support/postgres.js';
import { ADMIN_PASSWORD, gql, startTestServer, type TestServer } from '../support/server.js';

const pgAvailable = await postgresAvailable();
const N = 5;

/** Every area read-model table keyed by mailbox: all of them must be empty for a reset mailbox. */
const AREA_TABLES = [
  'outbound_smtp_servers',
  'outbound_routing_rules',
  'outbound_smtp_settings',
  'outbound_rakuten_relays',
  'outbound_dkim_signatures',
  'outbound_dkim_conditions',
  'outbound_dkim_settings',
  'receive_accounts',
  'receive_auto_fetch',
  'receive_last_errors',
  'oauth_credentials',
  'access_restrictions',
  'access_rules',
  'access_exempt_users',
  'lock_policies',
  'external_calls',
  'message_channels',
  'chat_destinations',
] as const satisfies readonly (keyof ReadModelDb)[];

describe.each([
  { storage: 'sqlite' as const, enabled: true },
  { storage: 'postgres' as const, enabled: pgAvailable },
])('mailbox reset on $storage', ({ storage, enabled }) => {
  let server: TestServer;
  let admin: string;
  let resetter: string;
  let resetterId: string;
  let operatorId: string;

  const login = async (username: string, password: string) => (await gql(server.url, LoginDocument, { input: { username, password } })).data!.login.token!;
  const head = () => server.app.services.store.headPosition();
  const rowsOf = async (table: (typeof AREA_TABLES)[number], n = N) =>
    server.app.services.db.selectFrom(table as 'external_calls').selectAll().where('mailbox_number', '=', n).execute();
  const request = (token: string) => gql(server.url, RequestMailboxResetDocument, { input: { mailboxNumber: N } }, { token });
  const execute = (token: string, input: { token: string; mailboxName: string; newName?: string }) =>
    gql(server.url, ExecuteMailboxResetDocument, { input: { ...input, reason: 'end of contract' } }, { token });

  const createUser = async (username: string) => {
    const res = await gql(
      server.url,
      CreateUserDocument,
      { input: { username, displayName: username, email: `${username}@example.com`, password: `${username}-password-12` } },
      { token: admin },
    );
    return res.data!.createUser.user!.id;
  };

  const configureEverything = async () => {
    const ok = (res: { errors?: unknown }, errors: readonly unknown[] | undefined) => expect(errors, JSON.stringify(res.errors)).toEqual([]);
    const smtp = await gql(
      server.url,
      AddSmtpServerDocument,
      { input: { mailboxNumber: N, name: 'Relay', host: '127.0.0.1', port: 2525, encryption: 'STARTTLS', authMethod: 'PASSWORD', user: 'relay', password: 'relay-secret' } },
      { token: admin },
    );
    ok(smtp, smtp.data?.addSmtpServer.userErrors);
    const dkim = await gql(server.url, AddDkimSignatureDocument, { input: { mailboxNumber: N, name: 'Author', kind: 'AUTHOR', domain: 'example.com', selector: 's1' } }, { token: admin });
    ok(dkim, dkim.data?.addDkimSignature.userErrors);
    const account = await gql(
      server.url,
      AddReceiveAccountDocument,
      { input: { mailboxNumber: N, displayName: 'Inbox', protocol: 'IMAP', host: '127.0.0.1', port: 1993, encryption: 'SSL_TLS', username: 'erin', password: 'imap-secret' } },
      { token: admin },
    );
    ok(account, account.data?.addReceiveAccount.userErrors);
    const ip = await gql(server.url, ConfigureIpRestrictionDocument, { input: { mailboxNumber: N, enabled: true, allowedAddresses: ['127.0.0.0/8', '::1'] } }, { token: admin });
    ok(ip, ip.data?.configureIpRestriction.userErrors);
    const lock = await gql(server.url, ConfigureLockPolicyDocument, { input: { mailboxNumber: N, enabled: true, threshold: 3, notifyOperationsAdministrators: true } }, { token: admin });
    ok(lock, lock.data?.configureLockPolicy.userErrors);
    const call = await gql(server.url, AddExternalCallDocument, { input: { mailboxNumber: N, name: 'CRM', urlTemplate: 'https://crm.example.com/?s={subject}' } }, { token: admin });
    ok(call, call.data?.addExternalCall.userErrors);
    const language = await gql(server.url, SetNoticeLanguageDocument, { input: { mailboxNumber: N, language: 'en' } }, { token: admin });
    ok(language, language.data?.setNoticeLanguage.userErrors);
    const raw = Buffer.from(`Subject: hello\r\nMessage-ID: <m1@example.com>\r\n\r\nbody\r\n`);
    await createSqlMessageStore(server.app.services.db).insert({
      mailboxNumber: N,
      accountId: account.data!.addReceiveAccount.account!.id,
      sourceKey: 'uidl:1',
      messageId: '<m1@example.com>',
      subject: 'hello',
      from: 'a@example.com',
      dateHeader: null,
      receivedAt: new Date(),
      size: raw.length,
      sha256: createHash('sha256').update(raw).digest('hex'),
      raw,
    });
  };

  beforeAll(async () => {
    if (!enabled) return;
    server = await startTestServer({ storage });
    admin = await login('admin', ADMIN_PASSWORD);
    await gql(server.url, CreateMailboxDocument, { input: { number: N, name: 'Sales', address: 'sales@example.com' } }, { token: admin });
    await gql(server.url, CreateMailboxDocument, { input: { number: N + 1, name: 'Other', address: 'other@example.com' } }, { token: admin });
    resetterId = await createUser('resetter');
    operatorId = await createUser('operator');
    await gql(server.url, AddMailboxMemberDocument, { input: { mailboxNumber: N, userId: operatorId } }, { token: admin });
    await gql(server.url, AssignMailboxRoleDocument, { input: { mailboxNumber: N, userId: operatorId, role: 'OPERATIONS_ADMINISTRATOR' } }, { token: admin });
    resetter = await login('resetter', 'resetter-password-12');
    await configureEverything();
    await gql(server.url, AddExternalCallDocument, { input: { mailboxNumber: N + 1, name: 'Kept', urlTemplate: 'https://x.example.com/?s={subject}' } }, { token: admin });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it.runIf(enabled)('refuses without the MAILBOX_RESET permission, which nobody holds by default, administrators included', async () => {
    for (const token of [admin, resetter]) {
      const res = await request(token);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const exec = await execute(token, { token: `${N}~v1.x.y.z.w`, mailboxName: 'Sales' });
      expect(exec.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it.runIf(enabled)('previews, refuses a wrong name, an expired and a foreign token, then wipes the mailbox and keeps users, members and history', async () => {
    const granted = await gql(server.url, GrantPermissionDocument, { input: { userId: resetterId, permission: 'MAILBOX_RESET' } }, { token: admin });
    expect(granted.data?.grantPermission.userErrors).toEqual([]);
    resetter = await login('resetter', 'resetter-password-12');

    const preview = (await request(resetter)).data!.requestMailboxReset.preview!;
    expect(preview).toMatchObject({ mailboxNumber: N, name: 'Sales', address: 'sales@example.com' });
    const counts = Object.fromEntries(preview.wiped.map((w) => [w.kind, w.count]));
    expect(counts).toMatchObject({ SMTP_SERVERS: 1, DKIM_SIGNATURES: 1, RECEIVE_ACCOUNTS: 1, ACCESS_RESTRICTIONS: 1, LOCK_POLICY: 1, EXTERNAL_CALLS: 1, MESSAGES: 1 });
    expect(preview.kept).toEqual(expect.arrayContaining(['USERS', 'MEMBERS_AND_ROLES', 'SETTINGS_HISTORY']));

    await gql(server.url, GrantPermissionDocument, { input: { userId: operatorId, permission: 'MAILBOX_RESET' } }, { token: admin });
    const operator = await login('operator', 'operator-password-12');
    const before = await head();
    const wrong = await execute(resetter, { token: preview.token, mailboxName: 'sales' });
    expect(wrong.data?.executeMailboxReset).toMatchObject({ reset: null, userErrors: [{ path: ['input', 'mailboxName'], code: 'VALIDATION' }] });
    expect(wrong.data!.executeMailboxReset.userErrors[0]!.message).toContain('"Sales"');
    const expiredToken = await sealResetToken(server.app.services.vault, { resetId: randomUUID(), mailboxNumber: N, userId: resetterId, expiresAt: Date.now() - 1 });
    const expired = await execute(resetter, { token: expiredToken, mailboxName: 'Sales' });
    expect(expired.data?.executeMailboxReset.userErrors).toEqual([{ path: ['input', 'token'], code: 'VALIDATION', message: expect.stringContaining('expired') }]);
    const foreign = await execute(operator, { token: preview.token, mailboxName: 'Sales' });
    expect(foreign.data?.executeMailboxReset.userErrors).toEqual([{ path: ['input', 'token'], code: 'VALIDATION', message: expect.stringContaining('another user') }]);
    const forged = await execute(resetter, { token: preview.token.replace(/^5~/, '6~'), mailboxName: 'Other' });
    expect(forged.data?.executeMailboxReset.userErrors[0]).toMatchObject({ path: ['input', 'token'], code: 'VALIDATION' });
    expect(await head()).toBe(before);

    const { store, vault } = server.app.services;
    const smtpAdded = (await store.readStream(`smtp-${N}`)).find((e) => e.type === 'SmtpServerAdded')!;
    const oldCiphertext = (smtpAdded.data as { passwordCiphertext: string }).passwordCiphertext;
    expect(await vault.decrypt(mailboxScope(N), oldCiphertext)).toBe('relay-secret');

    const done = await execute(resetter, { token: preview.token, mailboxName: 'Sales', newName: 'Sales 2027' });
    expect(done.data?.executeMailboxReset.userErrors).toEqual([]);
    expect(done.data!.executeMailboxReset.reset).toMatchObject({ mailboxNumber: N, nameBefore: 'Sales', nameAfter: 'Sales 2027', messagesDeleted: 1, resumed: false });
    expect(done.data!.executeMailboxReset.mailbox).toEqual({ number: N, name: 'Sales 2027', address: 'sales@example.com' });
    const resetPosition = done.data!.executeMailboxReset.reset!.resetPosition;

    const mailboxStream = await store.readStream(`mailbox-${N}`);
    expect(mailboxStream.filter((e) => e.type === 'MailboxReset')).toHaveLength(1);
    expect(mailboxStream.at(-1)!.data).toMatchObject({ mailboxNumber: N, nameBefore: 'Sales', nameAfter: 'Sales 2027' });
    for (const stream of [`smtp-${N}`, `dkim-${N}`, `receive-accounts-${N}`, `access-restriction-${N}`, `lock-policy-${N}`, `external-calls-${N}`]) {
      expect((await store.readStream(stream)).at(-1), stream).toMatchObject({ type: 'MailboxSettingsWiped', data: { mailboxNumber: N, resetPosition } });
    }

    for (const table of AREA_TABLES) expect(await rowsOf(table), table).toEqual([]);
    expect(await rowsOf('external_calls', N + 1)).toHaveLength(1);
    const outbound = await gql(server.url, OutboundSettingsDocument, { mailboxNumber: N }, { token: admin });
    expect(outbound.data!.outboundSettings.smtpServers.map((s) => s.kind)).toEqual(['BUILT_IN']);
    expect(outbound.data!.outboundSettings.dkimSignatures).toEqual([]);
    expect((await gql(server.url, ReceiveSettingsDocument, { mailboxNumber: N }, { token: admin })).data!.receiveSettings.accounts).toEqual([]);
    expect((await gql(server.url, ExternalCallsDocument, { mailboxNumber: N }, { token: admin })).data!.externalCalls).toEqual([]);
    expect((await gql(server.url, AccessRestrictionDocument, { mailboxNumber: N }, { token: admin })).data!.accessRestriction.ipRestriction.enabled).toBe(false);
    expect((await gql(server.url, LockPolicyDocument, { mailboxNumber: N }, { token: admin })).data!.lockPolicy).toBeNull();
    expect(await createSqlMessageStore(server.app.services.db).count(N)).toBe(0);

    const db = server.app.services.db;
    expect(await db.selectFrom('users').select('username').where('username', 'in', ['resetter', 'operator']).execute()).toHaveLength(2);
    expect(await db.selectFrom('mailbox_member_roles').select('user_id').where('mailbox_number', '=', N).execute()).toEqual([{ user_id: operatorId }]);
    await expect(vault.decrypt(mailboxScope(N), oldCiphertext)).rejects.toBeInstanceOf(SecretShreddedError);

    const notices = await db.selectFrom('notice_outbox').select(['recipients', 'subject']).where('kind', '=', 'MAILBOX_RESET').where('mailbox_number', '=', N).execute();
    // Written in the language the mailbox had chosen before the reset forgot it.
    expect(notices).toEqual([{ recipients: JSON.stringify(['operator@example.com']), subject: `[Mailroom] Mailbox No. ${N} "Sales" was reset` }]);
    expect((await gql(server.url, NoticeLanguageDocument, { mailboxNumber: N }, { token: admin })).data!.noticeLanguage).toMatchObject({ chosen: null, language: 'ja' });

    const again = await execute(resetter, { token: preview.token, mailboxName: 'Sales 2027' });
    expect(again.data!.executeMailboxReset.reset).toMatchObject({ resetPosition, resumed: true });
    expect((await store.readStream(`mailbox-${N}`)).filter((e) => e.type === 'MailboxReset')).toHaveLength(1);

    const readded = await gql(
      server.url,
      AddSmtpServerDocument,
      { input: { mailboxNumber: N, name: 'Relay', host: '127.0.0.1', port: 2525, encryption: 'STARTTLS', authMethod: 'PASSWORD', user: 'relay', password: 'new-secret' } },
      { token: admin },
    );
    expect(readded.data?.addSmtpServer.userErrors).toEqual([]);
    expect(readded.data!.addSmtpServer.server).toMatchObject({ name: 'Relay', passwordSet: true });
    const newAdded = (await store.readStream(`smtp-${N}`)).at(-1)!;
    expect(await vault.decrypt(mailboxScope(N), (newAdded.data as { passwordCiphertext: string }).passwordCiphertext)).toBe('new-secret');

    const history = await gql(server.url, SettingsHistoryDocument, { filter: { mailboxNumber: N }, first: 100 }, { token: admin });
    const types = history.data!.settingsHistory.edges.map((e) => e.node.type);
    expect(types.indexOf('SmtpServerAdded')).toBeLessThan(types.indexOf('MailboxReset'));
    expect(types.filter((t) => t === 'MailboxReset')).toHaveLength(1);
    const asOf = await gql(server.url, ConfigurationAsOfDocument, { mailboxNumber: N, position: resetPosition - 1 }, { token: admin });
    expect(asOf.errors).toBeUndefined();
    const oldConfig = JSON.stringify(asOf.data!.configurationAsOf.sections);
    expect(oldConfig).toContain('"Relay"');
    expect(oldConfig).toContain('(set)');
    expect(oldConfig).not.toContain('relay-secret');
    expect(oldConfig).toContain('crm.example.com');
    const wipedConfig = JSON.stringify((await gql(server.url, ConfigurationAsOfDocument, { mailboxNumber: N, position: resetPosition + 20 }, { token: admin })).data!.configurationAsOf.sections);
    expect(wipedConfig).not.toContain('crm.example.com');
    expect(wipedConfig).toContain('Sales 2027');
  });

  it.runIf(enabled)('a projection rebuild after the reset gives the same read models', async () => {
    const snapshot = async () => {
      const out: Record<string, unknown[]> = {};
      for (const table of AREA_TABLES) {
        out[table] = (await server.app.services.db.selectFrom(table as 'external_calls').selectAll().execute()).map((r) => JSON.stringify(r)).sort();
      }
      out.mailboxes = await server.app.services.db.selectFrom('mailboxes').select(['number', 'name', 'address']).orderBy('number').execute();
      return out;
    };
    const before = await snapshot();
    expect(before.outbound_smtp_servers).toHaveLength(1);
    await server.app.services.runner.rebuild();
    expect(await snapshot()).toEqual(before);
  });
});
