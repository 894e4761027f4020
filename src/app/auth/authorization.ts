import { MailboxRole } from '../../domain/identity/mailbox.decider.js';
import type { UserPermission } from '../../domain/identity/user.decider.js';
import { forbidden, unauthenticated } from '../../domain/shared/errors.js';
import type { Actor, Principal } from './principal.js';

/**
 * Who may do what, as pure functions of the actor. The rules:
 * - The system actor may do everything.
 * - A system administrator (`isAdministrator`) manages identity: mailboxes, users,
 *   memberships, roles, permissions; and may act in, manage and audit every mailbox.
 * - A member may act in their mailbox; its OPERATIONS_ADMINISTRATOR manages its settings;
 *   an AUDITOR (or an operations administrator) reads its history.
 * - Permissions (MAILBOX_RESET) are never implied, not even for administrators: the manual
 *   says nobody holds them until granted.
 * - Every check for a mailbox then runs the principal's network gate (IP/API restriction
 *   of that mailbox, src/app/access/): administrators are subject to it too.
 * A refusal for a mailbox reads the same whether or not the mailbox exists, so these
 * checks run before anything is loaded.
 */

const isSystem = (actor: Actor): actor is Extract<Actor, { kind: 'system' }> => actor.kind === 'system';

export const isAdministrator = (actor: Actor): boolean => isSystem(actor) || actor.isAdministrator;

export const isMember = (actor: Actor, mailboxNumber: number): boolean =>
  !isSystem(actor) && actor.memberships.has(mailboxNumber);

/** Literal role check: administrators are not assumed to hold mailbox roles. */
export const hasMailboxRole = (actor: Actor, mailboxNumber: number, role: MailboxRole): boolean =>
  isSystem(actor) || (actor.memberships.get(mailboxNumber)?.has(role) ?? false);

export const hasPermission = (actor: Actor, permission: UserPermission): boolean =>
  isSystem(actor) || actor.permissions.has(permission);

export const canActInMailbox = (actor: Actor, mailboxNumber: number): boolean =>
  isAdministrator(actor) || isMember(actor, mailboxNumber);

export const canManageMailbox = (actor: Actor, mailboxNumber: number): boolean =>
  isAdministrator(actor) || hasMailboxRole(actor, mailboxNumber, MailboxRole.OPERATIONS_ADMINISTRATOR);

export const canAuditMailbox = (actor: Actor, mailboxNumber: number): boolean =>
  canManageMailbox(actor, mailboxNumber) || hasMailboxRole(actor, mailboxNumber, MailboxRole.AUDITOR);

const mailboxRefusal = (mailboxNumber: number) => forbidden(`You are not allowed to do this in mailbox ${mailboxNumber}`);

/** Acting in a mailbox also needs an allowed network address (IP/API restriction); the system actor has none. */
const passNetworkGate = (actor: Actor, mailboxNumber: number): void => {
  if (!isSystem(actor)) actor.networkGate?.(mailboxNumber);
};

export const requireAuthenticated = (principal: Principal | null | undefined): Principal => {
  if (!principal) throw unauthenticated();
  return principal;
};

export const requireAdministrator = (actor: Actor): void => {
  if (!isAdministrator(actor)) throw forbidden('Only a system administrator may do this');
};

export const requireMailboxAccess = (actor: Actor, mailboxNumber: number): void => {
  if (!canActInMailbox(actor, mailboxNumber)) throw mailboxRefusal(mailboxNumber);
  passNetworkGate(actor, mailboxNumber);
};

export const requireMailboxManagement = (actor: Actor, mailboxNumber: number): void => {
  if (!canManageMailbox(actor, mailboxNumber)) throw mailboxRefusal(mailboxNumber);
  passNetworkGate(actor, mailboxNumber);
};

export const requireMailboxAudit = (actor: Actor, mailboxNumber: number): void => {
  if (!canAuditMailbox(actor, mailboxNumber)) throw mailboxRefusal(mailboxNumber);
  passNetworkGate(actor, mailboxNumber);
};

export const requireMailboxRole = (actor: Actor, mailboxNumber: number, role: MailboxRole): void => {
  if (!hasMailboxRole(actor, mailboxNumber, role)) throw mailboxRefusal(mailboxNumber);
  passNetworkGate(actor, mailboxNumber);
};

export const requirePermission = (actor: Actor, permission: UserPermission): void => {
  if (!hasPermission(actor, permission)) throw forbidden(`This needs the ${permission} permission`);
};

/** Users manage their own profile and tokens; administrators manage everyone's. */
export const requireSelfOrAdministrator = (actor: Actor, userId: string): void => {
  if (!isAdministrator(actor) && (isSystem(actor) || actor.userId !== userId)) {
    throw forbidden('You may only do this for your own account');
  }
};
