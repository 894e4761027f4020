import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { requirePermission } from '../auth/authorization.js';
import type { RequestMetadata } from '../auth/authService.js';
import { actorIdOf, type Actor } from '../auth/principal.js';
import type { ReadModelDb } from '../../db/schema.js';
import { mailboxDecider, mailboxStreamId, type MailboxReset } from '../../domain/identity/mailbox.decider.js';
import { UserPermission } from '../../domain/identity/user.decider.js';
import { ChatEventKind, chatDestinationsDecider, chatDestinationsStreamId } from '../../domain/integrations/chatDestinations.decider.js';
import { noticeLanguageDecider, noticeLanguageStreamId } from '../../domain/integrations/noticeLanguage.decider.js';
import { fold, type Decider } from '../../domain/shared/decider.js';
import { MAILBOX_SETTINGS_WIPED, type MailboxSettingsWiped } from '../../domain/shared/mailboxReset.js';
import { notFound } from '../../domain/shared/errors.js';
import { uuidFromSeed } from '../../eventstore/eventIds.js';
import { handleCommand } from '../../eventstore/handleCommand.js';
import type { DomainEvent } from '../../domain/shared/decider.js';
import type { EventStore, NewEvent, RecordedEvent } from '../../eventstore/port.js';
import { noticeRecipients } from '../inbound/noticeRecipients.js';
import type { MessageStore } from '../../mail/messageStore/messageStore.js';
import { sealChatCopies } from '../../mail/notices/chat/chatCopy.js';
import { NoticeKind, type Notice, type NoticeSender } from '../../mail/notices/notice.js';
import { mailboxScope, type SecretVault } from '../../secrets/vault.js';
import { KEPT_BY_RESET, resetInventory, type ResetItem } from './resetInventory.js';
import { openResetToken, RESET_TOKEN_TTL_MS, sealResetToken } from './resetToken.js';
import { eventAs, eventsAs } from '../../eventstore/eventAs.js';

export interface MailboxResetServiceDeps {
  readonly store: EventStore;
  readonly db: Kysely<ReadModelDb>;
  readonly vault: SecretVault;
  readonly messages: MessageStore;
  /** Tells the mailbox's operations administrators; none when absent. */
  readonly notices?: NoticeSender;
  /** @default () => new Date() */
  readonly clock?: () => Date;
  /** Awaited with a position (read-your-writes); also lets the audit index catch up before streams are looked up. */
  readonly afterAppend?: (position: number) => Promise<void>;
}

export interface ResetPreview {
  readonly mailboxNumber: number;
  readonly name: string;
  readonly address: string;
  readonly wiped: readonly ResetItem[];
  readonly kept: readonly string[];
  readonly token: string;
  readonly expiresAt: Date;
}

export interface ResetOutcome {
  readonly mailboxNumber: number;
  readonly nameBefore: string;
  readonly nameAfter: string;
  /** Position of the `MailboxReset` event: "as of" before it shows the old configuration. */
  readonly resetPosition: number;
  /** Settings streams that received their `MailboxSettingsWiped` marker in this call. */
  readonly streamsWiped: number;
  readonly messagesDeleted: number;
  readonly secretKeysDestroyed: number;
  /** The reset event already existed: this call finished an interrupted reset. */
  readonly resumed: boolean;
}

/** Settings streams named by mailbox number; per-credential OAuth streams are found in the audit index. */
const MAILBOX_STREAM_PREFIXES = [
  'smtp-',
  'dkim-',
  'receive-accounts-',
  'access-restriction-',
  'lock-policy-',
  'external-calls-',
  'message-channels-',
  'chat-destinations-',
  'notice-language-',
] as const;
const PER_ENTITY_STREAM_PREFIXES = ['oauth-credential-'] as const;

const resetNoticeKey = (reset: RecordedEvent<'MailboxReset', MailboxReset['data']>): string => `mailbox-reset:${reset.data.resetId}`;

/** Same derivation as handleCommand's, so a retried marker append is a no-op at the store. */
const derivedId = uuidFromSeed;

/**
 * Mailbox reset (メールボックスの初期化), in two steps: `requestMailboxReset` shows what
 * goes and what stays and hands out a short-lived confirmation token; `executeMailboxReset`
 * takes the token and the mailbox name typed again.
 *
 * Execution appends exactly one `MailboxReset` (the confirm rule lives in the mailbox
 * decider), then completes it: a `MailboxSettingsWiped` marker on each settings stream that
 * existed before it (deciders and projections forget the settings there), its messages
 * deleted, the mailbox's secret keys shredded, a notice (by e-mail, and to the chat
 * destinations subscribed to MAILBOX_RESET through copies sealed before the shred). Every
 * completion step is idempotent, so an interrupted reset is finished by executing the same token again or by
 * `completeReset` (CLI/startup repair); events are never deleted, so the history before the
 * reset stays readable to auditors.
 */
