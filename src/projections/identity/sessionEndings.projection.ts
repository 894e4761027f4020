import type { UserEvent } from '../../domain/identity/user.decider.js';
import type { Projection } from '../projection.js';
import { eventTime } from './eventTime.js';
import { eventAs } from '../../eventstore/eventAs.js';

/**
 * Reactor, not a read model (`tables` is empty): deletes the login sessions an event ends.
 * A password change ends every session of the user opened before it, except the one it was
 * made from; `UserSessionEnded` ends one session. Only sessions created before the event are
 * touched, so replaying old events in a rebuild ends nothing opened since.
 */
export const sessionEndingsProjection: Projection = {
  name: 'identity.session_endings',
  eventTypes: ['UserPasswordChanged', 'UserSessionEnded'],
  tables: [],
  async apply(trx, recorded) {
    const event = eventAs<UserEvent>(recorded);
    const before = eventTime(recorded);
    switch (event.type) {
      case 'UserPasswordChanged': {
        if (event.data.endsSessions !== true) return;
        let query = trx.deleteFrom('auth_sessions').where('user_id', '=', event.data.userId).where('created_at', '<=', before);
        if (event.data.keptSessionId) query = query.where('session_id', '!=', event.data.keptSessionId);
        await query.execute();
        return;
      }
      case 'UserSessionEnded':
        await trx.deleteFrom('auth_sessions').where('user_id', '=', event.data.userId).where('session_id', '=', event.data.sessionId).execute();
        return;
      default:
        return;
    }
  },
};
