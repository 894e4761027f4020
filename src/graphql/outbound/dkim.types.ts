import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { DkimAlgorithm as DkimAlgorithmType, DkimKeySource as DkimKeySourceType, DkimSignatureKind as DkimSignatureKindType } from '../../domain/outbound/dkimSettings.events.js';
import { dkimDnsRecord } from '../../mail/dkim/dkimDnsRecord.js';
import type { DkimPublicationCheck } from '../../mail/dkim/dkimDnsCheck.js';
import type { DkimConditionRow, DkimSignatureRow } from '../../outbound/outboundReadModel.js';
import { DkimAlgorithm, DkimKeySource, DkimPublicationStatus, DkimSignatureKind } from './outbound.enums.js';

@ObjectType({ description: 'The TXT record that publishes a public key.' })
export class DkimDnsRecord {
  @Field(() => String, { description: '`<selector>._domainkey.<domain>`' })
  name!: string;

  @Field(() => String, { description: '`v=DKIM1; k=rsa; p=…` as one string.' })
  value!: string;

  @Field(() => [String], { description: 'The value split into strings of at most 255 characters, for zone files.' })
  txtStrings!: string[];
}

@ObjectType({ description: 'A DKIM signature (電子署名). The private key never leaves the server and is never returned.' })
export class DkimSignature {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => DkimSignatureKind)
  kind!: DkimSignatureKindType;

  @Field(() => String, { description: 'd=' })
  domain!: string;

  @Field(() => String, { description: 's=' })
  selector!: string;

  @Field(() => DkimAlgorithm)
  algorithm!: DkimAlgorithmType;

  @Field(() => DkimKeySource)
  keySource!: DkimKeySourceType;

  @Field(() => Int)
  keyBits!: number;

  @Field(() => Int, { nullable: true, description: 'l=: only this many body bytes are signed.' })
  bodyLengthLimit!: number | null;

  @Field(() => DkimDnsRecord, { description: 'Publish this at the DNS of `domain` (author signatures: the customer; third-party: the owner of d=).' })
  dnsRecord!: DkimDnsRecord;

  @Field(() => Boolean)
  isDefault!: boolean;

  @Field(() => Date)
  createdAt!: Date;

  static from(row: DkimSignatureRow, isDefault: boolean): DkimSignature {
    const record = dkimDnsRecord({ selector: row.selector, domain: row.domain, algorithm: row.algorithm as DkimAlgorithmType, publicKey: row.public_key });
    return Object.assign(new DkimSignature(), {
      id: row.signature_id,
      name: row.name,
      kind: row.kind as DkimSignatureKindType,
      domain: row.domain,
      selector: row.selector,
      algorithm: row.algorithm as DkimAlgorithmType,
      keySource: row.key_source as DkimKeySourceType,
      keyBits: row.key_bits,
      bodyLengthLimit: row.body_length_limit,
      dnsRecord: Object.assign(new DkimDnsRecord(), { ...record, txtStrings: [...record.txtStrings] }),
      isDefault,
      createdAt: new Date(row.created_at),
    });
  }
}

@ObjectType({ description: 'A usage condition: mail from exactly `fromAddress` is signed with `signature`.' })
export class DkimCondition {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  fromAddress!: string;

  @Field(() => DkimSignature)
  signature!: DkimSignature;

  @Field(() => Date)
  updatedAt!: Date;

  static from(row: DkimConditionRow, signature: DkimSignature): DkimCondition {
    return Object.assign(new DkimCondition(), { id: row.condition_id, fromAddress: row.from_address, signature, updatedAt: new Date(row.updated_at) });
  }
}

@ObjectType({ description: 'Whether a signature\'s public key is published in DNS.' })
export class DkimDnsCheck {
  @Field(() => String)
  recordName!: string;

  @Field(() => DkimPublicationStatus)
  status!: keyof typeof DkimPublicationStatus;

  @Field(() => [String], { description: 'The p= values found at that name.' })
  foundKeys!: string[];

  @Field(() => String)
  message!: string;

  static from(check: DkimPublicationCheck): DkimDnsCheck {
    return Object.assign(new DkimDnsCheck(), { ...check, foundKeys: [...check.foundKeys] });
  }
}
