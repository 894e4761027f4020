import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { DkimAlgorithm as DkimAlgorithmType, DkimKeySource as DkimKeySourceType, DkimSignatureKind as DkimSignatureKindType } from '../../domain/outbound/dkimSettings.events.js';
import type { ServiceDkimIdentity } from '../../domain/outbound/outboundRoute.js';
import { dkimDnsRecord, type DkimDnsRecord as DkimDnsRecordValue } from '../../mail/dkim/dkimDnsRecord.js';
import type { DkimPublicationCheck } from '../../mail/dkim/dkimDnsCheck.js';
import { routingDkimSignatureOf, type DkimConditionRow, type DkimSignatureRow } from '../../app/outbound/outboundReadModel.js';
import { DkimAlgorithm, DkimKeySource, DkimPublicationStatus, DkimSignatureKind } from './outbound.enums.js';

@ObjectType({ description: 'The TXT record that publishes a public key.' })
export class DkimDnsRecord {
  @Field(() => String, { description: '`<selector>._domainkey.<domain>`' })
  name!: string;

  @Field(() => String, { description: '`v=DKIM1; k=rsa; p=…` as one string.' })
  value!: string;

  @Field(() => [String], { description: 'The value split into strings of at most 255 characters, for zone files.' })
  txtStrings!: string[];

  static from(record: DkimDnsRecordValue): DkimDnsRecord {
    return Object.assign(new DkimDnsRecord(), { name: record.name, value: record.value, txtStrings: [...record.txtStrings] });
  }
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

  @Field(() => DkimDnsRecord, {
    nullable: true,
    description: 'Author signatures: publish this at the DNS of `domain`. Null for third-party signatures with the service key: whoever runs the service publishes that one record (`thirdPartyDkimKey`), the customer nothing.',
  })
  dnsRecord!: DkimDnsRecord | null;

  @Field(() => Boolean)
  isDefault!: boolean;

  @Field(() => Date)
  createdAt!: Date;

  /** A service-key signature shows the deployment's d=, s= and algorithm ('' and RSA when none is configured). */
  static from(row: DkimSignatureRow, isDefault: boolean, service: ServiceDkimIdentity | null): DkimSignature {
    const routing = routingDkimSignatureOf(row, service);
    return Object.assign(new DkimSignature(), {
      id: row.signature_id,
      name: row.name,
      kind: row.kind as DkimSignatureKindType,
      domain: routing.domain,
      selector: routing.selector,
      algorithm: routing.algorithm,
      keySource: row.key_source as DkimKeySourceType,
      keyBits: routing.keyBits,
      bodyLengthLimit: row.body_length_limit,
      dnsRecord: routing.serviceKey ? null : DkimDnsRecord.from(dkimDnsRecord({ selector: row.selector, domain: row.domain, algorithm: row.algorithm as DkimAlgorithmType, publicKey: row.public_key })),
      isDefault,
      createdAt: new Date(row.created_at),
    });
  }
}

@ObjectType({ description: "The deployment's own key for third-party signatures (第三者署名): d= is the service's domain; whoever runs the service publishes `dnsRecord` once." })
export class ThirdPartyDkimKey {
  @Field(() => String, { description: 'd=' })
  domain!: string;

  @Field(() => String, { description: 's=' })
  selector!: string;

  @Field(() => DkimAlgorithm)
  algorithm!: DkimAlgorithmType;

  @Field(() => Int)
  keyBits!: number;

  @Field(() => DkimDnsRecord)
  dnsRecord!: DkimDnsRecord;

  static from(key: ServiceDkimIdentity & { readonly dnsRecord: Parameters<typeof DkimDnsRecord.from>[0] }): ThirdPartyDkimKey {
    return Object.assign(new ThirdPartyDkimKey(), { domain: key.domain, selector: key.selector, algorithm: key.algorithm, keyBits: key.keyBits, dnsRecord: DkimDnsRecord.from(key.dnsRecord) });
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
