/**
 * docs/audit-verification.md promises an algorithm short enough for an auditor to
 * reimplement. This file is that reimplementation, written from the document alone: it
 * imports nothing from src/, only node:crypto, and checks real downloads from the server.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddSmtpServerDocument, LoginDocument, RenameMailboxDocument } from '../generated/graphql.js';
import { ADMIN_PASSWORD, gql, startTestServer, type TestServer } from '../support/server.js';

interface Checkpoint {
  version: number;
  position: number;
  headHash: string;
  rootHash: string;
  time: string;
  keyId: string;
  signature: string;
}
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
// §2: keys sorted, no whitespace, undefined members left out.
const canonical = (v: Json): string => {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k]!)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
};
const leafOf = (record: Json) => sha256(Buffer.from([0]), sha256(Buffer.from(canonical(record), 'utf8')));
const node = (l: Buffer, r: Buffer) => sha256(Buffer.from([1]), l, r);

// §1
const signatureOk = (c: Checkpoint, pem: string): boolean => {
  const text = `mailroom-audit-checkpoint v1\nposition ${c.position}\nhead ${c.headHash}\nroot ${c.rootHash}\ntime ${c.time}\n`;
  const key = createPublicKey(pem);
  const raw = key.export({ format: 'der', type: 'spki' }).subarray(-32);
  return createHash('sha256').update(raw).digest('hex').slice(0, 16) === c.keyId && verify(null, Buffer.from(text, 'utf8'), key, Buffer.from(c.signature, 'base64'));
};

// §3, streaming form
class Stack {
  private readonly hashes: Buffer[] = [];
  size = 0;
  push(leaf: Buffer) {
    let h = leaf;
    for (let i = this.size; i % 2 === 1; i = Math.floor(i / 2)) h = node(this.hashes.pop()!, h);
    this.hashes.push(h);
    this.size += 1;
  }
  root(): Buffer {
    if (this.hashes.length === 0) return sha256();
    let r = this.hashes.at(-1)!;
    for (let i = this.hashes.length - 2; i >= 0; i--) r = node(this.hashes[i]!, r);
    return r;
  }
}

/** §4: a whole-log export against a kept checkpoint; the problems found (none: verified). */
const verifyWholeLog = (lines: string[], kept: Checkpoint, pem: string): string[] => {
  const problems: string[] = [];
  const c = (JSON.parse(lines[0]!) as { checkpoint: Checkpoint }).checkpoint;
  if (!signatureOk(c, pem) || !signatureOk(kept, pem)) problems.push('signature');
  const stack = new Stack();
  let prev = '0'.repeat(64);
  for (const line of lines.slice(1)) {
    const record = (JSON.parse(line) as { event: { position: number; prevHash: string; hash: string } & Record<string, Json> }).event;
    if (record.position !== stack.size + 1) problems.push(`position ${record.position}`);
    if (record.prevHash !== prev) problems.push(`chain at ${record.position}`);
    prev = record.hash;
    stack.push(leafOf(record));
    if (stack.size === kept.position && (stack.root().toString('hex') !== kept.rootHash || record.hash !== kept.headHash)) problems.push('kept root');
  }
  if (stack.size < kept.position) problems.push('events removed');
  if (stack.size !== c.position || stack.root().toString('hex') !== c.rootHash) problems.push('export root');
  return problems;
};

