import { alreadyExists, illegalState, notFound, validationError } from '../shared/errors.js';
import { requireOneOf, requirePositiveInteger, requireUuid } from '../identity/validation.js';
import { assertNever, type Decider } from '../shared/decider.js';
import {
  dkimAlgorithms,
  dkimKeySources,
  dkimSignatureKinds,
  evolveDkimSettings,
  initialDkimSettingsState,
  usesServiceKey,
  type AddDkimCondition,
  type AddDkimSignature,
  type ChangeDkimCondition,
  type DkimCondition,
  type DkimSettingsCommand,
  type DkimSettingsEvent,
  type DkimSettingsState,
  type DkimSignature,
  type OwnKeyDkimSignature,
  type RemoveDkimCondition,
  type RemoveDkimSignature,
  type SetDefaultDkimSignature,
} from './dkimSettings.events.js';
import { requireText, type CheckedText } from '../shared/text.js';
import {
  requireBase64,
  requireCiphertext,
  requireDomain,
  requireExactAddress,
  requireNonNegativeIntegerOrNull,
  requireSelector,
  show,
} from './validation.js';

/**
 * The rules of a mailbox's DKIM settings (all of them live here; which key signs a given
 * mail is decided in outboundRoute.ts):
 * - A signature has a name (1–100 characters, unique case-insensitively) and a kind.
 *   Author signatures (作成者署名) have d= (a domain) and s= (a selector) with a key of their
 *   own, generated or imported; d= and s= together are unique, since they name one DNS
 *   record. Third-party signatures (第三者署名) use the service's key (keySource SERVICE):
 *   d=, s= and the key are the deployment's, and the customer makes and publishes nothing.
 *   Third-party signatures with a key of their own exist only from before this rule. RSA keys have at least 1024 bits (RFC 8301 §3.2), at most
 *   8192; Ed25519 keys 256 (RFC 8463). The private key arrives as vault ciphertext.
 * - Usage conditions name one exact From address each (the manual: ドメイン単位での設定不可);
 *   an address has at most one condition. An author signature may only be used for From
 *   addresses of its own d= domain — for any other domain it would be a third-party
 *   signature, so register it as one.
 * - A signature still used by a condition or as the default cannot be removed; the error
 *   names what uses it.
 * - The default signature is any registered signature, or none.
 */

const sameText = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

const requireMailbox = (value: number): number => requirePositiveInteger(['mailboxNumber'], value);

const requireSignature = (state: DkimSettingsState, signatureId: unknown): DkimSignature => {
  const signature = typeof signatureId === 'string' ? state.signatures.get(signatureId) : undefined;
  if (!signature) throw notFound('DKIM signature', String(signatureId), ['signatureId']);
  return signature;
};

const describeSignature = (s: DkimSignature) =>
  usesServiceKey(s) ? `${show(s.name)} (third-party, the service's key)` : `${show(s.name)} (s=${s.selector}, d=${s.domain})`;

const requireKeyBits = (algorithm: OwnKeyDkimSignature['algorithm'], value: unknown): number => {
  if (algorithm === 'ED25519_SHA256') {
    if (value !== 256) throw validationError(['keyBits'], `Expected 256 bits for an Ed25519 key, got ${show(value)}`);
    return 256;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1024 || value > 8192) {
    throw validationError(['keyBits'], `Expected an RSA key of 1024 to 8192 bits (RFC 8301 forbids shorter ones), got ${show(value)}`);
  }
  return value;
};

/** Author signatures: the customer's key for the From domain, published at that domain. */
const ownKeySignature = (
  state: DkimSettingsState,
  data: OwnKeyDkimSignature,
  base: { signatureId: string; name: CheckedText<'name'>; bodyLengthLimit: number | null },
): OwnKeyDkimSignature & { readonly name: CheckedText<'name'> } => {
  const domain = requireDomain(['domain'], data.domain);
  const selector = requireSelector(['selector'], data.selector);
  const sameRecord = [...state.signatures.values()].find((s) => !usesServiceKey(s) && s.domain === domain && s.selector === selector);
  if (sameRecord) {
    throw alreadyExists(`Signature ${describeSignature(sameRecord)} already uses ${selector}._domainkey.${domain}; choose another selector`, ['selector']);
  }
  const algorithm = requireOneOf(['algorithm'], data.algorithm, dkimAlgorithms);
  return {
    ...base,
    kind: 'AUTHOR',
    domain,
    selector,
    algorithm,
    keySource: requireOneOf(['keySource'], data.keySource, ['GENERATED', 'IMPORTED'] as const),
    keyBits: requireKeyBits(algorithm, data.keyBits),
    publicKey: requireBase64(['publicKey'], data.publicKey),
    privateKeyCiphertext: requireCiphertext(['privateKey'], data.privateKeyCiphertext),
    bodyLengthLimit: base.bodyLengthLimit,
  };
};

