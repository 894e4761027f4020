import type { ChatNoticeTransport } from '../../mail/notices/chat/chatTransport.js';
import type { EgressPolicy } from '../../net/egress.js';
import type { SecretVault } from '../../secrets/vault.js';
import { ChatDestinationService } from './chatDestinationService.js';
import { ChatNotificationService } from './chatNotificationService.js';
import { ExternalCallService, type IntegrationServiceDeps } from './externalCallService.js';
import { MessageChannelService } from './messageChannelService.js';
import type { NoticeLanguageService } from './noticeLanguageService.js';

/** Everything the GraphQL resolvers call for integrations. */
export interface IntegrationServices {
  readonly externalCalls: ExternalCallService;
  readonly messageChannels: MessageChannelService;
  readonly chatDestinations: ChatDestinationService;
  readonly chatNotifications: ChatNotificationService;
  readonly noticeLanguage: NoticeLanguageService;
}

export const createIntegrationServices = (
  deps: IntegrationServiceDeps & {
    readonly vault: SecretVault;
    readonly chat: ChatNoticeTransport;
    /** The egress policy; chat webhooks on refused addresses are refused when saved. */
    readonly egress?: EgressPolicy;
    /** Shared with the outbox, which asks it for the language of every notice it records. */
    readonly noticeLanguage: NoticeLanguageService;
  },
): IntegrationServices => ({
  externalCalls: new ExternalCallService(deps),
  messageChannels: new MessageChannelService(deps),
  chatDestinations: new ChatDestinationService(deps),
  chatNotifications: new ChatNotificationService({ db: deps.db, chat: deps.chat }),
  noticeLanguage: deps.noticeLanguage,
});
