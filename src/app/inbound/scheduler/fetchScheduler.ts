import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../../../db/schema.js';
import { DEFAULT_FETCH_INTERVAL_MINUTES } from '../../../domain/inbound/receiveAccounts.decider.js';
import { FetchMode, FetchModeReason, FetchState, loadFetchStatuses } from '../fetchStatus.js';
import type { ReceiveFailure } from '../../../domain/inbound/index.js';
import type { AccountFetch, AccountFetchResult } from './accountFetch.js';
import { FetchLeases } from './fetchLeases.js';
import { DEFAULT_MAX_BACKOFF_MS, nextRunAt, type ScheduleRow } from './fetchSchedule.js';
import type { IdleCandidate, IdlePool } from './idlePool.js';
import type { SchedulerLogger } from './schedulerLogger.js';
import { changeMark } from './changeMark.js';

export { nextRunAt, type ScheduleRow } from './fetchSchedule.js';
export type { SchedulerLogger } from './schedulerLogger.js';

export interface FetchSchedulerOptions {
  readonly db: Kysely<ReadModelDb>;
  readonly accountFetch: Pick<AccountFetch, 'run' | 'setMode'>;
  readonly clock?: () => Date;
  /** How often due accounts are looked for. @default 1000 */
  readonly tickMs?: number;
  /** Longest the timer goes without reading every account, whatever its change check says. @default 30_000 */
  readonly fullPassMs?: number;
  /** Runs at the same time over all accounts; each account has at most one. @default 4 */
  readonly maxConcurrent?: number;
  /** Ceiling of the backoff delay after repeated failures. @default 2 hours (or the interval, if longer) */
  readonly maxBackoffMs?: number;
  /** Called once for an account that was deleted, to drop its fetch cursors. */
  readonly forgetAccount?: (accountId: string) => Promise<void>;
  readonly logger?: SchedulerLogger;
  /** Called after every run, scheduled or "fetch now", with its result or what it threw (metrics). */
  readonly onRunFinished?: (outcome: { readonly result: AccountFetchResult } | { readonly error: unknown }) => void;
  /** Per-account leases shared by every instance on the database. @default this instance's own, DEFAULT_FETCH_LEASE_MS */
  readonly leases?: FetchLeases;
  /** How often "fetch now" looks whether another instance's run of the account ended. @default min(1000, lease / 4) */
  readonly pollMs?: number;
  /** IMAP IDLE sessions of this instance (sharing `leases`); absent: every account is polled. */
  readonly idle?: IdlePool;
}

interface Running {
  readonly mailboxNumber: number;
  readonly controller: AbortController;
  /** Null: another instance holds the account's lease (or, when scheduled, ran it meanwhile). */
  readonly done: Promise<AccountFetchResult | null>;
}

interface EligibleRow extends ScheduleRow, IdleCandidate {
  /** A live lease of another instance: its run (or IDLE session) is in progress there. */
  readonly heldElsewhere: boolean;
  /** That lease's expiry (ISO), when heldElsewhere: the account may be taken over then. */
  readonly leaseExpiresAt: string | null;
  readonly mode: string | null;
  readonly modeReason: string | null;
}

