import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { requireMailboxAccess, requireMailboxManagement } from '../auth/authorization.js';
import type { RequestMetadata } from '../auth/authService.js';
import { actorIdOf, type Actor } from '../auth/principal.js';
import type { ReadModelDb } from '../../db/schema.js';
import {
  externalCallsDecider,
  externalCallsStreamId,
  type ExternalCallFields,
  type ExternalCallsCommand,
  type ExternalCallsEvent,
  type ExternalCallsState,
} from '../../domain/integrations/externalCalls.decider.js';
import { parseUrlTemplate, placeholders, renderUrlTemplate, splitForPost, type Placeholder, type PlaceholderValues } from '../../domain/integrations/urlTemplate.js';
import { fold } from '../../domain/shared/decider.js';
import { notFound } from '../../domain/shared/errors.js';
import { handleCommand } from '../../eventstore/handleCommand.js';
import type { EventStore } from '../../eventstore/port.js';
import { charsetLabel, encoderFor } from './charsets.js';
import { parseFromHeader } from './fromHeader.js';
import { requireMailboxNumber } from './mailboxNumber.js';
import { eventsAs } from '../../eventstore/eventAs.js';

export interface IntegrationServiceDeps {
  readonly store: EventStore;
  readonly db: Kysely<ReadModelDb>;
  readonly clock?: () => Date;
  readonly afterAppend?: (position: number) => Promise<void>;
}

export type ExternalCallInput = ExternalCallFields & { readonly mailboxNumber: number };
export type ChangeExternalCallInput = Partial<ExternalCallFields> & { readonly mailboxNumber: number; readonly callId: string };

export interface RenderExternalCallInput {
  readonly mailboxNumber: number;
  readonly callId: string;
  /** A mail of the message store (`messages.id`) in this mailbox; its values fill the placeholders. */
  readonly messageId?: string | null;
  /** Values given by the caller; they win over the stored mail's. */
  readonly values?: { readonly [P in Placeholder]?: string | null } | null;
}

export interface RenderedExternalCall {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  /** POST only: the `application/x-www-form-urlencoded` body. */
  readonly body: string | null;
  readonly contentType: string | null;
  readonly openInNewWindow: boolean;
}

/** External system call settings and the rendering of a call for a mail. */
export class ExternalCallService {
  private readonly clock: () => Date;
  private readonly afterAppend: (position: number) => Promise<void>;

  constructor(private readonly deps: IntegrationServiceDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.afterAppend = deps.afterAppend ?? (async () => {});
  }

  async add(actor: Actor, input: ExternalCallInput, meta: RequestMetadata): Promise<{ callId: string; position: number | null }> {
    requireMailboxManagement(actor, input.mailboxNumber);
    const callId = randomUUID();
    const position = await this.run(actor, meta, input.mailboxNumber, { type: 'AddExternalCall', data: { ...input, callId } });
    return { callId, position };
  }

  async change(actor: Actor, input: ChangeExternalCallInput, meta: RequestMetadata): Promise<number | null> {
    requireMailboxManagement(actor, input.mailboxNumber);
    return this.run(actor, meta, input.mailboxNumber, { type: 'ChangeExternalCall', data: input });
  }

  async remove(actor: Actor, input: { mailboxNumber: number; callId: string }, meta: RequestMetadata): Promise<number | null> {
    requireMailboxManagement(actor, input.mailboxNumber);
    return this.run(actor, meta, input.mailboxNumber, { type: 'RemoveExternalCall', data: input });
  }

  /** Every member of the mailbox may open its calls from a mail: this is the mail screen's button, not a settings read. */
  async render(actor: Actor, input: RenderExternalCallInput): Promise<RenderedExternalCall> {
    requireMailboxAccess(actor, input.mailboxNumber);
    const state = await this.load(input.mailboxNumber);
    const call = state.calls.get(input.callId);
    if (!call) throw notFound('External call', input.callId, ['callId']);
    const values = { ...(input.messageId ? await this.valuesOfMessage(input.mailboxNumber, input.messageId) : emptyValues(input.mailboxNumber)) };
    for (const name of placeholders) {
      const given = input.values?.[name];
      if (given != null) values[name] = given;
    }
    const rendered = renderUrlTemplate(parseUrlTemplate(['urlTemplate'], call.urlTemplate), values, encoderFor(call.encoding));
    if (call.method === 'GET') return { method: 'GET', url: rendered, body: null, contentType: null, openInNewWindow: call.openInNewWindow };
    const post = splitForPost(rendered);
    return {
      method: 'POST',
      url: post.url,
      body: post.body,
      contentType: `application/x-www-form-urlencoded; charset=${charsetLabel(call.encoding)}`,
      openInNewWindow: call.openInNewWindow,
    };
  }

  async load(mailboxNumber: number): Promise<ExternalCallsState> {
    const events = await this.deps.store.readStream(externalCallsStreamId(mailboxNumber));
    return fold(externalCallsDecider.evolve, externalCallsDecider.initialState(), eventsAs<ExternalCallsEvent>(events));
  }

  /** NOT_FOUND for a mail of another mailbox too: ids do not leak across mailboxes. */
  private async valuesOfMessage(mailboxNumber: number, messageId: string): Promise<Record<keyof PlaceholderValues, string>> {
    const row = await this.deps.db
      .selectFrom('messages')
      .select(['id', 'message_id', 'subject', 'from_header'])
      .where('id', '=', messageId)
      .where('mailbox_number', '=', mailboxNumber)
      .executeTakeFirst();
    if (!row) throw notFound('Message', messageId, ['messageId']);
    const from = parseFromHeader(row.from_header);
    return {
      senderAddress: from.address,
      senderName: from.name,
      subject: row.subject ?? '',
      messageId: row.id,
      internetMessageId: (row.message_id ?? '').trim().replace(/^<|>$/g, ''),
      mailboxNumber: String(mailboxNumber),
    };
  }

  private async run(actor: Actor, meta: RequestMetadata, mailboxNumber: number, command: Omit<ExternalCallsCommand, 'metadata'>): Promise<number | null> {
    requireMailboxNumber(mailboxNumber);
    const full = { ...command, metadata: { ...meta, now: this.clock(), actorId: actorIdOf(actor) } } as ExternalCallsCommand;
    const result = await handleCommand(this.deps.store, externalCallsDecider, externalCallsStreamId(mailboxNumber), full);
    if (result.position !== null) await this.afterAppend(result.position);
    return result.position;
  }
}

const emptyValues = (mailboxNumber: number): Record<keyof PlaceholderValues, string> => ({
  senderAddress: '',
  senderName: '',
  subject: '',
  messageId: '',
  internetMessageId: '',
  mailboxNumber: String(mailboxNumber),
});
