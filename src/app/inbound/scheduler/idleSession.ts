import { FetchMode } from '../fetchStatus.js';
import { DEFAULT_MAX_IDLE_MS, ImapIdleConnection } from '../../../mail/fetch/imapIdle.js';
import type { AccountFetch, AccountFetchResult } from './accountFetch.js';
import { FetchLeaseLost, type FetchLeases } from './fetchLeases.js';
import type { SchedulerLogger } from './schedulerLogger.js';

export interface IdleSessionDeps {
  readonly accountFetch: Pick<AccountFetch, 'run' | 'setMode'>;
  readonly leases: FetchLeases;
  readonly logger?: SchedulerLogger;
  readonly clock: () => Date;
  /** @default DEFAULT_MAX_IDLE_MS (25 minutes) */
  readonly maxIdleMs?: number;
  /** First reconnect delay; doubles per failed attempt up to `backoffMaxMs`, ±50 % jitter. @default 1000 */
  readonly backoffMinMs?: number;
  /** @default 5 minutes */
  readonly backoffMaxMs?: number;
  /** The connection came up or went down (the IDLE connection gauge). */
  readonly onConnectionChange?: (delta: 1 | -1) => void;
  /** Seconds from the EXISTS push to the committed import, per pushed run that imported. */
  readonly onPushImported?: (seconds: number, messages: number) => void;
  /** Every run's outcome (the fetch run counter). */
  readonly onRunFinished?: (outcome: { readonly result: AccountFetchResult } | { readonly error: unknown }) => void;
}

/** Why a session ended on its own: the scheduler polls the account instead, or retries later. */
export type IdleSessionEnd = 'STOPPED' | 'HELD_ELSEWHERE' | 'LEASE_LOST' | 'IDLE_UNSUPPORTED';

/**
 * Push for one IMAP account on this instance (RFC 2177): holds the account's fetch lease
 * for as long as it lives (renewed like a run's, so a dead instance's sessions move to
 * another within the lease time), keeps one IDLE connection and runs AccountFetch over it
 * whenever the server announces new mail. Every (re)connect starts with a full pass over
 * INBOX — the poll that picks up whatever arrived while the connection was down — and a
 * dropped connection is re-established after a jittered, doubling delay (BACKOFF), so a
 * server restart does not bring every account back at the same instant. Runs over the
 * connection are serialised; an EXISTS during a run makes one more run afterwards.
 */
export class IdleSession {
  readonly done: Promise<IdleSessionEnd>;
  private readonly controller = new AbortController();
  private conn: ImapIdleConnection | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private pushedAt: number | null = null;
  private wake: (() => void) | null = null;
  private closed: (() => void) | null = null;
  private pending = false;
  /** "Fetch now" callers in BACKOFF, answered by the next connection's first run. */
  private firstRunWaiters: { resolve: (r: AccountFetchResult) => void; reject: (e: unknown) => void }[] = [];

  constructor(
    readonly mailboxNumber: number,
    readonly accountId: string,
    /** The settings it was started with (receive_accounts.updated_at): a change restarts it. */
    readonly settingsVersion: string,
    private readonly deps: IdleSessionDeps,
  ) {
    this.done = this.live().catch((err: unknown) => {
      deps.logger?.error({ err, accountId }, 'IMAP IDLE session failed');
      return 'STOPPED' as const;
    });
  }

  /** Connected and idling (not in BACKOFF). */
  get connected(): boolean {
    return this.conn?.connected ?? false;
  }

  /** Ends the session: LOGOUT on the connection, lease released. Resolves once it has. */
  async stop(reason = 'shutdown'): Promise<IdleSessionEnd> {
    if (!this.controller.signal.aborted) this.controller.abort(new Error(reason));
    this.wake?.();
    this.closed?.();
    return this.done;
  }

  /**
   * "Fetch now": a run over the open connection, after the one in progress; in BACKOFF the
   * reconnect happens at once and its first run is the answer.
   */
  async fetchNow(): Promise<AccountFetchResult> {
    const conn = this.conn;
    if (conn?.connected) return this.serial(() => this.runOver(conn, false));
    if (this.controller.signal.aborted) throw new Error('IMAP IDLE session stopped');
    const answer = new Promise<AccountFetchResult>((resolve, reject) => this.firstRunWaiters.push({ resolve, reject }));
    this.wake?.();
    return answer;
  }

  private answerWaiters(result: AccountFetchResult | null, error: unknown): void {
    for (const w of this.firstRunWaiters.splice(0)) {
      if (result) w.resolve(result);
      else w.reject(error);
    }
  }

