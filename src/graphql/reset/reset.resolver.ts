import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { notFound } from '../../domain/shared/errors.js';
import type { MailboxResetService } from '../../app/reset/mailboxResetService.js';
import type { GraphQLContext } from '../context.js';
import { Mailbox } from '../identity/identity.types.js';
import { viewerMutation } from '../viewerMutation.js';
import {
  ExecuteMailboxResetInput,
  ExecuteMailboxResetPayload,
  MailboxResetItem,
  MailboxResetPreview,
  MailboxResetResult,
  RequestMailboxResetInput,
  RequestMailboxResetPayload,
} from './reset.types.js';

const resetServiceOf = (ctx: GraphQLContext): MailboxResetService => ctx.services.resets;

@Resolver()
export class MailboxResetResolver {
  @Mutation(() => RequestMailboxResetPayload, {
    description: 'Step 1 of a mailbox reset (needs the MAILBOX_RESET permission): what goes (including IP/API restriction and the account-lock policy), what stays, and a confirmation token. Changes nothing. Rules: docs/product-rules.md §10, docs/readings.md.',
  })
  async requestMailboxReset(
    @Arg('input', () => RequestMailboxResetInput) input: RequestMailboxResetInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RequestMailboxResetPayload> {
    return viewerMutation(ctx, null, RequestMailboxResetPayload, async (viewer) => {
      const p = await resetServiceOf(ctx).requestMailboxReset(viewer, input.mailboxNumber);
      const wiped = p.wiped.map((w) => Object.assign(new MailboxResetItem(), w));
      return { preview: Object.assign(new MailboxResetPreview(), { ...p, wiped, kept: [...p.kept] }) };
    });
  }

  @Mutation(() => ExecuteMailboxResetPayload, {
    description:
      'Step 2: wipes the mailbox settings of every area (including the IP/API restriction and the account-lock policy, docs/readings.md), its stored secrets and its messages; members, roles and the settings history stay. Irreversible.',
  })
  async executeMailboxReset(
    @Arg('input', () => ExecuteMailboxResetInput) input: ExecuteMailboxResetInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ExecuteMailboxResetPayload> {
    return viewerMutation(ctx, input, ExecuteMailboxResetPayload, async (viewer, metadata) => {
      const outcome = await resetServiceOf(ctx).executeMailboxReset(
        viewer,
        { token: input.token, mailboxName: input.mailboxName, newName: input.newName ?? null },
        metadata,
      );
      ctx.loaders.mailboxByNumber.clear(outcome.mailboxNumber);
      const row = await ctx.loaders.mailboxByNumber.load(outcome.mailboxNumber);
      if (!row) throw notFound('Mailbox', String(outcome.mailboxNumber), ['mailboxNumber']);
      return { reset: Object.assign(new MailboxResetResult(), outcome), mailbox: Mailbox.from(row) };
    });
  }
}
