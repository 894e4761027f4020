import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import type { ServiceDkimIdentity } from '../../domain/outbound/outboundRoute.js';
import type { TxtResolver } from '../../mail/dkim/dkimDnsCheck.js';
import type { DkimDnsRecord } from '../../mail/dkim/dkimDnsRecord.js';
import { serviceDkimDnsRecord, serviceDkimIdentity, type ServiceDkimKey } from '../../mail/dkim/serviceDkimKey.js';
import type { BuiltinSmtpServer } from '../../mail/smtp/builtinServer.js';
import { OutboundSender, type OAuthAccessTokenSource, type OutboundSnapshotSource, type SecretDecrypter } from '../../mail/smtp/outboundSender.js';
import { createRoutedNoticeTransport } from '../../mail/smtp/routedNoticeTransport.js';
import type { SmtpTransportOptions } from '../../mail/smtp/smtpTransport.js';
import type { NoticeTransport } from '../../mail/notices/notice.js';
import { DkimSettingsService } from './dkimSettingsService.js';
import { OutboundCommands, type OutboundServiceOptions, type SecretEncrypter } from './outboundCommands.js';
import { readModelSnapshotSource } from './outboundReadModel.js';
import { SmtpSettingsService } from './smtpSettingsService.js';
import { TestMailReceipts } from './testMailReceipts.js';
import { TestMailService } from './testMailService.js';

export interface OutboundServices {
  readonly smtp: SmtpSettingsService;
  readonly dkim: DkimSettingsService;
  readonly testMail: TestMailService;
  /** Routes, signs and sends; the product's notices and test mail go through it. */
  readonly sender: OutboundSender;
  /** For the notice outbox: delivers through the mailbox's route for system notices. */
  readonly noticeTransport: NoticeTransport;
  /** The deployment's third-party key, public facts and the TXT record to publish; null when not configured. */
  readonly serviceDkim: (ServiceDkimIdentity & { readonly dnsRecord: DkimDnsRecord }) | null;
  /** Where the built-in server is (no credentials), null when not configured. */
  readonly builtinServer: { readonly host: string; readonly port: number; readonly encryption: 'SMTPS' | 'STARTTLS' } | null;
}

export interface OutboundServicesOptions extends Omit<OutboundServiceOptions, 'vault'> {
  readonly db: Kysely<ReadModelDb>;
  readonly vault: SecretEncrypter & SecretDecrypter;
  readonly builtin: BuiltinSmtpServer | null;
  readonly transport?: SmtpTransportOptions;
  readonly oauth?: OAuthAccessTokenSource;
  readonly resolveTxt?: TxtResolver;
  /** The deployment's third-party DKIM key (src/mail/dkim/serviceDkimKey.ts). @default none */
  readonly serviceDkim?: ServiceDkimKey | null;
}

/** Everything the outbound area offers, wired on the read models; built once by the composition root. */
export const createOutboundServices = (options: OutboundServicesOptions): OutboundServices => {
  const serviceDkim = options.serviceDkim ?? null;
  const snapshots = readModelSnapshotSource(options.db, serviceDkimIdentity(serviceDkim));
  const senderFor = (source: OutboundSnapshotSource, vault: SecretDecrypter) =>
    new OutboundSender({
      snapshots: source,
      vault,
      builtin: options.builtin,
      serviceDkim,
      ...(options.oauth ? { oauth: options.oauth } : {}),
      ...(options.transport ? { transport: options.transport } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    });
  const sender = senderFor(snapshots, options.vault);
  const receipts = new TestMailReceipts(options.vault);
  const smtp = new SmtpSettingsService(options, receipts);
  const noticeFrom = async (mailboxNumber: number) => {
    const row = await options.db.selectFrom('mailboxes').select(['address', 'name']).where('number', '=', mailboxNumber).executeTakeFirst();
    if (!row) throw new Error(`Mailbox ${mailboxNumber} has no read model row; the notice is retried later`);
    return { address: row.address, name: row.name };
  };
  return {
    smtp,
    dkim: new DkimSettingsService(options),
    testMail: new TestMailService(new OutboundCommands(options), snapshots, sender, { smtp, receipts, vault: options.vault, senderFor }),
    sender,
    noticeTransport: createRoutedNoticeTransport({ sender, noticeFrom }),
    serviceDkim: serviceDkimIdentity(serviceDkim) && { ...serviceDkimIdentity(serviceDkim)!, dnsRecord: serviceDkimDnsRecord(serviceDkim!) },
    builtinServer: options.builtin ? { host: options.builtin.host, port: options.builtin.port, encryption: options.builtin.encryption ?? 'STARTTLS' } : null,
  };
};

export { createRoutedNoticeTransport };
export { inboundOAuthTokenSource } from './oauthTokenSource.js';
