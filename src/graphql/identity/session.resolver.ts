import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { isAdministrator } from '../../app/auth/authorization.js';
import { viewerOf, type GraphQLContext } from '../context.js';
import { viewerMutation } from '../viewerMutation.js';
import { OkPayload } from './identity.payloads.js';
import { User } from './identity.types.js';
import { ApiToken, EndSessionInput, Session } from './signin.types.js';

const date = (v: string | null) => (v === null ? null : new Date(v));

@Resolver(() => User)
export class SessionResolver {
  @FieldResolver(() => [Session], { nullable: true, description: 'Live login sessions, newest first; null unless the caller is this user or an administrator.' })
  async sessions(@Root() user: User, @Ctx() ctx: GraphQLContext): Promise<Session[] | null> {
    const viewer = viewerOf(ctx);
    if (!isAdministrator(viewer) && viewer.userId !== user.id) return null;
    const rows = await ctx.services.auth.listSessions(viewer, user.id);
    return rows.map((r) =>
      Object.assign(new Session(), {
        id: r.session_id,
        createdAt: new Date(r.created_at),
        expiresAt: new Date(r.expires_at),
        lastSeenAt: new Date(r.last_seen_at),
        clientIp: r.client_ip,
        current: viewer.sessionId === r.session_id,
      }),
    );
  }

  @FieldResolver(() => [ApiToken], { nullable: true, description: 'API tokens, newest first, revoked ones included; null unless the caller is this user or an administrator.' })
  async apiTokens(@Root() user: User, @Ctx() ctx: GraphQLContext): Promise<ApiToken[] | null> {
    const viewer = viewerOf(ctx);
    if (!isAdministrator(viewer) && viewer.userId !== user.id) return null;
    const rows = await ctx.services.auth.listApiTokens(viewer, user.id);
    return rows.map((r) =>
      Object.assign(new ApiToken(), {
        id: r.token_id,
        name: r.name,
        createdAt: new Date(r.created_at),
        expiresAt: date(r.expires_at),
        revokedAt: date(r.revoked_at),
        readOnly: r.read_only === 1,
        mayIssueTokens: r.may_issue_tokens === 1,
        lastUsedAt: date(r.last_used_at),
        lastUsedIp: r.last_used_ip,
      }),
    );
  }

  @Mutation(() => OkPayload, { description: 'Ends one login session (yours, or anyone\'s for administrators); its WebSockets close on every instance.' })
  async endSession(@Arg('input', () => EndSessionInput) input: EndSessionInput, @Ctx() ctx: GraphQLContext): Promise<OkPayload> {
    return viewerMutation(ctx, input, OkPayload, async (viewer, metadata) => (await ctx.services.auth.endSession(viewer, input.userId ?? viewer.userId, input.sessionId, metadata), { ok: true }));
  }
}
