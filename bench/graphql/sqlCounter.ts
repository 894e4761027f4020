/**
 * Counts what the server's node:sqlite connections execute, per database file: statements,
 * and durable commits (COMMIT, or a write outside a transaction). Installed on the
 * prototypes before the server opens its files, so nothing in the server changes.
 */
import { DatabaseSync, StatementSync } from 'node:sqlite';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

export interface SqlCounts {
  statements: number;
  commits: number;
}

const owner = new WeakMap<StatementSync, DatabaseSync>();
const counts = new Map<string, SqlCounts>();

const countsOf = (db: DatabaseSync): SqlCounts => {
  const file = (db.location() ?? ':memory:').split('/').pop()!;
  let c = counts.get(file);
  if (!c) counts.set(file, (c = { statements: 0, commits: 0 }));
  return c;
};

let installed = false;
/** When set, every statement is recorded with its file and duration (`BENCH_ONLY=trace`). */
let trace: { file: string; sql: string; ms: number }[] | null = null;

/** Records the statements run until `stop()`, which returns them. */
export const traceStatements = (): { stop(): { file: string; sql: string; ms: number }[] } => {
  trace = [];
  return {
    stop: () => {
      const t = trace ?? [];
      trace = null;
      return t;
    },
  };
};

export const installSqlCounter = (): void => {
  if (installed) return;
  installed = true;
  // PostgreSQL: only traced (one round trip per query; what the server's pools send).
  const pgQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  (pg.Client.prototype as unknown as Record<string, unknown>).query = function (this: pg.Client, ...args: unknown[]) {
    const r = pgQuery.apply(this, args);
    if (!trace || !(r instanceof Promise)) return r;
    const started = performance.now();
    const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? '?');
    return r.finally(() => trace?.push({ file: 'postgres', sql: text, ms: performance.now() - started }));
  };
  const prepare = DatabaseSync.prototype.prepare;
  DatabaseSync.prototype.prepare = function (this: DatabaseSync, sql: string) {
    const statement = prepare.call(this, sql);
    owner.set(statement, this);
    return statement;
  } as typeof prepare;
  const exec = DatabaseSync.prototype.exec;
  DatabaseSync.prototype.exec = function (this: DatabaseSync, sql: string) {
    const c = countsOf(this);
    c.statements += 1;
    if (/^\s*commit/i.test(sql)) c.commits += 1;
    if (!trace) return exec.call(this, sql);
    const started = performance.now();
    const r = exec.call(this, sql);
    trace?.push({ file: (this.location() ?? ':memory:').split('/').pop()!, sql, ms: performance.now() - started });
    return r;
  } as typeof exec;
  for (const method of ['run', 'get', 'all', 'iterate'] as const) {
    const original = StatementSync.prototype[method] as (...args: unknown[]) => unknown;
    (StatementSync.prototype as unknown as Record<string, unknown>)[method] = function (this: StatementSync, ...args: unknown[]) {
      const db = owner.get(this);
      if (db) {
        const c = countsOf(db);
        c.statements += 1;
        const sql = this.sourceSQL;
        if (/^\s*commit/i.test(sql) || (!db.isTransaction && /^\s*(insert|update|delete|replace)/i.test(sql))) c.commits += 1;
      }
      if (!trace || !db) return original.apply(this, args);
      const started = performance.now();
      const r = original.apply(this, args);
      trace?.push({ file: (db.location() ?? ':memory:').split('/').pop()!, sql: this.sourceSQL, ms: performance.now() - started });
      return r;
    };
  }
};

/** Copies of the counters, keyed by file name (`events.sqlite`, `readmodels.sqlite`). */
export const sqlCounts = (): Map<string, SqlCounts> => new Map([...counts].map(([k, v]) => [k, { ...v }]));

export const sqlDelta = (before: Map<string, SqlCounts>, file: string): SqlCounts => {
  const now = counts.get(file) ?? { statements: 0, commits: 0 };
  const then = before.get(file) ?? { statements: 0, commits: 0 };
  return { statements: now.statements - then.statements, commits: now.commits - then.commits };
};
