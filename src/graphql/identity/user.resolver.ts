import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { isAdministrator, requireAdministrator } from '../../app/auth/authorization.js';
import type { Principal } from '../../app/auth/principal.js';
import { forbidden, notFound } from '../../domain/shared/errors.js';
import { viewerOf, type GraphQLContext } from '../context.js';
import { ConnectionArgs, pageRequest, toConnection, type Connection } from '../relay.js';
import { viewerMutation } from '../viewerMutation.js';
import { UserPermission } from '../../domain/identity/user.decider.js';
import { CreateUserInput, PermissionInput, UserIdInput } from './identity.inputs.js';
import { UserPayload } from './identity.payloads.js';
import { MailboxMember, User, UserConnection } from './identity.types.js';
/** Users see themselves and the members of mailboxes they belong to; administrators see everyone. */
const canSeeUser = async (ctx: GraphQLContext, viewer: Principal, userId: string): Promise<boolean> => {
  if (isAdministrator(viewer) || viewer.userId === userId) return true;
  const memberships = await ctx.loaders.membershipsByUser.load(userId);
  return memberships.some((m) => viewer.memberships.has(m.mailboxNumber));
};

const loadUser = async (ctx: GraphQLContext, userId: string, fresh = false): Promise<User> => {
  if (fresh) ctx.loaders.userById.clear(userId);
  const row = await ctx.loaders.userById.load(userId);
  if (!row) throw notFound('User', userId, ['userId']);
  return User.from(row);
};

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { description: 'A user the caller may see (themselves, fellow members; administrators: anyone).' })
  async user(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<User> {
    const viewer = viewerOf(ctx);
    if (!(await canSeeUser(ctx, viewer, id))) throw forbidden();
    return loadUser(ctx, id);
  }

  @Query(() => UserConnection, { description: 'All users by username. Administrators only.' })
  async users(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: GraphQLContext): Promise<Connection<User>> {
    requireAdministrator(viewerOf(ctx));
    const page = pageRequest(args);
    const rows = await ctx.loaders.usersPage({ after: page.after, limit: page.limit + 1 });
    for (const r of rows) ctx.loaders.userById.prime(r.id, r);
    return toConnection(rows, page, (r) => r.username, User.from);
  }

  @FieldResolver(() => [UserPermission])
  async permissions(@Root() user: User, @Ctx() ctx: GraphQLContext): Promise<UserPermission[]> {
    return (await ctx.loaders.permissionsByUser.load(user.id)) as UserPermission[];
  }

  @FieldResolver(() => [MailboxMember], { description: 'Mailboxes of this user that the caller may also see.' })
  async memberships(@Root() user: User, @Ctx() ctx: GraphQLContext): Promise<MailboxMember[]> {
    const viewer = viewerOf(ctx);
    const rows = await ctx.loaders.membershipsByUser.load(user.id);
    return rows.filter((m) => isAdministrator(viewer) || viewer.memberships.has(m.mailboxNumber)).map(MailboxMember.from);
  }

  @Mutation(() => UserPayload, { description: 'Administrators only.' })
  async createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: GraphQLContext): Promise<UserPayload> {
    return viewerMutation(ctx, input, UserPayload, async (viewer, metadata) => {
      const { userId } = await ctx.services.identity.createUser(
        viewer,
        {
          username: input.username,
          displayName: input.displayName,
          email: input.email,
          password: input.password,
          isAdministrator: input.isAdministrator ?? false,
        },
        metadata,
      );
      return { user: await loadUser(ctx, userId, true) };
    });
  }

  @Mutation(() => UserPayload, { description: 'Administrators only. MAILBOX_RESET is never held by default.' })
  async grantPermission(@Arg('input', () => PermissionInput) input: PermissionInput, @Ctx() ctx: GraphQLContext): Promise<UserPayload> {
    return viewerMutation(ctx, input, UserPayload, async (viewer, metadata) => {
      await ctx.services.identity.grantPermission(viewer, { userId: input.userId, permission: input.permission }, metadata);
      ctx.loaders.permissionsByUser.clear(input.userId);
      return { user: await loadUser(ctx, input.userId, true) };
    });
  }

  @Mutation(() => UserPayload, { description: 'Administrators only.' })
  async revokePermission(@Arg('input', () => PermissionInput) input: PermissionInput, @Ctx() ctx: GraphQLContext): Promise<UserPayload> {
    return viewerMutation(ctx, input, UserPayload, async (viewer, metadata) => {
      await ctx.services.identity.revokePermission(viewer, { userId: input.userId, permission: input.permission }, metadata);
      ctx.loaders.permissionsByUser.clear(input.userId);
      return { user: await loadUser(ctx, input.userId, true) };
    });
  }

  @Mutation(() => UserPayload, { description: 'Administrators only. A deactivated user can neither log in nor use tokens.' })
  async deactivateUser(@Arg('input', () => UserIdInput) input: UserIdInput, @Ctx() ctx: GraphQLContext): Promise<UserPayload> {
    return viewerMutation(ctx, input, UserPayload, async (viewer, metadata) => {
      await ctx.services.identity.deactivateUser(viewer, { userId: input.userId }, metadata);
      return { user: await loadUser(ctx, input.userId, true) };
    });
  }

  @Mutation(() => UserPayload, { description: 'Administrators only.' })
  async reactivateUser(@Arg('input', () => UserIdInput) input: UserIdInput, @Ctx() ctx: GraphQLContext): Promise<UserPayload> {
    return viewerMutation(ctx, input, UserPayload, async (viewer, metadata) => {
      await ctx.services.identity.reactivateUser(viewer, { userId: input.userId }, metadata);
      return { user: await loadUser(ctx, input.userId, true) };
    });
  }
}
