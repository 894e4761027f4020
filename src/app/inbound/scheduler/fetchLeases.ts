import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../../../db/schema.js';
import type { SchedulerLogger } from './schedulerLogger.js';

/** @see MAILROOM_FETCH_LEASE_MS */
export const DEFAULT_FETCH_LEASE_MS = 60_000;

/** A random id per server process: a restarted process is a new holder, never the dead one. */
export const newInstanceId = (): string => randomBytes(6).toString('hex');

/** Accounts per renewal statement: well under SQLite's and PostgreSQL's bound-parameter limits. */
const RENEW_CHUNK = 1000;

interface KeptLease {
  readonly controller: AbortController;
  readonly logger: SchedulerLogger | undefined;
  /** performance.now() of the last successful renewal (or of keep). */
  lastRenewed: number;
}

export interface LeaseRow {
  readonly holder: string;
  readonly acquiredAt: string;
  readonly expiresAt: string;
}

/**
 * Per-account fetch leases in the read-model database, so that several server instances
 * on one PostgreSQL fetch each account on exactly one of them at a time, and a dead
 * instance's accounts are taken over once its leases expire.
 *
 * Acquisition is one upsert: `INSERT … ON CONFLICT (account_id) DO UPDATE … WHERE the row
 * is expired OR already ours RETURNING holder`. A row comes back only when we hold the
 * lease afterwards. Chosen over `SELECT … FOR UPDATE SKIP LOCKED` because it is one
 * statement with the same meaning on SQLite and PostgreSQL, needs no transaction held
 * open across the check, and also creates the row of a never-leased account (SKIP LOCKED
 * can only lock rows that exist). On PostgreSQL concurrent upserts of one key serialise on
 * the row, and the second re-checks the WHERE against the row the first wrote, so two
 * contenders never both get a row back; SQLite has a single writer.
 *
 * Expiry uses the instances' clocks (ISO text compared as text): instances must keep
 * their clocks synchronised to well within a lease period, as NTP does.
 */
export class FetchLeases {
  readonly holder: string;
  readonly leaseMs: number;
  private readonly db: Kysely<ReadModelDb>;
  private readonly clock: () => Date;
  private readonly kept = new Map<string, KeptLease>();
  private keeper: NodeJS.Timeout | null = null;
  private renewing = false;

  constructor(options: { db: Kysely<ReadModelDb>; holder?: string; leaseMs?: number; clock?: () => Date }) {
    this.db = options.db;
    this.holder = options.holder ?? newInstanceId();
    this.leaseMs = options.leaseMs ?? DEFAULT_FETCH_LEASE_MS;
    this.clock = options.clock ?? (() => new Date());
  }

  /** Takes the account's lease when it is free, expired or already ours. True: we hold it now. */
  async acquire(accountId: string): Promise<boolean> {
    const now = this.clock();
    const nowIso = now.toISOString();
    const expiresAt = new Date(now.getTime() + this.leaseMs).toISOString();
    const row = await this.db
      .insertInto('fetch_leases')
      .values({ account_id: accountId, holder: this.holder, acquired_at: nowIso, expires_at: expiresAt })
      .onConflict((oc) =>
        oc
          .column('account_id')
          .doUpdateSet((eb) => ({
            holder: eb.ref('excluded.holder'),
            expires_at: eb.ref('excluded.expires_at'),
            acquired_at: eb
              .case()
              .when('fetch_leases.holder', '=', this.holder)
              .then(eb.ref('fetch_leases.acquired_at'))
              .else(eb.ref('excluded.acquired_at'))
              .end(),
          }))
          .where((eb) => eb.or([eb('fetch_leases.expires_at', '<', nowIso), eb('fetch_leases.holder', '=', this.holder)])),
      )
      .returning('holder')
      .executeTakeFirst();
    return row?.holder === this.holder;
  }

  /**
   * Extends our lease by a full period. False: it is no longer ours (it expired and another
   * instance took it, or it was released) — the caller must stop its run.
   */
  async renew(accountId: string): Promise<boolean> {
    return (await this.renewAll([accountId])).has(accountId);
  }

