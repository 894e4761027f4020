import { sql } from 'kysely';
import { RAKUTEN_RELAY_SERVER_ID, smtpSettingsEventTypes, upcastSmtpAuthSettings, type SmtpSettingsEvent } from '../../domain/outbound/smtpSettings.events.js';
import { eventTime } from '../identity/eventTime.js';
import type { Projection } from '../projection.js';
import { appliedMailboxWipe } from '../reset/mailboxWipe.js';
import { eventAs } from '../../eventstore/eventAs.js';

type ServerEvent = Extract<SmtpSettingsEvent, { type: 'SmtpServerAdded' | 'SmtpServerChanged' }>['data'];

/**
 * The stored password stays unless the event brings a new one or the server switched away
 * from passwords. A server without authentication (NONE) has the empty user.
 */
const serverColumns = (s: ServerEvent) => {
  const auth = upcastSmtpAuthSettings(s.auth);
  return {
    name: s.name,
    host: s.host,
    port: s.port,
    encryption: s.encryption,
    auth_method: auth.method,
    auth_user: auth.method === 'NONE' ? '' : auth.user,
    password_mechanism: auth.method === 'PASSWORD' ? (auth.mechanism ?? 'AUTO') : null,
    oauth_credential_id: auth.method === 'OAUTH' ? auth.oauthCredentialId : null,
    ...(auth.method !== 'PASSWORD' ? { password_ciphertext: null } : s.passwordCiphertext !== undefined ? { password_ciphertext: s.passwordCiphertext } : {}),
  };
};

const NOT_VERIFIED = { verified_test_mail_id: null, verified_to: null, verified_tested_at: null, verified_at: null, verified_by: null } as const;

/**
 * Whether new columns change the connection (everything but the name), the read-model
 * twin of sameConnection in the decider's evolve: then the verification lapses.
 */
const changesConnection = (before: Record<string, unknown> | undefined, next: Record<string, unknown>, ignored: readonly string[]): boolean =>
  before === undefined || Object.entries(next).some(([column, value]) => !ignored.includes(column) && before[column] !== value);

