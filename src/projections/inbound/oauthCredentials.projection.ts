import type { OAuthCredentialEvent } from '../../domain/inbound/oauthCredential.decider.js';
import { oauthCredentialEventTypes } from '../../domain/inbound/oauthCredential.decider.js';
import { eventTime } from '../identity/eventTime.js';
import type { Projection } from '../projection.js';
import type { MailboxSettingsWiped } from '../../domain/shared/mailboxReset.js';
import { appliedMailboxWipe } from '../reset/mailboxWipe.js';
import { eventAs } from '../../eventstore/eventAs.js';

/** `oauth_credentials`: every live credential with its authorization status; secrets never land here. */
export const oauthCredentialsProjection: Projection = {
  name: 'inbound.oauth_credentials',
  eventTypes: oauthCredentialEventTypes,
  tables: ['oauth_credentials'],
  async apply(trx, recorded) {
    if (await appliedMailboxWipe(trx, recorded, 'oauth-credential-', ['oauth_credentials'])) return;
    const event = eventAs<Exclude<OAuthCredentialEvent, MailboxSettingsWiped>>(recorded);
    const at = eventTime(recorded);
    const id = event.data.credentialId;
    const update = (values: Record<string, unknown>) =>
      trx.updateTable('oauth_credentials').set({ ...values, updated_at: at }).where('credential_id', '=', id).execute();
    switch (event.type) {
      case 'OAuthCredentialRegistered': {
        const d = event.data;
        await trx
          .insertInto('oauth_credentials')
          .values({
            credential_id: id,
            mailbox_number: d.mailboxNumber,
            provider: d.provider,
            display_name: d.displayName,
            client_id: d.clientId,
            tenant: d.tenant,
            scopes: JSON.stringify(d.scopes),
            redirect_url: d.redirectUrl,
            enabled: d.enabled ? 1 : 0,
            authorization_status: 'NOT_AUTHORIZED',
            authorization_error: null,
            authorized_at: null,
            created_at: at,
            updated_at: at,
          })
          .onConflict((oc) => oc.column('credential_id').doNothing())
          .execute();
        return;
      }
      case 'OAuthCredentialChanged': {
        const d = event.data;
        await update({
          display_name: d.displayName,
          client_id: d.clientId,
          tenant: d.tenant,
          scopes: JSON.stringify(d.scopes),
          redirect_url: d.redirectUrl,
          ...(d.authorizationReset ? { authorization_status: 'NOT_AUTHORIZED', authorization_error: null, authorized_at: null } : {}),
        });
        return;
      }
      case 'OAuthCredentialEnabled':
        await update({ enabled: 1 });
        return;
      case 'OAuthCredentialDisabled':
        await update({ enabled: 0 });
        return;
      case 'OAuthCredentialDeleted':
        await trx.deleteFrom('oauth_credentials').where('credential_id', '=', id).execute();
        return;
      case 'OAuthCredentialAuthorized':
        await update({ authorization_status: 'AUTHORIZED', authorization_error: null, authorized_at: at });
        return;
      case 'OAuthReauthorizationRequired':
        await update({
          authorization_status: 'REAUTHORIZATION_REQUIRED',
          authorization_error: event.data.description ? `${event.data.error}: ${event.data.description}` : event.data.error,
        });
        return;
      default:
        return;
    }
  },
};
