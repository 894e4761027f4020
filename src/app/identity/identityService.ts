import { randomUUID } from 'node:crypto';
import { requireAdministrator, requireMailboxManagement, requireSelfOrAdministrator } from '../auth/authorization.js';
import type { RequestMetadata } from '../auth/authService.js';
import { createArgon2Hasher, validatePassword, type PasswordHasher } from '../auth/passwords.js';
import { actorIdOf, type Actor } from '../auth/principal.js';
import { mailboxDecider, mailboxStreamId, type MailboxCommand, type MailboxRole } from '../../domain/identity/mailbox.decider.js';
import { userDecider, userStreamId, validateRegistration, type UserCommand, type UserPermission } from '../../domain/identity/user.decider.js';
import { usernameClaimDecider, usernameClaimStreamId } from '../../domain/identity/usernameClaim.decider.js';
import type { CommandMetadata } from '../../domain/shared/decider.js';
import { illegalState, notFound, unauthenticated, validationError } from '../../domain/shared/errors.js';
import { loadDecidedState } from '../../eventstore/decidedState.js';
import { handleCommand } from '../../eventstore/handleCommand.js';
import type { EventStore } from '../../eventstore/port.js';

export interface IdentityServiceOptions {
  readonly store: EventStore;
  /** @default () => new Date() */
  readonly clock?: () => Date;
  /** @default argon2id, see ARGON2ID_OPTIONS */
  readonly passwords?: PasswordHasher;
  /** Awaited with the position after each append (read-your-writes), e.g. `runner.waitForPosition`. */
  readonly afterAppend?: (position: number) => Promise<void>;
}

/** Store position of the last appended event, or null when the command changed nothing. */
export interface CommandOutcome {
  readonly position: number | null;
}

export interface CreateUserInput {
  /** Pass the same id when retrying a registration that may have half-succeeded. @default a new UUID */
  readonly userId?: string;
  readonly username: string;
  readonly displayName: string;
  readonly email: string;
  readonly password: string;
  /** @default false */
  readonly isAdministrator?: boolean;
}

/**
 * Identity commands as the API offers them: authorize the actor, prepare what the deciders
 * must not do themselves (hash passwords, check that a user exists), then `handleCommand`.
 * Authorization always comes first, so a refusal never reveals whether a mailbox exists.
 *
 * Who may do what: administrators create mailboxes and users and manage memberships, roles,
 * permissions and activation. A mailbox's operations administrators may rename it and change
 * its address. Users change their own profile and password (with the current password).
 */
export class IdentityService {
  private readonly store: EventStore;
  private readonly clock: () => Date;
  private readonly passwords: PasswordHasher;
  private readonly afterAppend: (position: number) => Promise<void>;

  constructor(options: IdentityServiceOptions) {
    this.store = options.store;
    this.clock = options.clock ?? (() => new Date());
    this.passwords = options.passwords ?? createArgon2Hasher();
    this.afterAppend = options.afterAppend ?? (async () => {});
  }

  async createMailbox(actor: Actor, input: { number: number; name: string; address: string }, meta: RequestMetadata): Promise<CommandOutcome> {
    requireAdministrator(actor);
    return this.mailbox(actor, input.number, meta, 'CreateMailbox', input);
  }

  async renameMailbox(actor: Actor, input: { number: number; name: string }, meta: RequestMetadata): Promise<CommandOutcome> {
    requireMailboxManagement(actor, input.number);
    return this.mailbox(actor, input.number, meta, 'RenameMailbox', input);
  }

  async changeMailboxAddress(actor: Actor, input: { number: number; address: string }, meta: RequestMetadata): Promise<CommandOutcome> {
    requireMailboxManagement(actor, input.number);
    return this.mailbox(actor, input.number, meta, 'ChangeMailboxAddress', input);
  }

  async addMember(actor: Actor, input: { mailboxNumber: number; userId: string }, meta: RequestMetadata): Promise<CommandOutcome> {
    requireAdministrator(actor);
    await this.requireUser(input.userId);
    return this.mailbox(actor, input.mailboxNumber, meta, 'AddMailboxMember', { number: input.mailboxNumber, userId: input.userId });
  }

  async removeMember(actor: Actor, input: { mailboxNumber: number; userId: string }, meta: RequestMetadata): Promise<CommandOutcome> {
    requireAdministrator(actor);
    return this.mailbox(actor, input.mailboxNumber, meta, 'RemoveMailboxMember', { number: input.mailboxNumber, userId: input.userId });
  }

  async assignRole(actor: Actor, input: { mailboxNumber: number; userId: string; role: MailboxRole }, meta: RequestMetadata): Promise<CommandOutcome> {
    requireAdministrator(actor);
    const { mailboxNumber: number, userId, role } = input;
    return this.mailbox(actor, number, meta, 'AssignMailboxRole', { number, userId, role });
  }

  async revokeRole(actor: Actor, input: { mailboxNumber: number; userId: string; role: MailboxRole }, meta: RequestMetadata): Promise<CommandOutcome> {
    requireAdministrator(actor);
    const { mailboxNumber: number, userId, role } = input;
    return this.mailbox(actor, number, meta, 'RevokeMailboxRole', { number, userId, role });
  }

