import { sql, type Kysely } from 'kysely';
import type { ReadModelDatabase } from '../db/database.js';
import { illegalState } from '../domain/shared/errors.js';
import { OPERATIONAL_TABLES, type OperationalTable } from './operationalTables.js';

export interface TableCopy {
  readonly table: string;
  /** Rows in the source. */
  readonly rows: number;
  /** Rows the target did not have yet (a re-run, or a row the target server made itself, skips the rest). */
  readonly inserted: number;
}

export interface OperationalStateCopy {
  readonly tables: readonly TableCopy[];
  /** false: stopped by the signal; a re-run copies the rest. */
  readonly complete: boolean;
}

export interface OperationalStateProgress {
  readonly table: string;
  readonly done: number;
  readonly total: number;
}

export interface CopyOperationalStateOptions {
  /** Rows per read and per target insert, lowered for wide tables (bound-parameter limits). @default 500 */
  readonly batchSize?: number;
  /** Raw message bytes per target transaction (one message may exceed it alone). @default 32 MiB */
  readonly maxBatchBytes?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: OperationalStateProgress) => void;
}

type Row = Record<string, unknown>;
type Columns = ReadonlyMap<string, string>;
// The tables are named at run time from OPERATIONAL_TABLES, past Kysely's static typing.
type AnyDb = Kysely<any>;

// Far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters per statement.
const MAX_PARAMETERS = 16_000;

const columnsOf = async (db: AnyDb): Promise<Map<string, Columns>> =>
  new Map((await db.introspection.getTables()).map((t) => [t.name, new Map(t.columns.map((c) => [c.name, c.dataType.toLowerCase()]))]));

/**
 * A source value in the target column's representation. The migrations keep times as
 * ISO-8601 text and booleans as integers 0/1 on both dialects; what differs is the raw
 * message column (SQLite `blob` read as Uint8Array, PostgreSQL `bytea` as Buffer), int8
 * read as text by a plain pg pool, and real `boolean` columns.
 */
