/**
 * One error taxonomy for the whole server. Codes are stable API: clients switch on
 * `code`, never on message text or class. A test pins the list.
 */
export const ErrorCode = {
  /** Input has the wrong shape or violates a product rule; nothing was changed. */
  VALIDATION: 'VALIDATION',
  /** The aggregate is not in a state that allows the command. */
  ILLEGAL_STATE: 'ILLEGAL_STATE',
  NOT_FOUND: 'NOT_FOUND',
  /** Something with the same identity or unique name already exists. */
  ALREADY_EXISTS: 'ALREADY_EXISTS',
  /** Optimistic concurrency: the stream moved on since it was read. */
  CONCURRENCY: 'CONCURRENCY',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  /** Too many requests (rate limits). */
  RATE_LIMITED: 'RATE_LIMITED',
  /** Anything not classified; masked outside development. */
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface MailroomErrorOptions {
  /** Field path of the offending input, e.g. `['input', 'port']`. */
  readonly path?: readonly string[];
  readonly cause?: unknown;
  /** Extra machine-readable detail safe to show to the caller. */
  readonly details?: Readonly<Record<string, unknown>>;
}

export class MailroomError extends Error {
  readonly code: ErrorCode;
  /**
   * Input field the error is about. Not called `path`: graphql-js treats any error with
   * an array `path` as an already-located GraphQLError and would pass it through raw.
   */
  readonly fieldPath: readonly string[];
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: MailroomErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MailroomError';
    this.code = code;
    this.fieldPath = options.path ?? [];
    this.details = options.details ?? {};
  }
}

export const validationError = (path: readonly string[], message: string): MailroomError =>
  new MailroomError(ErrorCode.VALIDATION, message, { path });

export const illegalState = (message: string, path: readonly string[] = []): MailroomError =>
  new MailroomError(ErrorCode.ILLEGAL_STATE, message, { path });

export const notFound = (what: string, id: string, path: readonly string[] = []): MailroomError =>
  new MailroomError(ErrorCode.NOT_FOUND, `${what} ${JSON.stringify(id)} does not exist`, { path });

export const alreadyExists = (message: string, path: readonly string[] = []): MailroomError =>
  new MailroomError(ErrorCode.ALREADY_EXISTS, message, { path });

export const forbidden = (message = 'You are not allowed to do this'): MailroomError =>
  new MailroomError(ErrorCode.FORBIDDEN, message);

export const unauthenticated = (message = 'Authentication required'): MailroomError =>
  new MailroomError(ErrorCode.UNAUTHENTICATED, message);

/** Raised by event store adapters when the expected revision does not hold. */
export class ConcurrencyError extends MailroomError {
  constructor(
    readonly streamId: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(
      ErrorCode.CONCURRENCY,
      `Stream ${JSON.stringify(streamId)} was expected at revision ${expected} but is at ${actual}`,
    );
    this.name = 'ConcurrencyError';
  }
}

export const isMailroomError = (e: unknown): e is MailroomError => e instanceof MailroomError;
export const isConcurrencyError = (e: unknown): e is ConcurrencyError =>
  isMailroomError(e) && e.code === ErrorCode.CONCURRENCY;
