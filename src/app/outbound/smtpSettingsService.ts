import { randomUUID } from 'node:crypto';
import type { RequestMetadata } from '../auth/authService.js';
import { requireMailboxManagement } from '../auth/authorization.js';
import type { Actor } from '../auth/principal.js';
import { smtpSettingsDecider } from '../../domain/outbound/smtpSettings.decider.js';
import {
  rakutenConnectionOf,
  smtpSettingsStreamId,
  type ExternalSmtpServer,
  type RakutenRelay,
  type SmtpAuth,
  type TestedBeforeSaving,
  type BounceDestination,
  type FromMatch,
  type SmtpAuthInput,
  type SmtpEncryption,
  type SmtpPasswordMechanism,
  type SmtpSettingsCommand,
} from '../../domain/outbound/smtpSettings.events.js';
import { connectionFingerprint, type SmtpConnection } from '../../domain/outbound/smtpVerification.js';
import { validationError } from '../../domain/shared/errors.js';
import { loadDecidedState } from '../../eventstore/decidedState.js';
import { OutboundCommands, type CommandOutcome, type OutboundServiceOptions } from './outboundCommands.js';
import { TransientSecrets, type TestMailReceipts } from './testMailReceipts.js';

export interface SmtpServerInput {
  readonly mailboxNumber: number;
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly encryption: SmtpEncryption;
  readonly authMethod: 'PASSWORD' | 'OAUTH' | 'NONE';
  /** Required with PASSWORD and OAUTH; refused with NONE. */
  readonly user?: string | null;
  /** Write-only. Required for a new password server; omitted on a change: keep the stored one. */
  readonly password?: string | null;
  /** With PASSWORD only. @default AUTO */
  readonly passwordMechanism?: SmtpPasswordMechanism | null;
  readonly oauthCredentialId?: string | null;
  /** From sendUnsavedTestMail with these very settings: the server is recorded as verified at once. */
  readonly testMailReceipt?: string | null;
}

export interface RakutenRelayInput {
  readonly mailboxNumber: number;
  readonly realAddress: string;
  readonly contactAddress?: string | null;
  readonly host: string;
  readonly port: number;
  /** @default STARTTLS */
  readonly encryption?: SmtpEncryption | null;
  readonly user: string;
  /** Write-only. Required the first time; omitted later: keep the stored one. */
  readonly password?: string | null;
  /** From sendUnsavedRakutenTestMail with these very settings: the relay is recorded as verified at once. */
  readonly testMailReceipt?: string | null;
}

/**
 * SMTP settings commands as the API offers them: authorize (mailbox management), check
 * the mailbox exists, encrypt secrets, then let the decider rule. Authorization comes
 * first, so a refusal never reveals whether a mailbox exists.
 */
export class SmtpSettingsService {
  private readonly commands: OutboundCommands;

  constructor(
    private readonly options: OutboundServiceOptions,
    /** null: receipts cannot be opened here, so a `testMailReceipt` is refused. */
    private readonly receipts: TestMailReceipts | null = null,
  ) {
    this.commands = new OutboundCommands(options);
  }

  async addServer(actor: Actor, input: SmtpServerInput, meta: RequestMetadata): Promise<CommandOutcome & { serverId: string }> {
    requireMailboxManagement(actor, input.mailboxNumber);
    const serverId = randomUUID();
    const auth = await this.auth(input, true);
    const tested = await this.testedBeforeSaving(actor, input, (secrets) => this.previewServer(actor, input, secrets));
    const outcome = await this.run(actor, input.mailboxNumber, meta, { type: 'AddSmtpServer', data: { ...this.server(input), serverId, auth, tested } });
    return { ...outcome, serverId };
  }

  /**
   * The server addServer would add, ruled by the decider but not stored (the unsaved test
   * mail): secrets go to `secrets`, a per-request stand-in for the vault.
   */
  async previewServer(actor: Actor, input: SmtpServerInput, secrets: TransientSecrets): Promise<ExternalSmtpServer> {
    requireMailboxManagement(actor, input.mailboxNumber);
    const serverId = randomUUID();
    const auth = await this.auth(input, true, new OutboundCommands({ ...this.options, vault: secrets }));
    const state = await this.preview(actor, input.mailboxNumber, { type: 'AddSmtpServer', data: { ...this.server(input), serverId, auth } });
    return state.servers.get(serverId)!;
  }

  /** The relay configureRakutenRelay would set, not stored; an omitted password is the stored one. */
  async previewRakutenRelay(actor: Actor, input: RakutenRelayInput, secrets: TransientSecrets): Promise<RakutenRelay> {
    requireMailboxManagement(actor, input.mailboxNumber);
    const transient = new OutboundCommands({ ...this.options, vault: secrets });
    const state = await this.preview(actor, input.mailboxNumber, await this.rakutenCommand(input, transient));
    return state.rakuten!;
  }

