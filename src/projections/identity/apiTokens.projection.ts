import type { UserEvent } from '../../domain/identity/user.decider.js';
import type { Projection } from '../projection.js';
import { eventAs } from '../../eventstore/eventAs.js';

/** `api_tokens`: token hashes for bearer authentication; revoked rows stay for the token list. */
export const apiTokensProjection: Projection = {
  name: 'identity.api_tokens',
  eventTypes: ['ApiTokenIssued', 'ApiTokenRevoked'],
  tables: ['api_tokens'],
  async apply(trx, recorded) {
    const event = eventAs<UserEvent>(recorded);
    switch (event.type) {
      case 'ApiTokenIssued':
        await trx
          .insertInto('api_tokens')
          .values({
            token_id: event.data.tokenId,
            user_id: event.data.userId,
            name: event.data.name,
            token_hash: event.data.tokenHash,
            created_at: event.data.createdAt,
            expires_at: event.data.expiresAt,
            revoked_at: null,
            read_only: event.data.readOnly === true ? 1 : 0,
            may_issue_tokens: event.data.mayIssueTokens === true ? 1 : 0,
          })
          .onConflict((oc) => oc.column('token_id').doNothing())
          .execute();
        return;
      case 'ApiTokenRevoked':
        await trx.updateTable('api_tokens').set({ revoked_at: event.data.revokedAt }).where('token_id', '=', event.data.tokenId).execute();
        return;
      default:
        return;
    }
  },
};
