import type { DomainEvent } from '../shared/decider.js';
import type { CheckedText } from '../shared/text.js';
import type { MailboxSettingsWiped } from '../shared/mailboxReset.js';
import { assertNever, type Command } from '../shared/decider.js';

/**
 * Commands, events and state of a mailbox's DKIM settings (電子署名の設定): signatures with
 * their keys, usage conditions per exact From address, and the default signature. One
 * stream per mailbox, `dkim-<No>`. Private keys appear here only as vault ciphertext.
 * The rules live in dkimSettings.decider.ts.
 */

export const dkimSettingsStreamId = (mailboxNumber: number): string => `dkim-${mailboxNumber}`;

export const DkimSignatureKind = {
  /** 作成者署名: d= is the From domain; the customer publishes the public key there. */
  AUTHOR: 'AUTHOR',
  /**
   * 第三者署名: d= is the service's own domain, signed with the key the deployment owns
   * (MAILROOM_DKIM_THIRD_PARTY_*); the customer generates and publishes nothing. Proves
   * integrity, not the From. Signatures from before this reading may carry their own key.
   */
  THIRD_PARTY: 'THIRD_PARTY',
} as const;
export type DkimSignatureKind = (typeof DkimSignatureKind)[keyof typeof DkimSignatureKind];
export const dkimSignatureKinds: readonly DkimSignatureKind[] = Object.values(DkimSignatureKind);

export const DkimAlgorithm = {
  /** rsa-sha256 (RFC 6376 §3.3, RFC 8301): what every verifier understands. */
  RSA_SHA256: 'RSA_SHA256',
  /** ed25519-sha256 (RFC 8463): short keys, but not every verifier supports it yet. */
  ED25519_SHA256: 'ED25519_SHA256',
} as const;
export type DkimAlgorithm = (typeof DkimAlgorithm)[keyof typeof DkimAlgorithm];
export const dkimAlgorithms: readonly DkimAlgorithm[] = Object.values(DkimAlgorithm);

export const DkimKeySource = {
  GENERATED: 'GENERATED',
  IMPORTED: 'IMPORTED',
  /** The deployment's third-party key: d=, s= and the key are the service's, read when signing. */
  SERVICE: 'SERVICE',
} as const;
export type DkimKeySource = (typeof DkimKeySource)[keyof typeof DkimKeySource];
export const dkimKeySources: readonly DkimKeySource[] = Object.values(DkimKeySource);

/** A signature with a key of its own, held by the mailbox (author signatures; older third-party ones). */
export interface OwnKeyDkimSignature {
  readonly signatureId: string;
  readonly name: string;
  readonly kind: DkimSignatureKind;
  /** d= */
  readonly domain: string;
  /** s= */
  readonly selector: string;
  readonly algorithm: DkimAlgorithm;
  readonly keySource: 'GENERATED' | 'IMPORTED';
  readonly keyBits: number;
  /** The p= value of the DNS record: base64 SPKI DER (RSA) or the raw 32-byte key (Ed25519, RFC 8463 §4.2). */
  readonly publicKey: string;
  readonly privateKeyCiphertext: string;
  /** l= (RFC 6376 §3.5): sign only this many body bytes; null signs the whole body. */
  readonly bodyLengthLimit: number | null;
}

/**
 * A third-party signature with the deployment's key: no domain, selector or key here, so
 * a key rotation by whoever runs the service needs nothing from the customer.
 */
export interface ServiceKeyDkimSignature {
  readonly signatureId: string;
  readonly name: string;
  readonly kind: 'THIRD_PARTY';
  readonly keySource: 'SERVICE';
  readonly bodyLengthLimit: number | null;
}

export type DkimSignature = OwnKeyDkimSignature | ServiceKeyDkimSignature;

export const usesServiceKey = (s: DkimSignature): s is ServiceKeyDkimSignature => s.keySource === 'SERVICE';

export interface DkimCondition {
  readonly conditionId: string;
  /** One exact address; domains are not allowed (ドメイン単位での設定不可). */
  readonly fromAddress: string;
  readonly signatureId: string;
}

// ---- Commands ----
type M = { readonly mailboxNumber: number };
/** Key fields are given for author signatures only; the decider checks which shape arrived. */
export type AddDkimSignature = Command<
  'AddDkimSignature',
  M & Pick<OwnKeyDkimSignature, 'signatureId' | 'name' | 'kind' | 'bodyLengthLimit'> & { readonly keySource: DkimKeySource } & Partial<
      Pick<OwnKeyDkimSignature, 'domain' | 'selector' | 'algorithm' | 'keyBits' | 'publicKey' | 'privateKeyCiphertext'>
    >
