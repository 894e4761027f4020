import { randomUUID } from 'node:crypto';
import { requireMailboxManagement } from '../auth/authorization.js';
import type { RequestMetadata } from '../auth/authService.js';
import { actorIdOf, type Actor } from '../auth/principal.js';
import {
  chatDestinationsDecider,
  chatDestinationsStreamId,
  requireChatCredential,
  type ChatDestinationFields,
  type ChatDestinationsCommand,
  type ChatDestinationsEvent,
  type ChatKind,
} from '../domain/integrations/chatDestinations.decider.js';
import { fold } from '../domain/shared/decider.js';
import { notFound } from '../errors/index.js';
import { handleCommand } from '../eventstore/handleCommand.js';
import { mailboxScope } from '../secrets/vault.js';
import { requireMailboxNumber } from './mailboxNumber.js';
import type { MessageChannelServiceDeps } from './messageChannelService.js';

export interface AddChatDestinationInput extends ChatDestinationFields {
  readonly mailboxNumber: number;
  readonly kind: ChatKind;
  /** Slack / Teams: the webhook URL. Chatwork: the API token. Plaintext; encrypted here. */
  readonly credential: string;
}

export type ChangeChatDestinationInput = Partial<ChatDestinationFields> & {
  readonly mailboxNumber: number;
  readonly destinationId: string;
  readonly credential?: string | null;
};

export type ChatDestinationServiceDeps = MessageChannelServiceDeps & {
  /** MAILROOM_ALLOW_LOOPBACK_WEBHOOKS: accept http://127.0.0.1 receivers (tests). Never on by default. */
  readonly allowLoopbackWebhooks?: boolean;
};

/** Slack, Chatwork and Teams destinations of a mailbox; the webhook URL or token is write-only. */
export class ChatDestinationService {
  private readonly clock: () => Date;
  private readonly afterAppend: (position: number) => Promise<void>;

  constructor(private readonly deps: ChatDestinationServiceDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.afterAppend = deps.afterAppend ?? (async () => {});
  }

  async add(actor: Actor, input: AddChatDestinationInput, meta: RequestMetadata): Promise<{ destinationId: string; position: number | null }> {
    requireMailboxManagement(actor, input.mailboxNumber);
    const { credential, ...fields } = input;
    const plaintext = requireChatCredential(input.kind, credential, this.deps.allowLoopbackWebhooks);
    const destinationId = randomUUID();
    const position = await this.run(actor, meta, input.mailboxNumber, {
      type: 'AddChatDestination',
      data: { ...fields, destinationId, credentialCiphertext: await this.deps.vault.encrypt(mailboxScope(input.mailboxNumber), plaintext) },
    });
    return { destinationId, position };
  }

  async change(actor: Actor, input: ChangeChatDestinationInput, meta: RequestMetadata): Promise<number | null> {
    requireMailboxManagement(actor, input.mailboxNumber);
    const { credential, ...fields } = input;
    let credentialCiphertext: string | null = null;
    if (credential != null) {
      const events = await this.deps.store.readStream(chatDestinationsStreamId(input.mailboxNumber));
      const state = fold(chatDestinationsDecider.evolve, chatDestinationsDecider.initialState(), events as unknown as ChatDestinationsEvent[]);
      const current = state.destinations.get(input.destinationId);
      if (!current) throw notFound('Chat destination', input.destinationId, ['destinationId']);
      credentialCiphertext = await this.deps.vault.encrypt(mailboxScope(input.mailboxNumber), requireChatCredential(current.kind, credential, this.deps.allowLoopbackWebhooks));
    }
    return this.run(actor, meta, input.mailboxNumber, { type: 'ChangeChatDestination', data: { ...fields, credentialCiphertext } });
  }

  async remove(actor: Actor, input: { mailboxNumber: number; destinationId: string }, meta: RequestMetadata): Promise<number | null> {
    requireMailboxManagement(actor, input.mailboxNumber);
    return this.run(actor, meta, input.mailboxNumber, { type: 'RemoveChatDestination', data: input });
  }

  private async run(actor: Actor, meta: RequestMetadata, mailboxNumber: number, command: Omit<ChatDestinationsCommand, 'metadata'>): Promise<number | null> {
    requireMailboxNumber(mailboxNumber);
    const full = { ...command, metadata: { ...meta, now: this.clock(), actorId: actorIdOf(actor) } } as ChatDestinationsCommand;
    const result = await handleCommand(this.deps.store, chatDestinationsDecider, chatDestinationsStreamId(mailboxNumber), full);
    if (result.position !== null) await this.afterAppend(result.position);
    return result.position;
  }
}
