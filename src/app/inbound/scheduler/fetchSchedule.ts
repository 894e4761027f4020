/** When an account is polled next: pure, shared by the scheduler and the run that records it. */

/** @default backoff ceiling of FetchScheduler and AccountFetch */
export const DEFAULT_MAX_BACKOFF_MS = 2 * 60 * 60_000;

export interface ScheduleRow {
  readonly accountId: string;
  readonly mailboxNumber: number;
  readonly intervalMinutes: number;
  readonly lastAttemptAt: string | null;
  readonly consecutiveFailures: number;
  /**
   * The last run started but never finished and nobody holds the account's lease: its
   * instance died mid-run. Due at once, whatever the interval, so a takeover happens
   * within one lease period.
   */
  readonly interrupted?: boolean;
}

/**
 * When an account runs next. Derived only from stored state (the last attempt and the
 * failures in a row), so a restarted server picks up the same schedule. After n failures
 * in a row the interval is multiplied by 2^(n-1), up to 64× and at most `maxBackoffMs`
 * (never below the interval itself): a broken server is not hammered every minute, and a
 * fixed one is noticed within a bounded time.
 */
export const nextRunAt = (row: ScheduleRow, maxBackoffMs: number): number => {
  if (row.lastAttemptAt === null || row.interrupted) return 0;
  const intervalMs = row.intervalMinutes * 60_000;
  const factor = row.consecutiveFailures <= 1 ? 1 : 2 ** Math.min(row.consecutiveFailures - 1, 6);
  return Date.parse(row.lastAttemptAt) + Math.min(intervalMs * factor, Math.max(intervalMs, maxBackoffMs));
};
