import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadModelDb, sqliteReadModelPath } from '../../src/db/database.js';
import { SeenDisposition, createSqlFetchStateStore } from '../../src/mail/fetch/fetchStateStore.js';
import { imapSourceKey, pop3SourceKey, type NewMessage } from '../../src/mail/messageStore/messageStore.js';
import { createSqlMessageStore } from '../../src/mail/messageStore/sqlMessageStore.js';
import { NoticeKind } from '../../src/mail/notices/notice.js';
import { mailboxScope } from '../../src/secrets/vault.js';
import { copyStore } from '../../src/storeCopy/copyStore.js';
import { OPERATIONAL_TABLES } from '../../src/storeCopy/operationalTables.js';
import { parseStoreUrl } from '../../src/storeCopy/storeUrl.js';
import { LoginDocument } from '../generated/graphql.js';
import { createTestSchema, postgresAvailable, TEST_DATABASE_URL } from '../support/postgres.js';
import { ADMIN_PASSWORD, gql, startTestServer } from '../support/server.js';
import { captureIo, runCli } from '../storeCopy/cliHarness.js';
import { MASTER_KEY } from '../storeCopy/seedSource.js';

const message = (accountId: string, sourceKey: string, raw: Uint8Array, subject: string | null, receivedAt: string): NewMessage => ({
  mailboxNumber: 1,
  accountId,
  sourceKey,
  messageId: `<${sourceKey}@example.com>`,
  subject,
  from: 'Sender <sender@example.com>',
  dateHeader: 'Fri, 27 Nov 2026 09:00:00 +0900',
  receivedAt: new Date(receivedAt),
  size: raw.byteLength,
  sha256: createHash('sha256').update(raw).digest('hex'),
  raw,
});

// ISO-2022-JP escape sequences, Shift_JIS and Latin-1 bytes, a NUL and every other byte value.
const BINARY = new Uint8Array([
  ...Buffer.from('Subject: =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=\r\nContent-Transfer-Encoding: 8bit\r\n\r\n', 'latin1'),
  0x1b, 0x24, 0x42, 0x24, 0x33, 0x1b, 0x28, 0x42, 0x82, 0xa0, 0xe9, 0x00, 0xff, 0x0d, 0x0a,
  ...Array.from({ length: 256 }, (_, i) => i),
]);
const TEXT = new Uint8Array(Buffer.from('Subject: plain\r\n\r\nhello\r\n'));
const LARGE = new Uint8Array(Buffer.alloc(300_000, 'x'));

type Rows = Record<string, Record<string, unknown>[]>;
const normalise = (rows: Record<string, unknown>[]) =>
  rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v])));

/** Every copied operational table, in key order, values as plain JSON. */
const readTables = async (db: Kysely<any>): Promise<Rows> => {
  const result: Rows = {};
  for (const spec of OPERATIONAL_TABLES.filter((t) => t.table !== 'data_keys')) {
    let q = db.selectFrom(spec.table).selectAll();
    for (const k of spec.key) q = q.orderBy(k);
    result[spec.table] = normalise(await q.execute());
  }
  return result;
};

const pgAvailable = await postgresAvailable();

