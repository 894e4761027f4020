/** Connection settings and transport errors of the POP3 client (pop3Client.ts). */
import { isIP } from 'node:net';
import type { FetchTlsOptions } from '../fetchTypes.js';

export type Pop3Security = 'none' | 'implicit' | 'starttls';

export interface Pop3ConnectOptions {
  readonly host: string;
  readonly port: number;
  readonly security: Pop3Security;
  readonly tls: FetchTlsOptions;
  readonly connectTimeoutMs: number;
  readonly greetingTimeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly signal?: AbortSignal;
}

/** No answer in time; `phase` says which wait expired. */
export class Pop3TimeoutError extends Error {
  constructor(readonly phase: 'connect' | 'greeting' | 'idle') {
    super(`POP3 ${phase} timeout`);
    this.name = 'Pop3TimeoutError';
  }
}

export class Pop3ClosedError extends Error {
  constructor(readonly command: string | undefined) {
    super(`The server closed the connection${command ? ` (after ${command})` : ''}`);
    this.name = 'Pop3ClosedError';
  }
}

/** TLS options for implicit TLS and STLS alike. */
export const tlsOptions = (options: Pop3ConnectOptions) => {
  // RFC 6066 §3: SNI carries host names only, never an IP literal.
  const servername = options.tls.servername ?? (isIP(options.host) ? undefined : options.host);
  return {
    host: options.host,
    ...(servername === undefined ? {} : { servername }),
    ...(options.tls.ca === undefined ? {} : { ca: options.tls.ca }),
    rejectUnauthorized: options.tls.rejectUnauthorized ?? true,
  };
};
