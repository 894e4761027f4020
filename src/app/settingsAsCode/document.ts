/**
 * The configuration document of a mailbox ("settings as code", docs/configuration-document.md):
 * a versioned, plain YAML or JSON value an administrator can export, edit, diff, plan and
 * apply. This module only knows its shape: parsing, checking (every problem with its path,
 * collected rather than stopping at the first) and rendering. What the values mean is the
 * deciders' business; the planner turns a document into their commands.
 */
import { parse as parseYaml, stringify as stringifyYaml, YAMLParseError } from 'yaml';
import { ErrorCode, MailroomError, validationError } from '../../domain/shared/errors.js';

export const DOCUMENT_VERSION = 1;
export type DocumentFormat = 'YAML' | 'JSON';

/** A secret is never written out: `{ secret: kept }` keeps the stored one, `{ value: … }` sets a new one. */
export type SecretRef =
  | { readonly secret: 'kept' }
  | { readonly value: string }
  /** Internal, never read from a document: a revert restores a past ciphertext of the same mailbox… */
  | { readonly ciphertext: string }
  /** …or knows that the past secret was crypto-shredded by a reset. */
  | { readonly destroyed: true };
export const KEPT: SecretRef = { secret: 'kept' };

export type SmtpServerDoc = {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly encryption: string;
  readonly auth:
    /** `mechanism`: AUTO, PLAIN, LOGIN or CRAM_MD5; omitted on import: AUTO. */
    | { readonly method: 'PASSWORD'; readonly user: string; readonly mechanism: string; readonly password: SecretRef }
    | { readonly method: 'OAUTH'; readonly user: string; readonly oauthCredentialId: string }
    /** A relay that trusts the connecting address: no user, no secret. */
    | { readonly method: 'NONE' };
};

export interface SmtpDoc {
  /** Keyed by server id (stable across exports; the built-in server is not listed). */
  readonly servers: Readonly<Record<string, SmtpServerDoc>>;
  /** Evaluation order: the first matching rule wins. */
  readonly rules: readonly { readonly ruleId: string; readonly matchKind: string; readonly matchValue: string; readonly serverId: string }[];
  readonly defaultServerId: string;
  readonly bounceDestination: { readonly kind: 'SENDER' } | { readonly kind: 'FIXED_ADDRESS'; readonly address: string } | null;
  readonly rakutenRelay: {
    readonly realAddress: string;
    readonly contactAddress: string | null;
    readonly host: string;
    readonly port: number;
    readonly encryption: string;
    readonly user: string;
    readonly password: SecretRef;
  } | null;
}

/** Signatures cannot change: one that differs must be removed and added under a new id. */
export type DkimSignatureDoc = OwnKeyDkimSignatureDoc | ServiceKeyDkimSignatureDoc;

/** A third-party signature with the deployment's key (d= the service's domain): nothing of the key is the mailbox's. */
export interface ServiceKeyDkimSignatureDoc {
  readonly name: string;
  readonly kind: string;
  readonly keySource: 'SERVICE';
  readonly bodyLengthLimit: number | null;
}

export const usesServiceKeyDoc = (s: DkimSignatureDoc): s is ServiceKeyDkimSignatureDoc => s.keySource === 'SERVICE';

export interface OwnKeyDkimSignatureDoc {
  readonly name: string;
  readonly kind: string;
  readonly domain: string;
  readonly selector: string;
  readonly algorithm: string;
  readonly keySource: string;
  readonly keyBits: number;
  /** The DNS p= value; derived from the private key when one is given as { value: PEM }. */
  readonly publicKey: string;
  readonly bodyLengthLimit: number | null;
  readonly privateKey: SecretRef;
}

export interface DkimDoc {
  readonly signatures: Readonly<Record<string, DkimSignatureDoc>>;
  readonly conditions: Readonly<Record<string, { readonly fromAddress: string; readonly signatureId: string }>>;
  readonly defaultSignatureId: string | null;
}

export type ReceiveAccountDoc = {
  readonly displayName: string;
  readonly protocol: string;
  readonly host: string;
  readonly port: number;
  readonly encryption: string;
  readonly auth:
    | { readonly method: 'PASSWORD'; readonly username: string; readonly password: SecretRef }
    | { readonly method: 'OAUTH2'; readonly username: string; readonly credentialId: string };
  readonly errorNotificationAddress: string | null;
  readonly leaveOnServer: boolean;
  readonly deleteDuplicates: boolean;
  readonly enabled: boolean;
  readonly fetchIntervalMinutes: number | null;
  readonly idleEnabled: boolean;
};

/**
 * An OAuth client registration (src/domain/inbound/oauthCredential.decider.ts). Its
 * authorization (the refresh token from the provider's consent flow) is not configuration:
 * never exported, never applied; a credential registered by an apply still needs the flow.
 */
export interface OAuthCredentialDoc {
  /** GOOGLE or MICROSOFT; fixed at registration. */
  readonly provider: string;
  readonly displayName: string;
  readonly clientId: string;
  /** Microsoft's directory (tenant); null for Google. */
  readonly tenant: string | null;
  readonly scopes: readonly string[];
  readonly redirectUrl: string;
  readonly enabled: boolean;
  readonly clientSecret: SecretRef;
}

