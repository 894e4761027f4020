import type { MailboxRole } from '../../domain/identity/mailbox.decider.js';
import type { UserPermission } from '../../domain/identity/user.decider.js';

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
  /** Set for `session` principals: the public id of the session (not its token). */
  readonly sessionId?: string;
  /**
   * When the credential stops working (session end of life, API token expiry); null: never.
   * Checked on every request against the clock (principalExpired), so a principal held in a
   * cache or by an open WebSocket dies on time without another lookup.
   */
  readonly expiresAt?: Date | null;
  /** API tokens limited to queries and subscriptions. */
  readonly readOnly?: boolean;
  /** API tokens whose owner allowed them to issue further tokens. */
  readonly mayIssueTokens?: boolean;
  /**
   * Throws FORBIDDEN when this caller's network address may not act in the mailbox (IP and
   * API restrictions, src/app/access/). Attached per request by the GraphQL context; the
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

/** True once the principal's credential has expired (`expiresAt` reached). */
export const principalExpired = (principal: Pick<Principal, 'expiresAt'>, now: Date = new Date()): boolean =>
  principal.expiresAt != null && principal.expiresAt.getTime() <= now.getTime();