export class MailboxResetService {
  private readonly clock: () => Date;
  private readonly afterAppend: (position: number) => Promise<void>;

  constructor(private readonly deps: MailboxResetServiceDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.afterAppend = deps.afterAppend ?? (async () => {});
  }

  async requestMailboxReset(actor: Actor, mailboxNumber: number): Promise<ResetPreview> {
    this.authorize(actor, mailboxNumber);
    const state = await this.mailboxState(mailboxNumber);
    if (state.status === 'empty') throw notFound('Mailbox', String(mailboxNumber), ['mailboxNumber']);
    const expiresAt = new Date(this.clock().getTime() + RESET_TOKEN_TTL_MS);
    const token = await sealResetToken(this.deps.vault, { resetId: randomUUID(), mailboxNumber, userId: actorIdOf(actor), expiresAt: expiresAt.getTime() });
    const wiped = await resetInventory(this.deps.db, mailboxNumber, await this.deps.messages.count(mailboxNumber));
    return { mailboxNumber, name: state.name, address: state.address, wiped, kept: KEPT_BY_RESET, token, expiresAt };
  }

  async executeMailboxReset(
    actor: Actor,
    input: { readonly token: string; readonly mailboxName: string; readonly newName?: string | null },
    meta: RequestMetadata,
  ): Promise<ResetOutcome> {
    requirePermission(actor, UserPermission.MAILBOX_RESET);
    const payload = await openResetToken(this.deps.vault, input.token, { userId: actorIdOf(actor), now: this.clock() });
    const n = payload.mailboxNumber;
    this.authorize(actor, n);
    const earlier = await this.findReset(n, (e) => e.data.resetId === payload.resetId);
    if (earlier) return this.complete(earlier, true);
    const { position } = await handleCommand(this.deps.store, mailboxDecider, mailboxStreamId(n), {
      type: 'ResetMailbox',
      data: { number: n, resetId: payload.resetId, confirmName: input.mailboxName, newName: input.newName ?? null },
      metadata: { ...meta, now: this.clock(), actorId: actorIdOf(actor), commandId: `mailbox-reset:${payload.resetId}` },
    });
    const reset = await this.findReset(n, (e) => e.data.resetId === payload.resetId);
    if (!reset || position === null) throw new Error(`MailboxReset ${payload.resetId} of mailbox ${n} was appended but cannot be read back`);
    return this.complete(reset, false);
  }

  /** Repair: finishes the mailbox's latest reset if it was interrupted; a no-op when complete or never reset. */
  async completeReset(mailboxNumber: number): Promise<ResetOutcome | null> {
    const latest = await this.findReset(mailboxNumber, () => true);
    return latest ? this.complete(latest, true) : null;
  }

  private authorize(actor: Actor, mailboxNumber: number): void {
    requirePermission(actor, UserPermission.MAILBOX_RESET);
    if (actor.kind !== 'system') actor.networkGate?.(mailboxNumber);
  }

  private async mailboxState(mailboxNumber: number) {
    const events = await this.deps.store.readStream(mailboxStreamId(mailboxNumber));
    return fold(mailboxDecider.evolve, mailboxDecider.initialState(), events as never[]);
  }

  private async findReset(mailboxNumber: number, match: (e: MailboxReset) => boolean): Promise<RecordedEvent<'MailboxReset', MailboxReset['data']> | null> {
    const events = await this.deps.store.readStream(mailboxStreamId(mailboxNumber), { direction: 'backwards' });
    const hit = events.find((e) => e.type === 'MailboxReset' && match(eventAs<MailboxReset>(e)));
    return (hit as RecordedEvent<'MailboxReset', MailboxReset['data']> | undefined) ?? null;
  }

  private async complete(reset: RecordedEvent<'MailboxReset', MailboxReset['data']>, resumed: boolean): Promise<ResetOutcome> {
    const n = reset.data.mailboxNumber;
    await this.afterAppend(reset.position);
    let streamsWiped = 0;
    let last = reset.position;
    for (const streamId of await this.settingsStreams(n)) {
      const appended = await this.wipeStream(streamId, reset);
      if (appended !== null) {
        streamsWiped++;
        last = Math.max(last, appended);
      }
    }
    const messagesDeleted = await this.deps.messages.deleteMailbox(n);
    // Right before the shred, which makes the destinations' credentials unreadable; recorded
    // right after it, so the notice is delivered once the reset is complete.
    const chatCopies = await this.chatCopies(reset);
    // Keys created after the reset hold secrets set again since; a resumed reset spares them.
    const secretKeysDestroyed = await this.deps.vault.destroyScope(mailboxScope(n), this.clock(), new Date(reset.recordedAt.getTime() + 1));
    await this.notify(reset, chatCopies);
    await this.afterAppend(last);
    return { mailboxNumber: n, nameBefore: reset.data.nameBefore, nameAfter: reset.data.nameAfter, resetPosition: reset.position, streamsWiped, messagesDeleted, secretKeysDestroyed, resumed };
  }

