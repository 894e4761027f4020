import type { Kysely } from 'kysely';
import { requireMailboxManagement } from '../auth/authorization.js';
import type { Actor } from '../auth/principal.js';
import type { ReadModelDb } from '../../db/schema.js';
import { notFound } from '../../domain/shared/errors.js';
import type { ChatNoticeTransport } from '../../mail/notices/chat/chatTransport.js';
import type { ProviderAnswer } from '../../mail/notices/chat/chatHttp.js';
import { listMailboxNotices, type NoticeListRow, type NoticeStatus } from '../../mail/notices/noticeQuery.js';
import { requireMailboxNumber } from './mailboxNumber.js';

export interface ChatNotificationServiceDeps {
  readonly db: Kysely<ReadModelDb>;
  readonly chat: ChatNoticeTransport;
}

/** Test messages to a chat destination and the notice outbox of a mailbox, for the people who manage it. */
export class ChatNotificationService {
  constructor(private readonly deps: ChatNotificationServiceDeps) {}

  async sendTest(actor: Actor, mailboxNumber: number, destinationId: string): Promise<ProviderAnswer> {
    requireMailboxManagement(actor, mailboxNumber);
    requireMailboxNumber(mailboxNumber);
    const answer = await this.deps.chat.sendTest(mailboxNumber, destinationId);
    if (!answer) throw notFound('Chat destination', destinationId, ['destinationId']);
    return answer;
  }

  async notices(actor: Actor, filter: { mailboxNumber: number; status?: NoticeStatus | null; limit: number; after: string | null }): Promise<NoticeListRow[]> {
    requireMailboxManagement(actor, filter.mailboxNumber);
    requireMailboxNumber(filter.mailboxNumber);
    return listMailboxNotices(this.deps.db, filter);
  }
}
