import type { Projection } from '../projection.js';
import { chatDestinationsProjection } from './chatDestinations.projection.js';
import { externalCallsProjection } from './externalCalls.projection.js';
import { messageChannelsProjection } from './messageChannels.projection.js';

export { chatDestinationsProjection, externalCallsProjection, messageChannelsProjection };

export const integrationsProjections: readonly Projection[] = [externalCallsProjection, messageChannelsProjection, chatDestinationsProjection];
