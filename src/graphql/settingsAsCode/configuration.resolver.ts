import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { accessRestrictionStreamId } from '../../domain/access/accessRestriction.decider.js';
import type { ChatKind } from '../../domain/integrations/chatDestinations.decider.js';
import { ConfigurationService } from '../../app/settingsAsCode/configurationService.js';
import { DocumentErrors } from '../../app/settingsAsCode/document.js';
import { PlanRefusedError } from '../../app/settingsAsCode/planner.js';
import { requestMetadata, viewerOf, type GraphQLContext, type Services } from '../context.js';
import { isUserFacing, toUserError, type UserError } from '../userErrors.js';
import {
  ApplyConfigurationInput,
  ApplyConfigurationPayload,
  ApplyRevertInput,
  ConfigurationDocumentText,
  ConfigurationFormat,
  ConfigurationPlan,
  ConfigurationPlanPayload,
  PlanConfigurationInput,
  PlanRevertInput,
} from './configuration.types.js';

const READ_YOUR_WRITES_TIMEOUT_MS = 5_000;
const services = new WeakMap<Services, ConfigurationService>();

/** Derived from the server's services on first use, as the audit log is (no composition-root change). */
const configurationOf = (s: Services): ConfigurationService => {
  let service = services.get(s);
  if (!service) {
    service = new ConfigurationService({
      store: s.store,
      db: s.db,
      vault: s.vault,
      audit: s.auditLog,
      onFetchingStopped: (accountId) => s.inbound.receiveAccounts.stopFetching(accountId),
      onOAuthCredentialChanged: (credentialId) => s.inbound.tokens.forget(credentialId),
      checkChatCredential: (kind, plaintext) => s.integrations.chatDestinations.credentialOf(kind as ChatKind, plaintext),
      // Read models, then the network gate, so the next request is judged by the new lists.
      afterAppend: async (position, streams) => {
        await s.runner.waitForPosition(position, READ_YOUR_WRITES_TIMEOUT_MS);
        // The gate follows access-restriction events only, so it is awaited at that part's position.
        for (const [streamId, at] of streams) if (streamId.startsWith(accessRestrictionStreamId(0).slice(0, -1))) await s.access.runtime.waitForPosition(at);
      },
    });
    services.set(s, service);
  }
  return service;
};

/** Like mutationPayload, but a document's problems and a plan's refusals each become one userError. */
const payload = async <P extends { userErrors: UserError[]; plan?: ConfigurationPlan | null }>(empty: () => P, body: () => Promise<Partial<P>>): Promise<P> => {
  const p = empty();
  try {
    Object.assign(p, await body());
  } catch (e) {
    if (e instanceof DocumentErrors) p.userErrors.push(...e.problems.map((x) => toUserError(x, ['input'])));
    else if (e instanceof PlanRefusedError) {
      p.plan = ConfigurationPlan.from(e.plan);
      p.userErrors.push(...e.plan.refusals.map((x) => toUserError(x, ['input'])));
    } else if (isUserFacing(e)) p.userErrors.push(toUserError(e));
    else throw e;
  }
  return p;
};

@Resolver()
export class ConfigurationResolver {
  @Query(() => ConfigurationDocumentText, {
    description: 'The configuration of a mailbox as a document (now, or as of a time or position). Its auditors and managers.',
  })
  async configurationDocument(
    @Arg('mailboxNumber', () => Int) mailboxNumber: number,
    @Arg('format', () => ConfigurationFormat, { defaultValue: ConfigurationFormat.YAML }) format: ConfigurationFormat,
    @Arg('at', () => Date, { nullable: true }) at: Date | null,
    @Arg('position', () => Int, { nullable: true }) position: number | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConfigurationDocumentText> {
    const { text, document } = await configurationOf(ctx.services).exportDocument(viewerOf(ctx), mailboxNumber, format, { at, position });
    return Object.assign(new ConfigurationDocumentText(), { mailboxNumber, position: document.mailbox.position, format, text });
  }

  @Mutation(() => ConfigurationPlanPayload, {
    description: 'Plans a configuration document against a mailbox: the field diff and the ordered commands with their refusals. Changes nothing.',
  })
  async planConfiguration(@Arg('input', () => PlanConfigurationInput) input: PlanConfigurationInput, @Ctx() ctx: GraphQLContext): Promise<ConfigurationPlanPayload> {
    return payload(
      () => new ConfigurationPlanPayload(),
      async () => ({ plan: ConfigurationPlan.from(await configurationOf(ctx.services).plan(viewerOf(ctx), input, { clientIp: ctx.clientIp }, requestMetadata(ctx))) }),
    );
  }

  @Mutation(() => ApplyConfigurationPayload, {
    description: 'Applies a reviewed plan all-or-nothing; refused (CONCURRENCY) when the configuration changed since it was planned.',
  })
  async applyConfiguration(@Arg('input', () => ApplyConfigurationInput) input: ApplyConfigurationInput, @Ctx() ctx: GraphQLContext): Promise<ApplyConfigurationPayload> {
    return payload(
      () => new ApplyConfigurationPayload(),
      async () => {
        const r = await configurationOf(ctx.services).apply(viewerOf(ctx), input, { clientIp: ctx.clientIp }, requestMetadata(ctx, input.reason));
        return { plan: ConfigurationPlan.from(r.plan), position: r.position };
      },
    );
  }

  @Mutation(() => ConfigurationPlanPayload, {
    description: 'Plans bringing the configuration back to what configurationAsOf shows for a time or position, as new events. Changes nothing.',
  })
  async planRevert(@Arg('input', () => PlanRevertInput) input: PlanRevertInput, @Ctx() ctx: GraphQLContext): Promise<ConfigurationPlanPayload> {
    return payload(
      () => new ConfigurationPlanPayload(),
      async () => ({
        plan: ConfigurationPlan.from(
          await configurationOf(ctx.services).planRevert(viewerOf(ctx), { mailboxNumber: input.mailboxNumber, point: { at: input.at, position: input.position } }, { clientIp: ctx.clientIp }, requestMetadata(ctx)),
        ),
      }),
    );
  }

  @Mutation(() => ApplyConfigurationPayload, { description: 'Applies a reviewed revert plan (same point), all-or-nothing, with your reason.' })
  async applyRevert(@Arg('input', () => ApplyRevertInput) input: ApplyRevertInput, @Ctx() ctx: GraphQLContext): Promise<ApplyConfigurationPayload> {
    return payload(
      () => new ApplyConfigurationPayload(),
      async () => {
        const r = await configurationOf(ctx.services).applyRevert(
          viewerOf(ctx),
          { mailboxNumber: input.mailboxNumber, point: { at: input.at, position: input.position }, planId: input.planId },
          { clientIp: ctx.clientIp },
          requestMetadata(ctx, input.reason),
        );
        return { plan: ConfigurationPlan.from(r.plan), position: r.position };
      },
    );
  }
}