  /**
   * Extends our leases of all these accounts by a full period, one statement per
   * RENEW_CHUNK accounts (`UPDATE … WHERE holder = us AND account_id IN (…) RETURNING`).
   * The accounts that come back are still ours; any other was lost (or released).
   */
  async renewAll(accountIds: readonly string[]): Promise<Set<string>> {
    const expiresAt = new Date(this.clock().getTime() + this.leaseMs).toISOString();
    const renewed = new Set<string>();
    for (let i = 0; i < accountIds.length; i += RENEW_CHUNK) {
      const rows = await this.db
        .updateTable('fetch_leases')
        .set({ expires_at: expiresAt })
        .where('holder', '=', this.holder)
        .where('account_id', 'in', accountIds.slice(i, i + RENEW_CHUNK))
        .returning('account_id')
        .execute();
      for (const r of rows) renewed.add(r.account_id);
    }
    return renewed;
  }

  /**
   * Keeps the account's lease renewed while `controller` is not aborted, for a run and
   * for an IDLE session alike; the returned function stops it (before the release).
   * Every kept lease of this instance is renewed by one pass every lease/3 (renewKept),
   * so 1,000 IDLE sessions cost one UPDATE per pass, not 1,000 timers and statements.
   */
  keep(accountId: string, controller: AbortController, logger?: SchedulerLogger): () => void {
    const entry: KeptLease = { controller, logger, lastRenewed: performance.now() };
    this.kept.set(accountId, entry);
    this.keeper ??= setInterval(() => void this.renewKept(), Math.max(1, Math.floor(this.leaseMs / 3)));
    return () => {
      if (this.kept.get(accountId) === entry) this.kept.delete(accountId);
      if (this.kept.size === 0 && this.keeper) {
        clearInterval(this.keeper);
        this.keeper = null;
      }
    };
  }

  /**
   * One renewal pass over every kept lease (public for tests). Every lease/3, so two
   * passes can fail (a database hiccup) before a lease runs out. A lease the statement
   * did not renew is gone, and a lease without a successful renewal for a whole period
   * may have been taken: either aborts its holder's controller with FetchLeaseLost,
   * since another instance may be fetching the account by then.
   */
  async renewKept(): Promise<void> {
    if (this.renewing) return;
    const entries = [...this.kept].filter(([, e]) => !e.controller.signal.aborted);
    if (entries.length === 0) return;
    this.renewing = true;
    try {
      const renewed = await this.renewAll(entries.map(([id]) => id));
      const now = performance.now();
      for (const [accountId, e] of entries) {
        if (renewed.has(accountId)) e.lastRenewed = now;
        // Stopped meanwhile (its run ended and released the lease): not a loss.
        else if (this.kept.get(accountId) === e) e.controller.abort(new FetchLeaseLost(accountId));
      }
    } catch (err) {
      entries[0]![1].logger?.warn({ err, accounts: entries.length }, 'fetch lease renewal failed');
      const now = performance.now();
      for (const [accountId, e] of entries) {
        if (now - e.lastRenewed >= this.leaseMs && this.kept.get(accountId) === e) e.controller.abort(new FetchLeaseLost(accountId));
      }
    } finally {
      this.renewing = false;
    }
  }

  /** Gives the lease up (the run ended); a lease that is no longer ours is left alone. */
  async release(accountId: string): Promise<void> {
    await this.db.deleteFrom('fetch_leases').where('account_id', '=', accountId).where('holder', '=', this.holder).execute();
  }

  /** The account's lease row, live or expired; undefined: nobody holds it. */
  async current(accountId: string): Promise<LeaseRow | undefined> {
    const row = await this.db
      .selectFrom('fetch_leases')
      .select(['holder', 'acquired_at', 'expires_at'])
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row && { holder: row.holder, acquiredAt: row.acquired_at, expiresAt: row.expires_at };
  }

  isLive(lease: LeaseRow | undefined): boolean {
    return lease !== undefined && lease.expiresAt >= this.clock().toISOString();
  }

  /** Expired leases of accounts that no longer exist (their holder died mid-run). */
  async dropExpired(accountIds: readonly string[]): Promise<void> {
    if (accountIds.length === 0) return;
    await this.db
      .deleteFrom('fetch_leases')
      .where('account_id', 'in', accountIds)
      .where('expires_at', '<', this.clock().toISOString())
      .execute();
  }
}

/** Thrown into a run (as its abort reason) when a renewal finds the lease taken by another instance. */
export class FetchLeaseLost extends Error {
  constructor(readonly accountId: string) {
    super(`fetch lease of account ${accountId} lost to another instance`);
    this.name = 'FetchLeaseLost';
  }
}
