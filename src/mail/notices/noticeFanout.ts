import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import { ChatEventKind } from '../../domain/integrations/chatDestinations.decider.js';
import { NoticeKind, type Notice } from './notice.js';

/**
 * Which chat event kind (the destination's subscription) a notice kind belongs to. A
 * receive error's follow-ups (cleared, over the limit, message too large) go where the
 * error went: the e-mail notices of those kinds share the error's recipients too. Unlocks,
 * resets and test mails are not chat notices.
 */
export const chatEventKindOf = (kind: NoticeKind): ChatEventKind | null => {
  switch (kind) {
    case NoticeKind.RECEIVE_ERROR_RAISED:
    case NoticeKind.RECEIVE_ERROR_CLEARED:
    case NoticeKind.MAILBOX_OVER_LIMIT:
    case NoticeKind.MESSAGE_TOO_LARGE:
      return ChatEventKind.RECEIVE_ERROR;
    case NoticeKind.USER_LOCKED:
      return ChatEventKind.ACCOUNT_LOCKED;
    case NoticeKind.OAUTH_REAUTHORIZATION_REQUIRED:
      return ChatEventKind.OAUTH_REAUTHORIZATION_REQUIRED;
    default:
      return null;
  }
};

/**
 * The notice fan-out: the enabled chat destinations of the notice's mailbox subscribed to
 * its kind. The outbox calls it inside `send`, so every emitter that records a notice
 * through the NoticeSender reaches chat without knowing about it.
 */
export const chatDestinationsForNotice =
  (db: Kysely<ReadModelDb>) =>
  async (notice: Notice): Promise<string[]> => {
    const eventKind = chatEventKindOf(notice.kind);
    if (eventKind === null) return [];
    const rows = await db
      .selectFrom('chat_destinations')
      .select(['destination_id', 'event_kinds'])
      .where('mailbox_number', '=', notice.mailboxNumber)
      .where('enabled', '=', 1)
      .orderBy('created_at')
      .execute();
    return rows.filter((r) => (JSON.parse(r.event_kinds) as string[]).includes(eventKind)).map((r) => r.destination_id);
  };
