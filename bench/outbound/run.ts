/**
 * Outbound mail: routing decisions and signed sends.
 *
 *   npm run bench:outbound
 *   BENCH_SECONDS=2 npm run bench:outbound     # seconds per measured figure (default 3)
 *
 * 1. `decideOutboundRoute` with 1,000 From rules and 100 DKIM keys (+ 100 conditions),
 *    next to the same call on a configuration of 1 rule: first rule matches, rule #500
 *    matches, nothing matches (all 1,000 scanned, default server).
 * 2. Sends through the real sender (routing from the read models, vault decryption,
 *    nodemailer over STARTTLS with AUTH, one connection per mail as the product sends) to a
 *    local smtp-server, for a 2 KB and a 100 KB message: signed with RSA-2048 next to the
 *    same send unsigned; and the signing step alone (mailauth: canonicalization, body hash,
 *    header hash, RSA) next to raw `crypto.sign('sha256', message, key)`.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { SYSTEM_ACTOR } from '../../src/app/auth/principal.js';
import { createReadModelDb } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { decideOutboundRoute, routingConfig, type RoutingConfigInput, type RoutingDkimSignature } from '../../src/domain/outbound/index.js';
import { MemoryEventStore } from '../../src/eventstore/memory/memoryEventStore.js';
import { IdentityService } from '../../src/app/identity/identityService.js';
import { signMessage } from '../../src/mail/dkim/dkimSigner.js';
import { createOutboundServices } from '../../src/app/outbound/index.js';
import { identityProjections } from '../../src/projections/identity/index.js';
import { outboundProjections } from '../../src/projections/outbound/index.js';
import { ProjectionRunner } from '../../src/projections/runner.js';
import { SecretVault } from '../../src/secrets/vault.js';
import { createEgressPolicy, LOOPBACK_RANGES } from '../../src/net/egress.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

/** Operations per second; `perOp` counts what one call does (e.g. 16 parallel sends). */
const measure = async (label: string, op: () => unknown, perOp = 1, seconds = SECONDS): Promise<number> => {
  for (let i = 0; i < Math.ceil(20 / perOp); i++) await op();
  const until = performance.now() + seconds * 1000;
  let n = 0;
  const start = performance.now();
  while (performance.now() < until) {
    await op();
    n += perOp;
  }
  const perSecond = n / ((performance.now() - start) / 1000);
  console.log(`  ${label.padEnd(52)} ${perSecond.toFixed(perSecond < 100 ? 1 : 0).padStart(10)} /s`);
  return perSecond;
};

const routingBench = async () => {
  console.log('\nRouting decisions (decideOutboundRoute, pure)');
  const signatures: RoutingDkimSignature[] = Array.from({ length: 100 }, (_, i) => ({
    signatureId: `k${i}`,
    name: `key ${i}`,
    kind: 'AUTHOR',
    domain: `d${i}.example`,
    selector: 's1',
    algorithm: 'RSA_SHA256',
    keyBits: 2048,
    bodyLengthLimit: null,
    serviceKey: false,
  }));
  const base: RoutingConfigInput = {
    externalServers: [{ serverId: 'relay', name: 'Relay' }],
    rules: [],
    defaultServerId: 'relay',
    bounce: { kind: 'FIXED_ADDRESS', address: 'bounce@example.com' },
    rakuten: { realAddress: 'shop@example.com', contactAddress: null },
    dkimSignatures: signatures,
    dkimConditions: signatures.map((s, i) => ({ conditionId: `c${i}`, fromAddress: `info@d${i}.example`, signatureId: s.signatureId })),
    defaultDkimSignatureId: 'k0',
  };
  const rules = Array.from({ length: 1000 }, (_, i) => ({
    ruleId: `r${i}`,
    match: i % 2 ? { kind: 'DOMAIN' as const, value: `d${i}.example` } : { kind: 'ADDRESS' as const, value: `user${i}@example.com` },
    serverId: 'relay',
  }));
  const one = routingConfig({ ...base, rules: rules.slice(0, 1) });
  const thousand = routingConfig({ ...base, rules });
  const mail = (from: string) => ({ from, to: ['a@example.net', 'b@example.net'], cc: ['c@example.net'], kind: 'USER_MAIL' as const });
  // Best of 3 alternating rounds: JIT warm-up and other load on the machine skew single runs.
  const cases: [string, () => unknown][] = [
    ['1 rule, it matches (baseline)', () => decideOutboundRoute(one, mail('user0@example.com'))],
    ['1,000 rules, #1 matches', () => decideOutboundRoute(thousand, mail('user0@example.com'))],
    ['1,000 rules, #500 matches', () => decideOutboundRoute(thousand, mail('x@d499.example'))],
    ['1,000 rules, none matches (full scan)', () => decideOutboundRoute(thousand, mail('info@nowhere.example'))],
  ];
  const best = cases.map(() => 0);
  for (let round = 0; round < 3; round++) {
    console.log(`  round ${round + 1}`);
    for (const [i, [label, op]] of cases.entries()) best[i] = Math.max(best[i]!, await measure(label, op, 1, SECONDS / 3));
  }
  const [baseline, first, middle, none] = best as [number, number, number, number];
  console.log(`  best: ${cases.map(([label], i) => `${label}: ${Math.round(best[i]!)}/s`).join('; ')}`);
  console.log(`  ratios vs baseline: #1 ${(first / baseline).toFixed(2)}x, #500 ${(middle / baseline).toFixed(2)}x, none ${(none / baseline).toFixed(2)}x`);
};