  private async live(): Promise<IdleSessionEnd> {
    const { leases, logger } = this.deps;
    const { accountId } = this;
    if (!(await leases.acquire(accountId))) return 'HELD_ELSEWHERE';
    const stopRenewing = leases.keep(accountId, this.controller, logger);
    const fields = { accountId, instanceId: leases.holder };
    logger?.info(fields, 'IMAP IDLE session started');
    let end: IdleSessionEnd = 'STOPPED';
    try {
      end = await this.connectLoop();
    } finally {
      stopRenewing();
      this.answerWaiters(null, new Error('IMAP IDLE session ended'));
      await this.conn?.logout();
      if (!(this.controller.signal.reason instanceof FetchLeaseLost)) {
        await leases.release(accountId).catch((err: unknown) => logger?.warn({ err, accountId }, 'fetch lease release failed'));
      } else end = 'LEASE_LOST';
      logger?.info({ ...fields, end }, 'IMAP IDLE session ended');
    }
    return end;
  }

  private async connectLoop(): Promise<IdleSessionEnd> {
    const { signal } = this.controller;
    const min = this.deps.backoffMinMs ?? 1000;
    const max = this.deps.backoffMaxMs ?? 5 * 60_000;
    for (let attempt = 0; !signal.aborted; ) {
      const conn = new ImapIdleConnection(
        {
          onNewMail: (at) => this.pushed(at),
          onClosed: () => this.closed?.(),
        },
        this.deps.maxIdleMs ?? DEFAULT_MAX_IDLE_MS,
      );
      const down = new Promise<void>((resolve) => {
        this.closed = resolve;
      });
      this.conn = conn;
      let first: AccountFetchResult | null = null;
      try {
        first = await this.serial(() => this.runOver(conn, true));
        this.answerWaiters(first, null);
      } catch (err) {
        this.answerWaiters(null, err);
      }
      if (signal.aborted) break;
      if (conn.connected && !conn.supportsIdle) return 'IDLE_UNSUPPORTED';
      if (!first || first.failure) conn.close();
      else if (conn.connected) {
        attempt = 0;
        this.deps.onConnectionChange?.(1);
        try {
          await this.deps.accountFetch.setMode(this.mailboxNumber, this.accountId, { mode: FetchMode.IDLE, reason: null, connectedSince: conn.connectedAt, nextPollAt: null });
          if (this.pending) this.kick();
          else conn.idle();
          await down;
          if (conn.idleRefused) return 'IDLE_UNSUPPORTED';
        } finally {
          this.deps.onConnectionChange?.(-1);
        }
        if (signal.aborted) break;
        this.deps.logger?.warn({ accountId: this.accountId }, 'IMAP IDLE connection lost');
      }
      // ±50 % jitter: after a server restart the accounts reconnect spread out.
      const base = Math.min(max, min * 2 ** Math.min(attempt, 20));
      const delay = Math.round(base * (0.5 + Math.random()));
      attempt++;
      const nextPollAt = new Date(this.deps.clock().getTime() + delay);
      await this.deps.accountFetch.setMode(this.mailboxNumber, this.accountId, { mode: FetchMode.BACKOFF, reason: null, connectedSince: null, nextPollAt });
      await this.sleep(delay);
    }
    return 'STOPPED';
  }

  private pushed(at: number): void {
    this.pushedAt ??= at;
    this.kick();
  }

  /** One more run once the current one is over (coalesced: several EXISTS, one run). */
  private kick(): void {
    if (this.pending) return;
    const conn = this.conn;
    if (!conn) return;
    this.pending = true;
    void this.serial(async () => {
      this.pending = false;
      if (!conn.connected) return null;
      let failed = true;
      try {
        const result = await this.runOver(conn, false);
        failed = result.failure !== null;
        return result;
      } finally {
        // A failed run is retried by a fresh connection, whose first run takes INBOX again.
        if (failed) conn.close();
        else if (!this.pending && conn.connected) conn.idle();
      }
    }).catch(() => {});
  }

  private async runOver(conn: ImapIdleConnection, first: boolean): Promise<AccountFetchResult> {
    const pushedAt = this.pushedAt;
    this.pushedAt = null;
    try {
      const result = await this.deps.accountFetch.run(this.mailboxNumber, this.accountId, {
        signal: this.controller.signal,
        fetchAccount: first ? conn.open : conn.fetch,
      });
      this.deps.onRunFinished?.({ result });
      if (pushedAt !== null && result.imported > 0) this.deps.onPushImported?.((performance.now() - pushedAt) / 1000, result.imported);
      return result;
    } catch (error) {
      this.deps.onRunFinished?.({ error });
      throw error;
    }
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.chain.then(task, task);
    this.chain = next.catch(() => {});
    return next;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    }).finally(() => {
      this.wake = null;
    });
  }
}
