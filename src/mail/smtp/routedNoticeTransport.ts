import type { NoticeTransport } from '../notices/notice.js';
import type { OutboundSender } from './outboundSender.js';

export interface RoutedNoticeTransportOptions {
  readonly sender: Pick<OutboundSender, 'send'>;
  /** The From of a mailbox's notices, e.g. the mailbox's own address. */
  readonly noticeFrom: (mailboxNumber: number) => Promise<{ readonly address: string; readonly name?: string | null }>;
}

/**
 * Delivers system notices through the mailbox's route for them: kind SYSTEM_NOTICE,
 * which routing sends through the default server (built-in until another is chosen).
 * Throws on any failure, so the outbox retries; the Message-ID is derived from the
 * notice id, so a notice delivered twice after a crash can be recognised as one.
 */
export const createRoutedNoticeTransport = (options: RoutedNoticeTransportOptions): NoticeTransport => ({
  async deliver(notice) {
    const from = await options.noticeFrom(notice.mailboxNumber);
    const domain = from.address.slice(from.address.lastIndexOf('@') + 1);
    await options.sender.send({
      mailboxNumber: notice.mailboxNumber,
      kind: 'SYSTEM_NOTICE',
      from: from.address,
      fromName: from.name ?? null,
      to: notice.to,
      subject: notice.subject,
      text: notice.text,
      messageId: `<notice-${notice.id}@${domain}>`,
      // RFC 3834 §5: machine-generated, so auto-responders must not answer it.
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Mailroom-Notice': notice.kind },
    });
  },
});
