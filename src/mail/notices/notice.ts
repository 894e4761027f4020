import type { NoticeLanguage } from '../../domain/integrations/noticeLanguage.decider.js';
import type { NoticeContent, NoticeFacts } from './texts/catalogue.js';

/**
 * System notices (receive errors, oversized messages, account locks, …) leave through one
 * path: they are recorded in a durable outbox first, then delivered with retries, so a
 * crash or an SMTP outage never loses or doubles one.
 */

export const NoticeKind = {
  RECEIVE_ERROR_RAISED: 'RECEIVE_ERROR_RAISED',
  RECEIVE_ERROR_CLEARED: 'RECEIVE_ERROR_CLEARED',
  MESSAGE_TOO_LARGE: 'MESSAGE_TOO_LARGE',
  MAILBOX_OVER_LIMIT: 'MAILBOX_OVER_LIMIT',
  OAUTH_REAUTHORIZATION_REQUIRED: 'OAUTH_REAUTHORIZATION_REQUIRED',
  USER_LOCKED: 'USER_LOCKED',
  USER_UNLOCKED: 'USER_UNLOCKED',
  ADDRESS_BLOCKED: 'ADDRESS_BLOCKED',
  MAILBOX_RESET: 'MAILBOX_RESET',
  SETTING_CHANGED: 'SETTING_CHANGED',
  TEST: 'TEST',
} as const;
export type NoticeKind = (typeof NoticeKind)[keyof typeof NoticeKind];

/** A kind without facts (so without texts), or facts for no kind, does not compile. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
export type KindsHaveFacts = Holds<Same<NoticeKind, keyof NoticeFacts>>;

/**
 * A notice as an emitter hands it over: its kind and facts, not its texts. The outbox
 * renders the texts (src/mail/notices/texts/) when it records the notice, in the language
 * of `mailboxNumber`.
 */
export type Notice = NoticeContent & {
  /** Mailbox whose settings decide the route (its default SMTP server) and the language. */
  readonly mailboxNumber: number;
  /** E-mail recipients; may be empty when only chat destinations are to hear of it. */
  readonly to: readonly string[];
  /**
   * Recording the same key twice records one notice: derive it from what the notice is
   * about (e.g. `receive-error:<accountId>:<episode position>`), not from the time.
   */
  readonly idempotencyKey: string;
  /**
   * Only when the mailbox's current setting is not the one to speak: a reset notice is
   * written in the language the mailbox had before the reset forgot it.
   */
  readonly language?: NoticeLanguage;
  /**
   * Chat destinations the emitter names itself instead of the fan-out by subscription, each
   * with its own sealed copy of the destination and its credential (src/mail/notices/chat/chatCopy.ts).
   * Only a mailbox reset does: it wipes the destinations and shreds their credentials.
   */
  readonly chatCopies?: readonly { readonly destinationId: string; readonly copy: string }[];
};

/** A chat row's idempotency key: the notice's, per destination. */
export const chatRowKey = (noticeKey: string, destinationId: string): string => `${noticeKey}#chat:${destinationId}`;

export interface NoticeSender {
  /** Records the notice durably; delivery happens asynchronously with retries. Resolves once recorded. */
  send(notice: Notice): Promise<void>;
}

/**
 * A recorded notice as a transport sees it, texts rendered: an e-mail row's subject and
 * body, or a chat row's title (`subject`) and message (`text`). Chat rows name their destination.
 */
export interface RecordedNotice {
  readonly id: string;
  readonly mailboxNumber: number;
  readonly kind: NoticeKind;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly idempotencyKey: string;
  readonly channel?: 'email' | 'chat';
  readonly destinationId?: string | null;
  /** A chat row's own copy of its destination (see `Notice.chatCopies`); the transport uses it instead of the destination's stream. */
  readonly chatCopy?: string | null;
}

/** Delivers one recorded notice; throws to have it retried later (NoticeDeliveryError to say more). */
export interface NoticeTransport {
  deliver(notice: RecordedNotice): Promise<void>;
  /**
   * Called once a row carrying a `chatCopy` is settled (sent, or given up), and again after a
   * crash until it succeeds: the transport destroys the copy, so no secret outlives its use.
   */
  release?(notice: RecordedNotice): Promise<void>;
}

/**
 * What a transport throws when it knows more than "try again later": a refusal that no
 * retry will change (`permanent`, e.g. HTTP 400/403/404), or the time the peer asked to be
 * retried at (HTTP 429 `Retry-After`, RFC 9110 §10.2.3). Anything else is retried with backoff.
 */
export class NoticeDeliveryError extends Error {
  readonly permanent: boolean;
  readonly retryAt: Date | null;

  constructor(message: string, options: { permanent?: boolean; retryAt?: Date | null } = {}) {
    super(message);
    this.name = 'NoticeDeliveryError';
    this.permanent = options.permanent ?? false;
    this.retryAt = options.retryAt ?? null;
  }
}
