import type { Projection } from '../projection.js';
import { oauthCredentialsProjection } from './oauthCredentials.projection.js';
import { receiveAccountsProjection } from './receiveAccounts.projection.js';
import { receiveErrorsProjection } from './receiveErrors.projection.js';

export { oauthCredentialsProjection, receiveAccountsProjection, receiveErrorsProjection };

/** Inbound read models; `receive_fetch_state` and `oauth_tokens` are operational, not listed. */
export const inboundProjections: readonly Projection[] = [oauthCredentialsProjection, receiveAccountsProjection, receiveErrorsProjection];
