import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { ErrorCode, isMailroomError, type MailroomError } from '../domain/shared/errors.js';
import { activeDryRun, type DryRunPlan } from '../eventstore/dryRun.js';
import { CHANGED_CONCURRENTLY } from '../eventstore/handleCommand.js';

registerEnumType(ErrorCode, {
  name: 'ErrorCode',
  description: 'Stable error codes; switch on these, never on message text.',
});

@ObjectType({ description: 'A problem with the input of a mutation. Nothing was changed.' })
export class UserError {
  @Field(() => [String], { description: 'Path of the offending input field, e.g. ["input", "port"].' })
  path!: string[];

  @Field(() => ErrorCode)
  code!: ErrorCode;

  @Field(() => String, { description: 'What was expected and what arrived.' })
  message!: string;
}

/** Codes that describe the caller's input or the target's state: returned as `userErrors`. */
const USER_ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  ErrorCode.VALIDATION,
  ErrorCode.ILLEGAL_STATE,
  ErrorCode.NOT_FOUND,
  ErrorCode.ALREADY_EXISTS,
  ErrorCode.CONCURRENCY,
]);

export const isUserFacing = (e: unknown): e is MailroomError => isMailroomError(e) && USER_ERROR_CODES.has(e.code);

/**
 * Domain errors name fields of the command (`['port']`); clients see them as paths into
 * the mutation's arguments (`['input', 'port']`).
 */
export const toUserError = (e: MailroomError, prefix: readonly string[] = ['input']): UserError => {
  const path = e.fieldPath.length === 0 || e.fieldPath[0] === prefix[0] ? [...e.fieldPath] : [...prefix, ...e.fieldPath];
  // A store's conflict names streams and revisions, which mean nothing to users.
  const message = e.code === ErrorCode.CONCURRENCY ? CHANGED_CONCURRENTLY : e.message;
  return Object.assign(new UserError(), { path, code: e.code, message });
};

/**
 * Runs a mutation body. Input and state problems become `userErrors` on the payload;
 * authorization and unexpected errors propagate as GraphQL errors (masked in production).
 */
export const mutationPayload = async <P extends { userErrors: UserError[] }>(
  empty: () => P,
  body: () => Promise<Partial<P>>,
): Promise<P> => {
  const plan = activeDryRun();
  if (plan) return dryRunPayload(empty, body, plan);
  const payload = empty();
  try {
    Object.assign(payload, await body());
  } catch (e) {
    if (!isUserFacing(e)) throw e;
    payload.userErrors.push(toUserError(e));
  }
  return payload;
};

/** Where a dry run's payload keeps its plan; `SettingPayload.dryRun` (src/graphql/dryRun.ts) renders it. */
export const DRY_RUN_PLAN = Symbol('dryRunPlan');

/** Fields of a mutation's answer a dry run keeps: the warnings the change would bring. */
const KEPT_IN_DRY_RUN = ['warnings'] as const;

/**
 * The same body in a dry run (`handleCommand` plans instead of appending). Its answer is
 * built from read models, which the dry run did not change, so the entity fields stay
 * empty. A refusal (a decider's, or any check before the first decision) is a userError as
 * always; a NOT_FOUND and the like raised after the decisions only means the answer's
 * entity does not exist yet (a dry-run creation), and is dropped.
 */
const dryRunPayload = async <P extends { userErrors: UserError[] }>(empty: () => P, body: () => Promise<Partial<P>>, plan: DryRunPlan): Promise<P> => {
  const payload = empty();
  try {
    const answer = (await body()) as Record<string, unknown>;
    for (const key of KEPT_IN_DRY_RUN) if (key in answer) Object.assign(payload, { [key]: answer[key] });
  } catch (e) {
    if (!isUserFacing(e)) throw e;
    if (plan.refusal === e || plan.decisions === 0) payload.userErrors.push(toUserError(e));
  }
  return Object.assign(payload, { [DRY_RUN_PLAN]: plan });
};

@ObjectType()
export abstract class Payload {
  @Field(() => [UserError], { description: 'Empty when the mutation succeeded.' })
  userErrors: UserError[] = [];
}
