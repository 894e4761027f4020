import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Command } from 'commander';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCommand, EXIT_TAMPERED } from '../../src/cli/audit.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite/sqliteEventStore.js';
import { openStorage } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import {
  AddMailboxMemberDocument,
  AssignMailboxRoleDocument,
  ConfigurationAsOfDocument,
  ConfigurationDiffDocument,
  CreateMailboxDocument,
  CreateUserDocument,
  LoginDocument,
  RenameMailboxDocument,
  SettingsChangedWithChangesDocument,
  SettingsHistoryDocument,
  VerifyAuditChainDocument,
} from '../generated/graphql.js';
import { createTestSchema, postgresAvailable } from '../support/postgres.js';
import { ADMIN_PASSWORD, gql, startTestServer, subscribeQueued, wsClient, type TestServer } from '../support/server.js';

const pgAvailable = await postgresAvailable();

const login = async (url: string, username: string, password: string): Promise<string> => {
  const res = await gql(url, LoginDocument, { input: { username, password } });
  return res.data!.login.token!;
};

/** Runs `mailroom audit …` in-process against the server's storage; returns stdout and the exit status it set. */
const runCli = async (env: Record<string, string>, args: string[]) => {
  let stdout = '';
  let exitCode = 0;
  const sink = (collect: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, done) {
        collect(String(chunk));
        done();
      },
    });
  const program = new Command().exitOverride().addCommand(
    auditCommand(() => openStorage(loadConfig(env)), {
      stdout: sink((s) => (stdout += s)),
      stderr: sink(() => {}) as unknown as NodeJS.WriteStream,
      setExitCode: (code) => (exitCode = code),
    }),
  );
  await program.parseAsync(args, { from: 'user' });
  return { stdout, exitCode };
};

