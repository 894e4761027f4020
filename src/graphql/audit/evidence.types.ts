import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { SignedCheckpoint } from '../../app/audit/checkpointFormat.js';
import type { CheckpointConsistency, EventInclusion } from '../../app/audit/evidence.js';
import { Payload } from '../userErrors.js';

@ObjectType({
  description:
    'A signed statement of the log: it held `position` events, the last with chain hash `headHash`, and the RFC 9162 Merkle root of their audit records was `rootHash`. Keep it outside the server; see docs/audit-verification.md.',
})
export class AuditCheckpoint {
  @Field(() => Int, { description: 'Tree size = global position of the last event covered.' })
  position!: number;

  @Field(() => String, { description: 'Hash-chain value of the event at `position` (hex).' })
  headHash!: string;

  @Field(() => String, { description: 'RFC 9162 Merkle tree head over the first `position` audit records (hex).' })
  rootHash!: string;

  @Field(() => Date)
  time!: Date;

  @Field(() => String, { description: 'First 16 hex digits of SHA-256 over the raw Ed25519 public key.' })
  keyId!: string;

  @Field(() => String, { description: 'Ed25519 signature (base64) over the checkpoint text (see `signedText`).' })
  signature!: string;

  @Field(() => GraphQLJSON, { description: 'The checkpoint as a JSON file for `mailroom audit verify --checkpoint`.' })
  json!: SignedCheckpoint;

  static from(c: SignedCheckpoint): AuditCheckpoint {
    return Object.assign(new AuditCheckpoint(), { ...c, time: new Date(c.time), json: c });
  }
}

@ObjectType({ description: 'The key that signs audit checkpoints.' })
export class AuditPublicKey {
  @Field(() => String)
  keyId!: string;

  @Field(() => String, { description: 'Ed25519 public key, SPKI PEM (also served at GET /audit/public-key).' })
  pem!: string;
}

@ObjectType({ description: 'Proof (RFC 9162 §2.1.3) that an event is leaf `leafIndex` of the tree a checkpoint signed.' })
export class AuditInclusionProof {
  @Field(() => ID)
  eventId!: string;

  @Field(() => Int)
  position!: number;

  @Field(() => Int, { description: 'position - 1' })
  leafIndex!: number;

  @Field(() => Int)
  treeSize!: number;

  @Field(() => GraphQLJSON, { description: 'The audit record the leaf hashes (secret fields read "changed" with a digest).' })
  record!: unknown;

  @Field(() => String, { description: 'SHA-256(0x00 || SHA-256(canonical JSON of record)), hex.' })
  leafHash!: string;

  @Field(() => [String], { description: 'Audit path, hex, leaf side first.' })
  path!: string[];

  @Field(() => AuditCheckpoint)
  checkpoint!: AuditCheckpoint;

  static from(i: EventInclusion): AuditInclusionProof {
    return Object.assign(new AuditInclusionProof(), {
      eventId: i.event.id,
      position: i.event.position,
      leafIndex: i.proof.leafIndex,
      treeSize: i.proof.treeSize,
      record: i.record,
      leafHash: i.leafHash,
      path: [...i.proof.path],
      checkpoint: AuditCheckpoint.from(i.checkpoint),
    });
  }
}

@ObjectType({ description: 'Proof (RFC 9162 §2.1.4) that the tree of `from` is a prefix of the tree of `to`: nothing signed earlier was changed since.' })
export class AuditConsistencyProof {
  @Field(() => AuditCheckpoint)
  from!: AuditCheckpoint;

  @Field(() => AuditCheckpoint)
  to!: AuditCheckpoint;

  @Field(() => [String], { description: 'hex' })
  path!: string[];

  static from(c: CheckpointConsistency): AuditConsistencyProof {
    return Object.assign(new AuditConsistencyProof(), { from: AuditCheckpoint.from(c.from), to: AuditCheckpoint.from(c.to), path: [...c.proof.path] });
  }
}

@ObjectType()
export class CreateAuditCheckpointPayload extends Payload {
  @Field(() => AuditCheckpoint, { nullable: true })
  checkpoint!: AuditCheckpoint | null;
}