  /** 「はい」: the test mail of `testMailReceipt` through `serverId` (external or `rakuten-relay`) arrived. */
  async confirmTestMail(actor: Actor, input: { mailboxNumber: number; serverId: string; testMailReceipt: string }, meta: RequestMetadata): Promise<CommandOutcome> {
    requireMailboxManagement(actor, input.mailboxNumber);
    const receipt = await this.requireReceipts().open(input.mailboxNumber, input.testMailReceipt);
    return this.run(actor, input.mailboxNumber, meta, { type: 'ConfirmTestMail', data: { mailboxNumber: input.mailboxNumber, serverId: input.serverId, receipt } });
  }

  async changeServer(actor: Actor, input: SmtpServerInput & { readonly serverId: string }, meta: RequestMetadata): Promise<CommandOutcome> {
    requireMailboxManagement(actor, input.mailboxNumber);
    const auth = await this.auth(input, false);
    return this.run(actor, input.mailboxNumber, meta, { type: 'ChangeSmtpServer', data: { ...this.server(input), serverId: input.serverId, auth } });
  }

  async removeServer(actor: Actor, input: { mailboxNumber: number; serverId: string }, meta: RequestMetadata): Promise<CommandOutcome> {
    return this.run(actor, input.mailboxNumber, meta, { type: 'RemoveSmtpServer', data: input });
  }

  async addRule(actor: Actor, input: { mailboxNumber: number; match: FromMatch; serverId: string }, meta: RequestMetadata): Promise<CommandOutcome & { ruleId: string }> {
    const ruleId = randomUUID();
    return { ...(await this.run(actor, input.mailboxNumber, meta, { type: 'AddSmtpRoutingRule', data: { ...input, ruleId } })), ruleId };
  }

  async changeRule(actor: Actor, input: { mailboxNumber: number; ruleId: string; match: FromMatch; serverId: string }, meta: RequestMetadata): Promise<CommandOutcome> {
    return this.run(actor, input.mailboxNumber, meta, { type: 'ChangeSmtpRoutingRule', data: input });
  }

  async removeRule(actor: Actor, input: { mailboxNumber: number; ruleId: string }, meta: RequestMetadata): Promise<CommandOutcome> {
    return this.run(actor, input.mailboxNumber, meta, { type: 'RemoveSmtpRoutingRule', data: input });
  }

  async reorderRules(actor: Actor, input: { mailboxNumber: number; ruleIds: readonly string[] }, meta: RequestMetadata): Promise<CommandOutcome> {
    return this.run(actor, input.mailboxNumber, meta, { type: 'ReorderSmtpRoutingRules', data: input });
  }

  async changeBasicSettings(
    actor: Actor,
    input: { mailboxNumber: number; defaultServerId?: string | null; bounceDestination?: BounceDestination | null },
    meta: RequestMetadata,
  ): Promise<CommandOutcome> {
    return this.run(actor, input.mailboxNumber, meta, { type: 'ChangeSmtpBasicSettings', data: input });
  }

  async configureRakutenRelay(actor: Actor, input: RakutenRelayInput, meta: RequestMetadata): Promise<CommandOutcome> {
    requireMailboxManagement(actor, input.mailboxNumber);
    const command = await this.rakutenCommand(input, this.commands);
    const tested = await this.testedBeforeSaving(actor, input, (secrets) => this.previewRakutenRelay(actor, input, secrets).then(rakutenConnectionOf));
    return this.run(actor, input.mailboxNumber, meta, { ...command, data: { ...command.data, tested } });
  }

  private async rakutenCommand(input: RakutenRelayInput, commands: OutboundCommands) {
    const passwordCiphertext = input.password === undefined || input.password === null ? null : await commands.encryptSecret(input.mailboxNumber, ['password'], input.password);
    return {
      type: 'ConfigureRakutenRelay' as const,
      data: {
        mailboxNumber: input.mailboxNumber,
        realAddress: input.realAddress,
        contactAddress: input.contactAddress ?? null,
        host: input.host,
        port: input.port,
        encryption: input.encryption ?? 'STARTTLS',
        user: input.user,
        passwordCiphertext,
      },
    };
  }

  private requireReceipts(): TestMailReceipts {
    if (!this.receipts) throw validationError(['testMailReceipt'], 'Expected no testMailReceipt: this installation cannot open receipts');
    return this.receipts;
  }

