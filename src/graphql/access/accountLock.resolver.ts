import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { isAdministrator, requireMailboxAudit, requireMailboxManagement } from '../../app/auth/authorization.js';
import type { Principal } from '../../app/auth/principal.js';
import { forbidden } from '../../domain/shared/errors.js';
import { viewerOf, type GraphQLContext } from '../context.js';
import { User, UserConnection } from '../identity/identity.types.js';
import { ConnectionArgs, pageRequest, toConnection, type Connection } from '../relay.js';
import { viewerMutation } from '../viewerMutation.js';
import { ConfigureLockPolicyInput, UnlockUsersInput } from './access.inputs.js';
import { LockPolicyPayload, UnlockUsersPayload } from './access.payloads.js';
import { AccountLock, EffectiveLockPolicy, LockPolicy } from './access.types.js';

/** Manages the mailbox, network gate included; as a predicate rather than a refusal. */
const manages = (viewer: Principal, mailboxNumber: number): boolean => {
  try {
    requireMailboxManagement(viewer, mailboxNumber);
    return true;
  } catch {
    return false;
  }
};

/** Administrators, and operations administrators of a mailbox the user belongs to, see and unlock their lock. */
const mayHandleLockOf = async (ctx: GraphQLContext, viewer: Principal, userId: string): Promise<boolean> => {
  if (isAdministrator(viewer)) return true;
  const memberships = await ctx.loaders.membershipsByUser.load(userId);
  return memberships.some((m) => manages(viewer, m.mailboxNumber));
};

@Resolver(() => LockPolicy)
export class AccountLockResolver {
  @Query(() => LockPolicy, { nullable: true, description: 'Account-lock policy of a mailbox; null while it has never been saved.' })
  async lockPolicy(@Arg('mailboxNumber', () => Int) mailboxNumber: number, @Ctx() ctx: GraphQLContext): Promise<LockPolicy | null> {
    requireMailboxAudit(viewerOf(ctx), mailboxNumber);
    const row = await ctx.loaders.lockPolicyByMailbox.load(mailboxNumber);
    return row ? LockPolicy.from(row) : null;
  }

  @Query(() => EffectiveLockPolicy, {
    description: 'The lock policy governing a user and the mailbox it comes from. The user, administrators, and operations administrators of the user\'s mailboxes.',
  })
  async effectiveLockPolicy(@Arg('userId', () => ID) userId: string, @Ctx() ctx: GraphQLContext): Promise<EffectiveLockPolicy> {
    const viewer = viewerOf(ctx);
    if (viewer.userId !== userId && !(await mayHandleLockOf(ctx, viewer, userId))) throw forbidden();
    const { applied, candidates } = await ctx.services.access.locks.effectivePolicy(userId);
    return Object.assign(new EffectiveLockPolicy(), {
      userId,
      policy: applied ? LockPolicy.from(applied) : null,
      mailboxNumber: applied ? Number(applied.mailbox_number) : null,
      candidates: candidates.map(LockPolicy.from),
    });
  }

  @Query(() => UserConnection, {
    description: 'Locked users by username (アカウントロック中のユーザのみ). Administrators see all; operations administrators the members of mailboxes they manage.',
  })
  async lockedUsers(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: GraphQLContext): Promise<Connection<User>> {
    const viewer = viewerOf(ctx);
    const page = pageRequest(args);
    let managed: number[] | null = null;
    if (!isAdministrator(viewer)) {
      managed = [...viewer.memberships.keys()].filter((n) => manages(viewer, n));
      if (managed.length === 0) throw forbidden('Only administrators and operations administrators see locked users');
    }
    const rows = await ctx.services.access.locks.lockedUsers({ after: page.after, limit: page.limit + 1 }, managed);
    for (const r of rows) ctx.loaders.userById.prime(r.id, r);
    return toConnection(rows, page, (r) => r.username, User.from);
  }

  @Mutation(() => LockPolicyPayload, { description: 'Replaces the account-lock policy of a mailbox.' })
  async configureLockPolicy(@Arg('input', () => ConfigureLockPolicyInput) input: ConfigureLockPolicyInput, @Ctx() ctx: GraphQLContext): Promise<LockPolicyPayload> {
    return viewerMutation(ctx, input, LockPolicyPayload, async (viewer, metadata) => {
      await ctx.services.access.locks.configurePolicy(
        viewer,
        {
          mailboxNumber: input.mailboxNumber,
          enabled: input.enabled,
          threshold: input.threshold,
          notifyOperationsAdministrators: input.notifyOperationsAdministrators,
          notifyAddresses: input.notifyAddresses,
          mode: input.mode,
          waitMinutes: input.waitMinutes,
          maxTemporaryLocks: input.maxTemporaryLocks,
        },
        metadata,
      );
      ctx.loaders.lockPolicyByMailbox.clear(input.mailboxNumber);
      const row = await ctx.loaders.lockPolicyByMailbox.load(input.mailboxNumber);
      return { lockPolicy: row ? LockPolicy.from(row) : null };
    });
  }

  @Mutation(() => UnlockUsersPayload, { description: 'Unlocks one or many users, with a reason; also clears their failed-login count.' })
  async unlockUsers(@Arg('input', () => UnlockUsersInput) input: UnlockUsersInput, @Ctx() ctx: GraphQLContext): Promise<UnlockUsersPayload> {
    return viewerMutation(ctx, input, UnlockUsersPayload, async (viewer, metadata) => {
      await ctx.services.access.locks.unlock(viewer, { userIds: input.userIds, reason: input.reason }, metadata);
      const ids = [...new Set(input.userIds.map((id) => id.toLowerCase()))];
      for (const id of ids) {
        ctx.loaders.userById.clear(id);
        ctx.loaders.lockStateByUser.clear(id);
      }
      const rows = await ctx.loaders.userById.loadMany(ids);
      return { users: rows.flatMap((r) => (r && !(r instanceof Error) ? [User.from(r)] : [])) };
    });
  }
}

@Resolver(() => User)
export class UserAccountLockResolver {
  @FieldResolver(() => AccountLock, {
    nullable: true,
    description: 'Failed logins and lock. Null unless the caller is the user, an administrator, or an operations administrator of one of the user\'s mailboxes.',
  })
  async accountLock(@Root() user: User, @Ctx() ctx: GraphQLContext): Promise<AccountLock | null> {
    // Also reachable without a session (the login payload's viewer): nothing to show then.
    const viewer = ctx.principal;
    if (!viewer) return null;
    if (viewer.userId !== user.id && !(await mayHandleLockOf(ctx, viewer, user.id))) return null;
    return AccountLock.from(await ctx.loaders.lockStateByUser.load(user.id));
  }
}
