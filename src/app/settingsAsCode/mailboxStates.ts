import { accessRestrictionDecider, accessRestrictionStreamId, type AccessRestrictionState } from '../../domain/access/accessRestriction.decider.js';
import { lockPolicyDecider, lockPolicyStreamId, type LockPolicyState } from '../../domain/access/lockPolicy.decider.js';
import { mailboxDecider, mailboxStreamId, type MailboxState } from '../../domain/identity/mailbox.decider.js';
import type { OAuthCredentialState } from '../../domain/inbound/oauthCredential.decider.js';
import { receiveAccountsDecider, receiveAccountsStreamId, type ReceiveAccountsState } from '../../domain/inbound/receiveAccounts.decider.js';
import { chatDestinationsDecider, chatDestinationsStreamId, type ChatDestinationsState } from '../../domain/integrations/chatDestinations.decider.js';
import { externalCallsDecider, externalCallsStreamId, type ExternalCallsState } from '../../domain/integrations/externalCalls.decider.js';
import { messageChannelsDecider, messageChannelsStreamId, type MessageChannelsState } from '../../domain/integrations/messageChannels.decider.js';
import { noticeLanguageDecider, noticeLanguageStreamId, type NoticeLanguageState } from '../../domain/integrations/noticeLanguage.decider.js';
import { dkimSettingsDecider } from '../../domain/outbound/dkimSettings.decider.js';
import { dkimSettingsStreamId, usesServiceKey, type DkimSettingsState } from '../../domain/outbound/dkimSettings.events.js';
import { smtpSettingsDecider } from '../../domain/outbound/smtpSettings.decider.js';
import { BUILTIN_SERVER_ID, smtpSettingsStreamId, type SmtpSettingsState } from '../../domain/outbound/smtpSettings.events.js';
import type { Command, Decider } from '../../domain/shared/decider.js';
import type { DomainEvent } from '../../domain/shared/decider.js';
import { type ConfigurationDocument, DOCUMENT_VERSION, KEPT, type LockPolicyDoc } from './document.js';

/**
 * The aggregates a configuration document covers, one stream each per mailbox, with the
 * deciders that own them. Their full states (ciphertexts included) are what the planner
 * decides on; the document shows them with every secret as `{ secret: kept }`.
 */
export interface MailboxStates {
  readonly mailbox: MailboxState;
  readonly smtp: SmtpSettingsState;
  readonly dkim: DkimSettingsState;
  readonly receive: ReceiveAccountsState;
  readonly restriction: AccessRestrictionState;
  readonly lockPolicy: LockPolicyState;
  readonly noticeLanguage: NoticeLanguageState;
  readonly externalCalls: ExternalCallsState;
  readonly chatDestinations: ChatDestinationsState;
  readonly messageChannels: MessageChannelsState;
  /**
   * The mailbox's OAuth credentials, one stream each (`oauth-credential-<id>`), by id;
   * deleted ones stay here (their ids are never reused) but are not in the document.
   */
  readonly oauthCredentials: ReadonlyMap<string, OAuthCredentialState>;
}

/** The areas of one stream per mailbox; OAuth credentials are many streams, handled beside them. */
export type AreaKey = Exclude<keyof MailboxStates, 'oauthCredentials'>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDecider = Decider<any, Command, DomainEvent>;

export interface AreaStream {
  readonly key: AreaKey;
  /** The configuration section (src/app/audit/sections.ts) whose view the plan's field diff uses. */
  readonly section: string;
  readonly decider: AnyDecider;
  readonly streamId: (mailboxNumber: number) => string;
}

export const areaStreams: readonly AreaStream[] = [
  { key: 'mailbox', section: 'identity.mailbox', decider: mailboxDecider as unknown as AnyDecider, streamId: mailboxStreamId },
  { key: 'smtp', section: 'outbound.smtp', decider: smtpSettingsDecider as unknown as AnyDecider, streamId: smtpSettingsStreamId },
  { key: 'dkim', section: 'outbound.dkim', decider: dkimSettingsDecider as unknown as AnyDecider, streamId: dkimSettingsStreamId },
  { key: 'receive', section: 'inbound.receive_accounts', decider: receiveAccountsDecider as unknown as AnyDecider, streamId: receiveAccountsStreamId },
  { key: 'restriction', section: 'access.restriction', decider: accessRestrictionDecider as unknown as AnyDecider, streamId: accessRestrictionStreamId },
  { key: 'lockPolicy', section: 'access.lockPolicy', decider: lockPolicyDecider as unknown as AnyDecider, streamId: lockPolicyStreamId },
  { key: 'noticeLanguage', section: 'integrations.notice_language', decider: noticeLanguageDecider as unknown as AnyDecider, streamId: noticeLanguageStreamId },
  { key: 'chatDestinations', section: 'integrations.chat_destinations', decider: chatDestinationsDecider as unknown as AnyDecider, streamId: chatDestinationsStreamId },
  { key: 'messageChannels', section: 'integrations.message_channels', decider: messageChannelsDecider as unknown as AnyDecider, streamId: messageChannelsStreamId },
  { key: 'externalCalls', section: 'integrations.external_calls', decider: externalCallsDecider as unknown as AnyDecider, streamId: externalCallsStreamId },
];

export const areaStream = (key: AreaKey): AreaStream => areaStreams.find((a) => a.key === key)!;

const lockPolicyDoc = (s: LockPolicyState): LockPolicyDoc | null =>
  s.status === 'unset'
    ? null
    : {
        enabled: s.enabled,
        threshold: s.threshold,
        notifyOperationsAdministrators: s.notifyOperationsAdministrators,
        notifyAddresses: [...s.notifyAddresses],
        mode: s.mode ?? 'PERMANENT',
        waitMinutes: s.waitMinutes ?? 15,
        maxTemporaryLocks: s.maxTemporaryLocks ?? 3,
      };

