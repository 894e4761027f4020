import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import { ChatEventKind, upcastChatEventKinds } from '../../domain/integrations/chatDestinations.decider.js';
import type { Notice, NoticeKind } from './notice.js';

/**
 * Which chat event kind (the destination's subscription) a notice kind belongs to. The
 * source server holding too many messages (MAILBOX_OVER_LIMIT) is a receive error like any
 * other: it is raised as a `ReceiveErrorRaised` episode (code OVER_LIMIT) that the next
 * good fetch clears with a RECEIVE_ERROR_CLEARED notice, so it goes where the other raised
 * errors go, and a room that follows errors sees the clearing of every error it saw raised.
 * Test mails are not chat notices.
 */
/** A table, not a switch with a default: a new notice kind does not compile until it is placed. */
const CHAT_EVENT_KIND_OF: { readonly [K in NoticeKind]: ChatEventKind | null } = {
  RECEIVE_ERROR_RAISED: ChatEventKind.RECEIVE_ERROR_RAISED,
  MAILBOX_OVER_LIMIT: ChatEventKind.RECEIVE_ERROR_RAISED,
  RECEIVE_ERROR_CLEARED: ChatEventKind.RECEIVE_ERROR_CLEARED,
  MESSAGE_TOO_LARGE: ChatEventKind.MESSAGE_TOO_LARGE,
  MAILBOX_RESET: ChatEventKind.MAILBOX_RESET,
  USER_LOCKED: ChatEventKind.ACCOUNT_LOCKED,
  USER_UNLOCKED: ChatEventKind.ACCOUNT_UNLOCKED,
  ADDRESS_BLOCKED: ChatEventKind.ADDRESS_BLOCKED,
  OAUTH_REAUTHORIZATION_REQUIRED: ChatEventKind.OAUTH_REAUTHORIZATION_REQUIRED,
  SETTING_CHANGED: ChatEventKind.SETTING_CHANGED,
  TEST: null,
};

export const chatEventKindOf = (kind: NoticeKind): ChatEventKind | null => CHAT_EVENT_KIND_OF[kind] ?? null;

/**
 * The enabled chat destinations of a mailbox subscribed to an event kind, oldest first.
 * `changedNoLaterThan` (an ISO time) leaves out destinations added or edited after it: a
 * reactor replaying an older event must not reach destinations that did not exist then.
 */
export const subscribedChatDestinations = async (
  db: Kysely<ReadModelDb>,
  mailboxNumber: number,
  eventKind: ChatEventKind,
  options: { readonly changedNoLaterThan?: string } = {},
): Promise<string[]> => {
  let query = db
    .selectFrom('chat_destinations')
    .select(['destination_id', 'event_kinds'])
    .where('mailbox_number', '=', mailboxNumber)
    .where('enabled', '=', 1);
  if (options.changedNoLaterThan !== undefined) query = query.where('updated_at', '<=', options.changedNoLaterThan);
  const rows = await query.orderBy('created_at').execute();
  // Rows projected before the receive kinds were split may still say RECEIVE_ERROR.
  return rows.filter((r) => upcastChatEventKinds(JSON.parse(r.event_kinds) as string[]).includes(eventKind)).map((r) => r.destination_id);
};

/**
 * The notice fan-out: the enabled chat destinations of the notice's mailbox subscribed to
 * its kind. The outbox calls it when it records a notice, so every emitter that records a
 * notice through the NoticeSender reaches chat without knowing about it. `executor` is the
 * transaction the notice is recorded in, when there is one (a projection's).
 */
export const chatDestinationsForNotice =
  (db: Kysely<ReadModelDb>) =>
  async (notice: Notice, executor: Kysely<ReadModelDb> = db): Promise<string[]> => {
    const eventKind = chatEventKindOf(notice.kind);
    if (eventKind === null) return [];
    return subscribedChatDestinations(executor, notice.mailboxNumber, eventKind);
  };
