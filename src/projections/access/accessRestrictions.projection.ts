import type { AccessRestrictionEvent } from '../../domain/access/accessRestriction.decider.js';
import type { Transaction } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import type { Projection } from '../projection.js';
import { eventTime } from '../identity/eventTime.js';
import { appliedMailboxWipe } from '../reset/mailboxWipe.js';
import { eventAs } from '../../eventstore/eventAs.js';

const emptyRow = (mailboxNumber: number, at: string) => ({
  mailbox_number: mailboxNumber,
  ip_enabled: 0,
  api_enabled: 0,
  ip_guard_overridden: 0,
  api_guard_overridden: 0,
  updated_at: at,
});

const replaceRules = async (trx: Transaction<ReadModelDb>, mailboxNumber: number, list: 'ip' | 'api', addresses: readonly string[]) => {
  await trx.deleteFrom('access_rules').where('mailbox_number', '=', mailboxNumber).where('list', '=', list).execute();
  // Chunked: 10,000 entries would exceed SQLite's bound-parameter limit in one insert.
  for (let i = 0; i < addresses.length; i += 500) {
    const rows = addresses.slice(i, i + 500).map((address, j) => ({ mailbox_number: mailboxNumber, list, ordinal: i + j, address }));
    await trx.insertInto('access_rules').values(rows).execute();
  }
};

/**
 * `access_restrictions`, `access_rules`, `access_exempt_users`: each event carries a whole
 * list, so applying it replaces that list (and replaying it is harmless).
 */
export const accessRestrictionsProjection: Projection = {
  name: 'access.restrictions',
  eventTypes: ['IpRestrictionConfigured', 'ApiRestrictionConfigured', 'MailboxSettingsWiped'],
  tables: ['access_restrictions', 'access_rules', 'access_exempt_users'],
  async apply(trx, recorded) {
    if (await appliedMailboxWipe(trx, recorded, 'access-restriction-', ['access_restrictions', 'access_rules', 'access_exempt_users'])) return;
    const event = eventAs<AccessRestrictionEvent>(recorded);
    const at = eventTime(recorded);
    const n = event.data.mailboxNumber;
    const upsert = (set: { ip_enabled: number; ip_guard_overridden: number } | { api_enabled: number; api_guard_overridden: number }) =>
      trx
        .insertInto('access_restrictions')
        .values({ ...emptyRow(n, at), ...set })
        .onConflict((oc) => oc.column('mailbox_number').doUpdateSet({ ...set, updated_at: at }))
        .execute();
    switch (event.type) {
      case 'IpRestrictionConfigured':
        await upsert({ ip_enabled: event.data.enabled ? 1 : 0, ip_guard_overridden: event.data.lockoutGuardOverridden ? 1 : 0 });
        await replaceRules(trx, n, 'ip', event.data.allowedAddresses);
        await trx.deleteFrom('access_exempt_users').where('mailbox_number', '=', n).execute();
        if (event.data.exemptUserIds.length > 0) {
          await trx.insertInto('access_exempt_users').values(event.data.exemptUserIds.map((user_id) => ({ mailbox_number: n, user_id }))).execute();
        }
        return;
      case 'ApiRestrictionConfigured':
        await upsert({ api_enabled: event.data.enabled ? 1 : 0, api_guard_overridden: event.data.lockoutGuardOverridden ? 1 : 0 });
        await replaceRules(trx, n, 'api', event.data.allowedAddresses);
        return;
      default:
        return;
    }
  },
};
