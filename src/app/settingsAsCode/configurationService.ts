import type { Kysely } from 'kysely';
import type { AuditLog, AuditPoint } from '../audit/auditLog.js';
import { requireMailboxAudit, requireMailboxManagement } from '../auth/authorization.js';
import type { RequestMetadata } from '../auth/authService.js';
import { actorIdOf, type Actor } from '../auth/principal.js';
import type { ReadModelDb } from '../../db/schema.js';
import type { Requester } from '../../domain/access/accessRestriction.decider.js';
import { oauthCredentialDecider, oauthCredentialStreamId, type OAuthCredentialEvent, type OAuthCredentialState } from '../../domain/inbound/oauthCredential.decider.js';
import { fold } from '../../domain/shared/decider.js';
import { illegalState, notFound, validationError } from '../../domain/shared/errors.js';
import { eventsAs } from '../../eventstore/eventAs.js';
import type { EventStore } from '../../eventstore/port.js';
import { lookupOAuthCredential } from '../inbound/streams.js';
import { requireSecretText } from '../inbound/oauthCredentialService.js';
import { mailboxScope, SecretShreddedError } from '../../secrets/vault.js';
import type { MessageChannelKind } from '../../domain/integrations/messageChannels.decider.js';
import { requireSecretPlaintext } from '../integrations/messageChannelService.js';
import { type ConfigurationDocument, type DocumentFormat, renderDocument, type SecretRef } from './document.js';
import { parseDocument } from './documentReader.js';
import { remapForTarget } from './copyIds.js';
import { areaStreams, documentOf, type MailboxStates } from './mailboxStates.js';
import { applyPlan, checkPlanId, type ConfigurationPlan, loadStates, planConfiguration } from './planner.js';
import { revertDocument } from './revert.js';

export interface SecretCipher {
  encrypt(scope: string, plaintext: string): Promise<string>;
  decrypt(scope: string, ciphertext: string): Promise<string>;
}

export interface ConfigurationServiceDeps {
  readonly store: EventStore;
  readonly db: Kysely<ReadModelDb>;
  readonly vault: SecretCipher;
  readonly audit: AuditLog;
  /** @default () => new Date() */
  readonly clock?: () => Date;
  /** Checks a chat credential as addChatDestination does (shape and egress policy) and returns the plaintext to encrypt. */
  readonly checkChatCredential: (kind: string, plaintext: string) => string;
  /** Told the ids of receive accounts an apply deleted or disabled, so their fetching stops at once (as the mutations do). */
  readonly onFetchingStopped?: (accountId: string) => void;
  /** Told each OAuth credential an apply changed or deleted, so cached access tokens of it are dropped (as the mutations do). */
  readonly onOAuthCredentialChanged?: (credentialId: string) => Promise<void>;
  /** Awaited after an apply with the last appended position and each stream's (read models and the network gate catch up). */
  readonly afterAppend?: (position: number, streams: ReadonlyMap<string, number>) => Promise<void>;
}

/** Where the applying request comes from: the IP restriction's self-lockout guard judges it. */
export interface ApplyingClient {
  readonly clientIp: string;
}

/**
 * Rights per command: the same check the mutation of that command makes. Every command a
 * document can produce today is a settings change of the mailbox, hence management.
 */
const rightsOf: Record<string, (actor: Actor, mailboxNumber: number) => void> = Object.fromEntries(
  [
    'AddSmtpServer', 'ChangeSmtpServer', 'RemoveSmtpServer', 'AddSmtpRoutingRule', 'ChangeSmtpRoutingRule', 'RemoveSmtpRoutingRule',
    'ReorderSmtpRoutingRules', 'ChangeSmtpBasicSettings', 'ConfigureRakutenRelay', 'RemoveRakutenRelay', 'AddReceiveAccount',
    'ChangeReceiveAccount', 'DeleteReceiveAccount', 'ChangeAutoFetchSettings', 'ConfigureIpRestriction', 'ConfigureApiRestriction',
    'ConfigureLockPolicy', 'SetNoticeLanguage', 'AddExternalCall', 'ChangeExternalCall', 'RemoveExternalCall',
    'AddChatDestination', 'ChangeChatDestination', 'RemoveChatDestination', 'ConfigureMessageChannel', 'RemoveMessageChannel',
    'AddDkimSignature', 'RemoveDkimSignature', 'AddDkimCondition', 'ChangeDkimCondition', 'RemoveDkimCondition', 'SetDefaultDkimSignature',
    'RegisterOAuthCredential', 'ChangeOAuthCredential', 'EnableOAuthCredential', 'DisableOAuthCredential', 'DeleteOAuthCredential',
  ].map((type) => [type, requireMailboxManagement]),
);

