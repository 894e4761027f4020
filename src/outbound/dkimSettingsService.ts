import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RequestMetadata } from '../auth/authService.js';
import { requireMailboxAudit, requireMailboxManagement } from '../auth/authorization.js';
import type { Actor } from '../auth/principal.js';
import { dkimSettingsDecider } from '../domain/outbound/dkimSettings.decider.js';
import { dkimSettingsStreamId, type DkimAlgorithm, type DkimSettingsCommand, type DkimSignatureKind } from '../domain/outbound/dkimSettings.events.js';
import type { ReadModelDb } from '../db/schema.js';
import { notFound, validationError } from '../errors/index.js';
import { checkDkimPublication, systemTxtResolver, type DkimPublicationCheck, type TxtResolver } from '../mail/dkim/dkimDnsCheck.js';
import { generateDkimKey, importDkimPrivateKey, type DkimKeyMaterial } from '../mail/dkim/dkimKeys.js';
import { OutboundCommands, type CommandOutcome, type OutboundServiceOptions } from './outboundCommands.js';

export interface AddDkimSignatureInput {
  readonly mailboxNumber: number;
  readonly name: string;
  readonly kind: DkimSignatureKind;
  readonly domain: string;
  readonly selector: string;
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
}

/**
 * DKIM settings commands: keys are generated or imported here (node:crypto), encrypted at
 * once, and only the ciphertext and the public key reach the decider and the events.
 */
export class DkimSettingsService {
  private readonly commands: OutboundCommands;
  private readonly db: Kysely<ReadModelDb>;
  private readonly resolveTxt: TxtResolver;

  constructor(options: DkimSettingsServiceOptions) {
    this.commands = new OutboundCommands(options);
    this.db = options.db;
    this.resolveTxt = options.resolveTxt ?? systemTxtResolver();
  }

  async addSignature(actor: Actor, input: AddDkimSignatureInput, meta: RequestMetadata): Promise<CommandOutcome & { signatureId: string }> {
    requireMailboxManagement(actor, input.mailboxNumber);
    await this.commands.requireMailbox(input.mailboxNumber);
    const key = await this.keyFor(input);
    const signatureId = randomUUID();
    const privateKeyCiphertext = await this.commands.encryptSecret(input.mailboxNumber, ['privateKeyPem'], key.privateKeyPem, 100_000);
    const outcome = await this.run(actor, input.mailboxNumber, meta, {
      type: 'AddDkimSignature',
      data: {
        mailboxNumber: input.mailboxNumber,
        signatureId,
        name: input.name,
        kind: input.kind,
        domain: input.domain,
        selector: input.selector,
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
      .select(['selector', 'domain', 'public_key'])
      .where('mailbox_number', '=', input.mailboxNumber)
      .where('signature_id', '=', input.signatureId)
      .executeTakeFirst();
    if (!row) throw notFound('DKIM signature', input.signatureId, ['signatureId']);
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
