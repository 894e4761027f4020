import { chatDestinationsDecider, chatDestinationsStreamId, type ChatDestination, type ChatDestinationsEvent, type ChatKind } from '../../../domain/integrations/chatDestinations.decider.js';
import { fold } from '../../../domain/shared/decider.js';
import type { EventStore } from '../../../eventstore/port.js';
import { mailboxScope, type SecretVault } from '../../../secrets/vault.js';
import type { NoticeLanguage } from '../../../domain/integrations/noticeLanguage.decider.js';
import { NoticeDeliveryError, NoticeKind, type NoticeTransport, type RecordedNotice } from '../notice.js';
import { renderNotice } from '../texts/index.js';
import { createEgressPolicy, type EgressPolicy } from '../../../net/egress.js';
import type { ChatConfig } from './chatConfig.js';
import { destroyChatCopy, openChatCopy, type ChatCopy } from './chatCopy.js';
import { postChatRequest, requireAccepted, type ProviderAnswer } from './chatHttp.js';
import { chatworkRequest, slackRequest, teamsRequest, type ChatMessage, type ChatRequest } from './chatRequests.js';
import { eventsAs } from '../../../eventstore/eventAs.js';

export interface ChatTransportDeps {
  readonly store: EventStore;
  readonly vault: SecretVault;
  readonly config: ChatConfig;
  /** The mailbox's notice language, for test messages; @default the deployment's (config.language). */
  readonly language?: (mailboxNumber: number) => Promise<NoticeLanguage>;
  readonly clock?: () => Date;
  /** Every provider request goes through it (src/net/egress.ts). @default nothing allowed */
  readonly egress?: EgressPolicy;
}

/**
 * Delivers `chat` outbox rows. The destination is read from its event stream at delivery
 * (the read model holds no credential) and its webhook URL or token is decrypted only for
 * the request, never stored or logged in plaintext. A row with its own copy of the
 * destination (a mailbox reset's notice) is posted from the copy instead.
 */
export class ChatNoticeTransport implements NoticeTransport {
  private readonly clock: () => Date;
  private readonly egress: EgressPolicy;

  constructor(private readonly deps: ChatTransportDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.egress = deps.egress ?? createEgressPolicy();
  }

  async deliver(notice: RecordedNotice): Promise<void> {
    if (!notice.destinationId) throw new NoticeDeliveryError('Chat notice without a destination', { permanent: true });
    if (notice.chatCopy) return this.deliverCopy(notice, notice.chatCopy);
    const destination = await this.destination(notice.mailboxNumber, notice.destinationId);
    if (!destination) throw new NoticeDeliveryError(`Chat destination ${notice.destinationId} was removed`, { permanent: true });
    if (!destination.enabled) throw new NoticeDeliveryError(`Chat destination "${destination.name}" was disabled`, { permanent: true });
    let request: ChatRequest;
    try {
      // The outbox rendered the chat texts when it recorded the notice: title in `subject`.
      request = await this.request(notice.mailboxNumber, destination, { title: notice.subject, text: notice.text });
    } catch (err) {
      // A shredded mailbox key (mailbox reset) or a foreign ciphertext: no retry brings the secret back.
      throw new NoticeDeliveryError(`The credential of chat destination "${destination.name}" cannot be decrypted: ${(err as Error).message}`, { permanent: true });
    }
    const answer = await postChatRequest(request, this.deps.config.timeoutMs, this.egress);
    requireAccepted(answer, this.clock());
  }

  /** Destroys the row's copy of its destination (src/mail/notices/chat/chatCopy.ts); the outbox calls it once the row is settled. */
  async release(notice: RecordedNotice): Promise<void> {
    await destroyChatCopy(this.deps.vault, notice.idempotencyKey);
  }

  /** A row with its own copy of the destination: the destination itself may be wiped (a mailbox reset's notice). */
  private async deliverCopy(notice: RecordedNotice, sealed: string): Promise<void> {
    let copy: ChatCopy;
    try {
      copy = await openChatCopy(this.deps.vault, notice.idempotencyKey, sealed);
    } catch (err) {
      throw new NoticeDeliveryError(`The copy of chat destination ${notice.destinationId} kept for this notice cannot be decrypted: ${(err as Error).message}`, { permanent: true });
    }
    const request = this.requestFor(copy.kind, copy.roomId, copy.credential, { title: notice.subject, text: notice.text });
    requireAccepted(await postChatRequest(request, this.deps.config.timeoutMs, this.egress), this.clock());
  }

  /**
   * `sendTestNotification`: one TEST message straight to the provider (not via the outbox),
   * whatever the destination's event kinds or switch, answering what the provider said.
   * Null when there is no such destination.
   */
  async sendTest(mailboxNumber: number, destinationId: string): Promise<ProviderAnswer | null> {
    const destination = await this.destination(mailboxNumber, destinationId);
    if (!destination) return null;
    const language = this.deps.language ? await this.deps.language(mailboxNumber) : this.deps.config.language;
    const { chat } = renderNotice({ kind: NoticeKind.TEST, facts: { destinationName: destination.name, sentAt: this.clock() } }, mailboxNumber, language);
    try {
      return await postChatRequest(await this.request(mailboxNumber, destination, chat), this.deps.config.timeoutMs, this.egress);
    } catch (err) {
      return { status: 0, bodyExcerpt: (err as Error).message, retryAfter: null };
    }
  }

  private async destination(mailboxNumber: number, destinationId: string): Promise<ChatDestination | null> {
    const events = await this.deps.store.readStream(chatDestinationsStreamId(mailboxNumber));
    const state = fold(chatDestinationsDecider.evolve, chatDestinationsDecider.initialState(), eventsAs<ChatDestinationsEvent>(events));
    return state.destinations.get(destinationId) ?? null;
  }

  private async request(mailboxNumber: number, destination: ChatDestination, message: ChatMessage): Promise<ChatRequest> {
    const secret = await this.deps.vault.decrypt(mailboxScope(mailboxNumber), destination.credentialCiphertext);
    return this.requestFor(destination.kind, destination.roomId, secret, message);
  }

  private requestFor(kind: ChatKind, roomId: string | null, secret: string, message: ChatMessage): ChatRequest {
    switch (kind) {
      case 'SLACK':
        return slackRequest(secret, message);
      case 'TEAMS':
        return teamsRequest(secret, message);
      case 'CHATWORK':
        return chatworkRequest(this.deps.config.chatworkApiUrl, roomId ?? '', secret, message);
    }
  }
}
