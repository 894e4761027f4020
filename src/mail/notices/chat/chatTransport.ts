import { chatDestinationsDecider, chatDestinationsStreamId, type ChatDestination, type ChatDestinationsEvent } from '../../../domain/integrations/chatDestinations.decider.js';
import { fold } from '../../../domain/shared/decider.js';
import type { EventStore } from '../../../eventstore/port.js';
import { mailboxScope, type SecretVault } from '../../../secrets/vault.js';
import { NoticeDeliveryError, NoticeKind, type NoticeTransport, type RecordedNotice } from '../notice.js';
import type { ChatConfig } from './chatConfig.js';
import { postChatRequest, requireAccepted, type ProviderAnswer } from './chatHttp.js';
import { renderChatMessage } from './chatMessage.js';
import { chatworkRequest, slackRequest, teamsRequest, type ChatRequest } from './chatRequests.js';

export interface ChatTransportDeps {
  readonly store: EventStore;
  readonly vault: SecretVault;
  readonly config: ChatConfig;
  readonly clock?: () => Date;
}

/**
 * Delivers `chat` outbox rows. The destination is read from its event stream at delivery
 * (the read model holds no credential) and its webhook URL or token is decrypted only for
 * the request, never stored or logged in plaintext.
 */
export class ChatNoticeTransport implements NoticeTransport {
  private readonly clock: () => Date;

  constructor(private readonly deps: ChatTransportDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  async deliver(notice: RecordedNotice): Promise<void> {
    if (!notice.destinationId) throw new NoticeDeliveryError('Chat notice without a destination', { permanent: true });
    const destination = await this.destination(notice.mailboxNumber, notice.destinationId);
    if (!destination) throw new NoticeDeliveryError(`Chat destination ${notice.destinationId} was removed`, { permanent: true });
    if (!destination.enabled) throw new NoticeDeliveryError(`Chat destination "${destination.name}" was disabled`, { permanent: true });
    let request: ChatRequest;
    try {
      request = await this.request(notice.mailboxNumber, destination, notice);
    } catch (err) {
      // A shredded mailbox key (mailbox reset) or a foreign ciphertext: no retry brings the secret back.
      throw new NoticeDeliveryError(`The credential of chat destination "${destination.name}" cannot be decrypted: ${(err as Error).message}`, { permanent: true });
    }
    const answer = await postChatRequest(request, this.deps.config.timeoutMs);
    requireAccepted(answer, this.clock());
  }

  /**
   * `sendTestNotification`: one TEST message straight to the provider (not via the outbox),
   * whatever the destination's event kinds or switch, answering what the provider said.
   * Null when there is no such destination.
   */
  async sendTest(mailboxNumber: number, destinationId: string): Promise<ProviderAnswer | null> {
    const destination = await this.destination(mailboxNumber, destinationId);
    if (!destination) return null;
    const notice = {
      mailboxNumber,
      kind: NoticeKind.TEST,
      subject: this.deps.config.language === 'ja' ? `宛先「${destination.name}」のテスト` : `Test of destination "${destination.name}"`,
      text: this.clock().toISOString(),
    };
    try {
      return await postChatRequest(await this.request(mailboxNumber, destination, notice), this.deps.config.timeoutMs);
    } catch (err) {
      return { status: 0, bodyExcerpt: (err as Error).message, retryAfter: null };
    }
  }

  private async destination(mailboxNumber: number, destinationId: string): Promise<ChatDestination | null> {
    const events = await this.deps.store.readStream(chatDestinationsStreamId(mailboxNumber));
    const state = fold(chatDestinationsDecider.evolve, chatDestinationsDecider.initialState(), events as unknown as ChatDestinationsEvent[]);
    return state.destinations.get(destinationId) ?? null;
  }

  private async request(mailboxNumber: number, destination: ChatDestination, notice: Parameters<typeof renderChatMessage>[0]): Promise<ChatRequest> {
    const message = renderChatMessage(notice, this.deps.config.language);
    const secret = await this.deps.vault.decrypt(mailboxScope(mailboxNumber), destination.credentialCiphertext);
    switch (destination.kind) {
      case 'SLACK':
        return slackRequest(secret, message);
      case 'TEAMS':
        return teamsRequest(secret, message);
      case 'CHATWORK':
        return chatworkRequest(this.deps.config.chatworkApiUrl, destination.roomId ?? '', secret, message);
    }
  }
}
