import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireChainAudit, requireEventAudit } from '../../app/audit/auditAccess.js';
import { validationError } from '../../domain/shared/errors.js';
import { viewerOf, type GraphQLContext } from '../context.js';
import { mutationPayload } from '../userErrors.js';
import { AuditCheckpoint, AuditConsistencyProof, AuditInclusionProof, AuditPublicKey, CreateAuditCheckpointPayload } from './evidence.types.js';

/** Signed checkpoints and Merkle proofs (src/app/audit/evidence.ts). Administrators and auditors, as for the chain. */
@Resolver()
export class AuditEvidenceResolver {
  @Query(() => AuditPublicKey, { description: 'The Ed25519 key that signs audit checkpoints. Any signed-in user.' })
  auditPublicKey(@Ctx() ctx: GraphQLContext): AuditPublicKey {
    viewerOf(ctx);
    const key = ctx.services.auditEvidence.key;
    return Object.assign(new AuditPublicKey(), { keyId: key.keyId, pem: key.publicKeyPem });
  }

  @Query(() => [AuditCheckpoint], { description: 'Signed checkpoints, newest first. Administrators and auditors.' })
  async auditCheckpoints(
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('beforePosition', () => Int, { nullable: true }) beforePosition: number | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AuditCheckpoint[]> {
    requireChainAudit(viewerOf(ctx));
    if (!Number.isInteger(first) || first < 1 || first > 500) throw validationError(['first'], `Expected first from 1 to 500, got ${first}`);
    return (await ctx.services.auditEvidence.checkpoints.list({ beforePosition, limit: first })).map(AuditCheckpoint.from);
  }

  @Mutation(() => CreateAuditCheckpointPayload, { description: 'Signs a checkpoint at the current head now (returns the stored one when the head is already signed). Administrators and auditors.' })
  async createAuditCheckpoint(@Ctx() ctx: GraphQLContext): Promise<CreateAuditCheckpointPayload> {
    requireChainAudit(viewerOf(ctx));
    return mutationPayload(
      () => Object.assign(new CreateAuditCheckpointPayload(), { checkpoint: null as AuditCheckpoint | null }),
      async () => ({ checkpoint: AuditCheckpoint.from(await ctx.services.auditEvidence.checkpoints.create()) }),
    );
  }

  @Query(() => AuditInclusionProof, {
    description: 'Proof that an event (by id or position) is in the log as of a checkpoint (default: the latest). Auditors of the event\'s mailbox and administrators.',
  })
  async auditInclusionProof(
    @Arg('eventId', () => ID, { nullable: true }) eventId: string | null,
    @Arg('position', () => Int, { nullable: true }) position: number | null,
    @Arg('checkpoint', () => Int, { nullable: true, description: 'Position of a stored checkpoint.' }) checkpoint: number | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AuditInclusionProof> {
    const viewer = viewerOf(ctx);
    requireChainAudit(viewer);
    const evidence = ctx.services.auditEvidence;
    const event = await evidence.event({ eventId, position }, []);
    requireEventAudit(viewer, event);
    return AuditInclusionProof.from(await evidence.inclusion(event, checkpoint));
  }

  @Query(() => AuditConsistencyProof, { description: 'Proof that the log signed by one checkpoint is a prefix of the log signed by a later one. Administrators and auditors.' })
  async auditConsistencyProof(
    @Arg('from', () => Int, { description: 'Position of the earlier checkpoint.' }) from: number,
    @Arg('to', () => Int, { description: 'Position of the later checkpoint.' }) to: number,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AuditConsistencyProof> {
    requireChainAudit(viewerOf(ctx));
    return AuditConsistencyProof.from(await ctx.services.auditEvidence.consistency(from, to));
  }
}