  /**
   * The receipt given with settings being saved, and the fingerprint of those settings with
   * its salt (plaintext password included, as in the unsaved test; it stays in memory).
   */
  private async testedBeforeSaving(
    actor: Actor,
    input: { mailboxNumber: number; testMailReceipt?: string | null },
    preview: (secrets: TransientSecrets) => Promise<SmtpConnection>,
  ): Promise<TestedBeforeSaving | null> {
    if (input.testMailReceipt === undefined || input.testMailReceipt === null) return null;
    requireMailboxManagement(actor, input.mailboxNumber);
    const receipt = await this.requireReceipts().open(input.mailboxNumber, input.testMailReceipt);
    // Only encrypt is used here (stand-ins for the fingerprint); nothing is ever decrypted.
    const secrets = new TransientSecrets({ decrypt: async () => Promise.reject(new Error('Nothing is decrypted for a fingerprint')) });
    const connection = await preview(secrets);
    return { receipt, fingerprint: connectionFingerprint(receipt.salt, revealedConnection(connection, secrets)) };
  }

  private async preview(actor: Actor, mailboxNumber: number, command: Omit<SmtpSettingsCommand, 'metadata'>) {
    await this.commands.requireMailbox(mailboxNumber);
    const { state } = await loadDecidedState(this.commands.store, smtpSettingsDecider, smtpSettingsStreamId(mailboxNumber));
    const full = { ...command, metadata: this.commands.metadata(actor, { correlationId: randomUUID() }) } as SmtpSettingsCommand;
    const decided = smtpSettingsDecider.decide(full, state);
    return (Array.isArray(decided) ? decided : [decided]).reduce(smtpSettingsDecider.evolve, state);
  }

  async removeRakutenRelay(actor: Actor, input: { mailboxNumber: number }, meta: RequestMetadata): Promise<CommandOutcome> {
    return this.run(actor, input.mailboxNumber, meta, { type: 'RemoveRakutenRelay', data: input });
  }

  private server(input: SmtpServerInput) {
    return { mailboxNumber: input.mailboxNumber, name: input.name, host: input.host, port: input.port, encryption: input.encryption };
  }

  /**
   * What does not belong to the chosen method (a password with OAuth, a user without
   * authentication) is refused rather than silently dropped: the caller meant something else.
   */
  private async auth(input: SmtpServerInput, isNew: boolean, commands = this.commands): Promise<SmtpAuthInput> {
    const password = input.password ?? null;
    const mechanism = input.passwordMechanism ?? null;
    if (input.authMethod !== 'PASSWORD' && mechanism !== null) {
      throw validationError(['passwordMechanism'], `Expected no password mechanism with ${input.authMethod} (it applies to PASSWORD only), got ${mechanism}`);
    }
    if (input.authMethod === 'NONE') {
      if (password !== null) throw validationError(['password'], 'Expected no password without authentication (NONE: the server trusts the connecting address)');
      if (input.oauthCredentialId) throw validationError(['oauthCredentialId'], 'Expected no OAuth credential without authentication (NONE)');
      if (input.user) throw validationError(['user'], `Expected no user without authentication (NONE), got ${JSON.stringify(input.user)}`);
      return { method: 'NONE' };
    }
    const user = input.user ?? '';
    if (input.authMethod === 'OAUTH') {
      if (password !== null) throw validationError(['password'], 'Expected no password with OAuth authentication (the OAuth credential is used instead)');
      return { method: 'OAUTH', user, oauthCredentialId: input.oauthCredentialId ?? '' };
    }
    if (input.authMethod !== 'PASSWORD') throw validationError(['authMethod'], `Expected PASSWORD, OAUTH or NONE, got ${JSON.stringify(input.authMethod)}`);
    if (input.oauthCredentialId) throw validationError(['oauthCredentialId'], 'Expected no OAuth credential with password authentication');
    if (password === null && isNew) throw validationError(['password'], 'Expected a password for password authentication, got nothing');
    const passwordCiphertext = password === null ? null : await commands.encryptSecret(input.mailboxNumber, ['password'], password);
    return { method: 'PASSWORD', user, passwordCiphertext, mechanism };
  }

  private async run(actor: Actor, mailboxNumber: number, meta: RequestMetadata, command: Omit<SmtpSettingsCommand, 'metadata'>): Promise<CommandOutcome> {
    requireMailboxManagement(actor, mailboxNumber);
    await this.commands.requireMailbox(mailboxNumber);
    const full = { ...command, metadata: this.commands.metadata(actor, meta) } as SmtpSettingsCommand;
    const { position } = await this.commands.run(smtpSettingsDecider, smtpSettingsStreamId(mailboxNumber), full);
    return { position };
  }
}

/** A connection with stand-in ciphertext replaced by the plaintext behind it, for a fingerprint of unsaved settings. */
export const revealedConnection = (connection: SmtpConnection, secrets: TransientSecrets): SmtpConnection => {
  const auth = connection.auth as SmtpAuth;
  return auth.method === 'PASSWORD' ? { ...connection, auth: { ...auth, passwordCiphertext: secrets.reveal(auth.passwordCiphertext) } } : connection;
};
