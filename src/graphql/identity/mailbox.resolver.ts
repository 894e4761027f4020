import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { isAdministrator, requireMailboxAccess } from '../../app/auth/authorization.js';
import { notFound } from '../../domain/shared/errors.js';
import { viewerOf, type GraphQLContext } from '../context.js';
import { ConnectionArgs, pageRequest, toConnection, type Connection } from '../relay.js';
import { viewerMutation } from '../viewerMutation.js';
import {
  ChangeMailboxAddressInput,
  CreateMailboxInput,
  MailboxRoleInput,
  MembershipInput,
  RenameMailboxInput,
} from './identity.inputs.js';
import { MailboxMemberPayload, MailboxPayload } from './identity.payloads.js';
import { Mailbox, MailboxConnection, MailboxMember, MailboxMemberConnection, User } from './identity.types.js';

/** Sort key of mailboxes in cursors: zero-padded so text order equals numeric order. */
const mailboxKey = (n: number): string => String(n).padStart(12, '0');

/** After a mutation pass `fresh`, so a value cached earlier in the same request is not returned. */
const loadMailbox = async (ctx: GraphQLContext, number: number, fresh = false): Promise<Mailbox> => {
  if (fresh) ctx.loaders.mailboxByNumber.clear(number);
  const row = await ctx.loaders.mailboxByNumber.load(number);
  if (!row) throw notFound('Mailbox', String(number), ['number']);
  return Mailbox.from(row);
};

const loadMember = async (ctx: GraphQLContext, number: number, userId: string): Promise<MailboxMember | null> => {
  ctx.loaders.membersByMailbox.clear(number);
  const members = await ctx.loaders.membersByMailbox.load(number);
  const row = members.find((m) => m.userId === userId);
  return row ? MailboxMember.from(row) : null;
};

@Resolver(() => Mailbox)
export class MailboxResolver {
  @Query(() => Mailbox, { description: 'A mailbox the caller belongs to (administrators: any).' })
  async mailbox(@Arg('number', () => Int) number: number, @Ctx() ctx: GraphQLContext): Promise<Mailbox> {
    requireMailboxAccess(viewerOf(ctx), number);
    return loadMailbox(ctx, number);
  }

  @Query(() => MailboxConnection, { description: 'Mailboxes the caller belongs to (administrators: all), by number.' })
  async mailboxes(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: GraphQLContext): Promise<Connection<Mailbox>> {
    const viewer = viewerOf(ctx);
    const page = pageRequest(args);
    let numbers: number[] | null = null;
    if (!isAdministrator(viewer)) {
      numbers = [...viewer.memberships.keys()];
      if (numbers.length === 0) return toConnection([], page, () => '', Mailbox.from);
    }
    const rows = await ctx.loaders.mailboxesPage({ after: page.after === null ? null : Number(page.after), limit: page.limit + 1 }, numbers);
    for (const r of rows) ctx.loaders.mailboxByNumber.prime(r.number, r);
    return toConnection(rows, page, (r) => mailboxKey(r.number), Mailbox.from);
  }

  @FieldResolver(() => MailboxMemberConnection)
  async members(@Root() mailbox: Mailbox, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: GraphQLContext): Promise<Connection<MailboxMember>> {
    const page = pageRequest(args);
    // A mailbox has tens to hundreds of members: one batched load, paged in memory.
    const all = await ctx.loaders.membersByMailbox.load(mailbox.number);
    const after = page.after;
    const rest = after === null ? all : all.filter((m) => m.userId > after);
    return toConnection(rest.slice(0, page.limit + 1), page, (m) => m.userId, MailboxMember.from);
  }

  @Mutation(() => MailboxPayload, { description: 'Administrators only.' })
  async createMailbox(@Arg('input', () => CreateMailboxInput) input: CreateMailboxInput, @Ctx() ctx: GraphQLContext): Promise<MailboxPayload> {
    return viewerMutation(ctx, input, MailboxPayload, async (viewer, metadata) => {
      await ctx.services.identity.createMailbox(viewer, { number: input.number, name: input.name, address: input.address }, metadata);
      return { mailbox: await loadMailbox(ctx, input.number, true) };
    });
  }