/**
 * Runs every enabled receive account of every mailbox whose auto-fetch is on, at its
 * interval (the account's override, else the mailbox's). One run per account at a time,
 * across every instance on the database: a run first takes the account's lease
 * (FetchLeases), keeps it renewed while it runs (one renewal pass for all of this
 * instance's leases), aborts when a renewal finds it taken, and releases it at the end. `runNow` joins a run in progress instead of starting
 * a second — on this instance by awaiting it, on another by waiting for its lease to go
 * and reporting the stored outcome. A run whose account is deleted or disabled meanwhile
 * is aborted; `stop` aborts all and waits for them.
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
  private closed = false;
  readonly leases: FetchLeases;
  private readonly pollMs: number;
  private readonly fullPassMs: number;
  /** Something of this instance changed that only a full tick sees (a run ended). */
  private dirty = true;
  /** Clock ms when the next full tick is due anyway: an account falls due, a lease elsewhere expires. */
  private nextFullAt = 0;
  /** changeMark as the last full tick read it. */
  private lastMark: string | null = null;

  constructor(private readonly options: FetchSchedulerOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.tickMs = options.tickMs ?? 1000;
    this.maxConcurrent = options.maxConcurrent ?? 4;
    this.maxBackoffMs = options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
    this.leases = options.leases ?? new FetchLeases({ db: options.db, clock: this.clock });
    this.pollMs = options.pollMs ?? Math.min(1000, Math.max(10, Math.floor(this.leases.leaseMs / 4)));
    this.fullPassMs = options.fullPassMs ?? 30_000;
  }

  /** This instance's id in the lease table. */
  get instanceId(): string {
    return this.leases.holder;
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.closed = false;
    this.options.logger?.info({ instanceId: this.instanceId, leaseMs: this.leases.leaseMs }, 'fetch scheduler started');
    await this.clearStaleRunning();
    this.schedule();
  }

  async stop(): Promise<void> {
    this.started = false;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking;
    for (const r of this.running.values()) r.controller.abort(new Error('shutdown'));
    await Promise.allSettled([...[...this.running.values()].map((r) => r.done), this.options.idle?.stopAll()]);
  }

  /** IMAP IDLE connections this instance has up. */
  get idleConnections(): number {
    return this.options.idle?.connections ?? 0;
  }

  /** Accounts being fetched right now. */
  get activeAccounts(): string[] {
    return [...this.running.keys()];
  }

  /**
   * Fetches one account now, or waits for its run in progress and returns that run's
   * outcome: a user pressing "fetch now" while a fetch is under way wants its result, not
   * a second fetch, whichever instance runs it. A run on another instance is followed
   * through its lease; once released, its outcome is read from the stored fetch state; if
   * the lease expires instead (that instance died), this instance takes the account over.
   */
  async runNow(mailboxNumber: number, accountId: string): Promise<AccountFetchResult> {
    for (;;) {
      // An IDLE session of this instance answers over its connection.
      const pushed = this.options.idle?.fetchNow(accountId);
      if (pushed) return pushed;
      const result = await (this.running.get(accountId) ?? this.launch(mailboxNumber, accountId, false)).done;
      if (result) return result;
      const outcome = await this.awaitRunElsewhere(mailboxNumber, accountId);
      if (outcome) return outcome;
    }
  }

  /** Stops the account's run in progress, if any (its account was deleted or disabled). */
  abort(accountId: string, reason = 'account deleted'): void {
    this.running.get(accountId)?.controller.abort(new Error(reason));
    this.options.idle?.stop(accountId, reason);
  }

  /** One scheduling pass: abort runs of vanished accounts, start the due ones. Public for tests. */
  async tick(): Promise<void> {
    // Read before the accounts: a change while the tick runs makes the next one full.
    this.dirty = false;
    const mark = await changeMark(this.options.db, this.instanceId, this.options.idle);
    const eligible = await this.eligible();
    const byId = new Map(eligible.map((r) => [r.accountId, r]));
    for (const [accountId, r] of this.running) {
      if (!byId.has(accountId) && !(await this.exists(accountId))) r.controller.abort(new Error('account deleted'));
    }
    const idle = this.options.idle;
    idle?.reconcile(eligible, (accountId) => this.running.has(accountId));
    await this.showIdleLimit(eligible);
    const now = this.clock().getTime();
    const due = eligible
      .filter((r) => !this.running.has(r.accountId) && !r.heldElsewhere && !idle?.has(r.accountId) && nextRunAt(r, this.maxBackoffMs) <= now)
      .sort((a, b) => nextRunAt(a, this.maxBackoffMs) - nextRunAt(b, this.maxBackoffMs));
    for (const r of due) {
      if (this.running.size >= this.maxConcurrent) break;
      this.launch(r.mailboxNumber, r.accountId, true);
    }
    await this.clearStaleRunning();
    await this.forgetDeleted();
    this.lastMark = mark;
    this.nextFullAt = this.nextChangeAt(eligible, now);
  }

  /**
   * The timer's pass. A full tick reads and reconciles every enabled account: with 1,000
   * IDLE sessions that is most of what the scheduler costs, every second, and it almost
   * never finds anything to do. So the timer runs it only when something may have
   * changed: a run of this instance ended (dirty); the first moment an account falls due
   * or another instance's lease expires has come (nextFullAt); or changeMark moved —
   * account settings changed, another instance took, renewed or gave up a lease, one of
   * our IDLE sessions ended. And at least every fullPassMs regardless, so nothing this
   * list misses waits longer than that.
   */
  private async timerTick(): Promise<void> {
    if (!this.dirty && this.clock().getTime() < this.nextFullAt && (await changeMark(this.options.db, this.instanceId, this.options.idle)) === this.lastMark) return;
    await this.tick();
  }

  /** When the next full tick is due even if nothing changes: the earliest due run or takeover, at most fullPassMs ahead. */
  private nextChangeAt(eligible: readonly EligibleRow[], now: number): number {
    let next = now + this.fullPassMs;
    for (const r of eligible) {
      if (r.heldElsewhere) next = Math.min(next, Date.parse(r.leaseExpiresAt!) + 1);
      else if (!this.running.has(r.accountId) && !this.options.idle?.has(r.accountId)) next = Math.min(next, nextRunAt(r, this.maxBackoffMs));
    }
    return next;
  }

  /** Accounts that would push but find this instance's IDLE connections taken say so at once, not at their next poll. */
  private async showIdleLimit(eligible: readonly EligibleRow[]): Promise<void> {
    for (const r of eligible) {
      // A never-fetched or interrupted account is due now; its run records the mode.
      if (r.lastAttemptAt === null || r.interrupted || r.heldElsewhere || this.running.has(r.accountId) || this.options.idle?.has(r.accountId)) continue;
      if (this.pollingReason(r) !== FetchModeReason.IDLE_LIMIT || (r.mode === FetchMode.POLLING && r.modeReason === FetchModeReason.IDLE_LIMIT)) continue;
      const next = nextRunAt(r, this.maxBackoffMs);
      await this.options.accountFetch.setMode(r.mailboxNumber, r.accountId, {
        mode: FetchMode.POLLING,
        reason: FetchModeReason.IDLE_LIMIT,
        connectedSince: null,
        nextPollAt: new Date(Math.max(next, this.clock().getTime())),
      });
    }
  }

  private pollingReason(r: EligibleRow): FetchModeReason | null {
    return this.options.idle ? this.options.idle.pollingReason(r) : r.protocol === 'IMAP' ? FetchModeReason.IDLE_LIMIT : FetchModeReason.PROTOCOL;
  }

  private schedule(): void {
    if (!this.started) return;
    this.timer = setTimeout(() => {
      this.ticking = this.timerTick()
        .catch((err: unknown) => {
          // Whatever the failed tick did not get to, the next one does in full.
          this.dirty = true;
          this.options.logger?.error({ err }, 'fetch scheduler tick failed');
        })
        .finally(() => {
          this.ticking = null;
          this.schedule();
        });
    }, this.tickMs);
  }

  private launch(mailboxNumber: number, accountId: string, scheduled: boolean): Running {
    const controller = new AbortController();
    const done = this.leasedRun(mailboxNumber, accountId, controller, scheduled).finally(() => {
      this.running.delete(accountId);
      this.dirty = true;
    });
    const entry: Running = { mailboxNumber, controller, done };
    this.running.set(accountId, entry);
    done.then(
      (result) => {
        if (result) this.options.onRunFinished?.({ result });
      },
      (err: unknown) => {
        this.options.logger?.error({ err, accountId }, 'fetch run failed');
        this.options.onRunFinished?.({ error: err });
      },
    );
    return entry;
  }

  /**
   * One run under the account's lease. The start and finish are logged inside the lease,
   * so the logs of all instances show an account's runs one after the other.
   */
  private async leasedRun(mailboxNumber: number, accountId: string, controller: AbortController, scheduled: boolean): Promise<AccountFetchResult | null> {
    const { leases } = this;
    if (!(await leases.acquire(accountId))) return null;
    try {
      // The tick read the schedule before taking the lease: another instance may have run
      // the account in between.
      const row = (await this.eligible(accountId))[0];
      if (scheduled && (row === undefined || nextRunAt(row, this.maxBackoffMs) > this.clock().getTime())) return null;
      // "Fetch now" of a disabled mailbox's account, or with the scheduler off: nothing polls it next.
      const polling = { reason: row ? this.pollingReason(row) : null, intervalMinutes: row && this.started ? row.intervalMinutes : null };
      const fields = { accountId, instanceId: this.instanceId };
      this.options.logger?.info(fields, 'fetch run started');
      const stopRenewing = leases.keep(accountId, controller, this.options.logger);
      try {
        const result = await this.options.accountFetch.run(mailboxNumber, accountId, { signal: controller.signal, polling });
        this.options.logger?.info({ ...fields, imported: result.imported, aborted: result.aborted }, 'fetch run finished');
        return result;
      } catch (err) {
        this.options.logger?.info(fields, 'fetch run finished');
        throw err;
      } finally {
        stopRenewing();
      }
    } finally {
      await leases.release(accountId).catch((err: unknown) => this.options.logger?.warn({ err, accountId }, 'fetch lease release failed'));
    }
  }

  /**
   * Waits while another instance holds the account's lease. Null: it expired (that
   * instance died) or was given up without a finished run; take over.
   */
  private async awaitRunElsewhere(mailboxNumber: number, accountId: string): Promise<AccountFetchResult | null> {
    for (;;) {
      const lease = await this.leases.current(accountId);
      if (lease === undefined) {
        const outcome = await this.storedOutcome(mailboxNumber, accountId);
        const { lastAttemptAt, lastFinishedAt } = outcome.status!;
        return lastAttemptAt !== null && lastFinishedAt !== null && lastFinishedAt >= lastAttemptAt ? outcome : null;
      }
      if (!this.leases.isLive(lease) || lease.holder === this.instanceId) return null;
      // An IDLE session elsewhere holds the lease for good and imports new mail as it
      // arrives: its last run's outcome is the answer once no run is in progress.
      const stored = await this.storedOutcome(mailboxNumber, accountId);
      if (stored.status!.mode === FetchMode.IDLE && stored.status!.state !== FetchState.FETCHING) return stored;
      if (this.closed) throw new Error('fetch scheduler stopped');
      await new Promise((r) => setTimeout(r, this.pollMs));
    }
  }

  /** The outcome of the account's last finished run, as its instance stored it. */
  private async storedOutcome(mailboxNumber: number, accountId: string): Promise<AccountFetchResult> {
    const [status] = await loadFetchStatuses(this.options.db, [{ accountId, mailboxNumber }]);
    const open = status!.lastError && status!.lastError.clearedAt === null ? status!.lastError : null;
    const failure: ReceiveFailure | null = open ? { code: open.code as ReceiveFailure['code'], message: open.message, serverResponse: open.serverResponse } : null;
    return { accountId, status: status!, imported: status!.lastImported, skipped: status!.lastSkipped, failure, aborted: false };
  }

  /**
   * A dead instance leaves `running` set; it is cleared once the account's lease has
   * expired — never while another instance's run holds it. Only the flag: the interrupted
   * run stays visible as a start without a finish, which makes the account due at once.
   */
  private async clearStaleRunning(): Promise<void> {
    const now = this.clock().toISOString();
    await this.options.db
      .updateTable('receive_fetch_state')
      .set({ running: 0 })
      .where('running', '=', 1)
      .where('account_id', 'not in', (eb) => eb.selectFrom('fetch_leases').select('account_id').where('expires_at', '>=', now))
      .execute();
  }

  private async eligible(onlyAccountId?: string): Promise<EligibleRow[]> {
    const rows = await this.options.db
      .selectFrom('receive_accounts as a')
      .leftJoin('receive_auto_fetch as m', 'm.mailbox_number', 'a.mailbox_number')
      .leftJoin('receive_fetch_state as s', 's.account_id', 'a.account_id')
      .leftJoin('fetch_leases as l', 'l.account_id', 'a.account_id')
      .select([
        'a.account_id',
        'a.mailbox_number',
        'a.fetch_interval_minutes',
        'm.enabled as mailbox_enabled',
        'm.interval_minutes as mailbox_interval',
        's.last_attempt_at',
        's.last_finished_at',
        's.consecutive_failures',
        'l.holder as lease_holder',
        'l.expires_at as lease_expires_at',
        'a.protocol',
        'a.idle_enabled',
        'a.updated_at',
        's.mode',
        's.mode_reason',
      ])
      .where('a.enabled', '=', 1)
      .$if(onlyAccountId !== undefined, (q) => q.where('a.account_id', '=', onlyAccountId!))
      .execute();
    const now = this.clock().toISOString();
    return rows
      .filter((r) => r.mailbox_enabled !== 0)
      .map((r) => {
        // Our own lease does not count: the tick skips our runs by `running`, and a scheduled
        // run re-checks due-ness while holding it.
        const leaseLive = r.lease_expires_at != null && r.lease_expires_at >= now && r.lease_holder !== this.instanceId;
        const lastAttemptAt = r.last_attempt_at ?? null;
        const lastFinishedAt = r.last_finished_at ?? null;
        return {
          accountId: r.account_id,
          mailboxNumber: r.mailbox_number,
          intervalMinutes: r.fetch_interval_minutes ?? r.mailbox_interval ?? DEFAULT_FETCH_INTERVAL_MINUTES,
          lastAttemptAt,
          consecutiveFailures: r.consecutive_failures ?? 0,
          // Each run sets last_finished_at at or after its own last_attempt_at.
          // So is an account whose IDLE session ended without handing over (its instance
          // died): mail may have arrived since, and nothing pushes it any more.
          interrupted:
            !leaseLive &&
            ((lastAttemptAt !== null && (lastFinishedAt === null || lastFinishedAt < lastAttemptAt)) ||
              ((r.mode === FetchMode.IDLE || r.mode === FetchMode.BACKOFF) && !this.options.idle?.has(r.account_id))),
          heldElsewhere: leaseLive,
          leaseExpiresAt: leaseLive ? r.lease_expires_at! : null,
          protocol: r.protocol,
          idleEnabled: r.idle_enabled === 1,
          settingsVersion: r.updated_at,
          mode: r.mode ?? null,
          modeReason: r.mode_reason ?? null,
        };
      });
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
    await this.leases.dropExpired(orphans.map((o) => o.account_id));
    for (const { account_id } of orphans) {
      if (this.running.has(account_id)) continue;
      await this.options.forgetAccount?.(account_id);
      await this.options.db.deleteFrom('receive_fetch_state').where('account_id', '=', account_id).execute();
    }
  }
}
