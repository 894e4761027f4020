import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { AuditLog } from './auditLog.js';
import { countHistory, type HistoryEntry, type HistoryFilter, historyStream } from './history.js';

export type ExportFormat = 'ndjson' | 'csv';

const CSV_COLUMNS = [
  'position',
  'occurred_at',
  'recorded_at',
  'mailbox_number',
  'section',
  'type',
  'stream_id',
  'actor_id',
  'client_ip',
  'reason',
  'correlation_id',
  'summary',
  'changes',
] as const;

/**
 * RFC 4180 quoting. A cell starting with = + - @ (or tab/CR) is prefixed with an apostrophe:
 * auditors open exports in spreadsheets, and a reason typed by a user must not run as a
 * formula there (OWASP "CSV injection").
 */
export const csvCell = (value: unknown): string => {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

const csvLine = (e: HistoryEntry): string =>
  [
    e.position,
    e.occurredAt,
    e.recordedAt.toISOString(),
    e.mailboxNumber,
    e.section,
    e.type,
    e.streamId,
    e.actorId,
    e.clientIp,
    e.reason,
    e.correlationId,
    e.summary,
    JSON.stringify(e.changes),
  ]
    .map(csvCell)
    .join(',');

/**
 * Writes with backpressure: waits for `drain` when the stream's buffer is full. A stream
 * closed meanwhile (an HTTP client that went away) ends the export instead of waiting forever.
 */
export const writerOf = (out: Writable) => async (text: string): Promise<void> => {
  if (out.destroyed) throw new Error('The export stream was closed before the export ended');
  if (!out.write(text)) await Promise.race([once(out, 'drain'), once(out, 'close')]);
};

/** The entry as exported: masked changes only; event data itself never leaves (secrets live in it). */
const ndjsonLine = (e: HistoryEntry): string => JSON.stringify({ ...e, recordedAt: e.recordedAt.toISOString() });

export interface ExportOptions {
  readonly format: ExportFormat;
  /** Entries per read of the index and the store. @default 500 */
  readonly batchSize?: number;
  readonly onProgress?: (written: number, total: number) => void;
}

/**
 * Streams the history of a mailbox to `out`, one batch at a time and honouring
 * backpressure, so memory stays flat for any history size. Returns the entries written.
 */
export const exportHistory = async (log: AuditLog, filter: HistoryFilter, out: Writable, options: ExportOptions): Promise<number> => {
  const total = await countHistory(log, filter);
  const write = writerOf(out);
  if (options.format === 'csv') await write(`${CSV_COLUMNS.join(',')}\r\n`);
  let written = 0;
  for await (const entry of historyStream(log, filter, options.batchSize ?? 500)) {
    await write(options.format === 'csv' ? `${csvLine(entry)}\r\n` : `${ndjsonLine(entry)}\n`);
    written += 1;
    if (written % 500 === 0) options.onProgress?.(written, total);
  }
  options.onProgress?.(written, Math.max(total, written));
  return written;
};
