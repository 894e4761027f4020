import { FetchErrorCode } from '../../domain/shared/mailFailureCodes.js';

/**
 * The one error a fetch ends with. Every failure of a mail server, a socket, TLS or our
 * own store is classified once, at the fetch edge (classifyFetchError.ts), into one of
 * these stable codes; the scheduler, account status and notices switch on `code` only.
 * Fields follow nodemailer's errors: `response` (the server's line), `responseCode`
 * (IMAP `[AUTHENTICATIONFAILED]`, POP3 `[IN-USE]`, RFC 2449/3206) and `command`.
 * The codes, what each means and what the same failure is called when sending and in the
 * receive-errors stream, are in the one table of src/domain/shared/mailFailureCodes.ts.
 */
export { FetchErrorCode };

export interface FetchErrorOptions {
  /** The server's response line, e.g. `-ERR [AUTH] Authentication failed.` */
  readonly response?: string;
  /** Bracketed response code without brackets, e.g. `AUTHENTICATIONFAILED`, `IN-USE`. */
  readonly responseCode?: string;
  /** The command that failed, secrets replaced: `PASS ***`, `LOGIN`, `RETR 3`. */
  readonly command?: string;
  readonly cause?: unknown;
}

export class FetchError extends Error {
  readonly code: FetchErrorCode;
  readonly response: string | undefined;
  readonly responseCode: string | undefined;
  readonly command: string | undefined;

  constructor(code: FetchErrorCode, message: string, options: FetchErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FetchError';
    this.code = code;
    this.response = options.response;
    this.responseCode = options.responseCode;
    this.command = options.command;
  }

  /** Plain data for logs, events and GraphQL (no cause chain, no stack). */
  toJSON(): { code: FetchErrorCode; message: string; response?: string; responseCode?: string; command?: string } {
    return {
      code: this.code,
      message: this.message,
      ...(this.response === undefined ? {} : { response: this.response }),
      ...(this.responseCode === undefined ? {} : { responseCode: this.responseCode }),
      ...(this.command === undefined ? {} : { command: this.command }),
    };
  }
}

export const isFetchError = (e: unknown): e is FetchError => e instanceof FetchError;

/** For the OAuth side: a refresh that failed for good means the user must authorize again. */
export const reauthorizationRequired = (message: string, cause?: unknown): FetchError =>
  new FetchError(FetchErrorCode.REAUTHORIZATION_REQUIRED, message, { cause });
