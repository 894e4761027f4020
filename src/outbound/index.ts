import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../db/schema.js';
import type { TxtResolver } from '../mail/dkim/dkimDnsCheck.js';
import type { BuiltinSmtpServer } from '../mail/smtp/builtinServer.js';
import { OutboundSender, type OAuthAccessTokenSource, type OutboundSnapshotSource, type SecretDecrypter } from '../mail/smtp/outboundSender.js';
import { createRoutedNoticeTransport } from '../mail/smtp/routedNoticeTransport.js';
import type { SmtpTransportOptions } from '../mail/smtp/smtpTransport.js';
import type { NoticeTransport } from '../mail/notices/notice.js';
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
}

/** Everything the outbound area offers, wired on the read models; built once by the composition root. */
export const createOutboundServices = (options: OutboundServicesOptions): OutboundServices => {
  const snapshots = readModelSnapshotSource(options.db);
  const senderFor = (source: OutboundSnapshotSource, vault: SecretDecrypter) =>
    new OutboundSender({
      snapshots: source,
      vault,
      builtin: options.builtin,
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
    builtinServer: options.builtin ? { host: options.builtin.host, port: options.builtin.port, encryption: options.builtin.encryption ?? 'STARTTLS' } : null,
  };
};

export { createRoutedNoticeTransport };
export { inboundOAuthTokenSource } from './oauthTokenSource.js';
