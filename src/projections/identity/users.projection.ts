import type { UserEvent } from '../../domain/identity/user.decider.js';
import type { Projection } from '../projection.js';
import { eventTime } from './eventTime.js';
import { eventAs } from '../../eventstore/eventAs.js';

/** `users`: profile, password hash (for login), administrator flag and activation. */
export const usersProjection: Projection = {
  name: 'identity.users',
  eventTypes: ['UserRegistered', 'UserPasswordChanged', 'UserProfileChanged', 'UserDeactivated', 'UserReactivated'],
  tables: ['users'],
  async apply(trx, recorded) {
    const event = eventAs<UserEvent>(recorded);
    const at = eventTime(recorded);
    const update = (userId: string) => trx.updateTable('users').where('id', '=', userId);
    switch (event.type) {
      case 'UserRegistered':
        await trx
          .insertInto('users')
          .values({
            id: event.data.userId,
            username: event.data.username,
            display_name: event.data.displayName,
            email: event.data.email,
            password_hash: event.data.passwordHash,
            is_administrator: event.data.isAdministrator ? 1 : 0,
            active: 1,
            created_at: at,
            updated_at: at,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
        return;
      case 'UserPasswordChanged':
        await update(event.data.userId).set({ password_hash: event.data.passwordHash, updated_at: at }).execute();
        return;
      case 'UserProfileChanged':
        await update(event.data.userId).set({ display_name: event.data.displayName, email: event.data.email, updated_at: at }).execute();
        return;
      case 'UserDeactivated':
        await update(event.data.userId).set({ active: 0, updated_at: at }).execute();
        return;
      case 'UserReactivated':
        await update(event.data.userId).set({ active: 1, updated_at: at }).execute();
        return;
      default:
        return;
    }
  },
};
