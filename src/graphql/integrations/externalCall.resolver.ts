import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireMailboxAccess } from '../../app/auth/authorization.js';
import { notFound } from '../../domain/shared/errors.js';
import { viewerOf, type GraphQLContext } from '../context.js';
import { viewerMutation } from '../viewerMutation.js';
import { AddExternalCallInput, ChangeExternalCallInput, ExternalCallRefInput, ExternalCallValuesInput } from './externalCall.inputs.js';
import { ExternalCall, ExternalCallPayload, RemoveExternalCallPayload, RenderedExternalCall } from './externalCall.types.js';

/** After a mutation the per-request cache may hold the old rows. */
const loadCall = async (ctx: GraphQLContext, mailboxNumber: number, callId: string): Promise<ExternalCall> => {
  ctx.loaders.externalCallsByMailbox.clear(mailboxNumber);
  const row = (await ctx.loaders.externalCallsByMailbox.load(mailboxNumber)).find((r) => r.call_id === callId);
  if (!row) throw notFound('External call', callId, ['callId']);
  return ExternalCall.from(row);
};

@Resolver(() => ExternalCall)
export class ExternalCallResolver {
  @Query(() => [ExternalCall], {
    description: "The mailbox's external system calls. Every member of the mailbox: they open them from a mail. Changing them is for its managers.",
  })
  async externalCalls(@Arg('mailboxNumber', () => Int) mailboxNumber: number, @Ctx() ctx: GraphQLContext): Promise<ExternalCall[]> {
    // A template holds no secret (its fields are name, URL template, method, encoding and
    // the window flag), and whatever it contains reaches the member's browser anyway when
    // renderExternalCall opens it.
    requireMailboxAccess(viewerOf(ctx), mailboxNumber);
    return (await ctx.loaders.externalCallsByMailbox.load(mailboxNumber)).map(ExternalCall.from);
  }

  @Query(() => RenderedExternalCall, {
    description:
      'The final URL (and POST body) of a call for a mail: values from the stored mail `messageId` (messages.id), overridden by `values`. Members of the mailbox.',
  })
  async renderExternalCall(
    @Arg('mailboxNumber', () => Int) mailboxNumber: number,
    @Arg('callId', () => ID) callId: string,
    @Arg('messageId', () => ID, { nullable: true }) messageId: string | null,
    @Arg('values', () => ExternalCallValuesInput, { nullable: true }) values: ExternalCallValuesInput | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RenderedExternalCall> {
    const rendered = await ctx.services.integrations.externalCalls.render(viewerOf(ctx), {
      mailboxNumber,
      callId,
      messageId: messageId ?? null,
      values: values ? { ...values } : null,
    });
    return Object.assign(new RenderedExternalCall(), rendered);
  }

  @Mutation(() => ExternalCallPayload, { description: "Administrators and the mailbox's operations administrators." })
  async addExternalCall(@Arg('input', () => AddExternalCallInput) input: AddExternalCallInput, @Ctx() ctx: GraphQLContext): Promise<ExternalCallPayload> {
    return viewerMutation(ctx, input, ExternalCallPayload, async (viewer, metadata) => {
      const { reason: _reason, ...fields } = input;
      const { callId } = await ctx.services.integrations.externalCalls.add(viewer, fields, metadata);
      return { externalCall: await loadCall(ctx, input.mailboxNumber, callId) };
    });
  }

  @Mutation(() => ExternalCallPayload)
  async changeExternalCall(@Arg('input', () => ChangeExternalCallInput) input: ChangeExternalCallInput, @Ctx() ctx: GraphQLContext): Promise<ExternalCallPayload> {
    return viewerMutation(ctx, input, ExternalCallPayload, async (viewer, metadata) => {
      const { reason: _reason, mailboxNumber, callId, ...rest } = input;
      const fields = Object.fromEntries(Object.entries(rest).filter(([, v]) => v != null));
      await ctx.services.integrations.externalCalls.change(viewer, { mailboxNumber, callId, ...fields }, metadata);
      return { externalCall: await loadCall(ctx, mailboxNumber, callId) };
    });
  }

  @Mutation(() => RemoveExternalCallPayload)
  async removeExternalCall(@Arg('input', () => ExternalCallRefInput) input: ExternalCallRefInput, @Ctx() ctx: GraphQLContext): Promise<RemoveExternalCallPayload> {
    return viewerMutation(ctx, input, RemoveExternalCallPayload, async (viewer, metadata) => {
      await ctx.services.integrations.externalCalls.remove(viewer, { mailboxNumber: input.mailboxNumber, callId: input.callId }, metadata);
      return { removedExternalCallId: input.callId };
    });
  }
}
