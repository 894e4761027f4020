import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import { DEFAULT_FETCH_INTERVAL_MINUTES } from '../../domain/inbound/receiveAccounts.decider.js';
import type { AccountFetch, AccountFetchResult } from './accountFetch.js';

export interface SchedulerLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface FetchSchedulerOptions {
  readonly db: Kysely<ReadModelDb>;
  readonly accountFetch: Pick<AccountFetch, 'run'>;
  readonly clock?: () => Date;
  /** How often due accounts are looked for. @default 1000 */
  readonly tickMs?: number;
  /** Runs at the same time over all accounts; each account has at most one. @default 4 */
  readonly maxConcurrent?: number;
  /** Ceiling of the backoff delay after repeated failures. @default 2 hours (or the interval, if longer) */
  readonly maxBackoffMs?: number;
  /** Called once for an account that was deleted, to drop its fetch cursors. */
  readonly forgetAccount?: (accountId: string) => Promise<void>;
  readonly logger?: SchedulerLogger;
  /** Called after every run, scheduled or "fetch now", with its result or what it threw (metrics). */
  readonly onRunFinished?: (outcome: { readonly result: AccountFetchResult } | { readonly error: unknown }) => void;
}

export interface ScheduleRow {
  readonly accountId: string;
  readonly mailboxNumber: number;
  readonly intervalMinutes: number;
  readonly lastAttemptAt: string | null;
  readonly consecutiveFailures: number;
}

/**
 * When an account runs next. Derived only from stored state (the last attempt and the
 * failures in a row), so a restarted server picks up the same schedule. After n failures
 * in a row the interval is multiplied by 2^(n-1), up to 64× and at most `maxBackoffMs`
 * (never below the interval itself): a broken server is not hammered every minute, and a
 * fixed one is noticed within a bounded time.
 */
export const nextRunAt = (row: ScheduleRow, maxBackoffMs: number): number => {
  if (row.lastAttemptAt === null) return 0;
  const intervalMs = row.intervalMinutes * 60_000;
  const factor = row.consecutiveFailures <= 1 ? 1 : 2 ** Math.min(row.consecutiveFailures - 1, 6);
  return Date.parse(row.lastAttemptAt) + Math.min(intervalMs * factor, Math.max(intervalMs, maxBackoffMs));
};

interface Running {
  readonly mailboxNumber: number;
  readonly controller: AbortController;
  readonly done: Promise<AccountFetchResult>;
}

/**
 * Runs every enabled receive account of every mailbox whose auto-fetch is on, at its
 * interval (the account's override, else the mailbox's). One run per account at a time;
 * `runNow` joins a run in progress instead of starting a second. A run whose account is
 * deleted or disabled meanwhile is aborted; `stop` aborts all and waits for them.
 */
export class FetchScheduler {
  private readonly clock: () => Date;
  private readonly tickMs: number;
  private readonly maxConcurrent: number;
  private readonly maxBackoffMs: number;
  private readonly running = new Map<string, Running>();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private started = false;

  constructor(private readonly options: FetchSchedulerOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.tickMs = options.tickMs ?? 1000;
    this.maxConcurrent = options.maxConcurrent ?? 4;
    this.maxBackoffMs = options.maxBackoffMs ?? 2 * 60 * 60_000;
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    // A crash mid-run leaves `running` set; no run survives a restart.
    await this.options.db.updateTable('receive_fetch_state').set({ running: 0 }).where('running', '=', 1).execute();
    this.schedule();
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking;
    for (const r of this.running.values()) r.controller.abort(new Error('shutdown'));
    await Promise.allSettled([...this.running.values()].map((r) => r.done));
  }

  /** Accounts being fetched right now. */
  get activeAccounts(): string[] {
    return [...this.running.keys()];
  }

  /** Fetches one account now (or waits for its run in progress) and returns the outcome. */
  runNow(mailboxNumber: number, accountId: string): Promise<AccountFetchResult> {
    return (this.running.get(accountId) ?? this.launch(mailboxNumber, accountId)).done;
  }

