import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../../../db/schema.js';
import type { ReceiveAccountSettings, ReceiveErrorsEvent } from '../../../domain/inbound/index.js';
import { noticeRecipients } from '../noticeRecipients.js';
import { NoticeKind, type Notice } from '../../../mail/notices/notice.js';

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
  const where = {
    mailboxNumber,
    displayName: account.displayName,
    protocol: account.protocol,
    username: account.auth.username,
    host: account.host,
    port: account.port,
  };
  switch (event.type) {
    case 'ReceiveErrorRaised': {
      const d = event.data;
      const facts = { account: where, code: d.code, message: d.message, serverResponse: d.serverResponse ?? null };
      const key = `receive-error:${accountId}:${d.episodeId}`;
      return d.code === 'OVER_LIMIT'
        ? { mailboxNumber, kind: NoticeKind.MAILBOX_OVER_LIMIT, facts, to, idempotencyKey: key }
        : { mailboxNumber, kind: NoticeKind.RECEIVE_ERROR_RAISED, facts, to, idempotencyKey: key };
    }
    case 'ReceiveErrorCleared':
      return {
        mailboxNumber,
        kind: NoticeKind.RECEIVE_ERROR_CLEARED,
        facts: { account: where, code: event.data.code },
        to,
        idempotencyKey: `receive-error-cleared:${accountId}:${event.data.episodeId}`,
      };
    case 'ReceiveMessageTooLarge':
      return {
        mailboxNumber,
        kind: NoticeKind.MESSAGE_TOO_LARGE,
        facts: { account: where, sizeBytes: event.data.sizeBytes, limitBytes: event.data.limitBytes, messageKey: event.data.messageKey },
        to,
        idempotencyKey: `message-too-large:${accountId}:${event.data.messageKey}`,
      };
    default:
      return null;
  }
};