/** SMTP servers, routing rules (in order), basic settings and the Rakuten relay of every mailbox. */
export const smtpSettingsProjection: Projection = {
  name: 'outbound.smtp',
  eventTypes: smtpSettingsEventTypes,
  tables: ['outbound_smtp_servers', 'outbound_routing_rules', 'outbound_smtp_settings', 'outbound_rakuten_relays'],
  async apply(trx, recorded) {
    if (await appliedMailboxWipe(trx, recorded, 'smtp-', ['outbound_smtp_servers', 'outbound_routing_rules', 'outbound_smtp_settings', 'outbound_rakuten_relays'])) return;
    const event = eventAs<SmtpSettingsEvent>(recorded);
    const at = eventTime(recorded);
    const n = event.data.mailboxNumber;
    switch (event.type) {
      case 'SmtpServerAdded':
        await trx
          .insertInto('outbound_smtp_servers')
          .values({
            mailbox_number: n,
            server_id: event.data.serverId,
            password_ciphertext: null,
            ...serverColumns(event.data),
            ...NOT_VERIFIED,
            added_position: recorded.position,
            created_at: at,
            updated_at: at,
          })
          .onConflict((oc) => oc.columns(['mailbox_number', 'server_id']).doNothing())
          .execute();
        return;
      case 'SmtpServerChanged': {
        const before = await trx.selectFrom('outbound_smtp_servers').selectAll().where('mailbox_number', '=', n).where('server_id', '=', event.data.serverId).executeTakeFirst();
        const columns = serverColumns(event.data);
        const lapsed = changesConnection(before, columns, ['name']);
        await trx
          .updateTable('outbound_smtp_servers')
          .set({ ...columns, ...(lapsed ? NOT_VERIFIED : {}), updated_at: at })
          .where('mailbox_number', '=', n)
          .where('server_id', '=', event.data.serverId)
          .execute();
        return;
      }
      case 'SmtpServerRemoved':
        await trx.deleteFrom('outbound_smtp_servers').where('mailbox_number', '=', n).where('server_id', '=', event.data.serverId).execute();
        return;
      case 'SmtpRoutingRuleAdded':
        await trx
          .updateTable('outbound_routing_rules')
          .set({ position: sql<number>`position + 1` })
          .where('mailbox_number', '=', n)
          .where('position', '>=', event.data.position)
          .execute();
        await trx
          .insertInto('outbound_routing_rules')
          .values({
            mailbox_number: n,
            rule_id: event.data.ruleId,
            position: event.data.position,
            match_kind: event.data.match.kind,
            match_value: event.data.match.value,
            server_id: event.data.serverId,
            created_at: at,
            updated_at: at,
          })
          .execute();
        return;
      case 'SmtpRoutingRuleChanged':
        await trx
          .updateTable('outbound_routing_rules')
          .set({ match_kind: event.data.match.kind, match_value: event.data.match.value, server_id: event.data.serverId, updated_at: at })
          .where('mailbox_number', '=', n)
          .where('rule_id', '=', event.data.ruleId)
          .execute();
        return;
      case 'SmtpRoutingRuleRemoved': {
        const removed = await trx
          .deleteFrom('outbound_routing_rules')
          .where('mailbox_number', '=', n)
          .where('rule_id', '=', event.data.ruleId)
          .returning('position')
          .executeTakeFirst();
        if (removed) {
          await trx
            .updateTable('outbound_routing_rules')
            .set({ position: sql<number>`position - 1` })
            .where('mailbox_number', '=', n)
            .where('position', '>', removed.position)
            .execute();
        }
        return;
      }
      case 'SmtpRoutingRulesReordered':
        for (const [position, ruleId] of event.data.ruleIds.entries()) {
          await trx.updateTable('outbound_routing_rules').set({ position, updated_at: at }).where('mailbox_number', '=', n).where('rule_id', '=', ruleId).execute();
        }
        return;
      case 'DefaultSmtpServerSet':
        await trx
          .insertInto('outbound_smtp_settings')
          .values({ mailbox_number: n, default_server_id: event.data.serverId, bounce_kind: null, bounce_address: null, updated_at: at })
          .onConflict((oc) => oc.column('mailbox_number').doUpdateSet({ default_server_id: event.data.serverId, updated_at: at }))
          .execute();
        return;
      case 'BounceDestinationSet': {
        const d = event.data.destination;
        const bounce = { bounce_kind: d.kind, bounce_address: d.kind === 'FIXED_ADDRESS' ? d.address : null };
        await trx
          .insertInto('outbound_smtp_settings')
          .values({ mailbox_number: n, default_server_id: 'builtin', ...bounce, updated_at: at })
          .onConflict((oc) => oc.column('mailbox_number').doUpdateSet({ ...bounce, updated_at: at }))
          .execute();
        return;
      }
      case 'RakutenRelayConfigured': {
        const { mailboxNumber: _n, realAddress, contactAddress, host, port, encryption, user, passwordCiphertext } = event.data;
        const columns = {
          real_address: realAddress,
          contact_address: contactAddress,
          host,
          port,
          encryption,
          auth_user: user,
          ...(passwordCiphertext !== undefined ? { password_ciphertext: passwordCiphertext } : {}),
          updated_at: at,
        };
        const before = await trx.selectFrom('outbound_rakuten_relays').selectAll().where('mailbox_number', '=', n).executeTakeFirst();
        const lapsed = changesConnection(before, columns, ['real_address', 'contact_address', 'updated_at']);
        await trx
          .insertInto('outbound_rakuten_relays')
          .values({ mailbox_number: n, password_ciphertext: passwordCiphertext ?? '', ...columns, ...NOT_VERIFIED, created_at: at })
          .onConflict((oc) => oc.column('mailbox_number').doUpdateSet({ ...columns, ...(lapsed ? NOT_VERIFIED : {}) }))
          .execute();
        return;
      }
      case 'SmtpServerVerified': {
        const { serverId, testMailId, to, testedAt, verifiedAt, verifiedBy } = event.data;
        const verified = { verified_test_mail_id: testMailId, verified_to: to, verified_tested_at: testedAt, verified_at: verifiedAt, verified_by: verifiedBy };
        if (serverId === RAKUTEN_RELAY_SERVER_ID) await trx.updateTable('outbound_rakuten_relays').set(verified).where('mailbox_number', '=', n).execute();
        else await trx.updateTable('outbound_smtp_servers').set(verified).where('mailbox_number', '=', n).where('server_id', '=', serverId).execute();
        return;
      }
      case 'RakutenRelayRemoved':
        await trx.deleteFrom('outbound_rakuten_relays').where('mailbox_number', '=', n).execute();
        return;
      default:
        return;
    }
  },
};
