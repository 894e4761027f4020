import { defaultFieldResolver, getNamedType, isInputObjectType, type GraphQLSchema } from 'graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { ErrorCode, MailroomError } from '../domain/shared/errors.js';
import { plannedChangeOf } from '../app/audit/plannedChanges.js';
import type { JsonValue } from '../app/audit/sections.js';
import { runDry, type DryRunPlan } from '../eventstore/dryRun.js';
import { FieldChange } from './audit/audit.types.js';
import { SettingInput } from './identity/identity.inputs.js';
import { DRY_RUN_PLAN, Payload } from './userErrors.js';

/**
 * Every setting mutation takes `dryRun` (its input extends SettingInput) and answers with
 * `dryRun`, a DryRunResult (its payload extends SettingPayload). `enableDryRun` runs a
 * `dryRun: true` call inside a dry-run scope (src/eventstore/dryRun.ts), where
 * `handleCommand` plans instead of appending and `mutationPayload` builds the answer.
 * test/graphql/dryRunSchema.unit.test.ts fails for a setting mutation that lacks either.
 */
export { SettingInput };

@ObjectType({ description: 'An event a dry run would have appended.' })
export class PlannedEvent {
  @Field(() => String, { description: 'The stream it would be appended to, e.g. smtp-3.' })
  streamId!: string;

  @Field(() => String, { description: 'Event type, past tense, e.g. SmtpServerAdded.' })
  type!: string;

  @Field(() => String, { nullable: true, description: 'Configuration section of the stream (as in settingsHistory), or null.' })
  section!: string | null;

  @Field(() => Int, { description: 'Revision of the stream the decision saw (-1: empty); the real call expects it.' })
  expectedRevision!: number;

  @Field(() => String, { description: 'One line per changed field, e.g. `name: "Sales" → "Support"`; secrets read "changed".' })
  summary!: string;

  @Field(() => [FieldChange], { description: 'Before/after per field; secrets have both values null.' })
  changes!: FieldChange[];

  @Field(() => GraphQLJSON, { description: 'The event data as it would be stored, every secret replaced by "(set)".' })
  data!: JsonValue;
}

@ObjectType({ description: 'What a dry run decided. Nothing was stored.' })
export class DryRunResult {
  @Field(() => [PlannedEvent], { description: 'What the real call would append, in order: empty when it would change nothing or be refused before any change (see userErrors).' })
  plannedEvents!: PlannedEvent[];

  static of(plan: DryRunPlan): DryRunResult {
    const plannedEvents = plan.events.map((e) => {
      const c = plannedChangeOf(e);
      return Object.assign(new PlannedEvent(), { ...c, changes: c.changes.map(FieldChange.from) });
    });
    return Object.assign(new DryRunResult(), { plannedEvents });
  }
}

@ObjectType()
export abstract class SettingPayload extends Payload {
  @Field(() => DryRunResult, {
    nullable: true,
    description: 'Set only for `dryRun: true`; the other fields (except userErrors and warnings) are then null, since nothing changed.',
  })
  get dryRun(): DryRunResult | null {
    const plan = (this as { [DRY_RUN_PLAN]?: DryRunPlan })[DRY_RUN_PLAN];
    return plan ? DryRunResult.of(plan) : null;
  }
}

const takesDryRun = (args: readonly { readonly name: string; readonly type: unknown }[]): boolean =>
  args.some((a) => {
    const type = getNamedType(a.type as Parameters<typeof getNamedType>[0]);
    return a.name === 'input' && isInputObjectType(type) && 'dryRun' in type.getFields();
  });

/** Mutation fields whose input has `dryRun`; a `dryRun: true` call runs in a dry-run scope. */
export const enableDryRun = (schema: GraphQLSchema): GraphQLSchema => {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    if (!takesDryRun(field.args)) continue;
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = async (source, args: { input?: { dryRun?: boolean | null } }, context, info) => {
      if (args.input?.dryRun !== true) return resolve(source, args, context, info);
      const payload: unknown = await runDry(async () => resolve(source, args, context, info));
      // A resolver that bypassed mutationPayload would answer as if it had run: refuse loudly instead.
      if (typeof payload !== 'object' || payload === null || !(DRY_RUN_PLAN in payload)) {
        throw new MailroomError(ErrorCode.INTERNAL, `${info.fieldName} takes dryRun but its resolver does not answer through mutationPayload`);
      }
      return payload;
    };
  }
  return schema;
};
