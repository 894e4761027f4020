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
  MAILBOX_RESET: 'MAILBOX_RESET',
  TEST: 'TEST',
} as const;
export type NoticeKind = (typeof NoticeKind)[keyof typeof NoticeKind];

export interface Notice {
  /** Mailbox whose settings decide the route (its default SMTP server). */
  readonly mailboxNumber: number;
  readonly kind: NoticeKind;
  /** E-mail recipients; at least one. */
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  /**
   * Recording the same key twice records one notice: derive it from what the notice is
   * about (e.g. `receive-error:<accountId>:<episode position>`), not from the time.
   */
  readonly idempotencyKey: string;
}

export interface NoticeSender {
  /** Records the notice durably; delivery happens asynchronously with retries. Resolves once recorded. */
  send(notice: Notice): Promise<void>;
}

/** A recorded notice as a transport sees it: chat rows name their destination. */
export type RecordedNotice = Notice & { readonly id: string; readonly channel?: 'email' | 'chat'; readonly destinationId?: string | null };

/** Delivers one recorded notice; throws to have it retried later (NoticeDeliveryError to say more). */
export interface NoticeTransport {
  deliver(notice: RecordedNotice): Promise<void>;
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
