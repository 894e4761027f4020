import type { Writable } from 'node:stream';
import { mailboxNumberOf } from '../../domain/shared/scope.js';
import type { EventStore } from '../../eventstore/port.js';
import type { AuditLog } from './auditLog.js';
import { type AuditRecord, auditRecordOf } from './auditRecord.js';
import type { SignedCheckpoint } from './checkpointFormat.js';
import type { FieldChange } from './changes.js';
import { historyBatches, type HistoryFilter } from './history.js';
import { csvCell, writerOf } from './historyExport.js';
import type { ConsistencyProof, InclusionProof, MerkleTree } from './merkleTree.js';

/**
 * The auditor's download: the log cut at a signed checkpoint, as NDJSON or CSV.
 *
 * NDJSON, first line `{"checkpoint": …, "filter": …, "consistency": …}`, then one line per
 * event `{"event": <audit record>}`. Without a filter that is every event from position 1 to
 * the checkpoint, so a verifier rebuilds the whole tree. With a filter (a mailbox, and a time
 * range or area within it) the lines are the mailbox's setting events, each with its history
 * view (`mailboxNumber`, `section`, `changes`, `summary`) and its inclusion `proof` in the
 * checkpoint's tree. `consistency`, when asked for (`since`), proves that the tree of an
 * earlier checkpoint is a prefix of this one. CSV carries the same events for people, one row
 * each; its checkpoint travels in the response header (see the HTTP route).
 */
export interface EvidenceExportOptions {
  readonly store: EventStore;
  readonly audit: AuditLog;
  readonly tree: MerkleTree;
  readonly checkpoint: SignedCheckpoint;
  /** null: the whole log (verifiable by recomputation). */
  readonly filter: HistoryFilter | null;
  readonly format: 'ndjson' | 'csv';
  /** Tree size of an earlier checkpoint to prove consistency from. */
  readonly since?: number | null;
  /** @default 500 */
  readonly batchSize?: number;
}

export interface ExportLine {
  readonly event: AuditRecord;
  readonly mailboxNumber?: number | null;
  readonly section?: string | null;
  readonly changes?: readonly FieldChange[];
  readonly summary?: string;
  readonly proof?: InclusionProof;
}

export interface ExportHeader {
  readonly checkpoint: SignedCheckpoint;
  readonly filter: Record<string, unknown> | null;
  readonly consistency: ConsistencyProof | null;
}

export const CSV_EVIDENCE_COLUMNS = [
  'position', 'event_id', 'recorded_at', 'occurred_at', 'mailbox_number', 'section', 'type', 'stream_id', 'revision',
  'actor_id', 'client_ip', 'reason', 'correlation_id', 'summary', 'changes', 'hash',
] as const;

const csvRow = (l: ExportLine): string => {
  const m = l.event.metadata as Record<string, unknown>;
  return [
    l.event.position, l.event.id, l.event.recordedAt, m['occurredAt'] ?? l.event.recordedAt, l.mailboxNumber ?? '', l.section ?? '', l.event.type,
    l.event.streamId, l.event.revision, m['actorId'], m['clientIp'], m['reason'], m['correlationId'], l.summary ?? '',
    l.changes ? JSON.stringify(l.changes) : '', l.event.hash,
  ].map(csvCell).join(',');
};

async function* wholeLog(store: EventStore, upTo: number, batchSize: number): AsyncGenerator<ExportLine[]> {
  let next = 1;
  while (next <= upTo) {
    const events = (await store.readAll({ fromPosition: next, max: Math.min(batchSize, upTo - next + 1) })).filter((e) => e.position <= upTo);
    if (!events.length) return;
    yield events.map((e) => ({ event: auditRecordOf(e), mailboxNumber: mailboxNumberOf(e) }));
    next = events[events.length - 1]!.position + 1;
  }
}

async function* filtered(o: EvidenceExportOptions, filter: HistoryFilter, batchSize: number): AsyncGenerator<ExportLine[]> {
  const bounded = { ...filter, toPosition: Math.min(filter.toPosition ?? o.checkpoint.position, o.checkpoint.position) };
  for await (const batch of historyBatches(o.audit, bounded, batchSize)) {
    const proofs = await o.tree.inclusionProofs(batch.map((b) => b.event.position), o.checkpoint.position);
    yield batch.map(({ entry, event }) => ({
      event: auditRecordOf(event),
      mailboxNumber: entry.mailboxNumber,
      section: entry.section,
      changes: entry.changes,
      summary: entry.summary,
      proof: proofs.get(event.position)!,
    }));
  }
}

export const exportHeader = async (o: Pick<EvidenceExportOptions, 'checkpoint' | 'filter' | 'since' | 'tree'>): Promise<ExportHeader> => ({
  checkpoint: o.checkpoint,
  filter: o.filter ? { ...o.filter, from: o.filter.from?.toISOString() ?? null, to: o.filter.to?.toISOString() ?? null } : null,
  consistency: o.since != null ? await o.tree.consistencyProof(o.since, o.checkpoint.position) : null,
});

/** Streams the export to `out` batch by batch, honouring backpressure; returns the events written. */
export const exportEvidence = async (o: EvidenceExportOptions, out: Writable, header?: ExportHeader): Promise<number> => {
  const write = writerOf(out);
  const batchSize = o.batchSize ?? 500;
  if (o.format === 'ndjson') await write(`${JSON.stringify(header ?? (await exportHeader(o)))}\n`);
  else await write(`${CSV_EVIDENCE_COLUMNS.join(',')}\r\n`);
  let written = 0;
  const batches = o.filter ? filtered(o, o.filter, batchSize) : wholeLog(o.store, o.checkpoint.position, batchSize);
  for await (const batch of batches) {
    let text = '';
    for (const line of batch) text += o.format === 'ndjson' ? `${JSON.stringify(line)}\n` : `${csvRow(line)}\r\n`;
    if (text) await write(text);
    written += batch.length;
  }
  return written;
};
