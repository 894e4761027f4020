import type { RequestMetadata } from '../app/auth/authService.js';
import type { Principal } from '../app/auth/principal.js';
import { requestMetadata, viewerOf, type GraphQLContext } from './context.js';
import { mutationPayload, type UserError } from './userErrors.js';

/** An input whose `reason` goes into the command metadata (every SettingInput). */
export interface ReasonInput {
  readonly reason?: string | null;
}

/**
 * The opening every authenticated mutation shares: the caller is looked up first (no
 * principal: UNAUTHENTICATED, a GraphQL error), then the body runs inside
 * `mutationPayload`, which maps input and state errors to `userErrors` and, for a
 * `dryRun: true` call, builds the dry-run answer. The body gets the caller and the command
 * metadata of the request; `input.reason` is checked by the text rule inside, so a refused
 * reason is a userError and nothing is appended. Pass `null` for `input` when the mutation
 * records no change (a test mail, a preview): its metadata then carries no reason.
 */
export const viewerMutation = <P extends { userErrors: UserError[] }>(
  ctx: GraphQLContext,
  input: ReasonInput | null,
  payload: new () => P,
  body: (viewer: Principal, metadata: RequestMetadata) => Promise<Partial<P>>,
): Promise<P> => {
  const viewer = viewerOf(ctx);
  return mutationPayload(
    () => new payload(),
    async () => body(viewer, requestMetadata(ctx, input?.reason)),
  );
};
