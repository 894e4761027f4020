import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import type { RecordedEvent } from '../../eventstore/port.js';
import { validationError } from '../../domain/shared/errors.js';
import { type AuditLog, streamPrefixCondition } from './auditLog.js';
import { describeChanges, diffViews, type FieldChange, withSecretFields } from './changes.js';
import type { ConfigurationSection } from './sections.js';

export interface HistoryFilter {
  readonly mailboxNumber: number;
  /** A section name (`identity.mailbox`) or an area (`identity`). */
  readonly area?: string | null;
  readonly actorId?: string | null;
  /** Business time bounds (inclusive). */
  readonly from?: Date | null;
  readonly to?: Date | null;
  /**
   * One setting: entries changing this field path or below it (`name`, `members`,
   * `members.<userId>.roles`). Applied to built entries, not in SQL, since fields exist
   * only in the replayed views.
   */
  readonly field?: string | null;
  /** Global position bounds (inclusive); export uses them. */
  readonly fromPosition?: number | null;
  readonly toPosition?: number | null;
}

/** One setting change as an auditor reads it. */
export interface HistoryEntry {
  readonly position: number;
  readonly mailboxNumber: number;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  /** Section name, or null when no area registered a section for the stream. */
  readonly section: string | null;
  readonly occurredAt: string;
  readonly recordedAt: Date;
  readonly actorId: string | null;
  readonly clientIp: string | null;
  readonly reason: string | null;
  readonly correlationId: string;
  readonly changes: readonly FieldChange[];
  readonly summary: string;
}

export interface IndexedEvent {
  readonly position: number;
  readonly mailboxNumber: number;
  readonly streamId: string;
  readonly revision: number;
}

const occurredAtOf = (e: RecordedEvent): string => {
  const t = e.metadata['occurredAt'];
  return typeof t === 'string' ? t : e.recordedAt.toISOString();
};

const entryOf = (row: IndexedEvent, e: RecordedEvent, section: ConfigurationSection | null, changes: readonly FieldChange[]): HistoryEntry => ({
  position: e.position,
  mailboxNumber: row.mailboxNumber,
  streamId: e.streamId,
  revision: e.revision,
  type: e.type,
  section: section?.name ?? null,
  occurredAt: occurredAtOf(e),
  recordedAt: e.recordedAt,
  actorId: e.metadata.actorId ?? null,
  clientIp: e.metadata.clientIp ?? null,
  reason: e.metadata.reason ?? null,
  correlationId: e.metadata.correlationId,
  changes,
  // Event data of an unregistered area is not shown: it may hold ciphertext nobody masked.
  summary: section ? describeChanges(changes) || 'no visible change' : `${e.type} (no configuration section registered for ${e.streamId})`,
});

/** A history entry with the stored event it was built from (exports add its audit record). */
export interface EntryWithEvent {
  readonly entry: HistoryEntry;
  readonly event: RecordedEvent;
}

/**
 * History entries with before/after values. Rows are grouped per stream and each stream is
 * replayed once, from the newest snapshot before its first row, so a page costs at most one
 * snapshot plus the span of revisions it covers per stream.
 */
export const historyEntriesWithEvents = async (log: AuditLog, rows: readonly IndexedEvent[]): Promise<EntryWithEvent[]> => {
  const byStream = new Map<string, IndexedEvent[]>();
  for (const r of rows) byStream.set(r.streamId, [...(byStream.get(r.streamId) ?? []), r]);
  const entries = new Map<number, EntryWithEvent>();
  for (const [streamId, streamRows] of byStream) {
    const wanted = new Map(streamRows.map((r) => [r.revision, r]));
    const minRevision = Math.min(...wanted.keys());
    const maxRevision = Math.max(...wanted.keys());
    const section = log.sections.find((s) => streamId.startsWith(s.streamPrefix)) ?? null;
    if (!section) {
      const events = await log.store.readStream(streamId, { from: minRevision, max: maxRevision - minRevision + 1 });
      for (const e of events) {
        const row = wanted.get(e.revision);
        if (row) entries.set(e.position, { entry: entryOf(row, e, null, []), event: e });
      }
      continue;
    }
    await log.replayer.replay(section, streamId, maxRevision, {
      from: minRevision,
      observer: (e, before, after) => {
        const row = wanted.get(e.revision);
        if (!row) return;
        const changes = withSecretFields(diffViews(section.toView(before), section.toView(after)), section.secretFields?.[e.type] ?? [], e.data);
        entries.set(e.position, { entry: entryOf(row, e, section, changes), event: e });
      },
    });
  }
  return rows.map((r) => entries.get(r.position)).filter((e): e is EntryWithEvent => e !== undefined);
};

