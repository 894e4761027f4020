import nodemailer from 'nodemailer';
import type { SmtpEncryption } from '../../domain/outbound/smtpSettings.events.js';
import { createEgressPolicy, isEgressRefused, type EgressPolicy, type EgressTarget } from '../../net/egress.js';
import { classifySmtpError, SmtpSendError } from './smtpErrors.js';

/** Everything needed to talk to one server; secrets already decrypted, held only for this send. */
export interface SmtpConnectionSettings {
  readonly host: string;
  readonly port: number;
  readonly encryption: SmtpEncryption;
  /** null: no AUTH (a relay that trusts the connecting address). */
  readonly auth:
    | {
        readonly kind: 'password';
        readonly user: string;
        readonly password: string;
        /** The SASL mechanism to use; null: the first the server offers. @default null */
        readonly mechanism?: 'PLAIN' | 'LOGIN' | 'CRAM-MD5' | null;
      }
    | { readonly kind: 'oauth2'; readonly user: string; readonly accessToken: string }
    | null;
}

/** Replies to AUTH that mean "not this mechanism / no AUTH here": 504 (RFC 4954 §4, §6), 500/502 for a server without AUTH at all (RFC 5321 §4.2.4), 503. */
const MECHANISM_REFUSED = new Set([500, 502, 503, 504]);

export interface SmtpTransportOptions {
  /**
   * Extra trusted CA certificates (PEM) for servers with a private CA. Added to Node's
   * bundled roots, never replacing them. @default none
   */
  readonly extraCa?: readonly string[];
  /** @default 10_000 */
  readonly connectionTimeoutMs?: number;
  /** @default 30_000 */
  readonly socketTimeoutMs?: number;
  /** EHLO name. @default nodemailer's (the machine's host name) */
  readonly clientName?: string;
  /** Where the server may be (src/net/egress.ts). @default nothing allowed */
  readonly egress?: EgressPolicy;
}

export interface SmtpDelivery {
  readonly accepted: readonly string[];
  readonly rejected: readonly { readonly address: string; readonly response: string | null; readonly responseCode: number | null }[];
  /** The server's final reply, e.g. "250 2.0.0 Ok: queued as 4F3A". */
  readonly response: string;
}

interface RejectedError {
  readonly recipient?: string;
  readonly response?: string;
  readonly responseCode?: number;
}

const tlsRoots = async (): Promise<readonly string[]> => (await import('node:tls')).rootCertificates;

/**
 * Hands one raw RFC 5322 message to one server. SMTPS connects with TLS; STARTTLS
 * upgrades and refuses to continue in clear text (RFC 3207 §4: a client that requires
 * TLS must not send mail if the upgrade fails). Every failure leaves here as an
 * `SmtpSendError`.
 */
export const sendRawMail = async (
  settings: SmtpConnectionSettings,
  envelope: { readonly from: string; readonly to: readonly string[] },
  raw: Buffer,
  options: SmtpTransportOptions = {},
): Promise<SmtpDelivery> => {
  let target: EgressTarget;
  try {
    target = await (options.egress ?? createEgressPolicy()).resolve(settings.host);
  } catch (error) {
    if (isEgressRefused(error)) throw new SmtpSendError('ECONNECTION', error.message, { command: 'CONN', cause: error });
    // A name that does not resolve: as nodemailer reports it.
    throw new SmtpSendError('EDNS', `The host ${settings.host} could not be resolved: ${(error as Error).message}`, { command: 'CONN', cause: error });
  }
  const ca = options.extraCa && options.extraCa.length > 0 ? [...(await tlsRoots()), ...options.extraCa] : undefined;
  const auth =
    settings.auth === null
      ? undefined
      : settings.auth.kind === 'password'
        ? { user: settings.auth.user, pass: settings.auth.password }
        : { type: 'OAuth2' as const, user: settings.auth.user, accessToken: settings.auth.accessToken };
  // A chosen mechanism is insisted on: without forceAuth nodemailer would quietly send
  // unauthenticated to a server that advertises no AUTH at all.
  const mechanism = settings.auth?.kind === 'password' ? (settings.auth.mechanism ?? null) : settings.auth?.kind === 'oauth2' ? 'XOAUTH2' : null;
  const transport = nodemailer.createTransport({
    // The checked address, never the name again (src/net/egress.ts); the name stays for TLS.
    host: target.address,
    port: settings.port,
    secure: settings.encryption === 'SMTPS',
    requireTLS: settings.encryption === 'STARTTLS',
    ...(auth ? { auth } : {}),
    ...(mechanism ? { authMethod: mechanism, forceAuth: true } : {}),
    tls: {
      minVersion: 'TLSv1.2',
      ...(ca ? { ca } : {}),
      // SNI and the certificate check on the name (RFC 6066 §3 forbids IP literals in server_name).
      ...(target.servername ? { servername: target.servername } : {}),
    },
    connectionTimeout: options.connectionTimeoutMs ?? 10_000,
    greetingTimeout: options.connectionTimeoutMs ?? 10_000,
    socketTimeout: options.socketTimeoutMs ?? 30_000,
    ...(options.clientName ? { name: options.clientName } : {}),
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  try {
    const info = await transport.sendMail({ envelope: { from: envelope.from, to: [...envelope.to] }, raw });
    const rejectedErrors = ((info as { rejectedErrors?: RejectedError[] }).rejectedErrors ?? []) as RejectedError[];
    return {
      accepted: (info.accepted ?? []).map(String),
      rejected: (info.rejected ?? []).map((address: unknown) => {
        const detail = rejectedErrors.find((r) => r.recipient === String(address));
        return { address: String(address), response: detail?.response ?? null, responseCode: detail?.responseCode ?? null };
      }),
      response: String(info.response ?? ''),
    };
  } catch (error) {
    const classified = classifySmtpError(error);
    if (mechanism && classified.code === 'EAUTH' && classified.responseCode !== null && MECHANISM_REFUSED.has(classified.responseCode)) {
      throw new SmtpSendError('EAUTHMECH', `The server does not offer AUTH ${mechanism}; choose a mechanism it offers (or AUTO for password authentication)`, {
        response: classified.response,
        responseCode: classified.responseCode,
        command: classified.command,
        cause: error,
      });
    }
    throw classified;
  } finally {
    transport.close();
  }
};

export { SmtpSendError };
