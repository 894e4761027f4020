import type { UserEvent } from '../../domain/identity/user.decider.js';
import type { Projection } from '../projection.js';
import { eventTime } from './eventTime.js';
import { eventAs } from '../../eventstore/eventAs.js';

/** `user_permissions`: one row per permission a user holds (MAILBOX_RESET). */
export const userPermissionsProjection: Projection = {
  name: 'identity.user_permissions',
  eventTypes: ['UserPermissionGranted', 'UserPermissionRevoked'],
  tables: ['user_permissions'],
  async apply(trx, recorded) {
    const event = eventAs<UserEvent>(recorded);
    switch (event.type) {
      case 'UserPermissionGranted':
        await trx
          .insertInto('user_permissions')
          .values({ user_id: event.data.userId, permission: event.data.permission, granted_at: eventTime(recorded) })
          .onConflict((oc) => oc.columns(['user_id', 'permission']).doNothing())
          .execute();
        return;
      case 'UserPermissionRevoked':
        await trx
          .deleteFrom('user_permissions')
          .where('user_id', '=', event.data.userId)
          .where('permission', '=', event.data.permission)
          .execute();
        return;
      default:
        return;
    }
  },
};
