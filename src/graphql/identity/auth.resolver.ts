import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { ErrorCode, isMailroomError } from '../../domain/shared/errors.js';
import type { GraphQLContext } from '../context.js';
import { toUserError } from '../userErrors.js';
import { viewerMutation } from '../viewerMutation.js';
import type { LoginResult } from '../../app/auth/authService.js';
import { ChangePasswordInput, IssueApiTokenInput, LoginInput, RevokeApiTokenInput } from './identity.inputs.js';
import { ApiTokenPayload, LoginPayload, OkPayload } from './identity.payloads.js';
import { User } from './identity.types.js';
import { CompleteLoginInput, PasswordChangePayload, SecondFactorChallenge, SecondFactorStep } from './signin.types.js';

/** Login answers carry only UNAUTHENTICATED/VALIDATION as userErrors (one generic message); the rest propagates. */
const loginPayload = async (ctx: GraphQLContext, run: (payload: LoginPayload) => Promise<void>): Promise<LoginPayload> => {
  const payload = new LoginPayload();
  try {
    await run(payload);
  } catch (e) {
    if (!isMailroomError(e) || (e.code !== ErrorCode.UNAUTHENTICATED && e.code !== ErrorCode.VALIDATION)) throw e;
    payload.userErrors.push(toUserError(e));
  }
  return payload;
};

const withSession = async (ctx: GraphQLContext, payload: LoginPayload, result: LoginResult): Promise<void> => {
  const row = await ctx.loaders.userById.load(result.userId);
  payload.token = result.token;
  payload.expiresAt = result.expiresAt;
  payload.viewer = row ? User.from(row) : null;
};

@Resolver()
export class AuthResolver {
  @Query(() => User, { nullable: true, description: 'The authenticated user, or null without a valid token.' })
  async viewer(@Ctx() ctx: GraphQLContext): Promise<User | null> {
    if (!ctx.principal) return null;
    const row = await ctx.loaders.userById.load(ctx.principal.userId);
    return row ? User.from(row) : null;
  }

  @Mutation(() => LoginPayload, {
    description:
      'Exchanges a username and password for a session token, or for a `secondFactor` challenge when the account uses two-factor ' +
      '(or must enrol). Wrong names, wrong passwords and locked or inactive accounts all give the same error.',
  })
  async login(@Arg('input', () => LoginInput) input: LoginInput, @Ctx() ctx: GraphQLContext): Promise<LoginPayload> {
    return loginPayload(ctx, async (payload) => {
      const outcome = await ctx.services.auth.beginLogin(input.username, input.password, { clientIp: ctx.clientIp });
      if (outcome.kind === 'session') return withSession(ctx, payload, outcome);
      payload.secondFactor = Object.assign(new SecondFactorChallenge(), {
        challenge: outcome.challenge,
        expiresAt: outcome.expiresAt,
        step: outcome.purpose === 'VERIFY' ? SecondFactorStep.TOTP : SecondFactorStep.ENROLMENT_REQUIRED,
      });
    });
  }

  @Mutation(() => LoginPayload, {
    description: 'The second step of a login: the challenge and a TOTP or recovery code. A wrong code counts toward the account lock like a wrong password, with the same error.',
  })
  async completeLogin(@Arg('input', () => CompleteLoginInput) input: CompleteLoginInput, @Ctx() ctx: GraphQLContext): Promise<LoginPayload> {
    return loginPayload(ctx, async (payload) => withSession(ctx, payload, await ctx.services.auth.completeLogin(input.challenge, input.code, { clientIp: ctx.clientIp })));
  }

  @Mutation(() => OkPayload, { description: 'Ends the session of the token this request carries.' })
  async logout(@Ctx() ctx: GraphQLContext): Promise<OkPayload> {
    return viewerMutation(ctx, null, OkPayload, async (viewer) => {
      if (viewer.kind === 'session' && ctx.bearerToken) {
        await ctx.services.auth.logout(ctx.bearerToken);
        // Subscriptions opened with this session close on every instance (4401), after this answer.
        ctx.services.subscriptions.rightsChanged(viewer.userId).catch((err: unknown) => ctx.services.logger.warn({ err }, 'closing the subscriptions of a logged-out session failed'));
      }
      return { ok: true };
    });
  }

  @Mutation(() => PasswordChangePayload, {
    description: 'Ends every other session of the user (an own change keeps the session it is made from); revokeApiTokens also revokes their API tokens.',
  })
  async changePassword(@Arg('input', () => ChangePasswordInput) input: ChangePasswordInput, @Ctx() ctx: GraphQLContext): Promise<PasswordChangePayload> {
    return viewerMutation(ctx, input, PasswordChangePayload, async (viewer, metadata) => {
      const { apiTokensRevoked } = await ctx.services.identity.changePassword(
        viewer,
        {
          userId: input.userId ?? viewer.userId,
          newPassword: input.newPassword,
          currentPassword: input.currentPassword ?? undefined,
          revokeApiTokens: input.revokeApiTokens,
        },
        metadata,
      );
      return { ok: true, otherSessionsEnded: true, apiTokensRevoked };
    });
  }

  @Mutation(() => ApiTokenPayload, { description: 'Issues a token for machine clients (`Authorization: Bearer …`).' })
  async issueApiToken(@Arg('input', () => IssueApiTokenInput) input: IssueApiTokenInput, @Ctx() ctx: GraphQLContext): Promise<ApiTokenPayload> {
    return viewerMutation(ctx, input, ApiTokenPayload, async (viewer, metadata) => {
      const issued = await ctx.services.auth.issueApiToken(
        viewer,
        input.userId ?? viewer.userId,
        { name: input.name, expiresAt: input.expiresAt ?? null, readOnly: input.readOnly, mayIssueTokens: input.mayIssueTokens },
        metadata,
      );
      return { token: issued.token, tokenId: issued.tokenId, expiresAt: issued.expiresAt };
    });
  }

  @Mutation(() => OkPayload)
  async revokeApiToken(@Arg('input', () => RevokeApiTokenInput) input: RevokeApiTokenInput, @Ctx() ctx: GraphQLContext): Promise<OkPayload> {
    return viewerMutation(ctx, input, OkPayload, async (viewer, metadata) => {
      await ctx.services.auth.revokeApiToken(viewer, input.userId ?? viewer.userId, input.tokenId, metadata);
      return { ok: true };
    });
  }
}
