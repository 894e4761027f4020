/**
 * Checkpoint rows in `projection_checkpoints`: the last global position whose effects a
 * projection has committed. They are written only inside the transaction that applies
 * the events, which is what makes the effect exactly-once.
 */
import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../db/schema.js';

/** 0 when the projection has never committed anything. */
export const readCheckpoint = async (db: Kysely<ReadModelDb>, name: string): Promise<number> => {
  const row = await db
    .selectFrom('projection_checkpoints')
    .select('position')
    .where('name', '=', name)
    .executeTakeFirst();
  return row ? Number(row.position) : 0;
};

export const readCheckpoints = async (db: Kysely<ReadModelDb>): Promise<Map<string, number>> => {
  const rows = await db.selectFrom('projection_checkpoints').select(['name', 'position']).execute();
  return new Map(rows.map((r) => [r.name, Number(r.position)]));
};

/** Creates the row at position 0 if it is missing, so later advances can be conditional updates. */
export const ensureCheckpoint = async (db: Kysely<ReadModelDb>, name: string): Promise<void> => {
  await db
    .insertInto('projection_checkpoints')
    .values({ name, position: 0, updated_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
};

/** `ensureCheckpoint` for several projections in one statement. */
export const ensureCheckpoints = async (db: Kysely<ReadModelDb>, names: readonly string[]): Promise<void> => {
  if (names.length === 0) return;
  const updated_at = new Date().toISOString();
  await db
    .insertInto('projection_checkpoints')
    .values(names.map((name) => ({ name, position: 0, updated_at })))
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
};

export const setCheckpoint = async (db: Kysely<ReadModelDb>, name: string, position: number): Promise<void> => {
  const updated_at = new Date().toISOString();
  await db
    .insertInto('projection_checkpoints')
    .values({ name, position, updated_at })
    .onConflict((oc) => oc.column('name').doUpdateSet({ position, updated_at }))
    .execute();
};

/**
 * Moves the checkpoint from `from` to `to`, only if it still is at `from`. Run it first in
 * the batch transaction: the update locks the row (PostgreSQL) or the file (SQLite), so a
 * second runner on the same database, or a rebuild from the CLI, waits and then finds the
 * position moved instead of applying the same events twice.
 */
export const advanceCheckpoint = async (
  trx: Kysely<ReadModelDb>,
  name: string,
  from: number,
  to: number,
): Promise<void> => {
  const result = await trx
    .updateTable('projection_checkpoints')
    .set({ position: to, updated_at: new Date().toISOString() })
    .where('name', '=', name)
    .where('position', '=', from)
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) throw new CheckpointMovedError(name, from);
};

/** The checkpoint was not where this runner left it: someone else is processing the projection. */
export class CheckpointMovedError extends Error {
  constructor(
    readonly projection: string,
    readonly expected: number,
  ) {
    super(
      `Checkpoint of projection ${JSON.stringify(projection)} is no longer at position ${expected}: ` +
        'another runner or a rebuild is processing it',
    );
    this.name = 'CheckpointMovedError';
  }
}

/**
 * `advanceCheckpoint` for every projection of one batch that stood at `from`, in one
 * statement: a batch costs one checkpoint update however many projections share it.
 */
export const advanceCheckpoints = async (
  trx: Kysely<ReadModelDb>,
  names: readonly string[],
  from: number,
  to: number,
): Promise<void> => {
  if (names.length === 1) return advanceCheckpoint(trx, names[0]!, from, to);
  const moved = await trx
    .updateTable('projection_checkpoints')
    .set({ position: to, updated_at: new Date().toISOString() })
    .where('name', 'in', names)
    .where('position', '=', from)
    .returning('name')
    .execute();
  if (moved.length === names.length) return;
  const done = new Set(moved.map((r) => r.name));
  throw new CheckpointMovedError(names.find((n) => !done.has(n))!, from);
};
