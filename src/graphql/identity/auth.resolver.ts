import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { ErrorCode, isMailroomError } from '../../errors/index.js';
import { requestMetadata, viewerOf, type GraphQLContext } from '../context.js';
import { mutationPayload, toUserError } from '../userErrors.js';
import { ChangePasswordInput, IssueApiTokenInput, LoginInput, RevokeApiTokenInput } from './identity.inputs.js';
import { ApiTokenPayload, LoginPayload, OkPayload } from './identity.payloads.js';
import { User } from './identity.types.js';

@Resolver()
export class AuthResolver {
  @Query(() => User, { nullable: true, description: 'The authenticated user, or null without a valid token.' })
  async viewer(@Ctx() ctx: GraphQLContext): Promise<User | null> {
    if (!ctx.principal) return null;
    const row = await ctx.loaders.userById.load(ctx.principal.userId);
    return row ? User.from(row) : null;
  }

  @Mutation(() => LoginPayload, {
    description: 'Exchanges a username and password for a session token. Wrong names, wrong passwords and locked or inactive accounts all give the same error.',
  })
  async login(@Arg('input', () => LoginInput) input: LoginInput, @Ctx() ctx: GraphQLContext): Promise<LoginPayload> {
    const payload = new LoginPayload();
    try {
      const result = await ctx.services.auth.login(input.username, input.password, { clientIp: ctx.clientIp });
      const row = await ctx.loaders.userById.load(result.userId);
      payload.token = result.token;
      payload.expiresAt = result.expiresAt;
      payload.viewer = row ? User.from(row) : null;
    } catch (e) {
      if (!isMailroomError(e) || (e.code !== ErrorCode.UNAUTHENTICATED && e.code !== ErrorCode.VALIDATION)) throw e;
      payload.userErrors.push(toUserError(e));
    }
    return payload;
  }

  @Mutation(() => OkPayload, { description: 'Ends the session of the token this request carries.' })
  async logout(@Ctx() ctx: GraphQLContext): Promise<OkPayload> {
    const viewer = viewerOf(ctx);
    return mutationPayload(
      () => new OkPayload(),
      async () => {
        if (viewer.kind === 'session' && ctx.bearerToken) {
          await ctx.services.auth.logout(ctx.bearerToken);
          // Subscriptions opened with this session close on every instance (4401), after this answer.
          ctx.services.subscriptions.rightsChanged(viewer.userId).catch((err: unknown) => ctx.services.logger.warn({ err }, 'closing the subscriptions of a logged-out session failed'));
        }
        return { ok: true };
      },
    );
  }

  @Mutation(() => OkPayload)
  async changePassword(@Arg('input', () => ChangePasswordInput) input: ChangePasswordInput, @Ctx() ctx: GraphQLContext): Promise<OkPayload> {
    const viewer = viewerOf(ctx);
    return mutationPayload(
      () => new OkPayload(),
      async () => {
        await ctx.services.identity.changePassword(
          viewer,
          { userId: input.userId ?? viewer.userId, newPassword: input.newPassword, currentPassword: input.currentPassword ?? undefined },
          requestMetadata(ctx, input.reason),
        );
        return { ok: true };
      },
    );
  }

  @Mutation(() => ApiTokenPayload, { description: 'Issues a token for machine clients (`Authorization: Bearer …`).' })
  async issueApiToken(@Arg('input', () => IssueApiTokenInput) input: IssueApiTokenInput, @Ctx() ctx: GraphQLContext): Promise<ApiTokenPayload> {
    const viewer = viewerOf(ctx);
    return mutationPayload(
      () => new ApiTokenPayload(),
      async () => {
        const issued = await ctx.services.auth.issueApiToken(
          viewer,
          input.userId ?? viewer.userId,
          input.name,
          input.expiresAt ?? undefined,
          requestMetadata(ctx, input.reason),
        );
        return { token: issued.token, tokenId: issued.tokenId, expiresAt: issued.expiresAt };
      },
    );
  }

  @Mutation(() => OkPayload)
  async revokeApiToken(@Arg('input', () => RevokeApiTokenInput) input: RevokeApiTokenInput, @Ctx() ctx: GraphQLContext): Promise<OkPayload> {
    const viewer = viewerOf(ctx);
    return mutationPayload(
      () => new OkPayload(),
      async () => {
        await ctx.services.auth.revokeApiToken(viewer, input.userId ?? viewer.userId, input.tokenId, requestMetadata(ctx, input.reason));
        return { ok: true };
      },
    );
  }
}