describe.each([
  { storage: 'sqlite' as const, enabled: true },
  { storage: 'postgres' as const, enabled: pgAvailable },
])('audit API and CLI on $storage', ({ storage, enabled }) => {
  let server: TestServer;
  let env: Record<string, string>;
  let dropSchema: () => Promise<void> = async () => {};
  let admin: string;
  let auditor: string;
  let member: string;
  let renamePosition = 0;
  let tamper: (position: number, data: unknown) => Promise<void>;

  beforeAll(async () => {
    if (!enabled) return;
    const schema = storage === 'postgres' ? await createTestSchema() : null;
    server = await startTestServer(schema ? { env: { DATABASE_URL: schema.url } } : {});
    env = { MAILROOM_DATA_DIR: server.dataDir, ...(schema ? { DATABASE_URL: schema.url } : {}) };
    dropSchema = schema?.drop ?? dropSchema;
    tamper = async (position, data) => {
      if (schema) {
        const client = new pg.Client({ connectionString: schema.url });
        await client.connect();
        await client.query('UPDATE events SET data = $1::jsonb WHERE position = $2', [JSON.stringify(data), position]);
        await client.end();
      } else {
        (server.app.services.store as SqliteEventStore).database.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify(data), position);
      }
    };
    admin = await login(server.url, 'admin', ADMIN_PASSWORD);
    await gql(server.url, CreateMailboxDocument, { input: { number: 7, name: 'Sales', address: 'sales@example.com' } }, { token: admin });
    const ids: Record<string, string> = {};
    for (const name of ['bob', 'carol']) {
      const res = await gql(
        server.url,
        CreateUserDocument,
        { input: { username: name, displayName: name, email: `${name}@example.com`, password: `${name}-password-12` } },
        { token: admin },
      );
      ids[name] = res.data!.createUser.user!.id;
      await gql(server.url, AddMailboxMemberDocument, { input: { mailboxNumber: 7, userId: ids[name]! } }, { token: admin });
    }
    await gql(server.url, AssignMailboxRoleDocument, { input: { mailboxNumber: 7, userId: ids.bob!, role: 'AUDITOR' } }, { token: admin });
    await gql(server.url, RenameMailboxDocument, { input: { number: 7, name: 'Support', reason: 'rebrand' } }, { token: admin, headers: { 'x-correlation-id': 'corr-audit-1' } });
    auditor = await login(server.url, 'bob', 'bob-password-12');
    member = await login(server.url, 'carol', 'carol-password-12');
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await dropSchema();
  });

  it.runIf(enabled)('lists the history of a mailbox to its auditor, page by page, with before/after values', async () => {
    const first = await gql(server.url, SettingsHistoryDocument, { filter: { mailboxNumber: 7 }, first: 4 }, { token: auditor });
    expect(first.errors).toBeUndefined();
    expect(first.data!.settingsHistory.edges.map((e) => e.node.type)).toEqual([
      'MailboxCreated',
      'MailboxMemberAdded',
      'MailboxMemberAdded',
      'MailboxRoleAssigned',
    ]);
    expect(first.data!.settingsHistory.pageInfo.hasNextPage).toBe(true);
    const rest = await gql(
      server.url,
      SettingsHistoryDocument,
      { filter: { mailboxNumber: 7, area: 'identity' }, first: 10, after: first.data!.settingsHistory.pageInfo.endCursor },
      { token: auditor },
    );
    const rename = rest.data!.settingsHistory.edges.map((e) => e.node);
    expect(rename).toHaveLength(1);
    renamePosition = rename[0]!.position;
    expect(rename[0]).toMatchObject({
      type: 'MailboxRenamed',
      section: 'identity.mailbox',
      reason: 'rebrand',
      correlationId: 'corr-audit-1',
      actor: { username: 'admin' },
      summary: 'name: "Sales" → "Support"',
      changes: [{ field: 'name', before: 'Sales', after: 'Support', secret: false }],
    });
    expect(rest.data!.settingsHistory.pageInfo.hasNextPage).toBe(false);
    const name = await gql(server.url, SettingsHistoryDocument, { filter: { mailboxNumber: 7, field: 'name' }, first: 1 }, { token: auditor });
    expect(name.data!.settingsHistory.edges.map((e) => e.node.type)).toEqual(['MailboxCreated']);
    expect(name.data!.settingsHistory.pageInfo.hasNextPage).toBe(true);
  });

  it.runIf(enabled)('refuses plain members: history, time travel and chain verification', async () => {
    const history = await gql(server.url, SettingsHistoryDocument, { filter: { mailboxNumber: 7 } }, { token: member });
    expect(history.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const asOf = await gql(server.url, ConfigurationAsOfDocument, { mailboxNumber: 7 }, { token: member });
    expect(asOf.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const verify = await gql(server.url, VerifyAuditChainDocument, {}, { token: member });
    expect(verify.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it.runIf(enabled)('shows the configuration as it was before the rename, and the diff', async () => {
    const before = await gql(server.url, ConfigurationAsOfDocument, { mailboxNumber: 7, position: renamePosition - 1 }, { token: auditor });
    const section = before.data!.configurationAsOf.sections.find((s) => s.name === 'identity.mailbox');
    expect(section?.value).toMatchObject({ number: 7, name: 'Sales', address: 'sales@example.com' });
    const diff = await gql(server.url, ConfigurationDiffDocument, { mailboxNumber: 7, from: { position: renamePosition - 1 }, to: {} }, { token: auditor });
    expect(diff.data!.configurationDiff.changes).toEqual([{ section: 'identity.mailbox', field: 'name', before: 'Sales', after: 'Support', secret: false }]);
  });

  it.runIf(enabled)('streams changes with their summary to a subscribed auditor', async () => {
    const ws = wsClient(server.wsUrl, auditor);
    try {
      const feed = subscribeQueued(ws, SettingsChangedWithChangesDocument, { mailboxNumber: 7 });
      await new Promise((r) => setTimeout(r, 200));
      await gql(server.url, RenameMailboxDocument, { input: { number: 7, name: 'Helpdesk' } }, { token: admin });
      const message = await feed.next();
      expect(message.data?.settingsChanged).toMatchObject({ type: 'MailboxRenamed', summary: 'name: "Support" → "Helpdesk"' });
      feed.dispose();
    } finally {
      await ws.dispose();
    }
  });

  it.runIf(enabled)('exports and replays through the CLI', async () => {
    const out = join(server.dataDir, 'history.csv');
    await runCli(env, ['audit', 'export', '--mailbox', '7', '--format', 'csv', '--out', out]);
    const csv = readFileSync(out, 'utf8').trim().split('\r\n');
    expect(csv[0]).toMatch(/^position,occurred_at,/);
    expect(csv.some((line) => line.includes('MailboxRenamed') && line.includes('rebrand'))).toBe(true);
    const ndjson = await runCli(env, ['audit', 'export', '--mailbox', '7', '--to', String(renamePosition)]);
    const entries = ndjson.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(entries.at(-1)).toMatchObject({ position: renamePosition, type: 'MailboxRenamed' });
    const replay = await runCli(env, ['audit', 'replay', '--mailbox', '7', '--at', String(renamePosition - 1)]);
    expect(JSON.parse(replay.stdout).sections['identity.mailbox']).toMatchObject({ name: 'Sales' });
  });

  it.runIf(enabled)('detects one tampered event at its position, over GraphQL and the CLI', async () => {
    const intact = await gql(server.url, VerifyAuditChainDocument, {}, { token: auditor });
    expect(intact.data!.verifyAuditChain).toMatchObject({ ok: true, firstBrokenPosition: null });
    expect((await runCli(env, ['audit', 'verify'])).exitCode).toBe(0);

    await tamper(renamePosition, { number: 7, name: 'Sales' });

    const broken = await gql(server.url, VerifyAuditChainDocument, {}, { token: auditor });
    expect(broken.data!.verifyAuditChain).toMatchObject({ ok: false, firstBrokenPosition: renamePosition, reason: 'hash_mismatch' });
    const ranged = await gql(server.url, VerifyAuditChainDocument, { fromPosition: renamePosition + 1 }, { token: admin });
    expect(ranged.data!.verifyAuditChain.ok).toBe(true);
    const cli = await runCli(env, ['audit', 'verify']);
    expect(cli.exitCode).toBe(EXIT_TAMPERED);
    expect(JSON.parse(cli.stdout)).toMatchObject({ ok: false, firstBrokenPosition: renamePosition, reason: 'hash_mismatch' });
  });
});