/** The document of these states: every area present (an export manages everything it shows). */
export const documentOf = (mailboxNumber: number, position: number, s: MailboxStates): ConfigurationDocument => ({
  version: DOCUMENT_VERSION,
  mailbox: {
    number: mailboxNumber,
    name: s.mailbox.status === 'active' ? s.mailbox.name : null,
    address: s.mailbox.status === 'active' ? s.mailbox.address : null,
    position,
  },
  outbound: {
    smtp: {
      servers: Object.fromEntries(
        [...s.smtp.servers.values()].map((v) => [
          v.serverId,
          {
            name: v.name,
            host: v.host,
            port: v.port,
            encryption: v.encryption,
            auth:
              v.auth.method === 'PASSWORD'
                ? { method: 'PASSWORD', user: v.auth.user, mechanism: v.auth.mechanism ?? 'AUTO', password: KEPT }
                : v.auth.method === 'OAUTH'
                  ? { method: 'OAUTH', user: v.auth.user, oauthCredentialId: v.auth.oauthCredentialId }
                  : { method: 'NONE' },
          },
        ]),
      ),
      rules: s.smtp.rules.map((r) => ({ ruleId: r.ruleId, matchKind: r.match.kind, matchValue: r.match.value, serverId: r.serverId })),
      defaultServerId: s.smtp.defaultServerId ?? BUILTIN_SERVER_ID,
      bounceDestination: s.smtp.bounce ? { ...s.smtp.bounce } : null,
      rakutenRelay: s.smtp.rakuten
        ? {
            realAddress: s.smtp.rakuten.realAddress,
            contactAddress: s.smtp.rakuten.contactAddress,
            host: s.smtp.rakuten.host,
            port: s.smtp.rakuten.port,
            encryption: s.smtp.rakuten.encryption,
            user: s.smtp.rakuten.user,
            password: KEPT,
          }
        : null,
    },
    dkim: {
      signatures: Object.fromEntries(
        [...s.dkim.signatures.values()].map((g) => [
          g.signatureId,
          usesServiceKey(g)
            ? { name: g.name, kind: g.kind, keySource: g.keySource, bodyLengthLimit: g.bodyLengthLimit }
            : { name: g.name, kind: g.kind, domain: g.domain, selector: g.selector, algorithm: g.algorithm, keySource: g.keySource, keyBits: g.keyBits, publicKey: g.publicKey, bodyLengthLimit: g.bodyLengthLimit, privateKey: KEPT },
        ]),
      ),
      conditions: Object.fromEntries([...s.dkim.conditions.values()].map((c) => [c.conditionId, { fromAddress: c.fromAddress, signatureId: c.signatureId }])),
      defaultSignatureId: s.dkim.defaultSignatureId,
    },
  },
  inbound: {
    autoFetch: { ...s.receive.autoFetch },
    oauthCredentials: Object.fromEntries(
      [...s.oauthCredentials.keys()].sort().flatMap((id) => {
        const c = s.oauthCredentials.get(id)!;
        if (c.status !== 'registered') return [];
        return [[id, { provider: c.provider, displayName: c.displayName, clientId: c.clientId, tenant: c.tenant, scopes: [...c.scopes], redirectUrl: c.redirectUrl, enabled: c.enabled, clientSecret: KEPT }]];
      }),
    ),
    receiveAccounts: Object.fromEntries(
      [...s.receive.accounts.keys()].sort().map((id) => {
        const a = s.receive.accounts.get(id)!;
        return [
          id,
          {
            displayName: a.displayName,
            protocol: a.protocol,
            host: a.host,
            port: a.port,
            encryption: a.encryption,
            auth: a.auth.method === 'PASSWORD' ? { method: 'PASSWORD', username: a.auth.username, password: KEPT } : { method: 'OAUTH2', username: a.auth.username, credentialId: a.auth.credentialId },
            errorNotificationAddress: a.errorNotificationAddress,
            leaveOnServer: a.leaveOnServer,
            deleteDuplicates: a.deleteDuplicates,
            enabled: a.enabled,
            fetchIntervalMinutes: a.fetchIntervalMinutes,
            idleEnabled: a.idleEnabled,
          },
        ];
      }),
    ),
  },
  access: {
    ipRestriction: { enabled: s.restriction.ip.enabled, allowedAddresses: [...s.restriction.ip.allowedAddresses], exemptUserIds: [...s.restriction.ip.exemptUserIds] },
    apiRestriction: { enabled: s.restriction.api.enabled, allowedAddresses: [...s.restriction.api.allowedAddresses] },
    lockPolicy: lockPolicyDoc(s.lockPolicy),
  },
  integrations: {
    noticeLanguage: s.noticeLanguage.language,
    externalCalls: Object.fromEntries([...s.externalCalls.calls.keys()].sort().map((id) => [id, { ...s.externalCalls.calls.get(id)! }])),
    chatDestinations: Object.fromEntries(
      [...s.chatDestinations.destinations.keys()].sort().map((id) => {
        const d = s.chatDestinations.destinations.get(id)!;
        return [id, { kind: d.kind, name: d.name, roomId: d.roomId, eventKinds: [...d.eventKinds], enabled: d.enabled, credential: KEPT }];
      }),
    ),
    messageChannels: Object.fromEntries(
      [...s.messageChannels.channels.keys()].sort().map((kind) => {
        const c = s.messageChannels.channels.get(kind)!;
        return [kind, { settings: { ...c.settings }, secrets: Object.fromEntries(Object.keys(c.secretCiphertexts).sort().map((n) => [n, KEPT])), enabled: c.enabled }];
      }),
    ),
  },
});