/** States of the covered streams after `position` (inclusive), folded straight from the store. */
const statesAt = async (store: EventStore, mailboxNumber: number, position: number, credentialIds: readonly string[]): Promise<MailboxStates> => {
  const states: Record<string, unknown> = {};
  const upTo = async (streamId: string) => (await store.readStream(streamId)).filter((e) => e.position <= position);
  for (const a of areaStreams) states[a.key] = fold(a.decider.evolve, a.decider.initialState(), await upTo(a.streamId(mailboxNumber)));
  const credentials = new Map<string, OAuthCredentialState>();
  for (const id of credentialIds) {
    const state = fold(oauthCredentialDecider.evolve, oauthCredentialDecider.initialState(), eventsAs<OAuthCredentialEvent>(await upTo(oauthCredentialStreamId(id))));
    if (state.status === 'empty' || state.mailboxNumber === mailboxNumber) credentials.set(id, state);
  }
  return { ...(states as unknown as Omit<MailboxStates, 'oauthCredentials'>), oauthCredentials: credentials };
};

const CREDENTIAL_PREFIX = oauthCredentialStreamId('');

/**
 * Settings as code for one mailbox: export its configuration as a document, plan a document
 * (or a revert to a past point) against it, and apply a reviewed plan all-or-nothing.
 */
export class ConfigurationService {
  private readonly clock: () => Date;

