import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireMailboxAudit } from '../../app/auth/authorization.js';
import { notFound } from '../../domain/shared/errors.js';
import { viewerOf, type GraphQLContext } from '../context.js';
import { viewerMutation } from '../viewerMutation.js';
import {
  BeginOAuthAuthorizationInput,
  ChangeOAuthCredentialInput,
  CompleteOAuthAuthorizationInput,
  OAuthCredentialRefInput,
  RegisterOAuthCredentialInput,
} from './inbound.inputs.js';
import { BeginOAuthAuthorizationPayload, DeleteOAuthCredentialPayload, OAuthCredentialPayload } from './inbound.payloads.js';
import { OAuthCredential, ReceiveAccount } from './inbound.types.js';

/** After a mutation the per-request cache may hold the old row. */
const loadCredential = async (ctx: GraphQLContext, mailboxNumber: number, credentialId: string): Promise<OAuthCredential> => {
  ctx.loaders.oauthCredentialById.clear(credentialId);
  const row = await ctx.loaders.oauthCredentialById.load(credentialId);
  if (!row || row.mailbox_number !== mailboxNumber) throw notFound('OAuth credential', credentialId, ['credentialId']);
  return OAuthCredential.from(row);
};

@Resolver(() => OAuthCredential)
export class OAuthCredentialResolver {
  @Query(() => [OAuthCredential], { description: "The mailbox's OAuth credentials. Managers and auditors of the mailbox." })
  async oauthCredentials(@Arg('mailboxNumber', () => Int) mailboxNumber: number, @Ctx() ctx: GraphQLContext): Promise<OAuthCredential[]> {
    requireMailboxAudit(viewerOf(ctx), mailboxNumber);
    return (await ctx.loaders.oauthCredentialsByMailbox.load(mailboxNumber)).map(OAuthCredential.from);
  }

  @FieldResolver(() => [ReceiveAccount], { description: 'Receive accounts that log in with this credential.' })
  async usedBy(@Root() credential: OAuthCredential, @Ctx() ctx: GraphQLContext): Promise<ReceiveAccount[]> {
    return (await ctx.loaders.receiveAccountsByCredential.load(credential.id)).map(ReceiveAccount.from);
  }

  @Mutation(() => OAuthCredentialPayload, { description: "Administrators and the mailbox's operations administrators." })
  async registerOAuthCredential(
    @Arg('input', () => RegisterOAuthCredentialInput) input: RegisterOAuthCredentialInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<OAuthCredentialPayload> {
    return viewerMutation(ctx, input, OAuthCredentialPayload, async (viewer, metadata) => {
      const { credentialId } = await ctx.services.inbound.oauthCredentials.register(
        viewer,
        {
          mailboxNumber: input.mailboxNumber,
          provider: input.provider,
          displayName: input.displayName,
          clientId: input.clientId,
          clientSecret: input.clientSecret,
          tenant: input.tenant ?? null,
          scopes: input.scopes ?? null,
          redirectUrl: input.redirectUrl,
          enabled: input.enabled ?? true,
        },
        metadata,
      );
      return { credential: await loadCredential(ctx, input.mailboxNumber, credentialId) };
    });
  }

  @Mutation(() => OAuthCredentialPayload, { description: 'Changing the client id, tenant or scopes drops the authorization (authorize again).' })
  async changeOAuthCredential(
    @Arg('input', () => ChangeOAuthCredentialInput) input: ChangeOAuthCredentialInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<OAuthCredentialPayload> {
    return viewerMutation(ctx, input, OAuthCredentialPayload, async (viewer, metadata) => {
      const { reason: _reason, ...fields } = input;
      await ctx.services.inbound.oauthCredentials.change(viewer, fields, metadata);
      return { credential: await loadCredential(ctx, input.mailboxNumber, input.credentialId) };
    });
  }

  @Mutation(() => OAuthCredentialPayload)
  async enableOAuthCredential(@Arg('input', () => OAuthCredentialRefInput) input: OAuthCredentialRefInput, @Ctx() ctx: GraphQLContext): Promise<OAuthCredentialPayload> {
    return this.setEnabled(input, true, ctx);
  }

  @Mutation(() => OAuthCredentialPayload, { description: 'Accounts using a disabled credential cannot log in until it is enabled again.' })
  async disableOAuthCredential(@Arg('input', () => OAuthCredentialRefInput) input: OAuthCredentialRefInput, @Ctx() ctx: GraphQLContext): Promise<OAuthCredentialPayload> {
    return this.setEnabled(input, false, ctx);
  }

  @Mutation(() => DeleteOAuthCredentialPayload, { description: 'Refused while receive accounts use the credential.' })
  async deleteOAuthCredential(
    @Arg('input', () => OAuthCredentialRefInput) input: OAuthCredentialRefInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<DeleteOAuthCredentialPayload> {
    return viewerMutation(ctx, input, DeleteOAuthCredentialPayload, async (viewer, metadata) => {
      await ctx.services.inbound.oauthCredentials.delete(viewer, { mailboxNumber: input.mailboxNumber, credentialId: input.credentialId }, metadata);
      return { deletedCredentialId: input.credentialId };
    });
  }

  @Mutation(() => BeginOAuthAuthorizationPayload, { description: "Returns the provider's authorization URL (state bound to the credential and the caller, PKCE S256)." })
  async beginOAuthAuthorization(
    @Arg('input', () => BeginOAuthAuthorizationInput) input: BeginOAuthAuthorizationInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<BeginOAuthAuthorizationPayload> {
    return viewerMutation(ctx, null, BeginOAuthAuthorizationPayload, async (viewer) =>
      ctx.services.inbound.oauthCredentials.beginAuthorization(viewer, {
        mailboxNumber: input.mailboxNumber,
        credentialId: input.credentialId,
        loginHint: input.loginHint ?? null,
      }),
    );
  }

  @Mutation(() => OAuthCredentialPayload, { description: 'Called by the redirect page with the `code` and `state` the provider sent; stores the refresh token encrypted.' })
  async completeOAuthAuthorization(
    @Arg('input', () => CompleteOAuthAuthorizationInput) input: CompleteOAuthAuthorizationInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<OAuthCredentialPayload> {
    return viewerMutation(ctx, input, OAuthCredentialPayload, async (viewer, metadata) => {
      const done = await ctx.services.inbound.oauthCredentials.completeAuthorization(viewer, { state: input.state, code: input.code }, metadata);
      return { credential: await loadCredential(ctx, done.mailboxNumber, done.credentialId) };
    });
  }

  private async setEnabled(input: OAuthCredentialRefInput, enabled: boolean, ctx: GraphQLContext): Promise<OAuthCredentialPayload> {
    return viewerMutation(ctx, input, OAuthCredentialPayload, async (viewer, metadata) => {
      await ctx.services.inbound.oauthCredentials.setEnabled(
        viewer,
        { mailboxNumber: input.mailboxNumber, credentialId: input.credentialId, enabled },
        metadata,
      );
      return { credential: await loadCredential(ctx, input.mailboxNumber, input.credentialId) };
    });
  }
}
