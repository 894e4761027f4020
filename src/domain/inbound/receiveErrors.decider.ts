import { validationError } from '../shared/errors.js';
import { ReceiveErrorCode } from '../shared/mailFailureCodes.js';
import type { DomainEvent } from '../shared/decider.js';
import { requireOneOf, requirePositiveInteger, requireUuid } from '../identity/validation.js';
import { assertNever, type Command, type Decider } from '../shared/decider.js';

/**
 * Receive error episodes of one receive account. Stream `receive-errors-<accountId>`,
 * written by the fetch scheduler (actor: the system), apart from the settings stream so a
 * fetch never conflicts with an administrator's edit.
 *
 * Rules (all of them live here):
 * - An episode starts with the first failed fetch after a success (or ever): one
 *   `ReceiveErrorRaised`. Further failures with the same code belong to the episode and
 *   append nothing, so notices go out once per episode, not per poll.
 * - A failure with a different code while an episode is open starts a new episode (a new
 *   `ReceiveErrorRaised` naming the one it supersedes): it is a different problem, and whoever
 *   fixed the first one must hear about the second.
 * - The first successful fetch during an episode appends `ReceiveErrorCleared`; a success
 *   outside an episode appends nothing.
 * - A message over the size limit is reported once per message (`ReceiveMessageTooLarge`),
 *   however many polls see it again; the account keeps fetching the others. The memory of
 *   reported messages is bounded (oldest forgotten first).
 */

/** What an episode records and its notice says; defined with the fetch and SMTP codes in ../shared/mailFailureCodes.ts. */
export { ReceiveErrorCode };
export const receiveErrorCodes: readonly ReceiveErrorCode[] = Object.values(ReceiveErrorCode);

/** 25 MB, the manual's per-message limit (1 MB = 1024 × 1024 bytes). */
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
export const TOO_LARGE_MEMORY = 1000;

export const receiveErrorsStreamId = (accountId: string): string => `receive-errors-${accountId}`;

export interface ReceiveFailure {
  readonly code: ReceiveErrorCode;
  readonly message: string;
  /** The server's own words (e.g. `NO [AUTHENTICATIONFAILED] …`), when it said something. */
  readonly serverResponse: string | null;
}

export interface TooLargeMessage {
  /** Stable per message on the server: IMAP `<uidvalidity>:<uid>`, POP3 the UIDL. */
  readonly messageKey: string;
  readonly sizeBytes: number;
}

// ---- Commands ----
export type RecordFetchOutcome = Command<
  'RecordFetchOutcome',
  {
    readonly mailboxNumber: number;
    readonly accountId: string;
    /** Id for the episode this outcome would open; ignored when none opens. */
    readonly newEpisodeId: string;
    readonly failure: ReceiveFailure | null;
    readonly tooLarge: readonly TooLargeMessage[];
  }
>;
export type ReceiveErrorsCommand = RecordFetchOutcome;

// ---- Events ----
interface AccountRef {
  readonly mailboxNumber: number;
  readonly accountId: string;
}
export type ReceiveErrorRaised = DomainEvent<
  'ReceiveErrorRaised',
  AccountRef & ReceiveFailure & { readonly episodeId: string; readonly supersedesEpisodeId: string | null }
>;
export type ReceiveErrorCleared = DomainEvent<
  'ReceiveErrorCleared',
  AccountRef & { readonly episodeId: string; readonly code: ReceiveErrorCode }
>;
export type ReceiveMessageTooLarge = DomainEvent<
  'ReceiveMessageTooLarge',
  AccountRef & TooLargeMessage & { readonly limitBytes: number }
>;
export type ReceiveErrorsEvent = ReceiveErrorRaised | ReceiveErrorCleared | ReceiveMessageTooLarge;

export const receiveErrorsEventTypes = [
  'ReceiveErrorRaised',
  'ReceiveErrorCleared',
  'ReceiveMessageTooLarge',
] as const satisfies readonly ReceiveErrorsEvent['type'][];

// ---- State ----
export interface ReceiveErrorsState {
  readonly episode: { readonly episodeId: string; readonly code: ReceiveErrorCode } | null;
  /** Reported too-large message keys, oldest first. */
  readonly reportedTooLarge: readonly string[];
}

export const initialReceiveErrorsState = (): ReceiveErrorsState => ({ episode: null, reportedTooLarge: [] });

const requireFailure = (failure: ReceiveFailure): ReceiveFailure => ({
  code: requireOneOf(['failure', 'code'], failure.code, receiveErrorCodes),
  message: typeof failure.message === 'string' && failure.message.length > 0 ? failure.message.slice(0, 2000) : failure.code,
  serverResponse: typeof failure.serverResponse === 'string' ? failure.serverResponse.slice(0, 2000) : null,
});

const recordOutcome = ({ data }: RecordFetchOutcome, state: ReceiveErrorsState): ReceiveErrorsEvent[] => {
  const ref: AccountRef = {
    mailboxNumber: requirePositiveInteger(['mailboxNumber'], data.mailboxNumber),
    accountId: requireUuid(['accountId'], data.accountId),
  };
  const events: ReceiveErrorsEvent[] = [];
  const seen = new Set(state.reportedTooLarge);
  for (const m of data.tooLarge) {
    if (typeof m.messageKey !== 'string' || m.messageKey.length === 0) throw validationError(['tooLarge', 'messageKey'], 'Expected a message key, got none');
    if (seen.has(m.messageKey)) continue;
    seen.add(m.messageKey);
    events.push({ type: 'ReceiveMessageTooLarge', data: { ...ref, messageKey: m.messageKey, sizeBytes: m.sizeBytes, limitBytes: MAX_MESSAGE_BYTES } });
  }
  const open = state.episode;
  if (data.failure === null) {
    if (open) events.push({ type: 'ReceiveErrorCleared', data: { ...ref, episodeId: open.episodeId, code: open.code } });
    return events;
  }
  const failure = requireFailure(data.failure);
  if (open?.code === failure.code) return events;
  events.push({
    type: 'ReceiveErrorRaised',
    data: { ...ref, ...failure, episodeId: requireUuid(['newEpisodeId'], data.newEpisodeId), supersedesEpisodeId: open?.episodeId ?? null },
  });
  return events;
};

export const decideReceiveErrors = (command: ReceiveErrorsCommand, state: ReceiveErrorsState): readonly ReceiveErrorsEvent[] => {
  switch (command.type) {
    case 'RecordFetchOutcome':
      return recordOutcome(command, state);
    default:
      return assertNever(command.type);
  }
};

export const evolveReceiveErrors = (state: ReceiveErrorsState, event: ReceiveErrorsEvent): ReceiveErrorsState => {
  switch (event.type) {
    case 'ReceiveErrorRaised':
      return { ...state, episode: { episodeId: event.data.episodeId, code: event.data.code } };
    case 'ReceiveErrorCleared':
      return { ...state, episode: null };
    case 'ReceiveMessageTooLarge':
      return { ...state, reportedTooLarge: [...state.reportedTooLarge, event.data.messageKey].slice(-TOO_LARGE_MEMORY) };
    default:
      return assertNever(event);
  }
};

export const receiveErrorsDecider: Decider<ReceiveErrorsState, ReceiveErrorsCommand, ReceiveErrorsEvent> = {
  decide: decideReceiveErrors,
  evolve: evolveReceiveErrors,
  initialState: initialReceiveErrorsState,
};
