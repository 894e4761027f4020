import type { ConfigurationSection } from '../../app/audit/sections.js';
import { settingChangeOf } from '../../app/audit/settingChanges.js';
import { ChatEventKind, type ChatDestinationsEvent } from '../../domain/integrations/chatDestinations.decider.js';
import type { NoticeLanguage } from '../../domain/integrations/noticeLanguage.decider.js';
import { NoticeKind } from '../../mail/notices/notice.js';
import { subscribedChatDestinations } from '../../mail/notices/noticeFanout.js';
import { recordNoticeIn } from '../../mail/notices/outbox.js';
import { eventTime } from '../identity/eventTime.js';
import type { Projection } from '../projection.js';
import { eventAs } from '../../eventstore/eventAs.js';

export interface SettingChangeNoticeDeps {
  /** The mailbox's notice language (NoticeLanguageService.languageOf). */
  readonly language: (mailboxNumber: number) => Promise<NoticeLanguage>;
  /** What counts as a setting change (src/app/configurationSections.ts). */
  readonly sections: readonly ConfigurationSection[];
  /**
   * Events recorded longer ago than this are history, not news: a rebuild replaying the
   * store must not announce them again. Younger ones replayed are absorbed by the outbox's
   * idempotency keys (derived from the event id). @default 1 hour
   */
  readonly maxAgeMs?: number;
  readonly clock?: () => Date;
}

export const SETTING_CHANGE_NOTICES = 'integrations.setting_change_notices';

const chatDestinationEventTypes: ReadonlySet<string> = new Set(['ChatDestinationAdded', 'ChatDestinationChanged', 'ChatDestinationRemoved']);

/**
 * Not a read model but a reactor: every setting event of a mailbox (src/app/audit/settingChanges.ts)
 * records a SETTING_CHANGED notice for the mailbox's chat destinations subscribed to it, in
 * the projection's transaction. The checkpoint commits with the notice, and only the
 * projection's leader applies events, so each setting event is announced once across
 * instances. Chat only: the product names no e-mail recipients for setting changes.
 *
 * Destinations are read from `chat_destinations` in the same transaction, as they were when
 * the event happened: ones added or edited after it are left out (they may be ahead of this
 * projection), and a chat destination event speaks for its own destination from its data.
 */
export const settingChangeNoticesProjection = (deps: SettingChangeNoticeDeps): Projection => {
  const maxAgeMs = deps.maxAgeMs ?? 60 * 60_000;
  const clock = deps.clock ?? (() => new Date());
  return {
    name: SETTING_CHANGE_NOTICES,
    eventTypes: [],
    // Sections are matched by stream, so areas added later need no change here.
    allEvents: true,
    tables: [],
    async apply(trx, event) {
      const change = settingChangeOf(event, deps.sections);
      if (change === null) return;
      if (clock().getTime() - event.recordedAt.getTime() > maxAgeMs) return;
      const at = eventTime(event);
      let destinations = await subscribedChatDestinations(trx, change.mailboxNumber, ChatEventKind.SETTING_CHANGED, { changedNoLaterThan: at });
      if (chatDestinationEventTypes.has(event.type)) {
        const own = eventAs<Exclude<ChatDestinationsEvent, { type: 'MailboxSettingsWiped' }>>(event);
        destinations = destinations.filter((id) => id !== own.data.destinationId);
        if (own.type !== 'ChatDestinationRemoved' && own.data.enabled && own.data.eventKinds.includes(ChatEventKind.SETTING_CHANGED)) destinations.push(own.data.destinationId);
      }
      if (destinations.length === 0) return;
      const actorId = event.metadata.actorId;
      const actor = actorId ? ((await trx.selectFrom('users').select('username').where('id', '=', actorId).executeTakeFirst())?.username ?? actorId) : null;
      const reason = typeof event.metadata.reason === 'string' && event.metadata.reason.trim() !== '' ? event.metadata.reason : null;
      await recordNoticeIn(
        trx,
        {
          mailboxNumber: change.mailboxNumber,
          kind: NoticeKind.SETTING_CHANGED,
          facts: { mailboxNumber: change.mailboxNumber, area: change.section.name, actor, reason, changedAt: new Date(at) },
          to: [],
          idempotencyKey: `setting-changed:${event.id}`,
        },
        { chatDestinations: async () => destinations, language: deps.language, clock },
      );
    },
  };
};