export const historyEntries = async (log: AuditLog, rows: readonly IndexedEvent[]): Promise<HistoryEntry[]> =>
  (await historyEntriesWithEvents(log, rows)).map((e) => e.entry);

const filterCondition = (log: AuditLog, filter: HistoryFilter) => (eb: ExpressionBuilder<ReadModelDb, 'mailbox_events'>) => {
  if (filter.from && filter.to && filter.from > filter.to) {
    throw validationError(['filter', 'to'], `Expected to (${filter.to.toISOString()}) to be after from (${filter.from.toISOString()})`);
  }
  const conditions: Expression<SqlBool>[] = [eb('mailbox_number', '=', filter.mailboxNumber)];
  if (filter.area != null) conditions.push(streamPrefixCondition(log.prefixesOfArea(filter.area, ['filter', 'area'])));
  if (filter.actorId != null) conditions.push(eb('actor_id', '=', filter.actorId));
  if (filter.from != null) conditions.push(eb('occurred_at', '>=', filter.from.toISOString()));
  if (filter.to != null) conditions.push(eb('occurred_at', '<=', filter.to.toISOString()));
  if (filter.fromPosition != null) conditions.push(eb('position', '>=', filter.fromPosition));
  if (filter.toPosition != null) conditions.push(eb('position', '<=', filter.toPosition));
  return eb.and(conditions);
};

/** Index rows of a history page: position order, strictly after `afterPosition`. */
export const historyRows = async (
  log: AuditLog,
  filter: HistoryFilter,
  page: { readonly afterPosition: number; readonly limit: number },
): Promise<IndexedEvent[]> => {
  const rows = await log.db
    .selectFrom('mailbox_events')
    .select(['position', 'mailbox_number', 'stream_id', 'revision'])
    .where(filterCondition(log, filter))
    .where('position', '>', page.afterPosition)
    .orderBy('position')
    .limit(page.limit)
    .execute();
  return rows.map((r) => ({ position: Number(r.position), mailboxNumber: r.mailbox_number, streamId: r.stream_id, revision: r.revision }));
};

const touchesField = (field: string | null | undefined) => (e: HistoryEntry): boolean =>
  field == null || e.changes.some((c) => c.field === field || c.field.startsWith(`${field}.`));

/**
 * One page of entries strictly after `afterPosition`. It reads the index in chunks until
 * it holds one entry more than asked (that is how it knows a next page exists), since a
 * field filter can drop any number of rows.
 */
export const historyPage = async (
  log: AuditLog,
  filter: HistoryFilter,
  page: { readonly afterPosition: number; readonly limit: number },
): Promise<{ entries: HistoryEntry[]; hasNextPage: boolean }> => {
  const matches = touchesField(filter.field);
  const found: HistoryEntry[] = [];
  let afterPosition = page.afterPosition;
  while (found.length <= page.limit) {
    const rows = await historyRows(log, filter, { afterPosition, limit: page.limit + 1 });
    if (!rows.length) break;
    found.push(...(await historyEntries(log, rows)).filter(matches));
    afterPosition = rows[rows.length - 1]!.position;
  }
  return { entries: found.slice(0, page.limit), hasNextPage: found.length > page.limit };
};

/** Every entry matching the filter, in pages of `batchSize`: memory stays flat whatever the history size. */
export async function* historyStream(log: AuditLog, filter: HistoryFilter, batchSize = 500): AsyncGenerator<HistoryEntry> {
  for await (const batch of historyBatches(log, filter, batchSize)) for (const { entry } of batch) yield entry;
}

/** The entries matching the filter with their events, one page of index rows at a time. */
export async function* historyBatches(log: AuditLog, filter: HistoryFilter, batchSize = 500): AsyncGenerator<EntryWithEvent[]> {
  const matches = touchesField(filter.field);
  let afterPosition = 0;
  for (;;) {
    const rows = await historyRows(log, filter, { afterPosition, limit: batchSize });
    if (!rows.length) return;
    yield (await historyEntriesWithEvents(log, rows)).filter((e) => matches(e.entry));
    afterPosition = rows[rows.length - 1]!.position;
  }
}

/** Entries the index holds for the filter; an upper bound when `field` is set. */
export const countHistory = async (log: AuditLog, filter: HistoryFilter): Promise<number> => {
  const row = await log.db
    .selectFrom('mailbox_events')
    .select((eb) => eb.fn.countAll().as('n'))
    .where(filterCondition(log, filter))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
};