/** §5.1 */
const inclusionOk = (leafIndex: number, treeSize: number, leaf: Buffer, path: Buffer[], root: Buffer): boolean => {
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = node(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else r = node(r, p);
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 && r.equals(root);
};

/** §5.2 */
const consistencyOk = (first: number, second: number, firstRoot: Buffer, secondRoot: Buffer, proof: Buffer[]): boolean => {
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : proof;
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn >>= 1;
    sn >>= 1;
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = node(c, fr);
      sr = node(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else sr = node(sr, c);
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
};

describe('the verification algorithm of docs/audit-verification.md, reimplemented from the document', () => {
  let server: TestServer;
  let base: string;
  let admin: string;
  let pem: string;
  let kept: Checkpoint;
  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    return res.text();
  };
  const rename = async (name: string) =>
    expect((await gql(server.url, RenameMailboxDocument, { input: { number: 1, name } }, { token: admin })).data?.renameMailbox.userErrors).toEqual([]);

  beforeAll(async () => {
    server = await startTestServer({ env: { MAILROOM_AUDIT_CHECKPOINT_SECONDS: '0' } });
    base = server.url.replace(/\/graphql$/, '');
    admin = (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
    const smtp = await gql(
      server.url,
      AddSmtpServerDocument,
      { input: { mailboxNumber: 1, name: 'Relay', host: 'smtp.example.com', port: 587, encryption: 'STARTTLS', authMethod: 'PASSWORD', user: 'u', password: 'doc-algorithm-secret' } },
      { token: admin },
    );
    expect(smtp.data?.addSmtpServer.userErrors).toEqual([]);
    // Sizes that are and are not powers of two, on both sides, over a few checkpoints.
    for (let i = 0; i < 3; i++) await rename(`Before ${i}`);
    pem = await (await fetch(`${base}/audit/public-key`)).text();
    kept = JSON.parse(await get('/audit/checkpoint')) as Checkpoint;
    for (let i = 0; i < 5; i++) await rename(`After ${i}`);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('verifies the whole log against the kept checkpoint, and catches an edited record', async () => {
    const lines = (await get('/audit/export')).trim().split('\n');
    expect(lines.length - 1).toBeGreaterThan(kept.position);
    expect(verifyWholeLog(lines, kept, pem)).toEqual([]);
    const edited = lines.map((l) => l.replace('"name":"Before 1"', '"name":"Before X"'));
    expect(edited).not.toEqual(lines);
    expect(verifyWholeLog(edited, kept, pem)).toContain('kept root');
    expect(verifyWholeLog(lines.slice(0, kept.position - 1), kept, pem)).toContain('events removed');
  });

  it('checks every inclusion proof of a mailbox export and its consistency proof from the kept checkpoint', async () => {
    const [header, ...events] = (await get(`/audit/export?mailbox=1&since=${kept.position}`)).trim().split('\n').map((l) => JSON.parse(l) as Record<string, Json>);
    const c = header!['checkpoint'] as unknown as Checkpoint;
    expect(signatureOk(c, pem)).toBe(true);
    expect(events.length).toBeGreaterThan(8);
    for (const line of events) {
      const proof = line['proof'] as { leafIndex: number; treeSize: number; path: string[] };
      const record = line['event'] as { position: number };
      expect(proof).toMatchObject({ leafIndex: record.position - 1, treeSize: c.position });
      const path = proof.path.map((h) => Buffer.from(h, 'hex'));
      expect(inclusionOk(proof.leafIndex, proof.treeSize, leafOf(line['event']!), path, Buffer.from(c.rootHash, 'hex'))).toBe(true);
      expect(inclusionOk(proof.leafIndex, proof.treeSize, leafOf({ ...(line['event'] as Record<string, Json>), type: 'Forged' }), path, Buffer.from(c.rootHash, 'hex'))).toBe(false);
    }
    const consistency = header!['consistency'] as { fromSize: number; toSize: number; path: string[] };
    expect(consistency).toMatchObject({ fromSize: kept.position, toSize: c.position });
    const path = consistency.path.map((h) => Buffer.from(h, 'hex'));
    expect(consistencyOk(kept.position, c.position, Buffer.from(kept.rootHash, 'hex'), Buffer.from(c.rootHash, 'hex'), path)).toBe(true);
    expect(consistencyOk(kept.position, c.position, sha256(Buffer.from('another tree')), Buffer.from(c.rootHash, 'hex'), path)).toBe(false);
  });
});
