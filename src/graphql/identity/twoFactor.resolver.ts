import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { isAdministrator } from '../../app/auth/authorization.js';
import { forbidden } from '../../domain/shared/errors.js';
import { requestMetadata, viewerOf, type GraphQLContext } from '../context.js';
import { mutationPayload } from '../userErrors.js';
import { viewerMutation } from '../viewerMutation.js';
import { OkPayload, TwoFactorRequirementPayload } from './identity.payloads.js';
import { Mailbox, User } from './identity.types.js';
import {
  BeginTwoFactorEnrolmentInput,
  ConfirmTwoFactorEnrolmentInput,
  RemoveTwoFactorInput,
  ResetTwoFactorInput,
  SetMailboxTwoFactorRequirementInput,
  TwoFactorConfirmationPayload,
  TwoFactorEnrolmentPayload,
  TwoFactorStatus,
} from './signin.types.js';

/** The user who enrols: the holder of an ENROLMENT_REQUIRED login challenge, else the caller's session. */
const enrollingUser = async (ctx: GraphQLContext, challenge: string | null | undefined): Promise<string> => {
  if (challenge) return ctx.services.auth.enrolmentChallengeUser(challenge);
  const viewer = viewerOf(ctx);
  if (viewer.kind !== 'session') throw forbidden('Two-factor is enrolled from a login session, not with an API token');
  return viewer.userId;
};

@Resolver(() => User)
export class TwoFactorResolver {
  @FieldResolver(() => TwoFactorStatus, { nullable: true, description: 'Two-factor state; null unless the caller is this user or an administrator.' })
  async twoFactor(@Root() user: User, @Ctx() ctx: GraphQLContext): Promise<TwoFactorStatus | null> {
    const viewer = viewerOf(ctx);
    if (!isAdministrator(viewer) && viewer.userId !== user.id) return null;
    const [status, requiredByMailboxes] = await Promise.all([ctx.services.twoFactor.status(user.id), ctx.services.twoFactor.requiredBy(user.id)]);
    return Object.assign(new TwoFactorStatus(), {
      enabled: status !== null,
      enrolledAt: status ? new Date(status.enrolledAt) : null,
      recoveryCodesLeft: status?.recoveryCodesLeft ?? 0,
      requiredByMailboxes,
    });
  }

  @Mutation(() => TwoFactorEnrolmentPayload, {
    description: 'Step one of TOTP enrolment (RFC 6238): a new secret as an otpauth:// URI (for a QR code) and in base32. Nothing is on until confirmTwoFactorEnrolment.',
  })
  async beginTwoFactorEnrolment(
    @Arg('input', () => BeginTwoFactorEnrolmentInput, { defaultValue: {} }) input: BeginTwoFactorEnrolmentInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<TwoFactorEnrolmentPayload> {
    const userId = await enrollingUser(ctx, input.challenge);
    return mutationPayload(() => new TwoFactorEnrolmentPayload(), async () => ctx.services.twoFactor.beginEnrolment(userId));
  }

  @Mutation(() => TwoFactorConfirmationPayload, {
    description: 'Step two: a current code from the new secret turns two-factor on and returns the recovery codes (shown once). With an enrolment challenge it also completes the login.',
  })
  async confirmTwoFactorEnrolment(
    @Arg('input', () => ConfirmTwoFactorEnrolmentInput) input: ConfirmTwoFactorEnrolmentInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<TwoFactorConfirmationPayload> {
    const userId = await enrollingUser(ctx, input.challenge);
    return mutationPayload(
      () => new TwoFactorConfirmationPayload(),
      async () => {
        const { recoveryCodes } = await ctx.services.twoFactor.confirmEnrolment(ctx.principal, userId, input.code, requestMetadata(ctx));
        if (!input.challenge) return { recoveryCodes };
        const session = await ctx.services.auth.completeEnrolmentLogin(input.challenge, { clientIp: ctx.clientIp });
        return { recoveryCodes, token: session.token, expiresAt: session.expiresAt };
      },
    );
  }

  @Mutation(() => OkPayload, { description: 'Turns your own two-factor off, with a current or recovery code. Refused while a mailbox of yours requires it.' })
  async removeTwoFactor(@Arg('input', () => RemoveTwoFactorInput) input: RemoveTwoFactorInput, @Ctx() ctx: GraphQLContext): Promise<OkPayload> {
    return viewerMutation(ctx, input, OkPayload, async (viewer, metadata) => (await ctx.services.twoFactor.remove(viewer, input.code, metadata), { ok: true }));
  }

  @Mutation(() => OkPayload, { description: 'Administrators: turn a user\'s two-factor off (lost device), with a reason. They enrol again at their next login if a mailbox requires it.' })
  async resetTwoFactor(@Arg('input', () => ResetTwoFactorInput) input: ResetTwoFactorInput, @Ctx() ctx: GraphQLContext): Promise<OkPayload> {
    return viewerMutation(ctx, input, OkPayload, async (viewer, metadata) => (await ctx.services.twoFactor.reset(viewer, input.userId, input.reason, metadata), { ok: true }));
  }
}

@Resolver(() => Mailbox)
export class MailboxTwoFactorResolver {
  @FieldResolver(() => Boolean, { description: 'Every member of this mailbox must use two-factor.' })
  async twoFactorRequired(@Root() mailbox: Mailbox, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return ctx.services.twoFactor.mailboxRequires(mailbox.number);
  }

  @Mutation(() => TwoFactorRequirementPayload, { description: 'Administrators and the mailbox\'s operations administrators: require two-factor of every member.' })
  async setMailboxTwoFactorRequirement(
    @Arg('input', () => SetMailboxTwoFactorRequirementInput) input: SetMailboxTwoFactorRequirementInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<TwoFactorRequirementPayload> {
    return viewerMutation(ctx, input, TwoFactorRequirementPayload, async (viewer, metadata) => (await ctx.services.twoFactor.setRequirement(viewer, input.mailboxNumber, input.required, metadata), { ok: true }));
  }
}