  private async settingsStreams(mailboxNumber: number): Promise<string[]> {
    const named = MAILBOX_STREAM_PREFIXES.map((p) => `${p}${mailboxNumber}`);
    let indexed = this.deps.db.selectFrom('mailbox_events').select('stream_id').distinct().where('mailbox_number', '=', mailboxNumber);
    indexed = indexed.where((eb) => eb.or(PER_ENTITY_STREAM_PREFIXES.map((p) => eb('stream_id', 'like', `${p}%`))));
    const perEntity = (await indexed.execute()).map((r) => r.stream_id);
    return [...named, ...perEntity.sort()];
  }

  /** Appends the marker unless the stream started after the reset or already has it; returns its position. */
  private async wipeStream(streamId: string, reset: RecordedEvent<'MailboxReset', MailboxReset['data']>): Promise<number | null> {
    const events = await this.deps.store.readStream(streamId);
    if (!events.some((e) => e.position < reset.position)) return null;
    const marked = events.some((e) => e.type === MAILBOX_SETTINGS_WIPED && (e.data as MailboxSettingsWiped['data']).resetPosition === reset.position);
    if (marked) return null;
    const marker: NewEvent<'MailboxSettingsWiped', MailboxSettingsWiped['data']> = {
      id: derivedId(`${reset.id}:${streamId}`),
      type: MAILBOX_SETTINGS_WIPED,
      data: { mailboxNumber: reset.data.mailboxNumber, resetPosition: reset.position },
      metadata: { ...reset.metadata, causationId: reset.id, commandType: 'ResetMailbox' },
    };
    const result = await this.deps.store.appendToStream(streamId, [marker]);
    return result.position;
  }

  /** A settings stream's state as the reset found it: what its wipe makes the mailbox forget. */
  private async stateBefore<State, Evt extends DomainEvent>(decider: Decider<State, never, Evt>, streamId: string, reset: RecordedEvent): Promise<State> {
    const events = (await this.deps.store.readStream(streamId)).filter((e) => e.position < reset.position);
    return fold(decider.evolve, decider.initialState(), eventsAs<Evt>(events));
  }

  /**
   * Sealed copies of the enabled chat destinations subscribed to MAILBOX_RESET as they were
   * before the reset (src/mail/notices/chat/chatCopy.ts): the wipe forgets them, the shred
   * their credentials, and only the copies can still post the reset's notice.
   */
  private async chatCopies(reset: RecordedEvent<'MailboxReset', MailboxReset['data']>): Promise<NonNullable<Notice['chatCopies']>> {
    if (!this.deps.notices) return [];
    const n = reset.data.mailboxNumber;
    const { destinations } = await this.stateBefore(chatDestinationsDecider, chatDestinationsStreamId(n), reset);
    const subscribed = [...destinations].filter(([, d]) => d.enabled && d.eventKinds.includes(ChatEventKind.MAILBOX_RESET));
    return sealChatCopies(this.deps, n, resetNoticeKey(reset), subscribed);
  }

  private async notify(reset: RecordedEvent<'MailboxReset', MailboxReset['data']>, chatCopies: NonNullable<Notice['chatCopies']>): Promise<void> {
    if (!this.deps.notices) return;
    const n = reset.data.mailboxNumber;
    const to = await noticeRecipients(this.deps.db, n);
    if (to.length === 0 && chatCopies.length === 0) return;
    // The reset forgot the mailbox's notice language; its administrators chose the one it had.
    const { language } = await this.stateBefore(noticeLanguageDecider, noticeLanguageStreamId(n), reset);
    await this.deps.notices.send({
      mailboxNumber: n,
      kind: NoticeKind.MAILBOX_RESET,
      facts: { mailboxNumber: n, nameBefore: reset.data.nameBefore, nameAfter: reset.data.nameAfter, resetAt: reset.recordedAt },
      to,
      idempotencyKey: resetNoticeKey(reset),
      chatCopies,
      ...(language !== null ? { language } : {}),
    });
  }
}
