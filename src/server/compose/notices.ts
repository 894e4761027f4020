import { ChatNoticeTransport } from '../../mail/notices/chat/chatTransport.js';
import type { NoticeTransport } from '../../mail/notices/notice.js';
import { chatDestinationsForNotice } from '../../mail/notices/noticeFanout.js';
import { NoticeOutbox } from '../../mail/notices/outbox.js';
import { createEgressPolicy, type EgressPolicy } from '../../net/egress.js';
import type { SecretVault } from '../../secrets/vault.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Projections } from './projections.js';
import type { Storage } from './storage.js';
import { late, type Late } from './late.js';

export interface Notices {
  /** One egress policy for every outbound connection the server opens (src/net/egress.ts). */
  readonly egress: EgressPolicy;
  readonly chatNotices: ChatNoticeTransport;
  /** The durable outbox; not delivering until `start()` (after the mail transport is wired). */
  readonly notices: NoticeOutbox;
  /**
   * Where notice mail goes. Notices are routed like any outgoing mail of the mailbox (its
   * default server, else the built-in one), but the outbound services are built later (they
   * need inbound's OAuth tokens, and inbound needs the outbox): set once they exist.
   */
  readonly mailTransport: Late<NoticeTransport>;
}

/** The egress policy, the chat transport and the notice outbox (not yet started). */
export const createNotices = (config: Config, logger: Logger, storage: Storage, vault: SecretVault, projections: Projections): Notices => {
  const { store } = storage;
  const db = storage.readModels.db;
  const languageOf = projections.noticeLanguage.languageOf;
  const egress = createEgressPolicy({ allow: config.egressAllow });
  if (egress.allowed.length > 0) logger.info({ allowed: egress.allowed }, 'egress policy: outbound connections may reach these internal ranges');
  const chatNotices = new ChatNoticeTransport({ store, vault, config: config.chat, language: languageOf, egress });
  const mailTransport = late<NoticeTransport>('the notice transport');
  const notices = new NoticeOutbox({
    language: languageOf,
    claimMs: config.chat.claimMs,
    chatTransport: chatNotices,
    chatDestinations: chatDestinationsForNotice(db),
    db,
    transport: { deliver: (notice) => mailTransport.get().deliver(notice) },
    logger,
  });
  return { egress, chatNotices, notices, mailTransport };
};
