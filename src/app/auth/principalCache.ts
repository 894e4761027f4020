/**
 * The caller's principal between requests: one per user, dropped by any identity or access
 * event about that user (a lock, a revoked role or permission, a deactivation, a password
 * change) as it is committed, so it takes effect on the very next request. Sessions and API
 * tokens are still looked up on every request (one statement, with their expiry times
 * checked at read), so a logout or session end elsewhere counts at once.
 */
import type { RecordedEvent } from '../../eventstore/port.js';
import type { Projection } from '../../projections/projection.js';
import { ReadModelCache } from '../../projections/readModelCache.js';
import type { Principal } from './principal.js';

/** A principal without what the token adds. */
export type UserPrincipal = Omit<Principal, 'kind' | 'tokenId' | 'networkGate'>;

/** Read models a principal is built from; an event for them that names no user drops every entry. */
const PRINCIPAL_TABLES: ReadonlySet<string> = new Set(['users', 'user_permissions', 'mailbox_members', 'mailbox_member_roles', 'user_lock_states', 'api_tokens']);

export type PrincipalCache = ReadModelCache<string, UserPrincipal | null>;

/** `projections`: the identity and access ones (every event type they handle is considered). */
export const createPrincipalCache = (projections: readonly Projection[]): PrincipalCache => {
  const principalTypes = new Set(projections.filter((p) => p.tables.some((t) => PRINCIPAL_TABLES.has(t))).flatMap((p) => p.eventTypes));
  return new ReadModelCache<string, UserPrincipal | null>({
    projections,
    keysOf: (event: RecordedEvent) => {
      const userId = (event.data as { userId?: unknown } | null)?.userId;
      if (typeof userId === 'string') return [userId];
      return principalTypes.has(event.type) ? 'all' : [];
    },
  });
};