>;
export type RemoveDkimSignature = Command<'RemoveDkimSignature', M & { readonly signatureId: string }>;
export type AddDkimCondition = Command<'AddDkimCondition', M & DkimCondition>;
export type ChangeDkimCondition = Command<'ChangeDkimCondition', M & DkimCondition>;
export type RemoveDkimCondition = Command<'RemoveDkimCondition', M & { readonly conditionId: string }>;
export type SetDefaultDkimSignature = Command<'SetDefaultDkimSignature', M & { readonly signatureId: string | null }>;

export type DkimSettingsCommand =
  | AddDkimSignature
  | RemoveDkimSignature
  | AddDkimCondition
  | ChangeDkimCondition
  | RemoveDkimCondition
  | SetDefaultDkimSignature;

// ---- Events ----
/** The stored name is checked text: only `requireText` makes one, so the decider cannot store raw input. */
/** Each kind of signature with its name as checked text (distributes over the union, which a plain Omit would collapse). */
type WithCheckedName<S> = S extends unknown ? Omit<S, 'name'> & { readonly name: CheckedText<'name'> } : never;
export type DkimSignatureAdded = DomainEvent<'DkimSignatureAdded', M & WithCheckedName<DkimSignature>>;
export type DkimSignatureRemoved = DomainEvent<'DkimSignatureRemoved', M & { readonly signatureId: string }>;
export type DkimConditionAdded = DomainEvent<'DkimConditionAdded', M & DkimCondition>;
export type DkimConditionChanged = DomainEvent<'DkimConditionChanged', M & DkimCondition>;
export type DkimConditionRemoved = DomainEvent<'DkimConditionRemoved', M & { readonly conditionId: string }>;
/** signatureId null: no default, mail without a matching condition goes unsigned. */
export type DefaultDkimSignatureSet = DomainEvent<'DefaultDkimSignatureSet', M & { readonly signatureId: string | null }>;

export type DkimSettingsEvent =
  | DkimSignatureAdded
  | DkimSignatureRemoved
  | DkimConditionAdded
  | DkimConditionChanged
  | DkimConditionRemoved
  | DefaultDkimSignatureSet
  | MailboxSettingsWiped;

export const dkimSettingsEventTypes = [
  'DkimSignatureAdded',
  'DkimSignatureRemoved',
  'DkimConditionAdded',
  'DkimConditionChanged',
  'DkimConditionRemoved',
  'DefaultDkimSignatureSet',
  'MailboxSettingsWiped',
] as const satisfies readonly DkimSettingsEvent['type'][];

// ---- State ----
export interface DkimSettingsState {
  readonly signatures: ReadonlyMap<string, DkimSignature>;
  readonly conditions: ReadonlyMap<string, DkimCondition>;
  readonly defaultSignatureId: string | null;
}

export const initialDkimSettingsState = (): DkimSettingsState => ({ signatures: new Map(), conditions: new Map(), defaultSignatureId: null });

const without = <K, V>(map: ReadonlyMap<K, V>, key: K): Map<K, V> => {
  const next = new Map(map);
  next.delete(key);
  return next;
};

export const evolveDkimSettings = (state: DkimSettingsState, event: DkimSettingsEvent): DkimSettingsState => {
  switch (event.type) {
    case 'DkimSignatureAdded': {
      const { mailboxNumber: _n, ...signature } = event.data;
      return { ...state, signatures: new Map(state.signatures).set(signature.signatureId, signature) };
    }
    case 'DkimSignatureRemoved':
      return { ...state, signatures: without(state.signatures, event.data.signatureId) };
    case 'DkimConditionAdded':
    case 'DkimConditionChanged': {
      const { mailboxNumber: _n, ...condition } = event.data;
      return { ...state, conditions: new Map(state.conditions).set(condition.conditionId, condition) };
    }
    case 'DkimConditionRemoved':
      return { ...state, conditions: without(state.conditions, event.data.conditionId) };
    case 'DefaultDkimSignatureSet':
      return { ...state, defaultSignatureId: event.data.signatureId };
    case 'MailboxSettingsWiped':
      return initialDkimSettingsState();
    default:
      return assertNever(event);
  }
};