export const toTargetValue = (value: unknown, targetType: string, target: 'sqlite' | 'postgres'): unknown => {
  if (value === null || value === undefined) return null;
  if (targetType === 'bytea' || targetType === 'blob') {
    if (!(value instanceof Uint8Array)) throw illegalState(`Expected binary data for a ${targetType} column, got ${typeof value}`);
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
  if (targetType === 'bool' || targetType === 'boolean') {
    const truth = value === true || value === 1 || value === 1n || value === '1' || value === 't' || value === 'true';
    return target === 'postgres' ? truth : truth ? 1 : 0;
  }
  if (/^(int|integer|bigint|smallint|int[248])$/.test(targetType) || /^(real|double|double precision|float[48]|numeric)$/.test(targetType)) {
    if (typeof value === 'string' || typeof value === 'bigint') return Number(value);
    if (typeof value === 'boolean') return value ? 1 : 0;
    return value;
  }
  if (value instanceof Date) return value.toISOString();
  return value;
};

/**
 * Copies the operational tables (operationalTables.ts, class b) from the source's read
 * models (null: it has none) into the target's, migrated, after the events and data keys.
 * Rows already in the target (same primary key, or for messages the same account and
 * source key) are kept as they are, so a re-run after an interruption or after the target
 * server started neither duplicates nor overwrites anything.
 */
export const copyOperationalState = async (
  source: ReadModelDatabase | null,
  target: ReadModelDatabase,
  options: CopyOperationalStateOptions = {},
): Promise<OperationalStateCopy> => {
  const tables = OPERATIONAL_TABLES.filter((t) => t.copiedBy !== 'dataKeys' && t.copiedBy !== 'withMessages');
  const results: TableCopy[] = [];
  const sourceDb = source?.db as AnyDb | undefined;
  const targetDb = target.db as AnyDb;
  const [sourceColumns, targetColumns] = await Promise.all([sourceDb ? columnsOf(sourceDb) : new Map<string, Columns>(), columnsOf(targetDb)]);
  for (const spec of tables) {
    if (options.signal?.aborted) return { tables: results, complete: false };
    const columns = sourceColumns.get(spec.table);
    // A source from before the table existed simply has none of its rows.
    if (!sourceDb || !columns) {
      results.push({ table: spec.table, rows: 0, inserted: 0 });
      continue;
    }
    const ctx: CopyContext = { sourceDb, targetDb, targetKind: target.kind, sourceColumns, targetColumns, options };
    results.push(spec.copiedBy === 'messages' ? await copyMessages(ctx) : await copyTable(ctx, spec));
    if (options.signal?.aborted) return { tables: results, complete: false };
  }
  return { tables: results, complete: true };
};

interface CopyContext {
  readonly sourceDb: AnyDb;
  readonly targetDb: AnyDb;
  readonly targetKind: 'sqlite' | 'postgres';
  readonly sourceColumns: ReadonlyMap<string, Columns>;
  readonly targetColumns: ReadonlyMap<string, Columns>;
  readonly options: CopyOperationalStateOptions;
}

/** Source columns of `table`, each known to the target (a newer source cannot be copied into an older schema). */
const sharedColumns = (ctx: CopyContext, table: string): { names: string[]; convert: (row: Row) => Row } => {
  const source = ctx.sourceColumns.get(table)!;
  const target = ctx.targetColumns.get(table);
  if (!target) throw illegalState(`The target's read models have no table ${table}; run this command with the Mailroom version of the source`);
  const names = [...source.keys()];
  const unknown = names.filter((c) => !target.has(c));
  if (unknown.length > 0) {
    throw illegalState(`The source's ${table} has columns the target's schema lacks (${unknown.join(', ')}); run this command with the Mailroom version of the source`);
  }
  const convert = (row: Row): Row => Object.fromEntries(names.map((c) => [c, toTargetValue(row[c], target.get(c)!, ctx.targetKind)]));
  return { names, convert };
};

const countRows = async (db: AnyDb, table: string): Promise<number> =>
  Number((await db.selectFrom(table).select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);

/** One page of the source after `after` (the last page's key values), in key order. */
const readPage = (db: AnyDb, table: string, key: readonly string[], columns: readonly string[], after: unknown[] | null, limit: number): Promise<Row[]> => {
  let query = db.selectFrom(table).select(columns as string[]);
  if (after) {
    query =
      key.length === 1
        ? query.where(key[0]!, '>', after[0])
        : query.where(({ eb, refTuple, tuple }) => eb(refTuple(...(key as [string, string])), '>', tuple(...(after as [unknown, unknown]))));
  }
  for (const k of key) query = query.orderBy(k);
  return query.limit(limit).execute() as Promise<Row[]>;
};

const copyTable = async (ctx: CopyContext, spec: OperationalTable): Promise<TableCopy> => {
  const { names, convert } = sharedColumns(ctx, spec.table);
  const total = await countRows(ctx.sourceDb, spec.table);
  const limit = Math.max(1, Math.min(ctx.options.batchSize ?? 500, Math.floor(MAX_PARAMETERS / names.length)));
  let done = 0;
  let inserted = 0;
  let after: unknown[] | null = null;
  ctx.options.onProgress?.({ table: spec.table, done, total });
  while (!ctx.options.signal?.aborted) {
    const page = await readPage(ctx.sourceDb, spec.table, spec.key, names, after, limit);
    if (page.length === 0) break;
    // No conflict target: any unique constraint (e.g. notice_outbox.idempotency_key) skips the row too.
    const result = await ctx.targetDb.insertInto(spec.table).values(page.map(convert)).onConflict((oc) => oc.doNothing()).executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
    done += page.length;
    after = spec.key.map((k) => page.at(-1)![k]);
    ctx.options.onProgress?.({ table: spec.table, done, total: Math.max(total, done) });
  }
  return { table: spec.table, rows: done, inserted };
};

/**
 * Messages page by page with their raw bytes, each group of messages and bytes in one
 * target transaction (as the message store commits them), so a message is never in the
 * target without its bytes. Groups are capped by the `size` column so at most about
 * `maxBatchBytes` of raw mail is in memory.
 */
const copyMessages = async (ctx: CopyContext): Promise<TableCopy> => {
  const messages = sharedColumns(ctx, 'messages');
  if (!ctx.sourceColumns.has('message_raw')) throw illegalState('The source has messages but no message_raw table');
  const raw = sharedColumns(ctx, 'message_raw');
  const total = await countRows(ctx.sourceDb, 'messages');
  const maxBytes = ctx.options.maxBatchBytes ?? 32 * 1024 * 1024;
  const limit = Math.max(1, Math.min(ctx.options.batchSize ?? 500, Math.floor(MAX_PARAMETERS / messages.names.length)));
  let done = 0;
  let inserted = 0;
  let after: unknown[] | null = null;
  ctx.options.onProgress?.({ table: 'messages', done, total });
  while (!ctx.options.signal?.aborted) {
    const page = await readPage(ctx.sourceDb, 'messages', ['id'], messages.names, after, limit);
    if (page.length === 0) break;
    for (let start = 0; start < page.length && !ctx.options.signal?.aborted; ) {
      let end = start + 1;
      let bytes = Number(page[start]!.size);
      while (end < page.length && bytes + Number(page[end]!.size) <= maxBytes) bytes += Number(page[end++]!.size);
      const group = page.slice(start, end);
      const ids = group.map((m) => m.id as string);
      const raws = new Map(
        ((await ctx.sourceDb.selectFrom('message_raw').select(raw.names).where('id', 'in', ids).execute()) as Row[]).map((r) => [r.id as string, r]),
      );
      const missing = ids.find((id) => !raws.has(id));
      if (missing !== undefined) throw illegalState(`Message ${missing} has no raw bytes in the source (message_raw)`);
      inserted += await ctx.targetDb.transaction().execute(async (trx) => {
        const added = await trx.insertInto('messages').values(group.map(messages.convert)).onConflict((oc) => oc.doNothing()).returning('id').execute();
        const rows = added.map((a) => raw.convert(raws.get(a.id as string)!));
        for (let i = 0; i < rows.length; i += 50) await trx.insertInto('message_raw').values(rows.slice(i, i + 50)).execute();
        return added.length;
      });
      done += group.length;
      start = end;
      ctx.options.onProgress?.({ table: 'messages', done, total: Math.max(total, done) });
    }
    after = [page.at(-1)!.id];
  }
  return { table: 'messages', rows: done, inserted };
};