export interface InboundDoc {
  readonly autoFetch: { readonly enabled: boolean; readonly intervalMinutes: number };
  /** Keyed by credential id (stable); absent: the credentials are left as they are (documents exported before they were covered). */
  readonly oauthCredentials?: Readonly<Record<string, OAuthCredentialDoc>>;
  readonly receiveAccounts: Readonly<Record<string, ReceiveAccountDoc>>;
}

export interface LockPolicyDoc {
  readonly enabled: boolean;
  readonly threshold: number;
  readonly notifyOperationsAdministrators: boolean;
  readonly notifyAddresses: readonly string[];
  readonly mode: string;
  readonly waitMinutes: number;
  readonly maxTemporaryLocks: number;
}

export interface AccessDoc {
  readonly ipRestriction: { readonly enabled: boolean; readonly allowedAddresses: readonly string[]; readonly exemptUserIds: readonly string[] };
  readonly apiRestriction: { readonly enabled: boolean; readonly allowedAddresses: readonly string[] };
  /** null: never configured (the deployment's default policy applies). */
  readonly lockPolicy: LockPolicyDoc | null;
}

export interface ExternalCallDoc {
  readonly name: string;
  readonly urlTemplate: string;
  readonly method: string;
  readonly encoding: string;
  readonly openInNewWindow: boolean;
}

export interface ChatDestinationDoc {
  readonly kind: string;
  readonly name: string;
  readonly roomId: string | null;
  readonly eventKinds: readonly string[];
  readonly enabled: boolean;
  /** Slack/Teams webhook URL or Chatwork API token. */
  readonly credential: SecretRef;
}

export interface MessageChannelDoc {
  /** The kind's settings (CHANNEL_SPECS), e.g. { channelId: '1234567890' } for LINE. */
  readonly settings: Readonly<Record<string, string>>;
  /** The kind's secrets, each a reference. */
  readonly secrets: Readonly<Record<string, SecretRef>>;
  readonly enabled: boolean;
}

export interface IntegrationsDoc {
  /** null: the deployment default (MAILROOM_NOTICE_LANGUAGE). */
  readonly noticeLanguage: string | null;
  /** Keyed by call id (stable). */
  readonly externalCalls: Readonly<Record<string, ExternalCallDoc>>;
  /** Keyed by destination id (stable); the kind of a destination never changes. */
  readonly chatDestinations: Readonly<Record<string, ChatDestinationDoc>>;
  /** Keyed by kind: LINE, YAHOO_SHOPPING, RAKUTEN_RMESSE. */
  readonly messageChannels: Readonly<Record<string, MessageChannelDoc>>;
}

/**
 * An absent area is left as it is ("not managed by this document"); a present one is the
 * whole desired state of that area. `mailbox` is identity, not settings: informational,
 * never applied (copying to another mailbox keeps the target's name, address and members).
 */
export interface ConfigurationDocument {
  readonly version: typeof DOCUMENT_VERSION;
  readonly mailbox: { readonly number: number; readonly name: string | null; readonly address: string | null; readonly position: number };
  readonly outbound?: { readonly smtp: SmtpDoc; readonly dkim: DkimDoc };
  readonly inbound?: InboundDoc;
  readonly access?: AccessDoc;
  readonly integrations?: IntegrationsDoc;
}

export const AREAS = ['outbound', 'inbound', 'access', 'integrations'] as const;

const HEADER =
  '# Mailroom configuration document (docs/configuration-document.md). Secrets are never exported:\n' +
  '# `{ secret: kept }` keeps the stored one, `{ value: "…" }` sets a new one. `mailbox` is informational.\n';

export const renderDocument = (doc: ConfigurationDocument, format: DocumentFormat): string =>
  format === 'JSON' ? `${JSON.stringify(doc, null, 2)}\n` : HEADER + stringifyYaml(doc, { lineWidth: 0, aliasDuplicateObjects: false });

/** Problems of a document, every one with its path; thrown as one error carrying all of them. */
export class DocumentErrors extends MailroomError {
  constructor(readonly problems: readonly MailroomError[]) {
    super(ErrorCode.VALIDATION, problems.map((p) => `${p.fieldPath.join('.') || '(document)'}: ${p.message}`).join('; '), {
      path: problems[0]?.fieldPath ?? [],
    });
  }
}

/** YAML is a superset of JSON, but JSON is parsed as JSON so its error messages point at JSON. */
export const parseDocumentText = (text: string, format: DocumentFormat | null): unknown => {
  if (typeof text !== 'string' || text.trim() === '') throw validationError(['document'], 'Expected a configuration document (YAML or JSON), got an empty text');
  if (text.length > 1_000_000) throw validationError(['document'], `Expected a document of at most 1 000 000 characters, got ${text.length}`);
  const asJson = format === 'JSON' || (format === null && text.trimStart().startsWith('{'));
  try {
    return asJson ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 0, uniqueKeys: true });
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const where = err.linePos?.[0] ? ` at line ${err.linePos[0].line}, column ${err.linePos[0].col}` : '';
      throw validationError(['document'], `Expected valid YAML${where}: ${err.message.split('\n')[0]}`);
    }
    throw validationError(['document'], `Expected valid ${asJson ? 'JSON' : 'YAML'}: ${(err as Error).message}`);
  }
};
