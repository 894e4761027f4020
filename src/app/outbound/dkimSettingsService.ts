import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RequestMetadata } from '../auth/authService.js';
import { requireMailboxAudit, requireMailboxManagement } from '../auth/authorization.js';
import type { Actor } from '../auth/principal.js';
import { dkimSettingsDecider } from '../../domain/outbound/dkimSettings.decider.js';
import { dkimSettingsStreamId, type DkimAlgorithm, type DkimSettingsCommand, type DkimSignatureKind } from '../../domain/outbound/dkimSettings.events.js';
import type { ReadModelDb } from '../../db/schema.js';
import { illegalState, notFound, validationError } from '../../domain/shared/errors.js';
import { checkDkimPublication, systemTxtResolver, type DkimPublicationCheck, type TxtResolver } from '../../mail/dkim/dkimDnsCheck.js';
import { generateDkimKey, importDkimPrivateKey, type DkimKeyMaterial } from '../../mail/dkim/dkimKeys.js';
import { OutboundCommands, type CommandOutcome, type OutboundServiceOptions } from './outboundCommands.js';

export interface AddDkimSignatureInput {
  readonly mailboxNumber: number;
  readonly name: string;
  readonly kind: DkimSignatureKind;
  /** d= and s=: required for AUTHOR, refused for THIRD_PARTY (the service's key and domain are used). */
  readonly domain?: string | null;
  readonly selector?: string | null;
  /** @default RSA_SHA256 for generated keys; taken from the key for imports */
  readonly algorithm?: DkimAlgorithm | null;
  /** Write-only: an existing private key to import; absent: a key pair is generated here. */
  readonly privateKeyPem?: string | null;
  readonly bodyLengthLimit?: number | null;
}

export interface DkimSettingsServiceOptions extends OutboundServiceOptions {
  /** Read models, for the DNS check's public key. */
  readonly db: Kysely<ReadModelDb>;
  /** @default node:dns with the system's servers */
  readonly resolveTxt?: TxtResolver;
  /** The deployment's third-party key (public facts). @default none */
  readonly serviceDkim?: { readonly domain: string; readonly selector: string; readonly publicKey: string } | null;
}

/**
 * DKIM settings commands: keys are generated or imported here (node:crypto), encrypted at
 * once, and only the ciphertext and the public key reach the decider and the events.
 */
export class DkimSettingsService {
  private readonly commands: OutboundCommands;
  private readonly db: Kysely<ReadModelDb>;
  private readonly resolveTxt: TxtResolver;
  private readonly serviceDkim: DkimSettingsServiceOptions['serviceDkim'];

  constructor(options: DkimSettingsServiceOptions) {
    this.commands = new OutboundCommands(options);
    this.db = options.db;
    this.resolveTxt = options.resolveTxt ?? systemTxtResolver();
    this.serviceDkim = options.serviceDkim ?? null;
  }

  async addSignature(actor: Actor, input: AddDkimSignatureInput, meta: RequestMetadata): Promise<CommandOutcome & { signatureId: string }> {
    requireMailboxManagement(actor, input.mailboxNumber);
    await this.commands.requireMailbox(input.mailboxNumber);
    const signatureId = randomUUID();
    if (input.kind === 'THIRD_PARTY') {
      // 第三者署名: the customer makes no key and publishes nothing, so giving one is a mistake worth saying.
      for (const field of ['domain', 'selector', 'algorithm', 'privateKeyPem'] as const) {
        if (input[field] !== undefined && input[field] !== null) {
          throw validationError([field], `Expected no ${field} for a third-party signature: it signs with the service's own key and domain, got ${field === 'privateKeyPem' ? 'a key' : JSON.stringify(input[field])}`);
        }
      }
      const data = { mailboxNumber: input.mailboxNumber, signatureId, name: input.name, kind: input.kind, keySource: 'SERVICE' as const, bodyLengthLimit: input.bodyLengthLimit ?? null };
      return { ...(await this.run(actor, input.mailboxNumber, meta, { type: 'AddDkimSignature', data })), signatureId };
    }
    const key = await this.keyFor(input);
    const privateKeyCiphertext = await this.commands.encryptSecret(input.mailboxNumber, ['privateKeyPem'], key.privateKeyPem, 100_000);
    const outcome = await this.run(actor, input.mailboxNumber, meta, {
      type: 'AddDkimSignature',
      data: {
        mailboxNumber: input.mailboxNumber,
        signatureId,
        name: input.name,
        kind: input.kind,
        domain: input.domain ?? '',
        selector: input.selector ?? '',
        algorithm: key.algorithm,
        keySource: input.privateKeyPem ? 'IMPORTED' : 'GENERATED',
        keyBits: key.keyBits,
        publicKey: key.publicKey,
        privateKeyCiphertext,
        bodyLengthLimit: input.bodyLengthLimit ?? null,
      },
    });
    return { ...outcome, signatureId };
  }

