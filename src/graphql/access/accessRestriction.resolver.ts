import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireMailboxAudit } from '../../app/auth/authorization.js';
import { viewerOf, type GraphQLContext } from '../context.js';
import { User } from '../identity/identity.types.js';
import { viewerMutation } from '../viewerMutation.js';
import { ConfigureApiRestrictionInput, ConfigureIpRestrictionInput } from './access.inputs.js';
import { AccessRestrictionPayload } from './access.payloads.js';
import { AccessDecision, AccessRestriction, IpRestriction } from './access.types.js';

const loadRestriction = async (ctx: GraphQLContext, mailboxNumber: number, fresh = false): Promise<AccessRestriction> => {
  if (fresh) ctx.loaders.accessRestrictionByMailbox.clear(mailboxNumber);
  return AccessRestriction.from(await ctx.loaders.accessRestrictionByMailbox.load(mailboxNumber));
};

@Resolver(() => AccessRestriction)
export class AccessRestrictionResolver {
  @Query(() => AccessRestriction, { description: 'IP and API restriction of a mailbox. Its operations administrators and auditors (and administrators).' })
  async accessRestriction(@Arg('mailboxNumber', () => Int) mailboxNumber: number, @Ctx() ctx: GraphQLContext): Promise<AccessRestriction> {
    requireMailboxAudit(viewerOf(ctx), mailboxNumber);
    return loadRestriction(ctx, mailboxNumber);
  }

  @Query(() => AccessDecision, {
    description: 'Would a client at `ip` (as `userId`, optionally with an API token) be allowed in the mailbox now, and by which rule.',
  })
  async accessCheck(
    @Arg('mailboxNumber', () => Int) mailboxNumber: number,
    @Arg('ip', () => String) ip: string,
    @Arg('userId', () => ID, { nullable: true }) userId: string | null,
    @Arg('viaApiToken', () => Boolean, { defaultValue: false }) viaApiToken: boolean,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccessDecision> {
    const decision = await ctx.services.access.restrictions.check(viewerOf(ctx), { mailboxNumber, ip, userId, viaApiToken });
    return AccessDecision.from(decision);
  }

  @Mutation(() => AccessRestrictionPayload, {
    description: 'Replaces the IP restriction. Refused when it would deny your own address, unless force: true.',
  })
  async configureIpRestriction(
    @Arg('input', () => ConfigureIpRestrictionInput) input: ConfigureIpRestrictionInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccessRestrictionPayload> {
    return viewerMutation(ctx, input, AccessRestrictionPayload, async (viewer, metadata) => {
      const { warnings } = await ctx.services.access.restrictions.configureIpRestriction(
        viewer,
        {
          mailboxNumber: input.mailboxNumber,
          enabled: input.enabled,
          allowedAddresses: input.allowedAddresses,
          exemptUserIds: input.exemptUserIds,
          force: input.force,
        },
        { clientIp: ctx.clientIp },
        metadata,
      );
      return { accessRestriction: await loadRestriction(ctx, input.mailboxNumber, true), warnings: [...warnings] };
    });
  }

  @Mutation(() => AccessRestrictionPayload, {
    description: 'Replaces the API restriction. An API-token caller is refused when it would deny its own address, unless force: true.',
  })
  async configureApiRestriction(
    @Arg('input', () => ConfigureApiRestrictionInput) input: ConfigureApiRestrictionInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccessRestrictionPayload> {
    return viewerMutation(ctx, input, AccessRestrictionPayload, async (viewer, metadata) => {
      const { warnings } = await ctx.services.access.restrictions.configureApiRestriction(
        viewer,
        { mailboxNumber: input.mailboxNumber, enabled: input.enabled, allowedAddresses: input.allowedAddresses, force: input.force },
        { clientIp: ctx.clientIp },
        metadata,
      );
      return { accessRestriction: await loadRestriction(ctx, input.mailboxNumber, true), warnings: [...warnings] };
    });
  }
}

@Resolver(() => IpRestriction)
export class IpRestrictionResolver {
  @FieldResolver(() => [User], { description: 'Users the restriction does not apply to (対象外ユーザ).' })
  async exemptUsers(@Root() restriction: IpRestriction, @Ctx() ctx: GraphQLContext): Promise<User[]> {
    const rows = await ctx.loaders.userById.loadMany(restriction.exemptUserIds);
    return rows.flatMap((r) => (r && !(r instanceof Error) ? [User.from(r)] : []));
  }
}