  constructor(private readonly deps: ConfigurationServiceDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /** Auditors may read it, as they may read configurationAsOf; secrets never leave. */
  async exportDocument(actor: Actor, mailboxNumber: number, format: DocumentFormat, point: AuditPoint = {}): Promise<{ text: string; document: ConfigurationDocument }> {
    requireMailboxAudit(actor, mailboxNumber);
    const position = await this.deps.audit.resolvePoint(mailboxNumber, point);
    const states = await statesAt(this.deps.store, mailboxNumber, position, await this.credentialIds(mailboxNumber, position));
    if (states.mailbox.status !== 'active') throw notFound('Mailbox', String(mailboxNumber), ['mailboxNumber']);
    const document = documentOf(mailboxNumber, position, states);
    return { text: renderDocument(document, format), document };
  }

  async plan(actor: Actor, input: { mailboxNumber: number; document: string; format?: DocumentFormat | null }, client: ApplyingClient, meta: RequestMetadata): Promise<ConfigurationPlan> {
    requireMailboxManagement(actor, input.mailboxNumber);
    return this.planDocument(actor, input.mailboxNumber, this.targetDocument(input), client, meta);
  }

  async apply(
    actor: Actor,
    input: { mailboxNumber: number; document: string; format?: DocumentFormat | null; planId: string },
    client: ApplyingClient,
    meta: RequestMetadata,
  ): Promise<{ plan: ConfigurationPlan; position: number | null }> {
    requireMailboxManagement(actor, input.mailboxNumber);
    const document = this.targetDocument(input);
    const seen = checkPlanId(input.planId, input.mailboxNumber, document);
    return this.applyDocument(actor, input.mailboxNumber, document, seen, client, meta);
  }

  /** The plan that brings today's configuration back to what it was at `point`; history is only appended to. */
  async planRevert(actor: Actor, input: { mailboxNumber: number; point: AuditPoint }, client: ApplyingClient, meta: RequestMetadata): Promise<ConfigurationPlan> {
    requireMailboxManagement(actor, input.mailboxNumber);
    const { document, warnings } = await this.revertTarget(input.mailboxNumber, input.point);
    return this.planDocument(actor, input.mailboxNumber, document, client, meta, warnings);
  }

  async applyRevert(
    actor: Actor,
    input: { mailboxNumber: number; point: AuditPoint; planId: string },
    client: ApplyingClient,
    meta: RequestMetadata,
  ): Promise<{ plan: ConfigurationPlan; position: number | null }> {
    requireMailboxManagement(actor, input.mailboxNumber);
    const { document, warnings } = await this.revertTarget(input.mailboxNumber, input.point);
    const seen = checkPlanId(input.planId, input.mailboxNumber, document);
    return this.applyDocument(actor, input.mailboxNumber, document, seen, client, meta, warnings);
  }

  private async revertTarget(mailboxNumber: number, point: AuditPoint): Promise<{ document: ConfigurationDocument; warnings: string[] }> {
    if (point.position == null && point.at == null) throw validationError(['at'], 'Expected the point to revert to: a time (at) or a position');
    const position = await this.deps.audit.resolvePoint(mailboxNumber, point, []);
    const head = await this.deps.store.headPosition();
    // Every credential of today, also those registered after the point: the revert deletes them.
    const credentialIds = await this.credentialIds(mailboxNumber, head);
    const [past, now] = [await statesAt(this.deps.store, mailboxNumber, position, credentialIds), await statesAt(this.deps.store, mailboxNumber, head, credentialIds)];
    const document = await revertDocument(mailboxNumber, position, past, now, (ciphertext) => this.readable(mailboxNumber, ciphertext));
    const covered = new Set([...areaStreams.map((a) => a.section), 'inbound.oauth_credentials']);
    const diff = await this.deps.audit.configurationDiff(mailboxNumber, { position }, { position: head });
    const uncovered = [...new Set(diff.changes.map((c) => c.section).filter((s) => !covered.has(s)))];
    const warnings = uncovered.map((s) => `${s} changed since then and is not part of configuration document version 1; revert it by hand`);
    // An authorization is the provider's consent, not configuration: a revert leaves it as it is now.
    const authorizations = diff.changes.filter((c) => c.section === 'inbound.oauth_credentials' && /(^|\.)(authorization|refreshToken)$/.test(c.field));
    if (authorizations.length) {
      warnings.push('OAuth authorizations changed since then; they are not part of the configuration and a revert keeps them as they are now (authorize again with beginOAuthAuthorization where needed)');
    }
    return { document, warnings };
  }

  /** Whether a past ciphertext can still be opened: a reset's crypto-shredding makes it unreadable forever. */
  private async readable(mailboxNumber: number, ciphertext: string): Promise<boolean> {
    try {
      await this.deps.vault.decrypt(mailboxScope(mailboxNumber), ciphertext);
      return true;
    } catch (err) {
      if (err instanceof SecretShreddedError) return false;
      throw err;
    }
  }

  private targetDocument(input: { mailboxNumber: number; document: string; format?: DocumentFormat | null }): ConfigurationDocument {
    if (!Number.isSafeInteger(input.mailboxNumber) || input.mailboxNumber < 1) {
      throw validationError(['mailboxNumber'], `Expected a positive integer, got ${JSON.stringify(input.mailboxNumber)}`);
    }
    return remapForTarget(parseDocument(input.document, input.format ?? null), input.mailboxNumber);
  }

  /**
   * The mailbox's OAuth credential streams as of `position` (now when omitted): each is its
   * own stream, named by its id, and the audit's `mailbox_events` index knows which streams
   * a mailbox has (its read models are caught up after every mutation and apply).
   */
  private async credentialIds(mailboxNumber: number, position?: number): Promise<string[]> {
    const streams = await this.deps.audit.streamsAt(mailboxNumber, position ?? (await this.deps.store.headPosition()));
    return streams.filter((s) => s.streamId.startsWith(CREDENTIAL_PREFIX)).map((s) => s.streamId.slice(CREDENTIAL_PREFIX.length));
  }

  private async planDocument(actor: Actor, mailboxNumber: number, document: ConfigurationDocument, client: ApplyingClient, meta: RequestMetadata, warnings: readonly string[] = []): Promise<ConfigurationPlan> {
    const credentialIds = await this.credentialIds(mailboxNumber);
    const { states } = await loadStates(this.deps.store, mailboxNumber, credentialIds);
    if (states.mailbox.status !== 'active') throw notFound('Mailbox', String(mailboxNumber), ['mailboxNumber']);
    await this.requireUsers(document);
    const requester: Requester | null = actor.kind === 'system' ? null : { userId: actor.userId, clientIp: client.clientIp, viaApiToken: actor.kind === 'api_token' };
    const plan = await planConfiguration({
      store: this.deps.store,
      mailboxNumber,
      document,
      metadata: { ...meta, now: this.clock(), actorId: actorIdOf(actor) },
      credentialIds,
      warnings: document.mailbox.number !== mailboxNumber ? [`Copied from mailbox ${document.mailbox.number}: ids were mapped to this mailbox's own; secrets must be given as { value: … }`, ...warnings] : warnings,
      context: {
        requester,
        secret: (path, ref) => this.secretOf(mailboxNumber, path, ref),
        lookupOAuthCredential: (id) => lookupOAuthCredential(this.deps.store, id),
        encrypt: (plaintext) => this.deps.vault.encrypt(mailboxScope(mailboxNumber), plaintext),
        channelSecret: async (channel, name, plaintext) =>
          this.deps.vault.encrypt(mailboxScope(mailboxNumber), requireSecretPlaintext(channel as MessageChannelKind, name, plaintext)),
        chatCredential: async (kind, plaintext) => this.deps.vault.encrypt(mailboxScope(mailboxNumber), this.deps.checkChatCredential(kind, plaintext)),
      },
    });
    for (const c of plan.commands) (rightsOf[c.type] ?? requireMailboxManagement)(actor, mailboxNumber);
    return plan;
  }

  private async applyDocument(
    actor: Actor,
    mailboxNumber: number,
    document: ConfigurationDocument,
    seen: ReturnType<typeof checkPlanId>,
    client: ApplyingClient,
    meta: RequestMetadata,
    warnings: readonly string[] = [],
  ): Promise<{ plan: ConfigurationPlan; position: number | null }> {
    const plan = await this.planDocument(actor, mailboxNumber, document, client, meta, warnings);
    const { position, streams } = await applyPlan(this.deps.store, plan, seen);
    if (position !== null) await this.deps.afterAppend?.(position, streams);
    for (const c of plan.commands) {
      if (c.eventTypes.includes('OAuthCredentialChanged') || c.eventTypes.includes('OAuthCredentialDeleted')) await this.deps.onOAuthCredentialChanged?.(c.path[2]!);
      const accountId = c.path[2];
      if (accountId && (c.eventTypes.includes('ReceiveAccountDeleted') || (c.type === 'ChangeReceiveAccount' && document.inbound?.receiveAccounts[accountId]?.enabled === false))) {
        this.deps.onFetchingStopped?.(accountId);
      }
    }
    return { plan, position };
  }

  private async secretOf(mailboxNumber: number, path: readonly string[], ref: SecretRef): Promise<string | null> {
    if ('secret' in ref) return null;
    if ('ciphertext' in ref) return ref.ciphertext;
    if ('destroyed' in ref) {
      throw illegalState('The secret stored at that point was destroyed by a mailbox reset (crypto-shredded) and cannot come back; give a new one as { value: … }', []);
    }
    return this.deps.vault.encrypt(mailboxScope(mailboxNumber), requireSecretText([String(path.at(-1) ?? 'password')], ref.value, 'a secret'));
  }

  /** The IP restriction's exempt users must exist, as configureIpRestriction checks. */
  private async requireUsers(document: ConfigurationDocument): Promise<void> {
    const ids = document.access?.ipRestriction.exemptUserIds ?? [];
    if (!ids.length) return;
    const found = new Set((await this.deps.db.selectFrom('users').select('id').where('id', 'in', ids.map((i) => i.toLowerCase())).execute()).map((r) => r.id));
    ids.forEach((id, i) => {
      if (!found.has(id.toLowerCase())) throw notFound('User', id, ['document', 'access', 'ipRestriction', 'exemptUserIds', String(i)]);
    });
  }
}