  /**
   * Claims the username, then registers the user. Everything the registration checks is
   * checked before the claim, because a claim is never released. A crash between the two
   * steps is repaired by retrying with the same `userId`.
   */
  async createUser(actor: Actor, input: CreateUserInput, meta: RequestMetadata): Promise<CommandOutcome & { userId: string }> {
    requireAdministrator(actor);
    const password = validatePassword(['password'], input.password);
    const registration = validateRegistration({
      userId: input.userId ?? randomUUID(),
      username: input.username,
      displayName: input.displayName,
      email: input.email,
      passwordHash: await this.passwords.hash(password),
      isAdministrator: input.isAdministrator ?? false,
    });
    const metadata = this.metadata(actor, meta);
    await handleCommand(this.store, usernameClaimDecider, usernameClaimStreamId(registration.username), {
      type: 'ClaimUsername',
      data: { username: registration.username, userId: registration.userId },
      metadata: step(metadata, 'claim'),
    });
    const result = await handleCommand(this.store, userDecider, userStreamId(registration.userId), {
      type: 'RegisterUser',
      data: registration,
      metadata: step(metadata, 'register'),
    });
    await this.settle(result.position);
    return { userId: registration.userId, position: result.position };
  }

  /**
   * Own password: the current one must be given and right (a stolen session alone cannot
   * take over the account). An administrator sets anyone else's without it.
   */
  async changePassword(
    actor: Actor,
    input: { userId: string; newPassword: string; currentPassword?: string; revokeApiTokens?: boolean },
    meta: RequestMetadata,
  ): Promise<CommandOutcome & { apiTokensRevoked: number }> {
    const own = actor.kind !== 'system' && actor.userId === input.userId;
    if (!own) requireAdministrator(actor);
    const password = validatePassword(['newPassword'], input.newPassword);
    if (own) {
      const user = await this.requireUser(input.userId);
      const ok = typeof input.currentPassword === 'string' && (await this.passwords.verify(user.passwordHash, input.currentPassword));
      if (!ok) throw unauthenticated('The current password is wrong');
    }
    // Every other session ends (the sessionEndings reactor); the one the user changed it from stays.
    const keptSessionId = own && actor.kind === 'session' ? (actor.sessionId ?? null) : null;
    const full = {
      type: 'ChangeUserPassword',
      data: { userId: input.userId, passwordHash: await this.passwords.hash(password), keptSessionId, revokeApiTokens: input.revokeApiTokens === true },
      metadata: this.metadata(actor, meta),
    } as const;
    const result = await handleCommand(this.store, userDecider, userStreamId(input.userId), full);
    await this.settle(result.position);
    return { position: result.position, apiTokensRevoked: result.newEvents.filter((e) => e.type === 'ApiTokenRevoked').length };
  }

  async changeProfile(actor: Actor, input: { userId: string; displayName?: string; email?: string }, meta: RequestMetadata): Promise<CommandOutcome> {
    requireSelfOrAdministrator(actor, input.userId);
    return this.user(actor, meta, { type: 'ChangeUserProfile', data: input });
  }

  async grantPermission(actor: Actor, input: { userId: string; permission: UserPermission }, meta: RequestMetadata): Promise<CommandOutcome> {
    requireAdministrator(actor);
    return this.user(actor, meta, { type: 'GrantUserPermission', data: input });
  }

  async revokePermission(actor: Actor, input: { userId: string; permission: UserPermission }, meta: RequestMetadata): Promise<CommandOutcome> {
    requireAdministrator(actor);
    return this.user(actor, meta, { type: 'RevokeUserPermission', data: input });
  }

  /** Administrators cannot deactivate themselves, so the last one cannot lock everybody out by accident. */
  async deactivateUser(actor: Actor, input: { userId: string }, meta: RequestMetadata): Promise<CommandOutcome> {
    requireAdministrator(actor);
    if (actor.kind !== 'system' && actor.userId === input.userId) throw illegalState('You cannot deactivate your own account', ['userId']);
    return this.user(actor, meta, { type: 'DeactivateUser', data: input });
  }

  async reactivateUser(actor: Actor, input: { userId: string }, meta: RequestMetadata): Promise<CommandOutcome> {
    requireAdministrator(actor);
    return this.user(actor, meta, { type: 'ReactivateUser', data: input });
  }

  /** A user's current state from the event stream (the source of truth, never behind). */
  async requireUser(userId: string) {
    if (typeof userId !== 'string' || userId.length === 0) throw validationError(['userId'], 'Expected a user id, got nothing');
    const { state } = await loadDecidedState(this.store, userDecider, userStreamId(userId));
    if (state.status === 'empty') throw notFound('User', userId, ['userId']);
    return state;
  }

  private async mailbox<T extends MailboxCommand['type']>(
    actor: Actor,
    number: number,
    meta: RequestMetadata,
    type: T,
    data: Extract<MailboxCommand, { type: T }>['data'],
  ): Promise<CommandOutcome> {
    const command = { type, data, metadata: this.metadata(actor, meta) } as MailboxCommand;
    const result = await handleCommand(this.store, mailboxDecider, mailboxStreamId(number), command);
    await this.settle(result.position);
    return { position: result.position };
  }

  private async user(actor: Actor, meta: RequestMetadata, command: Omit<UserCommand, 'metadata'>): Promise<CommandOutcome> {
    const full = { ...command, metadata: this.metadata(actor, meta) } as UserCommand;
    const result = await handleCommand(this.store, userDecider, userStreamId(full.data.userId), full);
    await this.settle(result.position);
    return { position: result.position };
  }

  private metadata(actor: Actor, meta: RequestMetadata): CommandMetadata {
    return { ...meta, now: this.clock(), actorId: actorIdOf(actor) };
  }

  private async settle(position: number | null): Promise<void> {
    if (position !== null) await this.afterAppend(position);
  }
}

/** One request, several commands: each gets its own derived command id so their event ids differ. */
const step = (metadata: CommandMetadata, name: string): CommandMetadata =>
  metadata.commandId === undefined ? metadata : { ...metadata, commandId: `${metadata.commandId}:${name}` };
