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
} from '../../domain/integrations/chatDestinations.decider.js';
import { fold } from '../../domain/shared/decider.js';
import { notFound, validationError } from '../../domain/shared/errors.js';
import { handleCommand } from '../../eventstore/handleCommand.js';
import { createEgressPolicy, type EgressPolicy } from '../../net/egress.js';
import { mailboxScope } from '../../secrets/vault.js';
import { requireMailboxNumber } from './mailboxNumber.js';
import type { MessageChannelServiceDeps } from './messageChannelService.js';
import { eventsAs } from '../../eventstore/eventAs.js';

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
  /**
   * The egress policy (src/net/egress.ts): a webhook on an address it refuses is refused
   * when saved, and plain-http receivers on 127.0.0.1 are accepted only where it allows
   * loopback (test receivers). @default nothing allowed
   */
  readonly egress?: EgressPolicy;
};

/** Slack, Chatwork and Teams destinations of a mailbox; the webhook URL or token is write-only. */
export class ChatDestinationService {
  private readonly clock: () => Date;
  private readonly afterAppend: (position: number) => Promise<void>;

  private readonly egress: EgressPolicy;

  constructor(private readonly deps: ChatDestinationServiceDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.afterAppend = deps.afterAppend ?? (async () => {});
    this.egress = deps.egress ?? createEgressPolicy();
  }

  /**
   * The credential in plaintext, after the decider's shape rules and the egress policy on
   * the URL's host as written (`https://2130706433/` is 127.0.0.1). Names are resolved and
   * checked again at every delivery, where DNS can have changed.
   */
  credentialOf(kind: ChatKind, value: unknown): string {
    const plaintext = requireChatCredential(kind, value, this.egress.allows('127.0.0.1'));
    if (kind === 'CHATWORK') return plaintext;
    const refusal = this.egress.literalRefusal(new URL(plaintext).hostname);
    if (refusal) throw validationError(['webhookUrl'], `Expected a webhook URL on the internet: ${refusal}`);
    return plaintext;
  }

  async add(actor: Actor, input: AddChatDestinationInput, meta: RequestMetadata): Promise<{ destinationId: string; position: number | null }> {
    requireMailboxManagement(actor, input.mailboxNumber);
    const { credential, ...fields } = input;
    const plaintext = this.credentialOf(input.kind, credential);
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
      const state = fold(chatDestinationsDecider.evolve, chatDestinationsDecider.initialState(), eventsAs<ChatDestinationsEvent>(events));
      const current = state.destinations.get(input.destinationId);
      if (!current) throw notFound('Chat destination', input.destinationId, ['destinationId']);
      credentialCiphertext = await this.deps.vault.encrypt(mailboxScope(input.mailboxNumber), this.credentialOf(current.kind, credential));
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
