import type { SecretVault } from '../secrets/vault.js';
import { ChatDestinationService } from './chatDestinationService.js';
import { ExternalCallService, type IntegrationServiceDeps } from './externalCallService.js';
import { MessageChannelService } from './messageChannelService.js';

/** Everything the GraphQL resolvers call for integrations. */
export interface IntegrationServices {
  readonly externalCalls: ExternalCallService;
  readonly messageChannels: MessageChannelService;
  readonly chatDestinations: ChatDestinationService;
}

export const createIntegrationServices = (deps: IntegrationServiceDeps & { readonly vault: SecretVault }): IntegrationServices => ({
  externalCalls: new ExternalCallService(deps),
  messageChannels: new MessageChannelService(deps),
  chatDestinations: new ChatDestinationService(deps),
});
