import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { viewerMutation } from '../viewerMutation.js';
import {
  AddSmtpServerInput,
  ChangeSmtpServerInput,
  ConfirmTestMailInput,
  SendTestMailInput,
  SendUnsavedRakutenTestMailInput,
  SendUnsavedTestMailInput,
  SmtpServerFieldsInput,
  SmtpServerRefInput,
} from './outbound.inputs.js';
import { SmtpServerPayload, TestMailPayload } from './outbound.payloads.js';
import { TestMailResult } from './outboundRoute.types.js';
import { outboundPayloadParts } from './outboundSettings.resolver.js';

const serverInput = (input: SmtpServerFieldsInput) => ({
  mailboxNumber: input.mailboxNumber,
  name: input.name,
  host: input.host,
  port: input.port,
  encryption: input.encryption,
  authMethod: input.authMethod,
  user: input.user ?? null,
  password: input.password ?? null,
  passwordMechanism: input.passwordMechanism ?? null,
  oauthCredentialId: input.oauthCredentialId ?? null,
});

/** External SMTP servers and test mail. Operations administrators of the mailbox (and administrators). */
@Resolver()
export class SmtpServerResolver {
  @Mutation(() => SmtpServerPayload)
  async addSmtpServer(@Arg('input', () => AddSmtpServerInput) input: AddSmtpServerInput, @Ctx() ctx: GraphQLContext): Promise<SmtpServerPayload> {
    return viewerMutation(ctx, input, SmtpServerPayload, async (viewer, metadata) => {
      const { serverId } = await ctx.services.outbound.smtp.addServer(
        viewer,
        { ...serverInput(input), testMailReceipt: input.testMailReceipt ?? null },
        metadata,
      );
      const parts = await outboundPayloadParts(ctx, input.mailboxNumber, 'SMTP');
      return { ...parts, server: parts.settings.smtpServers.find((s) => s.id === serverId) ?? null };
    });
  }

  @Mutation(() => SmtpServerPayload, { description: 'Omit `password` to keep the stored one. A change of host, port, encryption or authentication clears `verification`.' })
  async changeSmtpServer(@Arg('input', () => ChangeSmtpServerInput) input: ChangeSmtpServerInput, @Ctx() ctx: GraphQLContext): Promise<SmtpServerPayload> {
    return viewerMutation(ctx, input, SmtpServerPayload, async (viewer, metadata) => {
      await ctx.services.outbound.smtp.changeServer(viewer, { ...serverInput(input), serverId: input.serverId }, metadata);
      const parts = await outboundPayloadParts(ctx, input.mailboxNumber, 'SMTP');
      return { ...parts, server: parts.settings.smtpServers.find((s) => s.id === input.serverId) ?? null };
    });
  }

  @Mutation(() => SmtpServerPayload, { description: 'Refused while a routing rule or the default setting uses the server; the error names them.' })
  async removeSmtpServer(@Arg('input', () => SmtpServerRefInput) input: SmtpServerRefInput, @Ctx() ctx: GraphQLContext): Promise<SmtpServerPayload> {
    return viewerMutation(ctx, input, SmtpServerPayload, async (viewer, metadata) => {
      await ctx.services.outbound.smtp.removeServer(viewer, { mailboxNumber: input.mailboxNumber, serverId: input.serverId }, metadata);
      return outboundPayloadParts(ctx, input.mailboxNumber, 'SMTP');
    });
  }

  @Mutation(() => TestMailPayload, {
    description: 'Sends a test mail through one saved server (`builtin`, an external id, or `rakuten-relay`) and reports what the server answered. Appends no event; a SENT result through an external server or the relay carries a `receipt` for confirmTestMail.',
  })
  async sendTestMail(@Arg('input', () => SendTestMailInput) input: SendTestMailInput, @Ctx() ctx: GraphQLContext): Promise<TestMailPayload> {
    return viewerMutation(ctx, null, TestMailPayload, async (viewer) => ({
      result: TestMailResult.from(
        await ctx.services.outbound.testMail.send(viewer, { mailboxNumber: input.mailboxNumber, serverId: input.serverId, to: input.to, from: input.from ?? null }),
      ),
    }));
  }

  @Mutation(() => TestMailPayload, {
    description:
      'テストメールを送信する before 登録: rules the settings as addSmtpServer would (same userErrors), sends one test mail through them and reports what the server answered. ' +
      'Stores nothing and appends no event; the password is used for this call only. A SENT result carries a `receipt` for addSmtpServer.',
  })
  async sendUnsavedTestMail(@Arg('input', () => SendUnsavedTestMailInput) input: SendUnsavedTestMailInput, @Ctx() ctx: GraphQLContext): Promise<TestMailPayload> {
    return viewerMutation(ctx, null, TestMailPayload, async (viewer) => ({
      result: TestMailResult.from(
        await ctx.services.outbound.testMail.sendUnsaved(viewer, { kind: 'EXTERNAL', settings: serverInput(input), to: input.to, from: input.from ?? null }),
      ),
    }));
  }

  @Mutation(() => TestMailPayload, {
    description:
      'The Rakuten relay\'s test mail before saving: rules the settings as configureRakutenRelay would, sends one test mail through them. ' +
      'Stores nothing and appends no event. A SENT result through the relay carries a `receipt` for configureRakutenRelay.',
  })
  async sendUnsavedRakutenTestMail(
    @Arg('input', () => SendUnsavedRakutenTestMailInput) input: SendUnsavedRakutenTestMailInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<TestMailPayload> {
    return viewerMutation(ctx, null, TestMailPayload, async (viewer) => {
      const { reason: _reason, to, from, ...settings } = input;
      return { result: TestMailResult.from(await ctx.services.outbound.testMail.sendUnsaved(viewer, { kind: 'RAKUTEN_RELAY', settings, to, from: from ?? null })) };
    });
  }

  @Mutation(() => SmtpServerPayload, {
    description:
      '「はい」 after a test mail: records that it arrived and the server (or `rakuten-relay`) is verified, shown as `verification` and in the history. ' +
      'Refused for a receipt of another server, of settings changed since, or older than 24 hours. `server` is null for the relay (see settings.rakutenRelay).',
  })
  async confirmTestMail(@Arg('input', () => ConfirmTestMailInput) input: ConfirmTestMailInput, @Ctx() ctx: GraphQLContext): Promise<SmtpServerPayload> {
    return viewerMutation(ctx, input, SmtpServerPayload, async (viewer, metadata) => {
      await ctx.services.outbound.smtp.confirmTestMail(
        viewer,
        { mailboxNumber: input.mailboxNumber, serverId: input.serverId, testMailReceipt: input.testMailReceipt },
        metadata,
      );
      const parts = await outboundPayloadParts(ctx, input.mailboxNumber, 'SMTP');
      return { ...parts, server: parts.settings.smtpServers.find((s) => s.id === input.serverId) ?? null };
    });
  }
}