  /** Stops the account's run in progress, if any (its account was deleted or disabled). */
  abort(accountId: string, reason = 'account deleted'): void {
    this.running.get(accountId)?.controller.abort(new Error(reason));
  }

  /** One scheduling pass: abort runs of vanished accounts, start the due ones. Public for tests. */
  async tick(): Promise<void> {
    const eligible = await this.eligible();
    const byId = new Map(eligible.map((r) => [r.accountId, r]));
    for (const [accountId, r] of this.running) {
      if (!byId.has(accountId) && !(await this.exists(accountId))) r.controller.abort(new Error('account deleted'));
    }
    const now = this.clock().getTime();
    const due = eligible
      .filter((r) => !this.running.has(r.accountId) && nextRunAt(r, this.maxBackoffMs) <= now)
      .sort((a, b) => nextRunAt(a, this.maxBackoffMs) - nextRunAt(b, this.maxBackoffMs));
    for (const r of due) {
      if (this.running.size >= this.maxConcurrent) break;
      this.launch(r.mailboxNumber, r.accountId);
    }
    await this.forgetDeleted();
  }

  private schedule(): void {
    if (!this.started) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick()
        .catch((err: unknown) => this.options.logger?.error({ err }, 'fetch scheduler tick failed'))
        .finally(() => {
          this.ticking = null;
          this.schedule();
        });
    }, this.tickMs);
  }

  private launch(mailboxNumber: number, accountId: string): Running {
    const controller = new AbortController();
    const done = this.options.accountFetch.run(mailboxNumber, accountId, controller.signal).finally(() => this.running.delete(accountId));
    const entry: Running = { mailboxNumber, controller, done };
    this.running.set(accountId, entry);
    done.then(
      (result) => this.options.onRunFinished?.({ result }),
      (err: unknown) => {
        this.options.logger?.error({ err, accountId }, 'fetch run failed');
        this.options.onRunFinished?.({ error: err });
      },
    );
    return entry;
  }

  private async eligible(): Promise<ScheduleRow[]> {
    const rows = await this.options.db
      .selectFrom('receive_accounts as a')
      .leftJoin('receive_auto_fetch as m', 'm.mailbox_number', 'a.mailbox_number')
      .leftJoin('receive_fetch_state as s', 's.account_id', 'a.account_id')
      .select([
        'a.account_id',
        'a.mailbox_number',
        'a.fetch_interval_minutes',
        'm.enabled as mailbox_enabled',
        'm.interval_minutes as mailbox_interval',
        's.last_attempt_at',
        's.consecutive_failures',
      ])
      .where('a.enabled', '=', 1)
      .execute();
    return rows
      .filter((r) => r.mailbox_enabled !== 0)
      .map((r) => ({
        accountId: r.account_id,
        mailboxNumber: r.mailbox_number,
        intervalMinutes: r.fetch_interval_minutes ?? r.mailbox_interval ?? DEFAULT_FETCH_INTERVAL_MINUTES,
        lastAttemptAt: r.last_attempt_at ?? null,
        consecutiveFailures: r.consecutive_failures ?? 0,
      }));
  }

  private async exists(accountId: string): Promise<boolean> {
    const row = await this.options.db.selectFrom('receive_accounts').select('enabled').where('account_id', '=', accountId).executeTakeFirst();
    return row !== undefined && row.enabled === 1;
  }

  private async forgetDeleted(): Promise<void> {
    const orphans = await this.options.db
      .selectFrom('receive_fetch_state as s')
      .leftJoin('receive_accounts as a', 'a.account_id', 's.account_id')
      .select('s.account_id')
      .where('a.account_id', 'is', null)
      .where('s.running', '=', 0)
      .execute();
    for (const { account_id } of orphans) {
      if (this.running.has(account_id)) continue;
      await this.options.forgetAccount?.(account_id);
      await this.options.db.deleteFrom('receive_fetch_state').where('account_id', '=', account_id).execute();
    }
  }
}