const certificate = () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailroom-bench-cert-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'k'), '-out', join(dir, 'c')], {
      stdio: 'ignore',
    });
    return { key: readFileSync(join(dir, 'k'), 'utf8'), cert: readFileSync(join(dir, 'c'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const sendBench = async () => {
  console.log('\nSends to a local smtp-server (STARTTLS + AUTH, new connection per mail), RSA-2048');
  const tls = certificate();
  const sink = new SMTPServer({
    key: tls.key,
    cert: tls.cert,
    logger: false,
    // The sink's reverse DNS of 127.0.0.1 would dominate every send.
    disableReverseLookup: true,
    authMethods: ['PLAIN'],
    onAuth: (auth, _s, cb) => cb(null, { user: auth.username }),
    onData: (stream, _s, cb) => (stream.on('data', () => {}), stream.on('end', () => cb())),
  });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
  const port = (sink.server.address() as { port: number }).port;

  const dir = mkdtempSync(join(tmpdir(), 'mailroom-bench-outbound-'));
  const readDb = await createReadModelDb({ kind: 'sqlite', path: join(dir, 'read.sqlite') });
  await migrateToLatest(readDb.db);
  const store = new MemoryEventStore();
  const runner = new ProjectionRunner({ store, db: readDb.db, projections: [...identityProjections, ...outboundProjections] });
  await runner.start();
  const afterAppend = (p: number) => runner.waitForPosition(p, 10_000);
  const vault = new SecretVault(readDb.db, randomBytes(32));
  await new IdentityService({ store, afterAppend }).createMailbox(SYSTEM_ACTOR, { number: 1, name: 'Bench', address: 'bench@example.com' }, { correlationId: 'bench' });
  const outbound = createOutboundServices({ store, db: readDb.db, vault, afterAppend, builtin: null, transport: { extraCa: [tls.cert], egress: createEgressPolicy({ allow: LOOPBACK_RANGES }) } });
  const meta = { correlationId: 'bench' };
  const { serverId } = await outbound.smtp.addServer(
    SYSTEM_ACTOR,
    { mailboxNumber: 1, name: 'Sink', host: '127.0.0.1', port, encryption: 'STARTTLS', authMethod: 'PASSWORD', user: 'u', password: 'p' },
    meta,
  );
  await outbound.smtp.changeBasicSettings(SYSTEM_ACTOR, { mailboxNumber: 1, defaultServerId: serverId }, meta);
  const { signatureId } = await outbound.dkim.addSignature(SYSTEM_ACTOR, { mailboxNumber: 1, name: 'K', kind: 'AUTHOR', domain: 'signed.example', selector: 's1' }, meta);
  await outbound.dkim.addCondition(SYSTEM_ACTOR, { mailboxNumber: 1, fromAddress: 'info@signed.example', signatureId }, meta);
  const rawKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

  const privateKeyPem = rawKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  for (const size of [2 * 1024, 100 * 1024]) {
    const text = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n'.repeat(Math.ceil(size / 57)).slice(0, size);
    const one = (from: string) => outbound.sender.send({ mailboxNumber: 1, kind: 'USER_MAIL', from, to: ['rcpt@example.net'], subject: 'Bench', text });
    // smtp-server holds every greeting 100 ms (early-talker check), so sends run 16 at a time.
    const sixteen = (from: string) => () => Promise.all(Array.from({ length: 16 }, () => one(from)));
    console.log(` ${size / 1024} KB body`);
    const unsigned = await measure('send, unsigned (16 in flight)', sixteen('info@unsigned.example'), 16);
    const signed = await measure('send, DKIM-signed (16 in flight)', sixteen('info@signed.example'), 16);
    const message = Buffer.concat([Buffer.from('From: info@signed.example\r\nTo: rcpt@example.net\r\nSubject: Bench\r\n\r\n'), Buffer.from(text)]);
    const signOnly = await measure('signMessage only (mailauth, no network)', () => signMessage(message, { domain: 'signed.example', selector: 's1', algorithm: 'RSA_SHA256', privateKeyPem, bodyLengthLimit: null }));
    const raw = await measure('raw crypto.sign(sha256, RSA-2048) of the message', () => sign('sha256', message, rawKey));
    console.log(`  signed/unsigned send ${(signed / unsigned).toFixed(2)}x; signMessage/raw sign ${(signOnly / raw).toFixed(2)}x`);
  }
  await runner.stop();
  await readDb.destroy();
  rmSync(dir, { recursive: true, force: true });
  await new Promise<void>((r) => sink.close(() => r()));
};

console.log(`outbound bench, ${new Date().toISOString()}, ${cpus().length} CPUs, load ${loadavg()[0]!.toFixed(1)}, Node ${process.version}`);
await routingBench();
await sendBench();
