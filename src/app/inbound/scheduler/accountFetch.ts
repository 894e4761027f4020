import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../../../db/schema.js';
import {
  receiveErrorsDecider,
  receiveErrorsStreamId,
  type ReceiveAccountSettings,
  type ReceiveErrorsEvent,
  type ReceiveFailure,
} from '../../../domain/inbound/index.js';
import { handleCommand } from '../../../eventstore/handleCommand.js';
import type { EventStore } from '../../../eventstore/port.js';
import { FetchMode, loadFetchStatuses, type FetchModeReason, type FetchStatusSnapshot } from '../fetchStatus.js';
import { recordFetchRun } from '../fetchRunHistory.js';
import { OAuthAccessError, type OAuthAccessTokens } from '../oauth/accessTokens.js';
import { loadReceiveAccounts } from '../streams.js';
import { mailboxScope, type SecretVault } from '../../../secrets/vault.js';
import { FetchError, FetchErrorCode } from '../../../mail/fetch/fetchError.js';
import type { FetchAccountConfig, FetchAuth, FetchDeps, FetchReport, FetchTlsOptions } from '../../../mail/fetch/fetchTypes.js';
import type { NoticeSender } from '../../../mail/notices/notice.js';
import { FetchLeaseLost } from './fetchLeases.js';
import { DEFAULT_MAX_BACKOFF_MS, nextRunAt } from './fetchSchedule.js';
import type { FetchStatusPublisher } from './fetchStatusFeed.js';
import { receiveNoticeFor } from './receiveNotices.js';

/** The fetchers' entry point (src/mail/fetch): one run against the server, never throws for server trouble. */
export type FetchAccountFn = (config: FetchAccountConfig, deps: FetchDeps) => Promise<FetchReport>;

export interface AccountFetchOptions {
  readonly store: EventStore;
  readonly db: Kysely<ReadModelDb>;
  readonly vault: SecretVault;
  readonly tokens: OAuthAccessTokens;
  readonly notices: NoticeSender;
  /** The local status feed, or on PostgreSQL the relay that also tells the other instances. */
  readonly feed: FetchStatusPublisher;
  readonly fetchAccount: FetchAccountFn;
  /** Message store and per-account fetch state, the time source and limits. */
  readonly fetchDeps: Omit<FetchDeps, 'signal'>;
  readonly clock?: () => Date;
  /** Extra TLS trust (e.g. a test server's CA); production uses the system store. */
  readonly tls?: FetchTlsOptions;
  readonly timeouts?: FetchAccountConfig['timeouts'];
  readonly afterAppend?: (position: number) => Promise<void>;
  /** The scheduler's backoff ceiling, for the next poll shown in the status. @default 2 hours */
  readonly maxBackoffMs?: number;
}

/** How one run is made and what it means for the account's mode. */
export interface RunOptions {
  readonly signal?: AbortSignal;
  /** The fetcher of this run (an IDLE connection's); @default the options' `fetchAccount` */
  readonly fetchAccount?: FetchAccountFn;
  /**
   * A polling run: the stored mode becomes POLLING for `reason`, and the next poll is
   * computed from `intervalMinutes` (null: nothing polls it, e.g. the scheduler is off).
   * Absent: an IDLE session's run, which keeps the mode it set.
   */
  readonly polling?: { readonly reason: FetchModeReason | null; readonly intervalMinutes: number | null };
}

/** Mode fields an IDLE session (or the scheduler, for an account over the IDLE cap) records. */
export interface ModeChange {
  readonly mode: FetchMode;
  readonly reason: FetchModeReason | null;
  readonly connectedSince: Date | null;
  readonly nextPollAt: Date | null;
}

export interface AccountFetchResult {
  readonly accountId: string;
  /** Null when the account vanished before the run started. */
  readonly status: FetchStatusSnapshot | null;
  readonly imported: number;
  readonly skipped: number;
  readonly failure: ReceiveFailure | null;
  /** The run was aborted (account deleted, shutdown): nothing recorded as an account problem. */
  readonly aborted: boolean;
}

/** The operational row of an account never fetched before (its first run or mode change inserts it). */
const newFetchStateRow = (accountId: string, mailboxNumber: number, now: string) => ({
  account_id: accountId,
  mailbox_number: mailboxNumber,
  running: 0,
  last_attempt_at: null as string | null,
  last_finished_at: null,
  last_success_at: null,
  consecutive_failures: 0,
  last_imported: 0,
  last_skipped: 0,
  imported_total: 0,
  skipped_total: 0,
  updated_at: now,
});

/** Our own failures (store, bugs) are not the account's problem: no episode, no notice. */
const NOT_ACCOUNT_PROBLEMS: ReadonlySet<string> = new Set([FetchErrorCode.ABORTED, FetchErrorCode.INTERNAL]);

