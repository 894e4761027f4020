import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { ConfigurationService } from '../../app/settingsAsCode/configurationService.js';
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

const configurationOf = (s: Services): ConfigurationService => s.configuration;

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
