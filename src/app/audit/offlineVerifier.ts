import { GENESIS_HASH } from '../../eventstore/hashChain.js';
import { type AuditRecord, recordLeaf } from './auditRecord.js';
import { parseCheckpoint, type SignedCheckpoint, verifyCheckpointSignature } from './checkpointFormat.js';
import { MerkleFrontier, verifyConsistency, verifyInclusion } from './merkle.js';

/**
 * The auditor's side: checks an export (src/app/audit/evidenceExport.ts) against a checkpoint
 * kept outside the server and the server's public key, without trusting the server or its
 * database. The algorithm, short enough to reimplement, is in docs/audit-verification.md:
 *
 * 1. Both checkpoints (kept, and the export's first line) carry valid Ed25519 signatures.
 * 2. Whole log: leaf i = SHA-256(0x00 || SHA-256(canonical JSON of record i)); positions run
 *    1, 2, 3…; each record's prevHash is the previous record's hash. The RFC 9162 root of the
 *    first `kept.position` leaves must equal the kept root (and the record there its head
 *    hash), and the root of all of them the export checkpoint's. Editing, rewriting from a
 *    point, reordering or truncating the log therefore all fail step 2 against the kept
 *    checkpoint, however consistently the database was rewritten.
 * 3. Filtered export: each record's inclusion proof leads to the export checkpoint's root,
 *    and the header's consistency proof shows that the kept tree is a prefix of it.
 *
 * Memory stays O(log n): the whole log is folded into a Merkle frontier as it streams by.
 */
export interface OfflineVerification {
  readonly ok: boolean;
  readonly eventsChecked: number;
  /** The export's checkpoint (null when its first line is not one). */
  readonly checkpoint: SignedCheckpoint | null;
  readonly keptPosition: number;
  /** Whether the export was shown to extend the kept checkpoint. */
  readonly extendsKept: boolean;
  /** What failed, first problems first (at most 20). */
  readonly problems: readonly string[];
}

const MAX_PROBLEMS = 20;

interface ConsistencyLine {
  readonly fromSize: number;
  readonly toSize: number;
  readonly path: readonly string[];
}

export const verifyExportOffline = async (lines: AsyncIterable<string> | Iterable<string>, kept: SignedCheckpoint, publicKeyPem: string): Promise<OfflineVerification> => {
  const problems: string[] = [];
  const problem = (p: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  if (!verifyCheckpointSignature(kept, publicKeyPem)) problem(`the kept checkpoint (position ${kept.position}) does not carry a valid signature of this public key`);
  let checkpoint: SignedCheckpoint | null = null;
  let filtered = false;
  let consistency = null as ConsistencyLine | null;
  const frontier = new MerkleFrontier();
  let prevHash = GENESIS_HASH;
  let lineNo = 0;
  let eventsChecked = 0;
  let extendsKept = false;
  const checkKeptAt = (record: AuditRecord) => {
    if (frontier.size !== kept.position) return;
    const root = frontier.root().toString('hex');
    if (root !== kept.rootHash) {
      problem(`the first ${kept.position} events have root ${root}, the kept checkpoint signed ${kept.rootHash}: an event at or before position ${kept.position} was altered, removed, inserted or reordered`);
    } else if (record.hash !== kept.headHash) {
      problem(`the event at position ${kept.position} has chain hash ${record.hash}, the kept checkpoint signed ${kept.headHash}`);
    } else extendsKept = true;
  };

  for await (const raw of lines) {
    lineNo += 1;
    if (!raw.trim()) continue;
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      problem(`line ${lineNo} is not JSON`);
      continue;
    }
    if (checkpoint === null) {
      const parsed = parseCheckpoint(value['checkpoint']);
      if (typeof parsed === 'string') {
        problem(`line 1 must hold the export's checkpoint: ${parsed}`);
        break;
      }
      checkpoint = parsed;
      if (!verifyCheckpointSignature(checkpoint, publicKeyPem)) problem(`the export's checkpoint (position ${checkpoint.position}) does not carry a valid signature of this public key`);
      filtered = value['filter'] != null;
      consistency = (value['consistency'] as ConsistencyLine | null) ?? null;
      // Every log extends the empty one.
      if (kept.position === 0) extendsKept = true;
      continue;
    }
    const record = value['event'] as AuditRecord | undefined;
    if (!record || typeof record !== 'object' || !Number.isSafeInteger(record.position)) {
      problem(`line ${lineNo} holds no event record`);
      continue;
    }
    eventsChecked += 1;
    const leaf = recordLeaf(record);
    if (filtered) {
      const proof = value['proof'] as { leafIndex?: number; treeSize?: number; path?: string[] } | undefined;
      const valid =
        proof !== undefined &&
        proof.leafIndex === record.position - 1 &&
        proof.treeSize === checkpoint.position &&
        Array.isArray(proof.path) &&
        verifyInclusion(record.position - 1, checkpoint.position, leaf, proof.path.map((h) => Buffer.from(String(h), 'hex')), Buffer.from(checkpoint.rootHash, 'hex'));
      if (!valid) problem(`the event at position ${record.position} is not in the checkpoint's tree as exported: its content or its proof was altered`);
      continue;
    }
    if (record.position !== frontier.size + 1) problem(`line ${lineNo} holds position ${record.position} where ${frontier.size + 1} was expected`);
    if (record.prevHash !== prevHash) problem(`the event at position ${record.position} does not link to its predecessor's chain hash`);
    prevHash = record.hash;
    frontier.append(leaf);
    checkKeptAt(record);
  }

  if (checkpoint === null) {
    if (!problems.length) problem('the export is empty: its first line must hold the checkpoint it was cut at');
    return { ok: false, eventsChecked, checkpoint, keptPosition: kept.position, extendsKept: false, problems };
  }
  if (checkpoint.position < kept.position) {
    problem(`the export was cut at position ${checkpoint.position}, before the kept checkpoint's ${kept.position}: the log lost events since`);
  }
  if (!filtered) {
    if (frontier.size < kept.position) problem(`the log ends at position ${frontier.size}, the kept checkpoint covers ${kept.position}: events were removed`);
    if (frontier.size !== checkpoint.position) problem(`the export holds ${frontier.size} events, its checkpoint covers ${checkpoint.position}`);
    else if (frontier.root().toString('hex') !== checkpoint.rootHash) problem(`the events exported do not have the root their checkpoint signed`);
  } else if (checkpoint.position >= kept.position && kept.position > 0) {
    const keptRoot = Buffer.from(kept.rootHash, 'hex');
    const cutRoot = Buffer.from(checkpoint.rootHash, 'hex');
    if (checkpoint.position === kept.position) {
      extendsKept = keptRoot.equals(cutRoot);
      if (!extendsKept) problem(`the export's checkpoint and the kept one cover the same ${kept.position} events with different roots`);
    } else if (!consistency || consistency.fromSize !== kept.position || consistency.toSize !== checkpoint.position) {
      problem(`the export has no consistency proof from position ${kept.position}: download it with since=${kept.position}`);
    } else {
      extendsKept = verifyConsistency(kept.position, checkpoint.position, keptRoot, cutRoot, consistency.path.map((h) => Buffer.from(h, 'hex')));
      if (!extendsKept) problem(`the log as of the export does not extend the kept checkpoint (position ${kept.position}): it was rewritten`);
    }
  }
  return { ok: problems.length === 0, eventsChecked, checkpoint, keptPosition: kept.position, extendsKept, problems };
};
