import type { MailboxEvent } from '../../domain/identity/mailbox.decider.js';
import type { Projection } from '../projection.js';
import { eventTime } from './eventTime.js';
import { eventAs } from '../../eventstore/eventAs.js';

/**
 * `mailbox_members` and `mailbox_member_roles`: who belongs to which mailbox and with which
 * roles. Roles sit in their own table so "operations administrators of mailbox N" (the
 * recipients of system notices) is a plain indexed query.
 */
export const mailboxMembersProjection: Projection = {
  name: 'identity.mailbox_members',
  eventTypes: ['MailboxMemberAdded', 'MailboxMemberRemoved', 'MailboxRoleAssigned', 'MailboxRoleRevoked'],
  tables: ['mailbox_members', 'mailbox_member_roles'],
  async apply(trx, recorded) {
    const event = eventAs<MailboxEvent>(recorded);
    const at = eventTime(recorded);
    switch (event.type) {
      case 'MailboxMemberAdded':
        await trx
          .insertInto('mailbox_members')
          .values({ mailbox_number: event.data.number, user_id: event.data.userId, added_at: at })
          .onConflict((oc) => oc.columns(['mailbox_number', 'user_id']).doNothing())
          .execute();
        return;
      case 'MailboxMemberRemoved':
        await trx
          .deleteFrom('mailbox_member_roles')
          .where('mailbox_number', '=', event.data.number)
          .where('user_id', '=', event.data.userId)
          .execute();
        await trx
          .deleteFrom('mailbox_members')
          .where('mailbox_number', '=', event.data.number)
          .where('user_id', '=', event.data.userId)
          .execute();
        return;
      case 'MailboxRoleAssigned':
        await trx
          .insertInto('mailbox_member_roles')
          .values({ mailbox_number: event.data.number, user_id: event.data.userId, role: event.data.role, assigned_at: at })
          .onConflict((oc) => oc.columns(['mailbox_number', 'user_id', 'role']).doNothing())
          .execute();
        return;
      case 'MailboxRoleRevoked':
        await trx
          .deleteFrom('mailbox_member_roles')
          .where('mailbox_number', '=', event.data.number)
          .where('user_id', '=', event.data.userId)
          .where('role', '=', event.data.role)
          .execute();
        return;
      default:
        return;
    }
  },
};
