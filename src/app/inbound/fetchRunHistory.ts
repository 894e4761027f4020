import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';

/** Runs older than this are pruned as new ones finish; the chart shows at most one day. */
export const FETCH_RUN_RETENTION_MS = 48 * 3600_000;
export const FETCH_RUN_HISTORY_MAX_HOURS = 48;

export interface FetchRunBucket {
  /** Start of the hour (UTC). */
  readonly start: Date;
  readonly runs: number;
  readonly failures: number;
  readonly imported: number;
}

/** Records one finished run (not an aborted one) and prunes that account's old runs. */
export const recordFetchRun = async (
  db: Kysely<ReadModelDb>,
  run: { accountId: string; mailboxNumber: number; finishedAt: Date; failed: boolean; imported: number },
): Promise<void> => {
  await db
    .insertInto('receive_fetch_runs')
    .values({ account_id: run.accountId, mailbox_number: run.mailboxNumber, finished_at: run.finishedAt.toISOString(), failed: run.failed ? 1 : 0, imported: run.imported })
    // Two runs of one account never finish in the same millisecond; a retry of the insert may.
    .onConflict((oc) => oc.columns(['account_id', 'finished_at']).doNothing())
    .execute();
  await db
    .deleteFrom('receive_fetch_runs')
    .where('account_id', '=', run.accountId)
    .where('finished_at', '<', new Date(run.finishedAt.getTime() - FETCH_RUN_RETENTION_MS).toISOString())
    .execute();
};

const HOUR_MS = 3600_000;

/**
 * Fetch runs and failed runs of a mailbox per hour over the last `hours` hours, oldest
 * first, the current (partial) hour last; hours without runs are present with zeros.
 */
export const fetchRunHistory = async (db: Kysely<ReadModelDb>, mailboxNumber: number, now: Date, hours: number): Promise<FetchRunBucket[]> => {
  const currentHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const firstHour = currentHour - (hours - 1) * HOUR_MS;
  const rows = await db
    .selectFrom('receive_fetch_runs')
    .select(['finished_at', 'failed', 'imported'])
    .where('mailbox_number', '=', mailboxNumber)
    .where('finished_at', '>=', new Date(firstHour).toISOString())
    .execute();
  const buckets = Array.from({ length: hours }, (_, i) => ({ start: new Date(firstHour + i * HOUR_MS), runs: 0, failures: 0, imported: 0 }));
  for (const r of rows) {
    const i = Math.floor((Date.parse(r.finished_at) - firstHour) / HOUR_MS);
    const b = buckets[i];
    if (!b) continue; // finished after `now` (clock skew between instances)
    b.runs += 1;
    b.failures += r.failed;
    b.imported += r.imported;
  }
  return buckets;
};
