/**
 * Read-model migrations: Kysely's Migrator over the static list in `migrations/index.ts`.
 * Runs at server start and from the `migrate` CLI command.
 */
import { Migrator, PostgresAdapter, sql, type Kysely, type MigrationResult } from 'kysely';
import { migrations } from '../../migrations/index.js';

export interface MigrateReport {
  /** Names of the migrations this call ran, in order; empty when already up to date. */
  readonly executed: readonly string[];
  /** Every known migration name, in order. */
  readonly known: readonly string[];
}

export class MigrationFailedError extends Error {
  constructor(
    message: string,
    readonly migrationName: string | undefined,
    readonly executed: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MigrationFailedError';
  }
}

export interface MigrateOptions {
  /** Called once per migration that ran, e.g. `(m) => console.log(m)`. */
  readonly log?: (message: string) => void;
}

export const createMigrator = async (db: Kysely<any>): Promise<Migrator> =>
  new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Areas land their migrations independently, so a data dir may have run 0008 before a
    // later-merged 0004 exists; each migration only touches its own tables.
    allowUnorderedMigrations: true,
    // Without a schema, Kysely's PostgreSQL table check matches `kysely_migration` in any
    // schema on the search path's database, so a second schema in the same database would
    // skip creating its own table. Pin it to the session's current schema.
    ...(await currentPostgresSchema(db)),
  });

/** Brings the read-model schema to the latest migration; throws `MigrationFailedError` naming the failing one. */
export const migrateToLatest = async (db: Kysely<any>, options: MigrateOptions = {}): Promise<MigrateReport> => {
  const migrator = await createMigrator(db);
  const { error, results = [] } = await migrator.migrateToLatest();
  const executed = results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
  for (const name of executed) options.log?.(`migration ${name}: applied`);
  if (error !== undefined) {
    const failed = results.find((r: MigrationResult) => r.status === 'Error')?.migrationName;
    const cause = error instanceof Error ? error.message : String(error);
    const message = failed
      ? `Read-model migration ${failed} failed and was rolled back: ${cause}`
      : `Read-model migrations could not start: ${cause}`;
    throw new MigrationFailedError(message, failed, executed, { cause: error });
  }
  return { executed, known: Object.keys(migrations).sort() };
};

const currentPostgresSchema = async (db: Kysely<any>): Promise<{ migrationTableSchema?: string }> => {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return {};
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  return schema ? { migrationTableSchema: schema } : {};
};
