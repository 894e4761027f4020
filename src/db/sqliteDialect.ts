/**
 * A Kysely dialect over Node's built-in `node:sqlite` (`DatabaseSync`), so the read-model
 * database needs no native addon. Kysely's own `SqliteDialect` expects the better-sqlite3
 * API (`statement.reader`), which `node:sqlite` does not have.
 */
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

export interface NodeSqliteDialectConfig {
  /** An open database, or a factory called once when Kysely initialises the driver. */
  readonly database: DatabaseSync | (() => DatabaseSync | Promise<DatabaseSync>);
  /**
   * Prepared statements kept per SQL text. Projections run the same few statements per
   * event, and preparing costs about as much as executing a small one.
   * @default 256
   */
  readonly statementCacheSize?: number;
}

export class NodeSqliteDialect implements Dialect {
  constructor(private readonly config: NodeSqliteDialectConfig) {}

  createDriver(): Driver {
    return new NodeSqliteDriver(this.config);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }

  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

/**
 * SQLite has one connection per file handle, so every query and every transaction takes
 * the mutex; a transaction keeps it across awaits until COMMIT or ROLLBACK, which is what
 * stops two interleaved async transactions from sharing one SQLite transaction.
 */
class NodeSqliteDriver implements Driver {
  private readonly mutex = new FifoMutex();
  private database: DatabaseSync | undefined;
  private connection: NodeSqliteConnection | undefined;

  constructor(private readonly config: NodeSqliteDialectConfig) {}

  async init(): Promise<void> {
    const { database } = this.config;
    this.database = typeof database === 'function' ? await database() : database;
    this.connection = new NodeSqliteConnection(this.database, this.config.statementCacheSize ?? 256);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.mutex.lock();
    return this.connection!;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    // IMMEDIATE takes the write lock up front: a deferred transaction that reads and then
    // writes fails with SQLITE_BUSY (no busy_timeout wait) when another process wrote in
    // between. In-process transactions are serialised by the mutex anyway, so it costs nothing.
    const begin = settings.accessMode === 'read only' ? 'begin' : 'begin immediate';
    await connection.executeQuery(CompiledQuery.raw(begin));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdentifier(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoteIdentifier(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${quoteIdentifier(name)}`));
  }

  async releaseConnection(): Promise<void> {
    this.mutex.unlock();
  }

  async destroy(): Promise<void> {
    this.connection?.clearCache();
    if (this.database?.isOpen) this.database.close();
  }
}

interface PreparedStatement {
  readonly statement: StatementSync;
  /** SELECT, PRAGMA and `… RETURNING` have result columns; they are read with `all()`. */
  readonly returnsRows: boolean;
}

class NodeSqliteConnection implements DatabaseConnection {
  private readonly statements = new Map<string, PreparedStatement>();

  constructor(
    private readonly database: DatabaseSync,
    private readonly cacheSize: number,
  ) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { statement, returnsRows } = this.prepare(compiledQuery.sql);
    const parameters = toSqliteParameters(compiledQuery.parameters);
    if (returnsRows) {
      return { rows: statement.all(...parameters).map((row) => ({ ...row }) as R) };
    }
    const { changes, lastInsertRowid } = statement.run(...parameters);
    return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiledQuery.query)) {
      throw new Error('The node:sqlite driver only streams SELECT queries');
    }
    // A fresh statement: an abandoned iteration must not leave a cached one mid-step.
    const statement = this.database.prepare(compiledQuery.sql);
    for (const row of statement.iterate(...toSqliteParameters(compiledQuery.parameters))) {
      yield { rows: [{ ...row } as R] };
    }
  }

  clearCache(): void {
    this.statements.clear();
  }

  private prepare(sql: string): PreparedStatement {
    const cached = this.statements.get(sql);
    if (cached) return cached;
    const statement = this.database.prepare(sql);
    const prepared = { statement, returnsRows: statement.columns().length > 0 };
    if (this.cacheSize > 0) {
      // Oldest first: the hot statements of a projection are re-prepared at most once per
      // `cacheSize` distinct queries, and a hit stays a single Map lookup.
      if (this.statements.size >= this.cacheSize) this.statements.delete(this.statements.keys().next().value!);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }
}

/**
 * `node:sqlite` binds only null, numbers, bigints, strings and bytes. Booleans become 0/1
 * and dates ISO-8601 text, the storage conventions of the read-model schema.
 */
const toSqliteParameters = (parameters: readonly unknown[]): SQLInputValue[] =>
  parameters.map((p) => {
    if (typeof p === 'boolean') return p ? 1 : 0;
    if (p instanceof Date) return p.toISOString();
    if (p === undefined) return null;
    return p as SQLInputValue;
  });

const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** First come, first served, so a steady stream of short queries cannot starve a transaction. */
class FifoMutex {
  private locked = false;
  private readonly waiting: (() => void)[] = [];

  async lock(): Promise<void> {
    if (!this.locked) {
      this.locked = true;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  unlock(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.locked = false;
  }
}

/**
 * Pragmas for a read-model file: WAL lets readers in other processes (CLI, backups) read
 * while we write; busy_timeout makes a writer wait for another process's lock instead of
 * failing at once; synchronous=NORMAL is durable across process crashes in WAL mode and
 * the read models can be rebuilt from the event store after a power loss anyway.
 */
export const configureReadModelSqlite = (database: DatabaseSync, busyTimeoutMs = 5000): void => {
  database.exec('pragma journal_mode = wal');
  database.exec(`pragma busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  database.exec('pragma synchronous = normal');
  database.exec('pragma foreign_keys = on');
};
