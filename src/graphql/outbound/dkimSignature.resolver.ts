import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { requestMetadata, viewerOf, type GraphQLContext } from '../context.js';
import { mutationPayload } from '../userErrors.js';
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
    return mutationPayload(
      () => new DkimSignaturePayload(),
      async () => {
        const { reason: _reason, ...fields } = input;
        const { signatureId } = await ctx.services.outbound.dkim.addSignature(viewerOf(ctx), fields, requestMetadata(ctx, input.reason));
        const parts = await outboundPayloadParts(ctx, input.mailboxNumber, 'DKIM');
        return { ...parts, signature: parts.settings.dkimSignatures.find((s) => s.id === signatureId) ?? null };
      },
    );
  }

  @Mutation(() => DkimSignaturePayload, { description: 'Refused while a usage condition or the default setting uses it; the error names them.' })
  async removeDkimSignature(@Arg('input', () => DkimSignatureRefInput) input: DkimSignatureRefInput, @Ctx() ctx: GraphQLContext): Promise<DkimSignaturePayload> {
    return mutationPayload(
      () => new DkimSignaturePayload(),
      async () => {
        await ctx.services.outbound.dkim.removeSignature(viewerOf(ctx), { mailboxNumber: input.mailboxNumber, signatureId: input.signatureId }, requestMetadata(ctx, input.reason));
        return outboundPayloadParts(ctx, input.mailboxNumber, 'DKIM');
      },
    );
  }

  @Mutation(() => OutboundSettingsPayload)
  async setDefaultDkimSignature(@Arg('input', () => SetDefaultDkimSignatureInput) input: SetDefaultDkimSignatureInput, @Ctx() ctx: GraphQLContext): Promise<OutboundSettingsPayload> {
    return mutationPayload(
      () => new OutboundSettingsPayload(),
      async () => {
        await ctx.services.outbound.dkim.setDefaultSignature(viewerOf(ctx), { mailboxNumber: input.mailboxNumber, signatureId: input.signatureId ?? null }, requestMetadata(ctx, input.reason));
        return outboundPayloadParts(ctx, input.mailboxNumber, 'DKIM');
      },
    );
  }

  @Mutation(() => DkimConditionPayload, { description: 'One exact From address per condition; domain-wide conditions are refused.' })
  async addDkimCondition(@Arg('input', () => AddDkimConditionInput) input: AddDkimConditionInput, @Ctx() ctx: GraphQLContext): Promise<DkimConditionPayload> {
    return mutationPayload(
      () => new DkimConditionPayload(),
      async () => {
        const { conditionId } = await ctx.services.outbound.dkim.addCondition(
          viewerOf(ctx),
          { mailboxNumber: input.mailboxNumber, fromAddress: input.fromAddress, signatureId: input.signatureId },
          requestMetadata(ctx, input.reason),
        );
        const parts = await outboundPayloadParts(ctx, input.mailboxNumber, 'DKIM');
        return { ...parts, condition: parts.settings.dkimConditions.find((c) => c.id === conditionId) ?? null };
      },
    );
  }

  @Mutation(() => DkimConditionPayload)
  async changeDkimCondition(@Arg('input', () => ChangeDkimConditionInput) input: ChangeDkimConditionInput, @Ctx() ctx: GraphQLContext): Promise<DkimConditionPayload> {
    return mutationPayload(
      () => new DkimConditionPayload(),
      async () => {
        await ctx.services.outbound.dkim.changeCondition(
          viewerOf(ctx),
          { mailboxNumber: input.mailboxNumber, conditionId: input.conditionId, fromAddress: input.fromAddress, signatureId: input.signatureId },
          requestMetadata(ctx, input.reason),
        );
        const parts = await outboundPayloadParts(ctx, input.mailboxNumber, 'DKIM');
        return { ...parts, condition: parts.settings.dkimConditions.find((c) => c.id === input.conditionId) ?? null };
      },
    );
  }

  @Mutation(() => DkimConditionPayload)
  async removeDkimCondition(@Arg('input', () => DkimConditionRefInput) input: DkimConditionRefInput, @Ctx() ctx: GraphQLContext): Promise<DkimConditionPayload> {
    return mutationPayload(
      () => new DkimConditionPayload(),
      async () => {
        await ctx.services.outbound.dkim.removeCondition(viewerOf(ctx), { mailboxNumber: input.mailboxNumber, conditionId: input.conditionId }, requestMetadata(ctx, input.reason));
        return outboundPayloadParts(ctx, input.mailboxNumber, 'DKIM');
      },
    );
  }
}
