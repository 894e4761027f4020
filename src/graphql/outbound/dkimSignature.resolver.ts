import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { viewerMutation } from '../viewerMutation.js';
import {
  AddDkimConditionInput,
  AddDkimSignatureInput,
  ChangeDkimConditionInput,
  DkimConditionRefInput,
  DkimSignatureRefInput,
  SetDefaultDkimSignatureInput,
} from './outbound.inputs.js';
import { DkimConditionPayload, DkimSignaturePayload, OutboundSettingsPayload } from './outbound.payloads.js';
import { outboundPayloadParts } from './outboundSettings.resolver.js';

/** DKIM signatures, usage conditions and the default signature. Operations administrators (and administrators). */
@Resolver()
export class DkimSignatureResolver {
  @Mutation(() => DkimSignaturePayload, { description: 'Generates a key pair (or imports `privateKeyPem`) and returns the DNS record to publish.' })
  async addDkimSignature(@Arg('input', () => AddDkimSignatureInput) input: AddDkimSignatureInput, @Ctx() ctx: GraphQLContext): Promise<DkimSignaturePayload> {
    return viewerMutation(ctx, input, DkimSignaturePayload, async (viewer, metadata) => {
      const { reason: _reason, ...fields } = input;
      const { signatureId } = await ctx.services.outbound.dkim.addSignature(viewer, fields, metadata);
      const parts = await outboundPayloadParts(ctx, input.mailboxNumber, 'DKIM');
      return { ...parts, signature: parts.settings.dkimSignatures.find((s) => s.id === signatureId) ?? null };
    });
  }

  @Mutation(() => DkimSignaturePayload, { description: 'Refused while a usage condition or the default setting uses it; the error names them.' })
  async removeDkimSignature(@Arg('input', () => DkimSignatureRefInput) input: DkimSignatureRefInput, @Ctx() ctx: GraphQLContext): Promise<DkimSignaturePayload> {
    return viewerMutation(ctx, input, DkimSignaturePayload, async (viewer, metadata) => {
      await ctx.services.outbound.dkim.removeSignature(viewer, { mailboxNumber: input.mailboxNumber, signatureId: input.signatureId }, metadata);
      return outboundPayloadParts(ctx, input.mailboxNumber, 'DKIM');
    });
  }

  @Mutation(() => OutboundSettingsPayload)
  async setDefaultDkimSignature(@Arg('input', () => SetDefaultDkimSignatureInput) input: SetDefaultDkimSignatureInput, @Ctx() ctx: GraphQLContext): Promise<OutboundSettingsPayload> {
    return viewerMutation(ctx, input, OutboundSettingsPayload, async (viewer, metadata) => {
      await ctx.services.outbound.dkim.setDefaultSignature(viewer, { mailboxNumber: input.mailboxNumber, signatureId: input.signatureId ?? null }, metadata);
      return outboundPayloadParts(ctx, input.mailboxNumber, 'DKIM');
    });
  }

  @Mutation(() => DkimConditionPayload, { description: 'One exact From address per condition; domain-wide conditions are refused.' })
  async addDkimCondition(@Arg('input', () => AddDkimConditionInput) input: AddDkimConditionInput, @Ctx() ctx: GraphQLContext): Promise<DkimConditionPayload> {
    return viewerMutation(ctx, input, DkimConditionPayload, async (viewer, metadata) => {
      const { conditionId } = await ctx.services.outbound.dkim.addCondition(
        viewer,
        { mailboxNumber: input.mailboxNumber, fromAddress: input.fromAddress, signatureId: input.signatureId },
        metadata,
      );
      const parts = await outboundPayloadParts(ctx, input.mailboxNumber, 'DKIM');
      return { ...parts, condition: parts.settings.dkimConditions.find((c) => c.id === conditionId) ?? null };
    });
  }

  @Mutation(() => DkimConditionPayload)
  async changeDkimCondition(@Arg('input', () => ChangeDkimConditionInput) input: ChangeDkimConditionInput, @Ctx() ctx: GraphQLContext): Promise<DkimConditionPayload> {
    return viewerMutation(ctx, input, DkimConditionPayload, async (viewer, metadata) => {
      await ctx.services.outbound.dkim.changeCondition(
        viewer,
        { mailboxNumber: input.mailboxNumber, conditionId: input.conditionId, fromAddress: input.fromAddress, signatureId: input.signatureId },
        metadata,
      );
      const parts = await outboundPayloadParts(ctx, input.mailboxNumber, 'DKIM');
      return { ...parts, condition: parts.settings.dkimConditions.find((c) => c.id === input.conditionId) ?? null };
    });
  }

  @Mutation(() => DkimConditionPayload)
  async removeDkimCondition(@Arg('input', () => DkimConditionRefInput) input: DkimConditionRefInput, @Ctx() ctx: GraphQLContext): Promise<DkimConditionPayload> {
    return viewerMutation(ctx, input, DkimConditionPayload, async (viewer, metadata) => {
      await ctx.services.outbound.dkim.removeCondition(viewer, { mailboxNumber: input.mailboxNumber, conditionId: input.conditionId }, metadata);
      return outboundPayloadParts(ctx, input.mailboxNumber, 'DKIM');
    });
  }
}