const addSignature = ({ data }: AddDkimSignature, state: DkimSettingsState): DkimSettingsEvent => {
  const mailboxNumber = requireMailbox(data.mailboxNumber);
  const signatureId = requireUuid(['signatureId'], data.signatureId);
  if (state.signatures.has(signatureId)) throw alreadyExists(`DKIM signature ${signatureId} already exists`, ['signatureId']);
  const name = requireText(['name'], data.name, 'name');
  const byName = [...state.signatures.values()].find((s) => sameText(s.name, name));
  if (byName) throw alreadyExists(`A DKIM signature named ${show(byName.name)} already exists in this mailbox`, ['name']);
  const kind = requireOneOf(['kind'], data.kind, dkimSignatureKinds);
  const keySource = requireOneOf(['keySource'], data.keySource, dkimKeySources);
  const base = { signatureId, name, bodyLengthLimit: requireNonNegativeIntegerOrNull(['bodyLengthLimit'], data.bodyLengthLimit, 1_000_000_000) };
  if (kind === 'THIRD_PARTY') {
    // The manual's 第三者署名: no key pair is made and nothing is published by the customer.
    if (keySource !== 'SERVICE') {
      throw validationError(['kind'], `Expected the service's key for a third-party signature (the customer makes and publishes no key), got a ${keySource.toLowerCase()} key; use AUTHOR for a key of your own domain`);
    }
    return { type: 'DkimSignatureAdded', data: { mailboxNumber, ...base, kind, keySource } };
  }
  if (keySource === 'SERVICE') throw validationError(['kind'], "Expected a key of the From domain for an author signature, got the service's key: use THIRD_PARTY for that");
  return { type: 'DkimSignatureAdded', data: { mailboxNumber, ...ownKeySignature(state, data as OwnKeyDkimSignature, base) } };
};

const removeSignature = ({ data }: RemoveDkimSignature, state: DkimSettingsState): DkimSettingsEvent => {
  const mailboxNumber = requireMailbox(data.mailboxNumber);
  const signature = requireSignature(state, data.signatureId);
  const uses = [...state.conditions.values()].filter((c) => c.signatureId === signature.signatureId).map((c) => `the condition for ${c.fromAddress}`);
  if (state.defaultSignatureId === signature.signatureId) uses.push('the default signature setting');
  if (uses.length > 0) {
    throw illegalState(`DKIM signature ${describeSignature(signature)} is still used by ${uses.join(', ')}; change or remove them first`, ['signatureId']);
  }
  return { type: 'DkimSignatureRemoved', data: { mailboxNumber, signatureId: signature.signatureId } };
};

const conditionFields = (state: DkimSettingsState, data: DkimCondition): DkimCondition => {
  const conditionId = requireUuid(['conditionId'], data.conditionId);
  const fromAddress = requireExactAddress(['fromAddress'], data.fromAddress);
  const clash = [...state.conditions.values()].find((c) => c.conditionId !== conditionId && sameText(c.fromAddress, fromAddress));
  if (clash) throw alreadyExists(`${clash.fromAddress} already has a DKIM usage condition; change that one instead`, ['fromAddress']);
  const signature = requireSignature(state, data.signatureId);
  if (!usesServiceKey(signature) && signature.kind === 'AUTHOR' && domainOf(fromAddress) !== signature.domain) {
    throw validationError(
      ['fromAddress'],
      `Expected a From address of ${signature.domain}: author signature ${describeSignature(signature)} signs only its own domain, got ${show(fromAddress)}; use a third-party signature for other domains`,
    );
  }
  return { conditionId, fromAddress, signatureId: signature.signatureId };
};

const addCondition = ({ data }: AddDkimCondition, state: DkimSettingsState): DkimSettingsEvent => {
  const mailboxNumber = requireMailbox(data.mailboxNumber);
  if (typeof data.conditionId === 'string' && state.conditions.has(data.conditionId)) {
    throw alreadyExists(`DKIM usage condition ${data.conditionId} already exists`, ['conditionId']);
  }
  return { type: 'DkimConditionAdded', data: { mailboxNumber, ...conditionFields(state, data) } };
};

const changeCondition = ({ data }: ChangeDkimCondition, state: DkimSettingsState): DkimSettingsEvent[] => {
  const mailboxNumber = requireMailbox(data.mailboxNumber);
  const existing = state.conditions.get(data.conditionId);
  if (!existing) throw notFound('DKIM usage condition', String(data.conditionId), ['conditionId']);
  const next = conditionFields(state, data);
  const unchanged = next.fromAddress === existing.fromAddress && next.signatureId === existing.signatureId;
  return unchanged ? [] : [{ type: 'DkimConditionChanged', data: { mailboxNumber, ...next } }];
};

const removeCondition = ({ data }: RemoveDkimCondition, state: DkimSettingsState): DkimSettingsEvent => {
  const mailboxNumber = requireMailbox(data.mailboxNumber);
  if (!state.conditions.has(data.conditionId)) throw notFound('DKIM usage condition', String(data.conditionId), ['conditionId']);
  return { type: 'DkimConditionRemoved', data: { mailboxNumber, conditionId: data.conditionId } };
};

const setDefault = ({ data }: SetDefaultDkimSignature, state: DkimSettingsState): DkimSettingsEvent[] => {
  const mailboxNumber = requireMailbox(data.mailboxNumber);
  const signatureId = data.signatureId === null ? null : requireSignature(state, data.signatureId).signatureId;
  return signatureId === state.defaultSignatureId ? [] : [{ type: 'DefaultDkimSignatureSet', data: { mailboxNumber, signatureId } }];
};

export const decideDkimSettings = (command: DkimSettingsCommand, state: DkimSettingsState): DkimSettingsEvent | readonly DkimSettingsEvent[] => {
  switch (command.type) {
    case 'AddDkimSignature':
      return addSignature(command, state);
    case 'RemoveDkimSignature':
      return removeSignature(command, state);
    case 'AddDkimCondition':
      return addCondition(command, state);
    case 'ChangeDkimCondition':
      return changeCondition(command, state);
    case 'RemoveDkimCondition':
      return removeCondition(command, state);
    case 'SetDefaultDkimSignature':
      return setDefault(command, state);
    default:
      return assertNever(command);
  }
};

export const dkimSettingsDecider: Decider<DkimSettingsState, DkimSettingsCommand, DkimSettingsEvent> = {
  decide: decideDkimSettings,
  evolve: evolveDkimSettings,
  initialState: initialDkimSettingsState,
};