const failureOf = (error: FetchError): ReceiveFailure => ({
  code: error.code as ReceiveFailure['code'],
  message: error.message,
  serverResponse: error.response ?? null,
});

/**
 * One fetch run of one account, end to end: read its settings from the event stream,
 * obtain credentials (decrypt the password or get an OAuth access token), run the fetcher,
 * then record what changed — error episodes and over-size messages as events (through
 * the receive-errors decider, which decides what is new), the run counters as operational
 * state — send one notice per new event, and publish the status before and after.
 */
export class AccountFetch {
  private readonly clock: () => Date;

  constructor(private readonly options: AccountFetchOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  async run(mailboxNumber: number, accountId: string, signalOrOptions?: AbortSignal | RunOptions): Promise<AccountFetchResult> {
    const options: RunOptions = signalOrOptions instanceof AbortSignal ? { signal: signalOrOptions } : (signalOrOptions ?? {});
    const { signal } = options;
    const settings = (await loadReceiveAccounts(this.options.store, mailboxNumber)).accounts.get(accountId);
    if (!settings) return { accountId, status: null, imported: 0, skipped: 0, failure: null, aborted: false };
    await this.markStarted(mailboxNumber, accountId);

    let report: FetchReport | null = null;
    let failure: ReceiveFailure | null = null;
    let internal: unknown = null;
    try {
      const auth = await this.authFor(mailboxNumber, settings);
      report = await (options.fetchAccount ?? this.options.fetchAccount)(this.configFor(mailboxNumber, accountId, settings, auth), { ...this.options.fetchDeps, ...(signal ? { signal } : {}) });
      if (report.error) {
        if (!NOT_ACCOUNT_PROBLEMS.has(report.error.code)) failure = failureOf(report.error);
        else if (report.error.code === FetchErrorCode.INTERNAL) internal = report.error;
      }
    } catch (e) {
      if (e instanceof OAuthAccessError) failure = { code: e.code, message: e.message, serverResponse: e.serverResponse };
      else internal = e;
    }
    const aborted = report?.error?.code === FetchErrorCode.ABORTED || (signal?.aborted ?? false);
    const imported = report?.imported ?? 0;
    const skipped = (report?.skippedTooLarge.length ?? 0) + (report?.duplicatesDeleted.length ?? 0);
    if (signal?.reason instanceof FetchLeaseLost) {
      // Another instance holds the account now and owns its run state: record nothing.
      const [status] = await loadFetchStatuses(this.options.db, [{ accountId, mailboxNumber }]);
      return { accountId, status: status!, imported, skipped, failure: null, aborted: true };
    }

    if (!aborted && (await this.stillExists(mailboxNumber, accountId))) {
      await this.recordOutcome(mailboxNumber, accountId, settings, failure, report);
    }
    const succeeded = !aborted && failure === null && internal === null;
    const status = await this.markFinished(mailboxNumber, accountId, { succeeded, failed: !aborted && !succeeded, imported, skipped, polling: options.polling ?? null });
    if (internal !== null) throw internal;
    return { accountId, status, imported, skipped, failure, aborted };
  }

  private async authFor(mailboxNumber: number, settings: ReceiveAccountSettings): Promise<FetchAuth> {
    const auth = settings.auth;
    if (auth.method === 'PASSWORD') {
      return { kind: 'password', user: auth.username, password: await this.options.vault.decrypt(mailboxScope(mailboxNumber), auth.passwordCiphertext) };
    }
    return { kind: 'oauth2', user: auth.username, accessToken: await this.options.tokens.accessTokenFor(auth.credentialId) };
  }

  configFor(mailboxNumber: number, accountId: string, s: ReceiveAccountSettings, auth: FetchAuth): FetchAccountConfig {
    return {
      accountId,
      mailboxNumber,
      protocol: s.protocol,
      host: s.host,
      port: s.port,
      encryption: s.encryption,
      auth,
      leaveOnServer: s.leaveOnServer,
      deleteDuplicates: s.deleteDuplicates,
      ...(this.options.tls ? { tls: this.options.tls } : {}),
      ...(this.options.timeouts ? { timeouts: this.options.timeouts } : {}),
    };
  }

  private async stillExists(mailboxNumber: number, accountId: string): Promise<boolean> {
    return (await loadReceiveAccounts(this.options.store, mailboxNumber)).accounts.has(accountId);
  }

  private async recordOutcome(
    mailboxNumber: number,
    accountId: string,
    settings: ReceiveAccountSettings,
    failure: ReceiveFailure | null,
    report: FetchReport | null,
  ): Promise<void> {
    const result = await handleCommand(this.options.store, receiveErrorsDecider, receiveErrorsStreamId(accountId), {
      type: 'RecordFetchOutcome',
      data: {
        mailboxNumber,
        accountId,
        newEpisodeId: randomUUID(),
        failure,
        tooLarge: (report?.skippedTooLarge ?? []).map((m) => ({ messageKey: m.sourceKey, sizeBytes: m.size })),
      },
      metadata: { now: this.clock(), actorId: null, correlationId: `fetch:${accountId}:${randomUUID()}` },
    });
    if (result.position === null) return;
    await this.options.afterAppend?.(result.position);
    for (const event of result.newEvents as readonly ReceiveErrorsEvent[]) {
      const notice = await receiveNoticeFor(this.options.db, event, settings);
      if (notice) await this.options.notices.send(notice);
    }
  }

  private async markStarted(mailboxNumber: number, accountId: string): Promise<void> {
    const now = this.clock().toISOString();
    await this.options.db
      .insertInto('receive_fetch_state')
      .values({ ...newFetchStateRow(accountId, mailboxNumber, now), running: 1, last_attempt_at: now })
      .onConflict((oc) => oc.column('account_id').doUpdateSet({ running: 1, last_attempt_at: now, updated_at: now }))
      .execute();
    await this.publish(mailboxNumber, accountId);
  }

  private async markFinished(
    mailboxNumber: number,
    accountId: string,
    outcome: { succeeded: boolean; failed: boolean; imported: number; skipped: number; polling: RunOptions['polling'] | null },
  ): Promise<FetchStatusSnapshot> {
    const now = this.clock().toISOString();
    const polling = outcome.polling ? await this.pollingFields(accountId, outcome.polling, outcome.succeeded) : {};
    await this.options.db
      .updateTable('receive_fetch_state')
      .set((eb) => ({
        ...polling,
        ...(outcome.imported > 0 ? { last_new_mail_at: now } : {}),
        running: 0,
        last_finished_at: now,
        updated_at: now,
        last_imported: outcome.imported,
        last_skipped: outcome.skipped,
        imported_total: eb('imported_total', '+', outcome.imported),
        skipped_total: eb('skipped_total', '+', outcome.skipped),
        ...(outcome.succeeded ? { last_success_at: now, consecutive_failures: 0 } : {}),
        ...(outcome.failed ? { consecutive_failures: eb('consecutive_failures', '+', 1) } : {}),
      }))
      .where('account_id', '=', accountId)
      .execute();
    if (outcome.succeeded || outcome.failed) {
      await recordFetchRun(this.options.db, { accountId, mailboxNumber, finishedAt: new Date(now), failed: outcome.failed, imported: outcome.imported });
    }
    return this.publish(mailboxNumber, accountId);
  }

  /** POLLING and when the scheduler runs the account next, from the state this run leaves. */
  private async pollingFields(accountId: string, polling: NonNullable<RunOptions['polling']>, succeeded: boolean) {
    let nextPollAt: string | null = null;
    if (polling.intervalMinutes !== null) {
      const row = await this.options.db
        .selectFrom('receive_fetch_state')
        .select(['last_attempt_at', 'consecutive_failures'])
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      const failures = succeeded ? 0 : (row?.consecutive_failures ?? 0) + 1;
      const at = nextRunAt(
        { accountId, mailboxNumber: 0, intervalMinutes: polling.intervalMinutes, lastAttemptAt: row?.last_attempt_at ?? null, consecutiveFailures: failures },
        this.options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS,
      );
      nextPollAt = at > 0 ? new Date(at).toISOString() : null;
    }
    return { mode: FetchMode.POLLING, mode_reason: polling.reason, connected_since: null, next_poll_at: nextPollAt };
  }

  /** Records how the account is fetched now and publishes the status. */
  async setMode(mailboxNumber: number, accountId: string, change: ModeChange): Promise<FetchStatusSnapshot> {
    const now = this.clock().toISOString();
    const fields = {
      mode: change.mode,
      mode_reason: change.reason,
      connected_since: change.connectedSince?.toISOString() ?? null,
      next_poll_at: change.nextPollAt?.toISOString() ?? null,
      updated_at: now,
    };
    await this.options.db
      .insertInto('receive_fetch_state')
      .values({ ...newFetchStateRow(accountId, mailboxNumber, now), ...fields })
      .onConflict((oc) => oc.column('account_id').doUpdateSet(fields))
      .execute();
    return this.publish(mailboxNumber, accountId);
  }

  private async publish(mailboxNumber: number, accountId: string): Promise<FetchStatusSnapshot> {
    const [status] = await loadFetchStatuses(this.options.db, [{ accountId, mailboxNumber }]);
    await this.options.feed.publish(status!);
    return status!;
  }
}
