import type { MailboxRole } from '../domain/identity/mailbox.decider.js';
import type { UserPermission } from '../domain/identity/user.decider.js';

/** An authenticated user, as read fresh from the read models for one request. */
export interface Principal {
  readonly kind: 'session' | 'api_token';
  readonly userId: string;
  readonly username: string;
  readonly isAdministrator: boolean;
  readonly permissions: ReadonlySet<UserPermission>;
  /** mailbox number → roles held there (an empty set: plain member). */
  readonly memberships: ReadonlyMap<number, ReadonlySet<MailboxRole>>;
  /** Set for `api_token` principals, so API restrictions and audit can name the token. */
  readonly tokenId?: string;
  /**
   * Throws FORBIDDEN when this caller's network address may not act in the mailbox (IP and
   * API restrictions, src/access/). Attached per request by the GraphQL context; the
   * mailbox authorization helpers run it after their role checks.
   */
  readonly networkGate?: (mailboxNumber: number) => void;
}

/**
 * The server itself (bootstrap, schedulers). Passes every authorization check and is
 * recorded as actor `null`. Never derived from a request.
 */
export interface SystemActor {
  readonly kind: 'system';
}
export const SYSTEM_ACTOR: SystemActor = Object.freeze({ kind: 'system' });

export type Actor = Principal | SystemActor;

export const actorIdOf = (actor: Actor): string | null => (actor.kind === 'system' ? null : actor.userId);