  async removeSignature(actor: Actor, input: { mailboxNumber: number; signatureId: string }, meta: RequestMetadata): Promise<CommandOutcome> {
    return this.run(actor, input.mailboxNumber, meta, { type: 'RemoveDkimSignature', data: input });
  }

  async addCondition(actor: Actor, input: { mailboxNumber: number; fromAddress: string; signatureId: string }, meta: RequestMetadata): Promise<CommandOutcome & { conditionId: string }> {
    const conditionId = randomUUID();
    return { ...(await this.run(actor, input.mailboxNumber, meta, { type: 'AddDkimCondition', data: { ...input, conditionId } })), conditionId };
  }

  async changeCondition(
    actor: Actor,
    input: { mailboxNumber: number; conditionId: string; fromAddress: string; signatureId: string },
    meta: RequestMetadata,
  ): Promise<CommandOutcome> {
    return this.run(actor, input.mailboxNumber, meta, { type: 'ChangeDkimCondition', data: input });
  }

  async removeCondition(actor: Actor, input: { mailboxNumber: number; conditionId: string }, meta: RequestMetadata): Promise<CommandOutcome> {
    return this.run(actor, input.mailboxNumber, meta, { type: 'RemoveDkimCondition', data: input });
  }

  async setDefaultSignature(actor: Actor, input: { mailboxNumber: number; signatureId: string | null }, meta: RequestMetadata): Promise<CommandOutcome> {
    return this.run(actor, input.mailboxNumber, meta, { type: 'SetDefaultDkimSignature', data: input });
  }

  /** Whether the signature's public key is published in DNS; auditors may ask too. */
  async checkDns(actor: Actor, input: { mailboxNumber: number; signatureId: string }): Promise<DkimPublicationCheck> {
    requireMailboxAudit(actor, input.mailboxNumber);
    const row = await this.db
      .selectFrom('outbound_dkim_signatures')
      .select(['selector', 'domain', 'public_key', 'key_source'])
      .where('mailbox_number', '=', input.mailboxNumber)
      .where('signature_id', '=', input.signatureId)
      .executeTakeFirst();
    if (!row) throw notFound('DKIM signature', input.signatureId, ['signatureId']);
    if (row.key_source === 'SERVICE') {
      // The record of the service's key, which whoever runs the service publishes.
      if (!this.serviceDkim) throw illegalState('This deployment has no third-party DKIM key (MAILROOM_DKIM_THIRD_PARTY_DOMAIN)', ['signatureId']);
      return checkDkimPublication(this.resolveTxt, this.serviceDkim);
    }
    return checkDkimPublication(this.resolveTxt, { selector: row.selector, domain: row.domain, publicKey: row.public_key });
  }

  private async keyFor(input: AddDkimSignatureInput): Promise<DkimKeyMaterial> {
    if (input.privateKeyPem !== undefined && input.privateKeyPem !== null) {
      return importDkimPrivateKey(['privateKeyPem'], input.privateKeyPem, input.algorithm ?? null);
    }
    const algorithm = input.algorithm ?? 'RSA_SHA256';
    if (algorithm !== 'RSA_SHA256' && algorithm !== 'ED25519_SHA256') {
      throw validationError(['algorithm'], `Expected RSA_SHA256 or ED25519_SHA256, got ${JSON.stringify(algorithm)}`);
    }
    return generateDkimKey(algorithm);
  }

  private async run(actor: Actor, mailboxNumber: number, meta: RequestMetadata, command: Omit<DkimSettingsCommand, 'metadata'>): Promise<CommandOutcome> {
    requireMailboxManagement(actor, mailboxNumber);
    await this.commands.requireMailbox(mailboxNumber);
    const full = { ...command, metadata: this.commands.metadata(actor, meta) } as DkimSettingsCommand;
    const { position } = await this.commands.run(dkimSettingsDecider, dkimSettingsStreamId(mailboxNumber), full);
    return { position };
  }
}
