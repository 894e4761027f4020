import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignedCheckpoint, verifyCheckpointSignature } from '../../src/app/audit/checkpointFormat.js';
import { type AuditRecord, recordLeaf } from '../../src/app/audit/auditRecord.js';
import { verifyConsistency, verifyInclusion } from '../../src/app/audit/merkle.js';
import { loadAuditSigningKey } from '../../src/app/audit/signingKey.js';
import { auditCommand, EXIT_TAMPERED } from '../../src/cli/audit.js';
import { openStorage } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import {
  AddMailboxMemberDocument,
  AddSmtpServerDocument,
  AssignMailboxRoleDocument,
  AuditCheckpointsDocument,
  AuditConsistencyProofDocument,
  AuditInclusionProofDocument,
  AuditPublicKeyDocument,
  CreateAuditCheckpointDocument,
  CreateMailboxDocument,
  CreateUserDocument,
  ExecuteMailboxResetDocument,
  GrantPermissionDocument,
  LoginDocument,
  RenameMailboxDocument,
  RequestMailboxResetDocument,
} from '../generated/graphql.js';
import { createTestSchema, postgresAvailable } from '../support/postgres.js';
import { ADMIN_PASSWORD, gql, startTestServer, type TestServer } from '../support/server.js';

const pgAvailable = await postgresAvailable();
const SMTP_PASSWORD = 'smtp-secret-never-exported';

const sink = (collect: (s: string) => void) =>
  new Writable({
    write(chunk, _enc, done) {
      collect(String(chunk));
      done();
    },
  });

/** `mailroom audit <args>` in-process against the server's storage and signing key. */
const runCli = async (env: Record<string, string>, args: string[]) => {
  let stdout = '';
  const program = new Command().exitOverride().addCommand(
    auditCommand(
      () => openStorage(loadConfig(env)),
      { stdout: sink((s) => (stdout += s)), stderr: sink(() => {}) as unknown as NodeJS.WriteStream, setExitCode: () => {} },
      () => loadAuditSigningKey({ dataDir: loadConfig(env).dataDir }),
    ),
  );
  await program.parseAsync(['audit', ...args], { from: 'user' });
  return stdout;
};

/** `mailroom audit verify --checkpoint --public-key --history`, in-process; no storage is opened. */
const verifyOffline = async (checkpoint: string, publicKey: string, history: string) => {
  let stdout = '';
  let exitCode = 0;
  const program = new Command().exitOverride().addCommand(
    auditCommand(
      () => Promise.reject(new Error('offline verification must not open storage')),
      { stdout: sink((s) => (stdout += s)), stderr: sink(() => {}) as unknown as NodeJS.WriteStream, setExitCode: (c) => (exitCode = c) },
    ),
  );
  await program.parseAsync(['audit', 'verify', '--checkpoint', checkpoint, '--public-key', publicKey, '--history', history], { from: 'user' });
  return { result: JSON.parse(stdout) as { ok: boolean; problems: string[]; eventsChecked: number; extendsKept: boolean }, exitCode };
};

