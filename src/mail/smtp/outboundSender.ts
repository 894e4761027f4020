import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { decideOutboundRoute, type OutboundRouteDecision, type OutboundRoutingConfig, type OutgoingEnvelope } from '../../domain/outbound/outboundRoute.js';
import { BUILTIN_SERVER_ID, type SmtpAuth, type SmtpEncryption } from '../../domain/outbound/smtpSettings.events.js';
import { ErrorCode, MailroomError } from '../../domain/shared/errors.js';
import { mailboxScope } from '../../secrets/vault.js';
import { signMessage } from '../dkim/dkimSigner.js';
import type { ServiceDkimKey } from '../dkim/serviceDkimKey.js';
import type { BuiltinSmtpServer } from './builtinServer.js';
import { SmtpSendError } from './smtpErrors.js';
import { sendRawMail, type SmtpConnectionSettings, type SmtpDelivery, type SmtpTransportOptions } from './smtpTransport.js';

/** How to reach a server, with its secrets still encrypted. */
export interface ServerConnectionRecord {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly encryption: SmtpEncryption;
  readonly auth: SmtpAuth;
}

/** A mailbox's outbound settings as the sender needs them. */
export interface OutboundSnapshot {
  readonly routing: OutboundRoutingConfig;
  /** External servers and the Rakuten relay (`rakuten-relay`), by server id. */
  readonly connections: ReadonlyMap<string, ServerConnectionRecord>;
  /** signatureId → vault ciphertext of the PKCS#8 PEM. */
  readonly dkimPrivateKeys: ReadonlyMap<string, string>;
}

export interface OutboundSnapshotSource {
  load(mailboxNumber: number): Promise<OutboundSnapshot>;
}

/** XOAUTH2 tokens come from the OAuth credentials area; this is the seam it plugs into. */
export interface OAuthAccessTokenSource {
  accessToken(request: { readonly mailboxNumber: number; readonly credentialId: string; readonly user: string }): Promise<string>;
}

export interface SecretDecrypter {
  decrypt(scope: string, ciphertext: string): Promise<string>;
}

export interface OutgoingMail extends OutgoingEnvelope {
  readonly mailboxNumber: number;
  readonly fromName?: string | null;
  readonly subject: string;
  readonly text: string;
  /** `<id@domain>`; a retried notice passes the same one so receivers can drop duplicates. @default a new one */
  readonly messageId?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export type SendDecision = Extract<OutboundRouteDecision, { outcome: 'SEND' }>;

export interface SentMail {
  readonly route: SendDecision;
  readonly messageId: string;
  readonly signed: boolean;
  readonly delivery: SmtpDelivery;
}

/** The routing rules refused the mail; nothing was sent. */
export class OutboundRefusedError extends MailroomError {
  constructor(readonly refusal: Extract<OutboundRouteDecision, { outcome: 'REFUSED' }>['refusal']) {
    super(ErrorCode.ILLEGAL_STATE, refusal.message, { details: { refusal: refusal.code, addresses: refusal.addresses } });
    this.name = 'OutboundRefusedError';
  }
}

export interface OutboundSenderOptions {
  readonly snapshots: OutboundSnapshotSource;
  readonly vault: SecretDecrypter;
  /** null: not configured; mail routed to it fails with ECONFIG. */
  readonly builtin: BuiltinSmtpServer | null;
  /** The deployment's third-party DKIM key. @default none: third-party signatures fail with ESIGN */
  readonly serviceDkim?: ServiceDkimKey | null;
  /** @default none: OAuth servers fail with EOAUTH2 */
  readonly oauth?: OAuthAccessTokenSource;
  readonly transport?: SmtpTransportOptions;
  /** @default () => new Date() */
  readonly clock?: () => Date;
}

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);

/**
 * Sends one mail the way the settings say: route (outboundRoute.ts decides), sign when the
 * route names a key, hand it to the chosen server. Throws `OutboundRefusedError` when the
 * rules refuse the mail and `SmtpSendError` when sending fails; decrypted secrets live only
 * for the duration of one call.
 */
export class OutboundSender {
  private readonly clock: () => Date;