describe.runIf(pgAvailable)('mailroom store copy: operational state from SQLite to PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-copy-state-'));
  const schemas: { schema: string; url: string; drop: () => Promise<void> }[] = [];
  let target: { schema: string; url: string; drop: () => Promise<void> };
  let sourceRows: Rows;
  let ids: { binary: string; text: string; large: string };
  let oauthCiphertext: string;

  beforeAll(async () => {
    const server = await startTestServer({ dataDir, env: { MAILROOM_MASTER_KEY: MASTER_KEY } });
    try {
      const { db, inbound, notices } = server.app.services;
      // A session, which is not copied.
      expect((await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data?.login.token).toBeTruthy();
      const messages = createSqlMessageStore(db);
      ids = {
        text: (await messages.insert(message('acct-pop', pop3SourceKey('uidl-1'), TEXT, 'plain', '2026-11-27T00:00:01.000Z'))).id,
        binary: (await messages.insert(message('acct-imap', imapSourceKey('42', 7), BINARY, '8-bit テスト', '2026-11-27T00:00:02.000Z'))).id,
        large: (await messages.insert(message('acct-imap', imapSourceKey('42', 8), LARGE, null, '2026-11-27T00:00:03.000Z'))).id,
      };
      const fetchState = createSqlFetchStateStore(db);
      const at = new Date('2026-11-27T00:00:04.000Z');
      await fetchState.setUidValidity('acct-imap', '42', at);
      await fetchState.record('acct-pop', [{ sourceKey: pop3SourceKey('uidl-1'), disposition: SeenDisposition.IMPORTED, size: TEXT.byteLength }], at);
      await fetchState.record('acct-imap', [{ sourceKey: imapSourceKey('42', 9), disposition: SeenDisposition.TOO_LARGE, size: 30_000_000 }], at);
      await db
        .insertInto('receive_fetch_state')
        .values({
          account_id: 'acct-imap', mailbox_number: 1, running: 0, last_attempt_at: at.toISOString(), last_finished_at: at.toISOString(),
          last_success_at: at.toISOString(), consecutive_failures: 0, last_imported: 2, last_skipped: 1, imported_total: 2, skipped_total: 1, updated_at: at.toISOString(),
        })
        .execute();
      await inbound.tokens.remember(1, 'credential-1', 3, { accessToken: 'ya29.access-token', refreshToken: '1//rotated-refresh', expiresInSeconds: 3600, scopes: [] });
      await notices.send({ kind: NoticeKind.TEST, facts: { destinationName: null, sentAt: at }, mailboxNumber: 1, to: ['ops@example.com'], idempotencyKey: 'store-copy-test-notice' });
      oauthCiphertext = (await db.selectFrom('oauth_tokens').select('access_token_ciphertext').executeTakeFirstOrThrow()).access_token_ciphertext;
    } finally {
      await server.stop();
    }
    const source = await createReadModelDb({ kind: 'sqlite', path: sqliteReadModelPath(dataDir) });
    sourceRows = await readTables(source.db);
    expect(await source.db.selectFrom('auth_sessions').select('token_hash').execute()).toHaveLength(1);
    await source.destroy();
    expect(sourceRows.messages).toHaveLength(3);
    expect(sourceRows.notice_outbox).toHaveLength(1);
    target = await createTestSchema();
    schemas.push(target);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(schemas.map((s) => s.drop()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('copies messages, fetch state, OAuth tokens and notices, resumes an interrupted run without duplicates', async () => {
    const from = parseStoreUrl(`sqlite:${dataDir}`);
    const abort = new AbortController();
    const stopped = await copyStore({
      from,
      to: parseStoreUrl(target.url),
      batchSize: 1,
      signal: abort.signal,
      onProgress: (p) => p.phase === 'state' && p.table === 'messages' && p.done === 1 && abort.abort(),
    });
    expect(stopped.status).toBe('partial');
    expect(stopped.targetHead).toBe(stopped.sourceHead);
    expect(stopped.operationalState).toEqual({ complete: false, tables: [{ table: 'messages', rows: 1, inserted: 1 }] });

    const cli = captureIo();
    await runCli(cli.io, '--from', `sqlite:${dataDir}`, '--to', target.url, '--batch-size', '2');
    expect(cli.summary().status).toBe('complete');
    expect(cli.summary().operationalState.tables).toEqual([
      { table: 'messages', rows: 3, inserted: 2 },
      { table: 'fetch_cursors', rows: 1, inserted: 1 },
      { table: 'fetch_seen_sources', rows: 2, inserted: 2 },
      { table: 'receive_fetch_state', rows: 1, inserted: 1 },
      { table: 'oauth_tokens', rows: 1, inserted: 1 },
      { table: 'notice_outbox', rows: 1, inserted: 1 },
      { table: 'audit_checkpoints', rows: 0, inserted: 0 },
      { table: 'audit_stream_cursors', rows: 0, inserted: 0 },
      { table: 'two_factor_steps', rows: 0, inserted: 0 },
      { table: 'api_token_usage', rows: 0, inserted: 0 },
    ]);
    expect(cli.out.join('')).toContain('messages: 3 rows in the source, 2 added to the target');
    expect(cli.out.join('')).toContain('sessions were dropped');

    const again = captureIo();
    await runCli(again.io, '--from', `sqlite:${dataDir}`, '--to', target.url);
    expect(again.summary().operationalState.tables.map((t: { inserted: number }) => t.inserted)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

    const copy = await createReadModelDb({ kind: 'postgres', connectionString: target.url, poolSize: 1 });
    try {
      expect(await readTables(copy.db)).toEqual(sourceRows);
      expect(await copy.db.selectFrom('auth_sessions').selectAll().execute()).toEqual([]);
      expect(await copy.db.selectFrom('projection_checkpoints').selectAll().execute()).toEqual([]);
    } finally {
      await copy.destroy();
    }
  }, 120_000);

  it('serves the copied state from the server on PostgreSQL: same messages and bytes, no re-import, token readable', async () => {
    const server = await startTestServer({ env: { DATABASE_URL: target.url, MAILROOM_MASTER_KEY: MASTER_KEY } });
    try {
      const { db, vault } = server.app.services;
      const messages = createSqlMessageStore(db);
      expect((await messages.list(1)).map((m) => m.id)).toEqual([ids.large, ids.binary, ids.text]);
      expect(await messages.get(ids.binary)).toMatchObject({ subject: '8-bit テスト', accountId: 'acct-imap', sourceKey: 'imap:42:7', size: BINARY.byteLength, receivedAt: '2026-11-27T00:00:02.000Z' });
      expect(Buffer.from((await messages.readRaw(ids.binary))!).equals(Buffer.from(BINARY))).toBe(true);
      expect(Buffer.from((await messages.readRaw(ids.large))!).equals(Buffer.from(LARGE))).toBe(true);

      // The fetchers' view: the UID and the UIDL are taken, the cursor's UIDVALIDITY is kept.
      expect(await messages.has('acct-imap', imapSourceKey('42', 7))).toBe(true);
      expect(await messages.insert(message('acct-imap', imapSourceKey('42', 7), BINARY, 'again', '2026-11-28T00:00:00.000Z'))).toEqual({ id: ids.binary, inserted: false });
      expect(await messages.count(1)).toBe(3);
      const fetchState = createSqlFetchStateStore(db);
      expect(await fetchState.getUidValidity('acct-imap')).toBe('42');
      expect(await fetchState.lookup('acct-pop', [pop3SourceKey('uidl-1'), pop3SourceKey('uidl-2')])).toEqual(new Map([[pop3SourceKey('uidl-1'), 'IMPORTED']]));
      expect(await fetchState.lookup('acct-imap', [imapSourceKey('42', 9)])).toEqual(new Map([[imapSourceKey('42', 9), 'TOO_LARGE']]));

      // Copied as ciphertext, readable with the copied data keys and the same master key.
      const token = await db.selectFrom('oauth_tokens').selectAll().executeTakeFirstOrThrow();
      expect(token.access_token_ciphertext).toBe(oauthCiphertext);
      expect(await vault.decrypt(mailboxScope(1), token.access_token_ciphertext)).toBe('ya29.access-token');
      expect(await vault.decrypt(mailboxScope(1), token.refresh_token_ciphertext!)).toBe('1//rotated-refresh');
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('copies back from PostgreSQL, opened read-only, into an SQLite data dir', async () => {
    const back = join(dataDir, 'back');
    const cli = captureIo();
    await runCli(cli.io, '--from', target.url, '--to', `sqlite:${back}`);
    expect(cli.summary()).toMatchObject({ status: 'complete', dataKeys: { keys: 1, inserted: 1 } });
    const [source, copy] = await Promise.all([
      createReadModelDb({ kind: 'postgres', connectionString: target.url, poolSize: 1 }),
      createReadModelDb({ kind: 'sqlite', path: sqliteReadModelPath(back) }),
    ]);
    try {
      // The server on PostgreSQL ran in between (its outbox may have tried the notice): compare with it.
      expect(await readTables(copy.db)).toEqual(await readTables(source.db));
      expect((await readTables(copy.db)).message_raw).toEqual(sourceRows.message_raw);
    } finally {
      await Promise.all([source.destroy(), copy.destroy()]);
    }
    const messages = await createReadModelDb({ kind: 'sqlite', path: sqliteReadModelPath(back) });
    try {
      expect(Buffer.from((await createSqlMessageStore(messages.db).readRaw(ids.binary))!).equals(Buffer.from(BINARY))).toBe(true);
    } finally {
      await messages.destroy();
    }
  }, 120_000);

  it('refuses a PostgreSQL source that is no event store without creating anything in it', async () => {
    const empty = await createTestSchema();
    schemas.push(empty);
    const out = join(dataDir, 'never');
    await expect(runCli(captureIo().io, '--from', empty.url, '--to', `sqlite:${out}`)).rejects.toThrow(/No event store at postgres.*no Mailroom events table/);
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      const { rows } = await admin.query('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [empty.schema]);
      expect(rows).toEqual([]);
      const fns = await admin.query('SELECT proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1', [empty.schema]);
      expect(fns.rows).toEqual([]);
    } finally {
      await admin.end();
    }
  }, 60_000);
});