  @Mutation(() => MailboxPayload, { description: 'Administrators and the mailbox\'s operations administrators.' })
  async renameMailbox(@Arg('input', () => RenameMailboxInput) input: RenameMailboxInput, @Ctx() ctx: GraphQLContext): Promise<MailboxPayload> {
    return viewerMutation(ctx, input, MailboxPayload, async (viewer, metadata) => {
      await ctx.services.identity.renameMailbox(viewer, { number: input.number, name: input.name }, metadata);
      return { mailbox: await loadMailbox(ctx, input.number, true) };
    });
  }

  @Mutation(() => MailboxPayload)
  async changeMailboxAddress(
    @Arg('input', () => ChangeMailboxAddressInput) input: ChangeMailboxAddressInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<MailboxPayload> {
    return viewerMutation(ctx, input, MailboxPayload, async (viewer, metadata) => {
      await ctx.services.identity.changeMailboxAddress(viewer, { number: input.number, address: input.address }, metadata);
      return { mailbox: await loadMailbox(ctx, input.number, true) };
    });
  }

  @Mutation(() => MailboxMemberPayload, { description: 'Administrators only.' })
  async addMailboxMember(@Arg('input', () => MembershipInput) input: MembershipInput, @Ctx() ctx: GraphQLContext): Promise<MailboxMemberPayload> {
    return viewerMutation(ctx, input, MailboxMemberPayload, async (viewer, metadata) => {
      await ctx.services.identity.addMember(viewer, { mailboxNumber: input.mailboxNumber, userId: input.userId }, metadata);
      return { member: await loadMember(ctx, input.mailboxNumber, input.userId), mailbox: await loadMailbox(ctx, input.mailboxNumber, true) };
    });
  }

  @Mutation(() => MailboxMemberPayload, { description: 'Administrators only.' })
  async removeMailboxMember(@Arg('input', () => MembershipInput) input: MembershipInput, @Ctx() ctx: GraphQLContext): Promise<MailboxMemberPayload> {
    return viewerMutation(ctx, input, MailboxMemberPayload, async (viewer, metadata) => {
      await ctx.services.identity.removeMember(viewer, { mailboxNumber: input.mailboxNumber, userId: input.userId }, metadata);
      return { member: null, mailbox: await loadMailbox(ctx, input.mailboxNumber, true) };
    });
  }

  @Mutation(() => MailboxMemberPayload, { description: 'Administrators only.' })
  async assignMailboxRole(@Arg('input', () => MailboxRoleInput) input: MailboxRoleInput, @Ctx() ctx: GraphQLContext): Promise<MailboxMemberPayload> {
    return viewerMutation(ctx, input, MailboxMemberPayload, async (viewer, metadata) => {
      await ctx.services.identity.assignRole(viewer, { mailboxNumber: input.mailboxNumber, userId: input.userId, role: input.role }, metadata);
      return { member: await loadMember(ctx, input.mailboxNumber, input.userId), mailbox: await loadMailbox(ctx, input.mailboxNumber, true) };
    });
  }

  @Mutation(() => MailboxMemberPayload, { description: 'Administrators only.' })
  async revokeMailboxRole(@Arg('input', () => MailboxRoleInput) input: MailboxRoleInput, @Ctx() ctx: GraphQLContext): Promise<MailboxMemberPayload> {
    return viewerMutation(ctx, input, MailboxMemberPayload, async (viewer, metadata) => {
      await ctx.services.identity.revokeRole(viewer, { mailboxNumber: input.mailboxNumber, userId: input.userId, role: input.role }, metadata);
      return { member: await loadMember(ctx, input.mailboxNumber, input.userId), mailbox: await loadMailbox(ctx, input.mailboxNumber, true) };
    });
  }
}

@Resolver(() => MailboxMember)
export class MailboxMemberResolver {
  @FieldResolver(() => User)
  async user(@Root() member: MailboxMember, @Ctx() ctx: GraphQLContext): Promise<User> {
    const row = await ctx.loaders.userById.load(member.userId);
    if (!row) throw notFound('User', member.userId);
    return User.from(row);
  }

  @FieldResolver(() => Mailbox)
  async mailbox(@Root() member: MailboxMember, @Ctx() ctx: GraphQLContext): Promise<Mailbox> {
    return loadMailbox(ctx, member.mailboxNumber);
  }
}