  constructor(private readonly options: OutboundSenderOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  async route(mailboxNumber: number, envelope: OutgoingEnvelope): Promise<OutboundRouteDecision> {
    return decideOutboundRoute((await this.options.snapshots.load(mailboxNumber)).routing, envelope);
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    const snapshot = await this.options.snapshots.load(mail.mailboxNumber);
    const route = decideOutboundRoute(snapshot.routing, mail);
    if (route.outcome === 'REFUSED') throw new OutboundRefusedError(route.refusal);
    const settings = await this.connectionFor(mail.mailboxNumber, route.server.id, snapshot);
    const messageId = mail.messageId ?? `<${randomUUID()}@${domainOf(mail.from)}>`;
    let raw = await this.compose(mail, messageId);
    if (route.dkim?.serviceKey) {
      // A third-party signature: the deployment's key and d=, whatever the snapshot saw.
      const service = this.options.serviceDkim;
      if (!service) {
        throw new SmtpSendError('ESIGN', `DKIM signature ${JSON.stringify(route.dkim.name)} is third-party, but this deployment has no third-party key (MAILROOM_DKIM_THIRD_PARTY_DOMAIN)`);
      }
      const { domain, selector, algorithm, privateKeyPem } = service;
      raw = await signMessage(raw, { domain, selector, algorithm, privateKeyPem, bodyLengthLimit: route.dkim.bodyLengthLimit }, this.clock());
    } else if (route.dkim) {
      const ciphertext = snapshot.dkimPrivateKeys.get(route.dkim.signatureId);
      const privateKeyPem = ciphertext ? await this.decrypt(mail.mailboxNumber, ciphertext, 'ESIGN', `the private key of ${route.dkim.name}`) : null;
      if (!privateKeyPem) throw new SmtpSendError('ESIGN', `DKIM signature ${JSON.stringify(route.dkim.name)} has no private key`);
      raw = await signMessage(raw, { ...route.dkim, privateKeyPem }, this.clock());
    }
    const delivery = await sendRawMail(settings, { from: route.envelopeFrom, to: route.recipients }, raw, this.options.transport);
    return { route, messageId, signed: route.dkim !== null, delivery };
  }

  /** Where a server is and how to log in, secrets decrypted for this one send. */
  async connectionFor(mailboxNumber: number, serverId: string, snapshot: OutboundSnapshot): Promise<SmtpConnectionSettings & { readonly name: string }> {
    if (serverId === BUILTIN_SERVER_ID) {
      const builtin = this.options.builtin;
      if (!builtin) throw new SmtpSendError('ECONFIG', 'The built-in SMTP server is not configured on this installation (MAILROOM_BUILTIN_SMTP_URL)');
      const auth = builtin.user !== null ? { kind: 'password' as const, user: builtin.user, password: builtin.password ?? '' } : null;
      return { name: 'Built-in server', host: builtin.host, port: builtin.port, encryption: builtin.encryption ?? 'STARTTLS', auth };
    }
    const record = snapshot.connections.get(serverId);
    if (!record) throw new SmtpSendError('ECONFIG', `SMTP server ${JSON.stringify(serverId)} is not configured in mailbox ${mailboxNumber}`);
    const base = { name: record.name, host: record.host, port: record.port, encryption: record.encryption };
    if (record.auth.method === 'NONE') return { ...base, auth: null };
    if (record.auth.method === 'PASSWORD') {
      const password = await this.decrypt(mailboxNumber, record.auth.passwordCiphertext, 'ECONFIG', `the password of ${record.name}`);
      const mechanism = record.auth.mechanism === 'AUTO' ? null : record.auth.mechanism === 'CRAM_MD5' ? 'CRAM-MD5' : record.auth.mechanism;
      return { ...base, auth: { kind: 'password', user: record.auth.user, password, mechanism } };
    }
    const oauth = this.options.oauth;
    if (!oauth) throw new SmtpSendError('EOAUTH2', `No OAuth token source is available for ${JSON.stringify(record.name)}`);
    const request = { mailboxNumber, credentialId: record.auth.oauthCredentialId, user: record.auth.user };
    const accessToken = await oauth.accessToken(request).catch((cause: unknown) => {
      throw new SmtpSendError('EOAUTH2', `Could not obtain an OAuth access token for ${JSON.stringify(record.name)}`, { cause });
    });
    return { ...base, auth: { kind: 'oauth2', user: record.auth.user, accessToken } };
  }

  private async decrypt(mailboxNumber: number, ciphertext: string, code: 'ECONFIG' | 'ESIGN', what: string): Promise<string> {
    try {
      return await this.options.vault.decrypt(mailboxScope(mailboxNumber), ciphertext);
    } catch (cause) {
      throw new SmtpSendError(code, `Cannot read ${what}: ${(cause as Error).message}`, { cause });
    }
  }

  private compose(mail: OutgoingMail, messageId: string): Promise<Buffer> {
    // Bcc is left out of the headers on purpose: it travels only in the envelope.
    return new MailComposer({
      from: mail.fromName ? { name: mail.fromName, address: mail.from } : mail.from,
      to: [...mail.to],
      ...(mail.cc && mail.cc.length > 0 ? { cc: [...mail.cc] } : {}),
      subject: mail.subject,
      text: mail.text,
      messageId,
      date: this.clock(),
      headers: { ...mail.headers },
    })
      .compile()
      .build();
  }
}
