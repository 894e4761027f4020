import type { Kysely, Selectable } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import type { ReceiveFetchStateTable, ReceiveLastErrorsTable } from '../../db/schema.inbound.js';

/**
 * The live status of a receive account, as the account list and `fetchStatusChanged`
 * show it, combined from the operational run state (`receive_fetch_state`) and the latest
 * error episode (`receive_last_errors`, a projection of the error events).
 */
export const FetchState = {
  /** Never fetched (or never since it was added). */
  IDLE: 'IDLE',
  FETCHING: 'FETCHING',
  /** The last run succeeded and no error episode is open. */
  OK: 'OK',
  /** An error episode is open: the last run(s) failed. */
  ERROR: 'ERROR',
} as const;
export type FetchState = (typeof FetchState)[keyof typeof FetchState];

/** How the account is fetched right now (issue 15: the status says what is happening). */
export const FetchMode = {
  /** An IMAP IDLE connection is up: new mail is imported as it arrives. */
  IDLE: 'IDLE',
  /** Fetched at the interval (see `modeReason` for why not IDLE). */
  POLLING: 'POLLING',
  /** The IDLE connection dropped; reconnecting at `nextPollAt` (jittered backoff). */
  BACKOFF: 'BACKOFF',
} as const;
export type FetchMode = (typeof FetchMode)[keyof typeof FetchMode];

/** Why a POLLING account does not push. */
export const FetchModeReason = {
  /** POP3/APOP: no push in the protocol. */
  PROTOCOL: 'PROTOCOL',
  /** Push is switched off for the account. */
  IDLE_DISABLED: 'IDLE_DISABLED',
  /** The server does not advertise IDLE in its CAPABILITY. */
  IDLE_UNSUPPORTED: 'IDLE_UNSUPPORTED',
  /** This instance holds as many IDLE connections as MAILROOM_IDLE_MAX_CONNECTIONS allows. */
  IDLE_LIMIT: 'IDLE_LIMIT',
} as const;
export type FetchModeReason = (typeof FetchModeReason)[keyof typeof FetchModeReason];

export interface ReceiveErrorSnapshot {
  readonly episodeId: string;
  readonly code: string;
  readonly message: string;
  readonly serverResponse: string | null;
  readonly raisedAt: string;
  readonly clearedAt: string | null;
}

export interface FetchStatusSnapshot {
  readonly accountId: string;
  readonly mailboxNumber: number;
  readonly state: FetchState;
  readonly lastAttemptAt: string | null;
  readonly lastFinishedAt: string | null;
  readonly lastSuccessAt: string | null;
  readonly consecutiveFailures: number;
  readonly lastImported: number;
  readonly lastSkipped: number;
  readonly importedTotal: number;
  readonly skippedTotal: number;
  /** The latest error episode, open or over; null when the account never failed. */
  readonly lastError: ReceiveErrorSnapshot | null;
  readonly mode: FetchMode;
  readonly modeReason: FetchModeReason | null;
  readonly connectedSince: string | null;
  readonly lastNewMailAt: string | null;
  readonly nextPollAt: string | null;
}

export type FetchStateRow = Selectable<ReceiveFetchStateTable>;
export type LastErrorRow = Selectable<ReceiveLastErrorsTable>;

export const deriveFetchState = (run: FetchStateRow | null, lastError: LastErrorRow | null): FetchState => {
  if (run?.running === 1) return FetchState.FETCHING;
  if (lastError && lastError.cleared_at === null) return FetchState.ERROR;
  if (run?.last_success_at) return FetchState.OK;
  return FetchState.IDLE;
};

export const toFetchStatus = (accountId: string, mailboxNumber: number, run: FetchStateRow | null, lastError: LastErrorRow | null): FetchStatusSnapshot => ({
  accountId,
  mailboxNumber,
  state: deriveFetchState(run, lastError),
  lastAttemptAt: run?.last_attempt_at ?? null,
  lastFinishedAt: run?.last_finished_at ?? null,
  lastSuccessAt: run?.last_success_at ?? null,
  consecutiveFailures: run?.consecutive_failures ?? 0,
  lastImported: run?.last_imported ?? 0,
  lastSkipped: run?.last_skipped ?? 0,
  importedTotal: Number(run?.imported_total ?? 0),
  skippedTotal: Number(run?.skipped_total ?? 0),
  mode: (run?.mode as FetchMode | null) ?? FetchMode.POLLING,
  modeReason: (run?.mode_reason as FetchModeReason | null) ?? null,
  connectedSince: run?.connected_since ?? null,
  lastNewMailAt: run?.last_new_mail_at ?? null,
  nextPollAt: run?.next_poll_at ?? null,
  lastError: lastError
    ? {
        episodeId: lastError.episode_id,
        code: lastError.code,
        message: lastError.message,
        serverResponse: lastError.server_response,
        raisedAt: lastError.raised_at,
        clearedAt: lastError.cleared_at,
      }
    : null,
});

/** Status of many accounts in two queries (the GraphQL loader and the scheduler share it). */
export const loadFetchStatuses = async (
  db: Kysely<ReadModelDb>,
  accounts: readonly { accountId: string; mailboxNumber: number }[],
): Promise<FetchStatusSnapshot[]> => {
  if (accounts.length === 0) return [];
  const ids = accounts.map((a) => a.accountId);
  const [runs, errors] = await Promise.all([
    db.selectFrom('receive_fetch_state').selectAll().where('account_id', 'in', ids).execute(),
    db.selectFrom('receive_last_errors').selectAll().where('account_id', 'in', ids).execute(),
  ]);
  const runOf = new Map(runs.map((r) => [r.account_id, r]));
  const errorOf = new Map(errors.map((e) => [e.account_id, e]));
  return accounts.map((a) => toFetchStatus(a.accountId, a.mailboxNumber, runOf.get(a.accountId) ?? null, errorOf.get(a.accountId) ?? null));
};