describe.each([
  { storage: 'sqlite' as const, enabled: true },
  { storage: 'postgres' as const, enabled: pgAvailable },
])('auditor evidence over HTTP and GraphQL on $storage', ({ storage, enabled }) => {
  let server: TestServer;
  let base: string;
  let admin: string;
  let auditor: string;
  let dropSchema = async () => {};
  let env: Record<string, string>;
  const dir = mkdtempSync(join(tmpdir(), 'mailroom-auditor-'));

  const get = (path: string, token: string | null) => fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const download = async (path: string, token: string, file: string) => {
    const res = await get(path, token);
    expect(res.status).toBe(200);
    const text = await res.text();
    writeFileSync(join(dir, file), text);
    return { res, text, file: join(dir, file) };
  };
  const rename = async (number: number, name: string) => {
    const r = await gql(server.url, RenameMailboxDocument, { input: { number, name, reason: 'audit test' } }, { token: admin });
    expect(r.data?.renameMailbox.userErrors).toEqual([]);
  };

  beforeAll(async () => {
    if (!enabled) return;
    const schema = storage === 'postgres' ? await createTestSchema() : null;
    dropSchema = schema?.drop ?? dropSchema;
    server = await startTestServer({ env: { MAILROOM_AUDIT_CHECKPOINT_SECONDS: '0', ...(schema ? { DATABASE_URL: schema.url } : {}) } });
    base = server.url.replace(/\/graphql$/, '');
    env = { MAILROOM_DATA_DIR: server.dataDir, ...(schema ? { DATABASE_URL: schema.url } : {}) };
    admin = (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
    await gql(server.url, CreateMailboxDocument, { input: { number: 2, name: 'Sales', address: 'sales@example.com' } }, { token: admin });
    const user = await gql(server.url, CreateUserDocument, { input: { username: 'auditor', displayName: 'Auditor', email: 'a@example.com', password: 'auditor-password-1' } }, { token: admin });
    const auditorId = user.data!.createUser.user!.id;
    await gql(server.url, AddMailboxMemberDocument, { input: { mailboxNumber: 2, userId: auditorId } }, { token: admin });
    await gql(server.url, AssignMailboxRoleDocument, { input: { mailboxNumber: 2, userId: auditorId, role: 'AUDITOR' } }, { token: admin });
    auditor = (await gql(server.url, LoginDocument, { input: { username: 'auditor', password: 'auditor-password-1' } })).data!.login.token!;
    const smtp = await gql(
      server.url,
      AddSmtpServerDocument,
      { input: { mailboxNumber: 2, name: 'Relay', host: 'smtp.example.com', port: 587, encryption: 'STARTTLS', authMethod: 'PASSWORD', user: 'relay', password: SMTP_PASSWORD } },
      { token: admin },
    );
    expect(smtp.data?.addSmtpServer.userErrors).toEqual([]);
    await rename(2, 'Sales 2');
  });
  afterAll(async () => {
    await server?.stop();
    await dropSchema();
    rmSync(dir, { recursive: true, force: true });
  });

  it.runIf(enabled)('serves the public key without authentication; GraphQL gives the same key', async () => {
    const res = await get('/audit/public-key', null);
    expect(res.status).toBe(200);
    const pem = await res.text();
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const key = await gql(server.url, AuditPublicKeyDocument, {}, { token: auditor });
    expect(key.data!.auditPublicKey).toEqual({ pem, keyId: res.headers.get('x-mailroom-key-id') });
    // Generated once in the data dir, readable by the owner only.
    expect(loadAuditSigningKey({ dataDir: server.dataDir }).publicKeyPem).toBe(pem);
  });

  it.runIf(enabled)('the auditor keeps a checkpoint, the log grows, the whole-log download verifies offline; secrets never appear', async () => {
    writeFileSync(join(dir, 'public.pem'), await (await get('/audit/public-key', null)).text());
    const created = await gql(server.url, CreateAuditCheckpointDocument, {}, { token: auditor });
    expect(created.data!.createAuditCheckpoint.userErrors).toEqual([]);
    const kept = created.data!.createAuditCheckpoint.checkpoint!;
    expect(kept.position).toBe(await server.app.services.store.headPosition());
    writeFileSync(join(dir, 'kept.json'), JSON.stringify(kept.json));
    expect(verifyCheckpointSignature(kept.json as SignedCheckpoint, readFileSync(join(dir, 'public.pem'), 'utf8'))).toBe(true);
    await rename(2, 'Sales 3');

    // The whole log is for administrators; a mailbox auditor gets 403, nobody gets in without a token.
    expect((await get('/audit/export', auditor)).status).toBe(403);
    expect((await get('/audit/export', null)).status).toBe(401);
    const { res, text, file } = await download('/audit/export?format=ndjson', admin, 'log.ndjson');
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    expect(JSON.parse(res.headers.get('mailroom-checkpoint')!).position).toBe(kept.position + 1);
    expect(text).not.toContain(SMTP_PASSWORD);
    expect(text).not.toMatch(/passwordCiphertext":"v\d/);
    expect(text).toContain('"passwordCiphertext":{"secret":"changed"');
    expect(text).not.toContain('$argon2');

    const { result, exitCode } = await verifyOffline(join(dir, 'kept.json'), join(dir, 'public.pem'), file);
    expect(result).toMatchObject({ ok: true, extendsKept: true, eventsChecked: kept.position + 1 });
    expect(exitCode).toBe(0);

    // A record edited in the downloaded file is caught; so is a file cut short.
    const lines = text.trim().split('\n');
    writeFileSync(join(dir, 'edited.ndjson'), lines.map((l) => l.replace('"name":"Sales 2"', '"name":"Sales X"')).join('\n'));
    const edited = await verifyOffline(join(dir, 'kept.json'), join(dir, 'public.pem'), join(dir, 'edited.ndjson'));
    expect(edited.exitCode).toBe(EXIT_TAMPERED);
    writeFileSync(join(dir, 'short.ndjson'), lines.slice(0, 4).join('\n'));
    const short = await verifyOffline(join(dir, 'kept.json'), join(dir, 'public.pem'), join(dir, 'short.ndjson'));
    expect(short.exitCode).toBe(EXIT_TAMPERED);
    expect(short.result.problems.join('\n')).toMatch(/events were removed/);
  });

  it.runIf(enabled)('a mailbox auditor downloads their mailbox with inclusion proofs and a consistency proof from the kept checkpoint', async () => {
    const kept = JSON.parse(readFileSync(join(dir, 'kept.json'), 'utf8')) as { position: number };
    const { text, file } = await download(`/audit/export?mailbox=2&since=${kept.position}`, auditor, 'mailbox2.ndjson');
    const lines = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0].filter).toMatchObject({ mailboxNumber: 2 });
    expect(lines[0].consistency.fromSize).toBe(kept.position);
    const names = lines.slice(1).map((l) => l.event.type);
    expect(names).toEqual(expect.arrayContaining(['MailboxCreated', 'SmtpServerAdded', 'MailboxRenamed']));
    expect(lines.slice(1).every((l) => l.event.data.mailboxNumber === 2 || l.event.streamId === 'mailbox-2')).toBe(true);
    expect(text).not.toContain(SMTP_PASSWORD);
    const smtp = lines.slice(1).find((l) => l.event.type === 'SmtpServerAdded');
    expect(smtp.changes.find((c: { field: string }) => c.field === 'passwordCiphertext')).toMatchObject({ secret: true, before: null, after: null });
    const { result } = await verifyOffline(join(dir, 'kept.json'), join(dir, 'public.pem'), file);
    expect(result).toMatchObject({ ok: true, extendsKept: true });
    // Without `since` the auditor is told how to connect the download to the kept checkpoint.
    const { file: unconnected } = await download('/audit/export?mailbox=2', auditor, 'mailbox2-nosince.ndjson');
    expect((await verifyOffline(join(dir, 'kept.json'), join(dir, 'public.pem'), unconnected)).result.problems.join('\n')).toMatch(/since=/);
    // The time range filters on both ends: all of it inside a wide range, nothing after now.
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const wide = await download(`/audit/export?mailbox=2&since=${kept.position}&from=2000-01-01T00:00:00Z&to=${encodeURIComponent(later)}`, auditor, 'mailbox2-wide.ndjson');
    expect(wide.text.trim().split('\n')).toHaveLength(lines.length);
    const none = await download(`/audit/export?mailbox=2&from=${encodeURIComponent(later)}`, auditor, 'mailbox2-none.ndjson');
    expect(none.text.trim().split('\n')).toHaveLength(1);
    const before = await download('/audit/export?mailbox=2&to=2000-01-01T00:00:00Z', auditor, 'mailbox2-before.ndjson');
    expect(before.text.trim().split('\n')).toHaveLength(1);
    // Another mailbox, an unknown area and a bad time are refused with a clear error.
    expect((await get('/audit/export?mailbox=1', auditor)).status).toBe(403);
    const bad = await get('/audit/export?mailbox=2&area=nonsense', auditor);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/Expected an area/);
    expect((await get('/audit/export?mailbox=2&from=yesterday', auditor)).status).toBe(400);
    const csv = await download('/audit/export?mailbox=2&format=csv&area=outbound', auditor, 'mailbox2.csv');
    expect(csv.text.split('\r\n')[0]).toMatch(/^position,event_id,/);
    expect(csv.text).toContain('SmtpServerAdded');
    expect(csv.text).not.toContain('MailboxRenamed');
    expect(csv.text).not.toContain(SMTP_PASSWORD);
    expect(JSON.parse(csv.res.headers.get('mailroom-checkpoint')!).version).toBe(1);
  });

  it.runIf(enabled)('GraphQL inclusion and consistency proofs verify with the RFC 9162 algorithms, and survive a mailbox reset', async () => {
    const pem = readFileSync(join(dir, 'public.pem'), 'utf8');
    const list = (await gql(server.url, AuditCheckpointsDocument, { first: 10 }, { token: auditor })).data!.auditCheckpoints;
    expect(list.length).toBeGreaterThanOrEqual(2);
    const [newest, , ...older] = list;
    const oldest = older.at(-1) ?? list[1]!;
    const renamed = (await server.app.services.store.readStream('mailbox-2')).find((e) => e.type === 'MailboxRenamed')!;
    const checkInclusion = async (checkpoint: number) => {
      const proof = (await gql(server.url, AuditInclusionProofDocument, { eventId: renamed.id, checkpoint }, { token: auditor })).data!.auditInclusionProof;
      expect(proof.position).toBe(renamed.position);
      expect(recordLeaf(proof.record as AuditRecord).toString('hex')).toBe(proof.leafHash);
      expect(proof.path.length).toBeLessThanOrEqual(Math.ceil(Math.log2(proof.treeSize)));
      expect(verifyCheckpointSignature(proof.checkpoint.json as SignedCheckpoint, pem)).toBe(true);
      expect(verifyInclusion(proof.leafIndex, proof.treeSize, Buffer.from(proof.leafHash, 'hex'), proof.path.map((h) => Buffer.from(h, 'hex')), Buffer.from(proof.checkpoint.rootHash, 'hex'))).toBe(true);
    };
    await checkInclusion(newest!.position);
    // A proof's record carries secrets as "changed", like the exports and the stream.
    const smtpAdded = (await server.app.services.store.readStream('mailbox-2')).find((e) => e.type === 'SmtpServerAdded');
    const smtpEvent = smtpAdded ?? (await server.app.services.store.readAll({ max: 10_000 })).find((e) => e.type === 'SmtpServerAdded')!;
    const smtpProof = (await gql(server.url, AuditInclusionProofDocument, { eventId: smtpEvent.id, checkpoint: newest!.position }, { token: auditor })).data!.auditInclusionProof;
    expect(JSON.stringify(smtpProof)).not.toContain(SMTP_PASSWORD);
    expect(JSON.stringify(smtpProof.record)).toContain('"passwordCiphertext":{"secret":"changed"');
    // Events of mailbox 1 are not this auditor's.
    const first = await gql(server.url, AuditInclusionProofDocument, { position: 1 }, { token: auditor });
    expect(first.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Reset mailbox 2: keys are destroyed and settings wiped, yet no earlier proof changes.
    const adminId = (await server.app.services.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
    await gql(server.url, GrantPermissionDocument, { input: { userId: adminId, permission: 'MAILBOX_RESET' } }, { token: admin });
    const preview = (await gql(server.url, RequestMailboxResetDocument, { input: { mailboxNumber: 2 } }, { token: admin })).data!.requestMailboxReset.preview!;
    const reset = await gql(server.url, ExecuteMailboxResetDocument, { input: { token: preview.token, mailboxName: 'Sales 3', reason: 'audit test' } }, { token: admin });
    expect(reset.data?.executeMailboxReset.userErrors).toEqual([]);
    const after = (await gql(server.url, CreateAuditCheckpointDocument, {}, { token: auditor })).data!.createAuditCheckpoint.checkpoint!;
    expect(after.position).toBeGreaterThan(newest!.position);
    await checkInclusion(newest!.position);
    await checkInclusion(after.position);
    for (const from of [oldest, newest!]) {
      const c = (await gql(server.url, AuditConsistencyProofDocument, { from: from.position, to: after.position }, { token: auditor })).data!.auditConsistencyProof;
      expect(verifyConsistency(from.position, after.position, Buffer.from(c.from.rootHash, 'hex'), Buffer.from(c.to.rootHash, 'hex'), c.path.map((h) => Buffer.from(h, 'hex')))).toBe(true);
    }
    const { file } = await download('/audit/export', admin, 'after-reset.ndjson');
    expect((await verifyOffline(join(dir, 'kept.json'), join(dir, 'public.pem'), file)).result).toMatchObject({ ok: true, extendsKept: true });
    // The CLI on the server host signs with the same key and lists what the API signed.
    await rename(2, 'After reset');
    const signed = JSON.parse(await runCli(env, ['checkpoint'])) as SignedCheckpoint;
    expect(signed.position).toBe(await server.app.services.store.headPosition());
    expect(verifyCheckpointSignature(signed, pem)).toBe(true);
    const listed = (await runCli(env, ['checkpoints', '--limit', '3'])).trim().split('\n').map((l) => JSON.parse(l) as SignedCheckpoint);
    expect(listed.map((c) => c.position)).toEqual([signed.position, after.position, newest!.position]);
    const wrongOrder = await gql(server.url, AuditConsistencyProofDocument, { from: after.position, to: oldest.position }, { token: auditor });
    expect(wrongOrder.errors?.[0]?.extensions?.code).toBe('VALIDATION');
  });
});
