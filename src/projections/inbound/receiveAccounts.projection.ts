import type { ReceiveAccountSettingsView, ReceiveAccountsEvent } from '../../domain/inbound/receiveAccounts.decider.js';
import { idleEnabledOf, receiveAccountsEventTypes } from '../../domain/inbound/receiveAccounts.decider.js';
import { eventTime } from '../identity/eventTime.js';
import type { Projection } from '../projection.js';
import { appliedMailboxWipe } from '../reset/mailboxWipe.js';
import { eventAs } from '../../eventstore/eventAs.js';

const columns = (s: ReceiveAccountSettingsView) => ({
  display_name: s.displayName,
  protocol: s.protocol,
  host: s.host,
  port: s.port,
  encryption: s.encryption,
  auth_method: s.auth.method,
  username: s.auth.username,
  password_set: s.auth.method === 'PASSWORD' ? 1 : 0,
  oauth_credential_id: s.auth.method === 'OAUTH2' ? s.auth.credentialId : null,
  error_notification_address: s.errorNotificationAddress,
  leave_on_server: s.leaveOnServer ? 1 : 0,
  delete_duplicates: s.deleteDuplicates ? 1 : 0,
  enabled: s.enabled ? 1 : 0,
  fetch_interval_minutes: s.fetchIntervalMinutes,
  idle_enabled: idleEnabledOf(s) ? 1 : 0,
});

/**
 * `receive_accounts` (one row per live account; the password only as `password_set`) and
 * `receive_auto_fetch` (one row per mailbox that changed the defaults). A deleted
 * account's last error goes with it, so the status list never shows a ghost.
 */
export const receiveAccountsProjection: Projection = {
  name: 'inbound.receive_accounts',
  eventTypes: receiveAccountsEventTypes,
  tables: ['receive_accounts', 'receive_auto_fetch'],
  async apply(trx, recorded) {
    if (await appliedMailboxWipe(trx, recorded, 'receive-accounts-', ['receive_accounts', 'receive_auto_fetch'])) return;
    const event = eventAs<ReceiveAccountsEvent>(recorded);
    const at = eventTime(recorded);
    switch (event.type) {
      case 'ReceiveAccountAdded':
        await trx
          .insertInto('receive_accounts')
          .values({ account_id: event.data.accountId, mailbox_number: event.data.mailboxNumber, ...columns(event.data.settings), created_at: at, updated_at: at })
          .onConflict((oc) => oc.column('account_id').doNothing())
          .execute();
        return;
      case 'ReceiveAccountChanged':
        await trx
          .updateTable('receive_accounts')
          .set({ ...columns(event.data.settings), updated_at: at })
          .where('account_id', '=', event.data.accountId)
          .execute();
        return;
      case 'ReceiveAccountDeleted':
        await trx.deleteFrom('receive_accounts').where('account_id', '=', event.data.accountId).execute();
        return;
      case 'AutoFetchSettingsChanged': {
        const values = { enabled: event.data.enabled ? 1 : 0, interval_minutes: event.data.intervalMinutes, updated_at: at };
        await trx
          .insertInto('receive_auto_fetch')
          .values({ mailbox_number: event.data.mailboxNumber, ...values })
          .onConflict((oc) => oc.column('mailbox_number').doUpdateSet(values))
          .execute();
        return;
      }
      default:
        return;
    }
  },
};
