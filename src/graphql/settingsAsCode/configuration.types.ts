import { GraphQLJSON } from 'graphql-scalars';
import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ConfigurationPlan as Plan } from '../../app/settingsAsCode/planner.js';
import { Payload, toUserError, UserError } from '../userErrors.js';

export const ConfigurationFormat = { YAML: 'YAML', JSON: 'JSON' } as const;
export type ConfigurationFormat = (typeof ConfigurationFormat)[keyof typeof ConfigurationFormat];
registerEnumType(ConfigurationFormat, { name: 'ConfigurationFormat', description: 'How a configuration document is written.' });

@ObjectType({ description: 'A mailbox configuration document (docs/configuration-document.md): version 1, secrets as { secret: kept }.' })
export class ConfigurationDocumentText {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => Int, { description: 'Global position the document reflects.' })
  position!: number;

  @Field(() => ConfigurationFormat)
  format!: ConfigurationFormat;

  @Field(() => String, { description: 'The document, ready to edit and give to planConfiguration.' })
  text!: string;
}

@ObjectType({ description: 'A stream the plan decided on and the revision it saw; apply expects the same.' })
export class PlannedStreamRevision {
  @Field(() => String)
  streamId!: string;

  @Field(() => Int, { description: '-1: the stream did not exist yet.' })
  revision!: number;
}

@ObjectType({ description: 'One command the plan runs, in order, with what its decider said.' })
export class PlannedCommand {
  @Field(() => Int)
  index!: number;

  @Field(() => String, { description: 'Configuration section, e.g. outbound.smtp.' })
  section!: string;

  @Field(() => String, { description: 'Command type, e.g. AddReceiveAccount.' })
  type!: string;

  @Field(() => [String], { description: 'Where in the document it comes from.' })
  path!: string[];

  @Field(() => String)
  summary!: string;

  @Field(() => [String], { description: 'Events the decider produced; empty when nothing would change.' })
  eventTypes!: string[];

  @Field(() => UserError, { nullable: true, description: 'Why the decider refused it (a limit, a Rakuten rule, the self-lockout guard…).' })
  refusal!: UserError | null;
}

@ObjectType({ description: 'One field of the configuration the plan changes (as configurationAsOf shows it).' })
export class PlannedFieldChange {
  @Field(() => String)
  section!: string;

  @Field(() => String)
  field!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Null when absent or secret.' })
  before!: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Null when absent or secret.' })
  after!: unknown;

  @Field(() => Boolean)
  secret!: boolean;
}

@ObjectType({ description: 'What applying a configuration document (or a revert) would do. Nothing has changed yet.' })
export class ConfigurationPlan {
  @Field(() => String, { description: 'Give it to applyConfiguration / applyRevert with the same document or point.' })
  planId!: string;

  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => Boolean, { description: 'False while any command is refused: apply would refuse too.' })
  applicable!: boolean;

  @Field(() => [PlannedFieldChange])
  changes!: PlannedFieldChange[];

  @Field(() => [PlannedCommand])
  commands!: PlannedCommand[];

  @Field(() => [UserError], { description: 'Every refusal, its path into the document.' })
  refusals!: UserError[];

  @Field(() => [String])
  warnings!: string[];

  @Field(() => [PlannedStreamRevision])
  revisions!: PlannedStreamRevision[];

  static from(plan: Plan): ConfigurationPlan {
    const err = (e: Parameters<typeof toUserError>[0]) => toUserError(e, ['input']);
    return Object.assign(new ConfigurationPlan(), {
      planId: plan.planId,
      mailboxNumber: plan.mailboxNumber,
      applicable: plan.refusals.length === 0,
      changes: plan.changes.map((c) => Object.assign(new PlannedFieldChange(), { ...c, before: c.secret ? null : c.before, after: c.secret ? null : c.after })),
      commands: plan.commands.map((c) => Object.assign(new PlannedCommand(), { ...c, path: [...c.path], eventTypes: [...c.eventTypes], refusal: c.refusal ? err(c.refusal) : null })),
      refusals: plan.refusals.map(err),
      warnings: [...plan.warnings],
      revisions: plan.revisions.map((r) => Object.assign(new PlannedStreamRevision(), r)),
    });
  }
}

@InputType()
export class PlanConfigurationInput {
  @Field(() => Int, { description: 'The mailbox to plan against (another mailbox than the document\'s copies its settings).' })
  mailboxNumber!: number;

  @Field(() => String, { description: 'The configuration document, YAML or JSON.' })
  document!: string;

  @Field(() => ConfigurationFormat, { nullable: true, description: 'Default: JSON when the text starts with {, else YAML.' })
  format?: ConfigurationFormat | null;
}

@InputType()
export class ApplyConfigurationInput extends PlanConfigurationInput {
  @Field(() => String, { description: 'The planId of the reviewed plan of this same document.' })
  planId!: string;

  @Field(() => String, { nullable: true, description: 'Why, for auditors (every event carries it).' })
  reason?: string | null;
}

@InputType()
export class PlanRevertInput {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => Date, { nullable: true, description: 'Revert to the configuration as of this time…' })
  at?: Date | null;

  @Field(() => Int, { nullable: true, description: '…or as of this global position.' })
  position?: number | null;
}

@InputType()
export class ApplyRevertInput extends PlanRevertInput {
  @Field(() => String)
  planId!: string;

  @Field(() => String, { nullable: true, description: 'Why, for auditors (every event carries it).' })
  reason?: string | null;
}

@ObjectType()
export class ConfigurationPlanPayload extends Payload {
  @Field(() => ConfigurationPlan, { nullable: true })
  plan?: ConfigurationPlan | null;
}

@ObjectType()
export class ApplyConfigurationPayload extends Payload {
  @Field(() => ConfigurationPlan, { nullable: true, description: 'The plan that was applied.' })
  plan?: ConfigurationPlan | null;

  @Field(() => Int, { nullable: true, description: 'Position of the last appended event; null when nothing changed.' })
  position?: number | null;
}
