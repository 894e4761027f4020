import type { Kysely } from 'kysely';
import { requireMailboxManagement } from '../auth/authorization.js';
import type { RequestMetadata } from '../auth/authService.js';
import { actorIdOf, type Actor } from '../auth/principal.js';
import type { ReadModelDb } from '../../db/schema.js';
import {
  CHANNEL_SPECS,
  messageChannelsDecider,
  messageChannelsStreamId,
  type MessageChannelKind,
  type MessageChannelsCommand,
} from '../../domain/integrations/messageChannels.decider.js';
import { validationError } from '../../domain/shared/errors.js';
import { handleCommand } from '../../eventstore/handleCommand.js';
import type { EventStore } from '../../eventstore/port.js';
import { mailboxScope, type SecretVault } from '../../secrets/vault.js';

export interface MessageChannelServiceDeps {
  readonly store: EventStore;
  readonly db: Kysely<ReadModelDb>;
  readonly vault: SecretVault;
  readonly clock?: () => Date;
  readonly afterAppend?: (position: number) => Promise<void>;
}

export interface ConfigureMessageChannelInput {
  readonly mailboxNumber: number;
  readonly channel: MessageChannelKind;
  readonly settings: { readonly [name: string]: string | null | undefined };
  /** Plaintext; encrypted here, never stored or logged as such. Null/absent keeps the stored one. */
  readonly secrets: { readonly [name: string]: string | null | undefined };
  readonly enabled?: boolean | null;
}

/**
 * The plaintext is checked before encryption (the decider only ever sees ciphertext).
 * A LINE channel secret is 32 hex digits; the other secrets are opaque tokens.
 */
export const requireSecretPlaintext = (channel: MessageChannelKind, name: string, value: string): string => {
  if (channel === 'LINE' && name === 'channelSecret') {
    if (!/^[0-9a-f]{32}$/i.test(value.trim())) throw validationError([name], `Expected a LINE channel secret of 32 hexadecimal digits, got ${value.trim().length} characters (value not shown)`);
    return value.trim();
  }
  if (value.trim().length === 0 || value.length > 4096 || /\s/.test(value.trim())) {
    throw validationError([name], `Expected a ${name} of 1–4096 characters without spaces, got ${value.length} characters (value not shown)`);
  }
  return value.trim();
};

/** LINE, Yahoo! Shopping and Rakuten R-Messe connection settings of a mailbox. */
export class MessageChannelService {
  private readonly clock: () => Date;
  private readonly afterAppend: (position: number) => Promise<void>;

  constructor(private readonly deps: MessageChannelServiceDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.afterAppend = deps.afterAppend ?? (async () => {});
  }

  async configure(actor: Actor, input: ConfigureMessageChannelInput, meta: RequestMetadata): Promise<number | null> {
    requireMailboxManagement(actor, input.mailboxNumber);
    const spec = CHANNEL_SPECS[input.channel];
    const secretCiphertexts: Record<string, string> = {};
    for (const [name, value] of Object.entries(input.secrets)) {
      if (value == null) continue;
      if (!spec?.secrets.includes(name)) throw validationError([name], `${input.channel} has no secret ${JSON.stringify(name)}`);
      const plaintext = requireSecretPlaintext(input.channel, name, value);
      secretCiphertexts[name] = await this.deps.vault.encrypt(mailboxScope(input.mailboxNumber), plaintext);
    }
    return this.run(actor, meta, input.mailboxNumber, {
      type: 'ConfigureMessageChannel',
      data: { mailboxNumber: input.mailboxNumber, channel: input.channel, settings: input.settings, secretCiphertexts, enabled: input.enabled ?? null },
    });
  }

  async setEnabled(actor: Actor, input: { mailboxNumber: number; channel: MessageChannelKind; enabled: boolean }, meta: RequestMetadata): Promise<number | null> {
    requireMailboxManagement(actor, input.mailboxNumber);
    return this.run(actor, meta, input.mailboxNumber, { type: 'SetMessageChannelEnabled', data: input });
  }

  async remove(actor: Actor, input: { mailboxNumber: number; channel: MessageChannelKind }, meta: RequestMetadata): Promise<number | null> {
    requireMailboxManagement(actor, input.mailboxNumber);
    return this.run(actor, meta, input.mailboxNumber, { type: 'RemoveMessageChannel', data: input });
  }

  private async run(actor: Actor, meta: RequestMetadata, mailboxNumber: number, command: Omit<MessageChannelsCommand, 'metadata'>): Promise<number | null> {
    const full = { ...command, metadata: { ...meta, now: this.clock(), actorId: actorIdOf(actor) } } as MessageChannelsCommand;
    const result = await handleCommand(this.deps.store, messageChannelsDecider, messageChannelsStreamId(mailboxNumber), full);
    if (result.position !== null) await this.afterAppend(result.position);
    return result.position;
  }
}
