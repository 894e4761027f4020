import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { requestMetadata, viewerOf, type GraphQLContext } from '../context.js';
import { mutationPayload } from '../userErrors.js';
import { AddSmtpServerInput, ChangeSmtpServerInput, SendTestMailInput, SmtpServerRefInput } from './outbound.inputs.js';
import { SmtpServerPayload, TestMailPayload } from './outbound.payloads.js';
import { TestMailResult } from './outboundRoute.types.js';
import { outboundPayloadParts } from './outboundSettings.resolver.js';

const serverInput = (input: AddSmtpServerInput) => ({
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
    return mutationPayload(
      () => new SmtpServerPayload(),
      async () => {
        const { serverId } = await ctx.services.outbound.smtp.addServer(viewerOf(ctx), serverInput(input), requestMetadata(ctx, input.reason));
        const parts = await outboundPayloadParts(ctx, input.mailboxNumber, 'SMTP');
        return { ...parts, server: parts.settings.smtpServers.find((s) => s.id === serverId) ?? null };
      },
    );
  }

  @Mutation(() => SmtpServerPayload, { description: 'Omit `password` to keep the stored one.' })
  async changeSmtpServer(@Arg('input', () => ChangeSmtpServerInput) input: ChangeSmtpServerInput, @Ctx() ctx: GraphQLContext): Promise<SmtpServerPayload> {
    return mutationPayload(
      () => new SmtpServerPayload(),
      async () => {
        await ctx.services.outbound.smtp.changeServer(viewerOf(ctx), { ...serverInput(input), serverId: input.serverId }, requestMetadata(ctx, input.reason));
        const parts = await outboundPayloadParts(ctx, input.mailboxNumber, 'SMTP');
        return { ...parts, server: parts.settings.smtpServers.find((s) => s.id === input.serverId) ?? null };
      },
    );
  }

  @Mutation(() => SmtpServerPayload, { description: 'Refused while a routing rule or the default setting uses the server; the error names them.' })
  async removeSmtpServer(@Arg('input', () => SmtpServerRefInput) input: SmtpServerRefInput, @Ctx() ctx: GraphQLContext): Promise<SmtpServerPayload> {
    return mutationPayload(
      () => new SmtpServerPayload(),
      async () => {
        await ctx.services.outbound.smtp.removeServer(viewerOf(ctx), { mailboxNumber: input.mailboxNumber, serverId: input.serverId }, requestMetadata(ctx, input.reason));
        return outboundPayloadParts(ctx, input.mailboxNumber, 'SMTP');
      },
    );
  }

  @Mutation(() => TestMailPayload, {
    description: 'Sends a test mail through one server (`builtin`, an external id, or `rakuten-relay`) and reports what the server answered. Appends no event.',
  })
  async sendTestMail(@Arg('input', () => SendTestMailInput) input: SendTestMailInput, @Ctx() ctx: GraphQLContext): Promise<TestMailPayload> {
    return mutationPayload(
      () => new TestMailPayload(),
      async () => ({
        result: TestMailResult.from(
          await ctx.services.outbound.testMail.send(viewerOf(ctx), { mailboxNumber: input.mailboxNumber, serverId: input.serverId, to: input.to, from: input.from ?? null }),
        ),
      }),
    );
  }
}
