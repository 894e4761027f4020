import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import type { ReceiveAccountSettings, ReceiveErrorsEvent } from '../../domain/inbound/index.js';
import { noticeRecipients } from '../../inbound/noticeRecipients.js';
import { NoticeKind, type Notice } from '../notices/notice.js';

const ERROR_TITLES: Readonly<Record<string, string>> = {
  AUTH: 'authentication failed',
  CONNECTION: 'cannot connect to the server',
  TLS: 'secure connection (TLS) failed',
  TIMEOUT: 'the server did not answer in time',
  PROTOCOL: 'the server answered something unexpected',
  TOO_LARGE: 'a message is too large',
  OVER_LIMIT: 'the server holds 1,500,000 messages or more',
  REAUTHORIZATION_REQUIRED: 'the OAuth authorization must be renewed',
};

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * The notice for one receive-error event, or null when nobody can receive it. One event
 * is one notice: the idempotency key is derived from the episode (or the message), so a
 * retried fetch run never sends it twice. Recipients: the account's error-notification
 * address and the mailbox's operations administrators (manual: 25 MB excess and the
 * 1,500,000-message limit are notified to the operations administrator).
 */
export const receiveNoticeFor = async (
  db: Kysely<ReadModelDb>,
  event: ReceiveErrorsEvent,
  account: ReceiveAccountSettings,
): Promise<Notice | null> => {
  const { mailboxNumber, accountId } = event.data;
  // Sent even without e-mail recipients: the outbox also fans notices out to chat destinations.
  const to = await noticeRecipients(db, mailboxNumber, [account.errorNotificationAddress]);
  const where = `receive account "${account.displayName}" (${account.protocol} ${account.auth.username}@${account.host}:${account.port}) of mailbox ${mailboxNumber}`;
  switch (event.type) {
    case 'ReceiveErrorRaised': {
      const d = event.data;
      return {
        mailboxNumber,
        kind: d.code === 'OVER_LIMIT' ? NoticeKind.MAILBOX_OVER_LIMIT : NoticeKind.RECEIVE_ERROR_RAISED,
        to,
        subject: `[Mailroom] Receive error (${d.code}): ${ERROR_TITLES[d.code] ?? d.code} — ${account.displayName}`,
        text: [
          `Fetching mail for ${where} failed: ${ERROR_TITLES[d.code] ?? d.code}.`,
          `Error: ${d.message}`,
          d.serverResponse ? `Server response: ${d.serverResponse}` : '',
          'Fetching is retried automatically; this notice is sent once until the account receives again.',
        ]
          .filter(Boolean)
          .join('\n'),
        idempotencyKey: `receive-error:${accountId}:${d.episodeId}`,
      };
    }
    case 'ReceiveErrorCleared':
      return {
        mailboxNumber,
        kind: NoticeKind.RECEIVE_ERROR_CLEARED,
        to,
        subject: `[Mailroom] Receiving works again — ${account.displayName}`,
        text: `Fetching mail for ${where} succeeded again after the error ${event.data.code}.`,
        idempotencyKey: `receive-error-cleared:${accountId}:${event.data.episodeId}`,
      };
    case 'ReceiveMessageTooLarge':
      return {
        mailboxNumber,
        kind: NoticeKind.MESSAGE_TOO_LARGE,
        to,
        subject: `[Mailroom] A message over ${mib(event.data.limitBytes)} was not received — ${account.displayName}`,
        text: [
          `A message of ${mib(event.data.sizeBytes)} in ${where} is larger than the limit of ${mib(event.data.limitBytes)} and was not imported.`,
          `It was left on the server (${event.data.messageKey}). Receive it with another mail client or ask the sender for a smaller message.`,
        ].join('\n'),
        idempotencyKey: `message-too-large:${accountId}:${event.data.messageKey}`,
      };
    default:
      return null;
  }
};
