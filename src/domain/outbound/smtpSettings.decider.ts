import { alreadyExists, illegalState, notFound, validationError } from '../shared/errors.js';
import { requireEmail, requireOneOf, requirePositiveInteger, requireUuid } from '../identity/validation.js';
import { assertNever, type Decider } from '../shared/decider.js';
import { isRakutenMaskedAddress } from './outboundRoute.js';
import {
  BUILTIN_SERVER_ID,
  BUILTIN_SERVER_NAME,
  evolveSmtpSettings,
  fromMatchKinds,
  initialSmtpSettingsState,
  RAKUTEN_RELAY_SERVER_ID,
  smtpAuthMethods,
  smtpEncryptions,
  smtpPasswordMechanisms,
  type AddSmtpRoutingRule,
  type AddSmtpServer,
  type BounceDestination,
  type ChangeSmtpRoutingRule,
  type ChangeSmtpServer,
  type ConfigureRakutenRelay,
  type ConfirmTestMail,
  type ExternalSmtpServer,
  type FromMatch,
  type RakutenRelay,
  type RemoveRakutenRelay,
  type RemoveSmtpRoutingRule,
  type RemoveSmtpServer,
  type ReorderSmtpRoutingRules,
  type RoutingRule,
  type ChangeSmtpBasicSettings,
  type SmtpAuth,
  type SmtpAuthInput,
  type SmtpAuthSettings,
  type SmtpSettingsCommand,
  type SmtpSettingsEvent,
  type SmtpSettingsState,
  type TestedBeforeSaving,
  rakutenConnectionOf,
} from './smtpSettings.events.js';
import { connectionFingerprint, requireReceiptFor, verificationOf, type SmtpConnection, type TestMailTarget } from './smtpVerification.js';
import type { CommandMetadata } from '../shared/decider.js';
import { requireCiphertext, requireDomain, requireExactAddress, requireHost, requirePort, show } from './validation.js';
import { requireText, type CheckedText } from '../shared/text.js';

/**
 * The rules of a mailbox's SMTP settings (all of them live here; routing itself is in
 * outboundRoute.ts):
 * - A server has a name (1–100 characters, unique per mailbox case-insensitively, and not
 *   the built-in server's), a host name or IP, a port 1–65535, SMTPS or STARTTLS, and one of:
 *   a password (user + vault ciphertext + the SASL mechanism, AUTO by default), an OAuth
 *   credential reference (user + UUID, XOAUTH2), or NONE for a relay that trusts the
 *   connecting address (no user, no secret).
 * - The built-in server can be neither changed nor removed: the operator configures it.
 * - A server still used by a routing rule or as the default cannot be removed; the error
 *   names the rules, so the administrator knows what to change first.
 * - Routing rules match the From address exactly (ADDRESS) or by its domain (DOMAIN); the
 *   same match twice is ALREADY_EXISTS. New rules go last; a reorder must list every rule
 *   exactly once. A rule targets the built-in server or an external one, never the
 *   Rakuten relay (that is chosen by its own rule).
 * - Basic settings change the default server and/or the bounce destination together
 *   (a fixed address, or SENDER: the From of the sent mail).
 * - Rakuten relay: the real address is an ordinary address, never a masked one; the
 *   password is required the first time and kept when omitted later.
 * - Changing something to what it already is appends nothing.
 * - Test mail confirmation (「はい」, smtpVerification.ts): a saved server or the relay is
 *   verified by a receipt of a test mail through it whose fingerprint matches its current
 *   connection (a change since the test refuses it), at most 24 hours old. Adding a server
 *   or configuring the relay with a receipt of a test of the unsaved settings verifies it
 *   at once when the settings are the ones tested, and is refused otherwise. A change of
 *   the connection lapses a verification (evolve in smtpSettings.events.ts).
 */

const sameText = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

const requireMailbox = (value: number): number => requirePositiveInteger(['mailboxNumber'], value);

/** What the decider stores: name and user as the text rule made them (only `requireText` makes one). */
/** A decided password or OAuth login carries its user as checked text; NONE has no user. */
type DecidedAuth = Extract<SmtpAuth, { method: 'NONE' }> | (Exclude<SmtpAuth, { method: 'NONE' }> & { readonly user: CheckedText<'accountName'> });
type DecidedServer = Omit<ExternalSmtpServer, 'name' | 'auth'> & { readonly name: CheckedText<'name'>; readonly auth: DecidedAuth };

const requireServerName = (state: SmtpSettingsState, value: unknown, exceptId: string | null): CheckedText<'name'> => {
  const name = requireText(['name'], value, 'name');
  if (sameText(name, BUILTIN_SERVER_NAME)) throw alreadyExists(`${show(name)} is the name of the built-in server; choose another name`, ['name']);
  const clash = [...state.servers.values()].find((s) => s.serverId !== exceptId && sameText(s.name, name));
  if (clash) throw alreadyExists(`An SMTP server named ${show(clash.name)} already exists in this mailbox`, ['name']);
  return name;
};

const requireAuth = (value: SmtpAuthInput, existing: SmtpAuth | null): DecidedAuth => {
  requireOneOf(['authMethod'], value?.method, smtpAuthMethods);
  if (value.method === 'NONE') return { method: 'NONE' };
  const user = requireText(['user'], value.user, 'accountName');
  if (value.method === 'OAUTH') {
    return { method: 'OAUTH', user, oauthCredentialId: requireUuid(['oauthCredentialId'], value.oauthCredentialId) };
  }
  const mechanism = value.mechanism === undefined || value.mechanism === null ? 'AUTO' : requireOneOf(['passwordMechanism'], value.mechanism, smtpPasswordMechanisms);
  if (value.passwordCiphertext !== null) return { method: 'PASSWORD', user, mechanism, passwordCiphertext: requireCiphertext(['password'], value.passwordCiphertext) };
  if (existing?.method === 'PASSWORD') return { method: 'PASSWORD', user, mechanism, passwordCiphertext: existing.passwordCiphertext };
  throw validationError(['password'], 'Expected a password: password authentication needs one and none is stored yet');
};

const serverFields = (state: SmtpSettingsState, data: AddSmtpServer['data'], existing: ExternalSmtpServer | null): DecidedServer => ({
  serverId: requireUuid(['serverId'], data.serverId),
  name: requireServerName(state, data.name, existing?.serverId ?? null),
  host: requireHost(['host'], data.host),
  port: requirePort(['port'], data.port),
  encryption: requireOneOf(['encryption'], data.encryption, smtpEncryptions),
  auth: requireAuth(data.auth, existing?.auth ?? null),
});

/** Events carry the password ciphertext only when the command brought a new one. */
const serverEventData = (mailboxNumber: number, server: DecidedServer, input: SmtpAuthInput) => {
  const { auth, ...fields } = server;
  const newPassword = input.method === 'PASSWORD' && input.passwordCiphertext !== null && auth.method === 'PASSWORD';
  const settings: SmtpAuthSettings = auth.method === 'PASSWORD' ? { method: 'PASSWORD', user: auth.user, mechanism: auth.mechanism } : auth;
  return { mailboxNumber, ...fields, auth: settings, ...(newPassword ? { passwordCiphertext: auth.passwordCiphertext } : {}) };
};

const requireExternalServer = (state: SmtpSettingsState, serverId: string, verb: string): ExternalSmtpServer => {
  if (serverId === BUILTIN_SERVER_ID) {
    throw illegalState(`The built-in server cannot be ${verb}: the operator configures it (MAILROOM_BUILTIN_SMTP_URL)`, ['serverId']);
  }
  const server = state.servers.get(serverId);
  if (!server) throw notFound('SMTP server', serverId, ['serverId']);
  return server;
};

/** A server rules and the default may point at: the built-in one or an existing external one. */
const requireTargetServer = (state: SmtpSettingsState, serverId: unknown, path: readonly string[] = ['serverId']): string => {
  if (serverId === BUILTIN_SERVER_ID) return BUILTIN_SERVER_ID;
  if (serverId === RAKUTEN_RELAY_SERVER_ID) {
    throw validationError(path, 'The Rakuten relay cannot be chosen here: it is used only for mail from the store real address to masked addresses');
  }
  if (typeof serverId !== 'string' || !state.servers.has(serverId)) throw notFound('SMTP server', String(serverId), path);
  return serverId;
};

const describeRule = (state: SmtpSettingsState, rule: RoutingRule): string =>
  `#${state.rules.indexOf(rule) + 1} (From ${rule.match.kind === 'DOMAIN' ? `@${rule.match.value}` : rule.match.value})`;

const requireMatch = (state: SmtpSettingsState, match: FromMatch, exceptRuleId: string | null): FromMatch => {
  const kind = requireOneOf(['match', 'kind'], match?.kind, fromMatchKinds);
  let value: string;
  if (kind === 'ADDRESS') value = requireExactAddress(['match', 'value'], match.value);
  else {
    const raw = typeof match.value === 'string' ? match.value.trim().replace(/^\*?@/, '') : match.value;
    if (typeof raw === 'string' && raw.includes('@')) {
      throw validationError(['match', 'value'], `Expected a domain like "example.com" for a DOMAIN rule, got the address ${show(match.value)}; use kind ADDRESS for one address`);
    }
    value = requireDomain(['match', 'value'], raw);
  }
  const clash = state.rules.find((r) => r.ruleId !== exceptRuleId && r.match.kind === kind && sameText(r.match.value, value));
  if (clash) throw alreadyExists(`Routing rule ${describeRule(state, clash)} already matches ${show(value)}`, ['match', 'value']);
  return { kind, value };
};

const requireRule = (state: SmtpSettingsState, ruleId: string): RoutingRule => {
  const rule = state.rules.find((r) => r.ruleId === ruleId);
  if (!rule) throw notFound('Routing rule', ruleId, ['ruleId']);
  return rule;
};

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const verifiedEvent = (mailboxNumber: number, serverId: string, tested: TestedBeforeSaving['receipt'], metadata: CommandMetadata): SmtpSettingsEvent => ({
  type: 'SmtpServerVerified',
  data: { mailboxNumber, serverId, ...verificationOf(tested, metadata.now, metadata.actorId) },
});

/** The settings being saved are the ones the receipt's test mail went through. */
const requireTestedSettings = (mailboxNumber: number, tested: TestedBeforeSaving, serverKind: 'EXTERNAL' | 'RAKUTEN_RELAY', now: Date) => {
  const target: TestMailTarget = { kind: 'UNSAVED', serverKind };
  const receipt = requireReceiptFor(tested.receipt, mailboxNumber, target, now);
  if (receipt.fingerprint !== tested.fingerprint) {
    throw validationError(
      ['testMailReceipt'],
      'Expected the connection settings (host, port, encryption, authentication) the test mail was sent with, got different ones; send a new test mail or save without the receipt',
    );
  }
  return receipt;
};

const addServer = ({ data, metadata }: AddSmtpServer, state: SmtpSettingsState): SmtpSettingsEvent[] => {
  const mailboxNumber = requireMailbox(data.mailboxNumber);
  if (state.servers.has(data.serverId)) throw alreadyExists(`SMTP server ${data.serverId} already exists`, ['serverId']);
  const added: SmtpSettingsEvent = { type: 'SmtpServerAdded', data: serverEventData(mailboxNumber, serverFields(state, data, null), data.auth) };
  if (!data.tested) return [added];
  const receipt = requireTestedSettings(mailboxNumber, data.tested, 'EXTERNAL', metadata.now);
  return [added, verifiedEvent(mailboxNumber, data.serverId, receipt, metadata)];
};

const confirmTestMail = ({ data, metadata }: ConfirmTestMail, state: SmtpSettingsState): SmtpSettingsEvent[] => {
  const mailboxNumber = requireMailbox(data.mailboxNumber);
  let connection: SmtpConnection;
  if (data.serverId === RAKUTEN_RELAY_SERVER_ID) {
    if (!state.rakuten) throw notFound('Rakuten relay account of mailbox', String(mailboxNumber), ['serverId']);
    connection = rakutenConnectionOf(state.rakuten);
  } else {
    connection = requireExternalServer(state, data.serverId, 'verified');
  }
  const receipt = requireReceiptFor(data.receipt, mailboxNumber, { kind: 'SAVED', serverId: data.serverId }, metadata.now);
  if (connectionFingerprint(receipt.salt, connection) !== receipt.fingerprint) {
    throw illegalState('The connection settings (host, port, encryption or authentication) changed since this test mail was sent; send a new test mail', ['testMailReceipt']);
  }
  if (state.verifications.get(data.serverId)?.testMailId === receipt.testMailId) return [];
  return [verifiedEvent(mailboxNumber, data.serverId, receipt, metadata)];
};

const changeServer = ({ data }: ChangeSmtpServer, state: SmtpSettingsState): SmtpSettingsEvent[] => {
  const mailboxNumber = requireMailbox(data.mailboxNumber);
  const existing = requireExternalServer(state, data.serverId, 'changed');
  const next = serverFields(state, data, existing);
  return sameJson(next, existing) ? [] : [{ type: 'SmtpServerChanged', data: serverEventData(mailboxNumber, next, data.auth) }];
};

const removeServer = ({ data }: RemoveSmtpServer, state: SmtpSettingsState): SmtpSettingsEvent => {
  const mailboxNumber = requireMailbox(data.mailboxNumber);
  const server = requireExternalServer(state, data.serverId, 'removed');
  const uses = state.rules.filter((r) => r.serverId === server.serverId).map((r) => `routing rule ${describeRule(state, r)}`);
  if (state.defaultServerId === server.serverId) uses.push('the default server setting');
  if (uses.length > 0) {
    throw illegalState(`SMTP server ${show(server.name)} is still used by ${uses.join(', ')}; point them at another server first`, ['serverId']);
  }
  return { type: 'SmtpServerRemoved', data: { mailboxNumber, serverId: server.serverId } };
};

const addRule = ({ data }: AddSmtpRoutingRule, state: SmtpSettingsState): SmtpSettingsEvent => {
  const mailboxNumber = requireMailbox(data.mailboxNumber);
  const ruleId = requireUuid(['ruleId'], data.ruleId);
  if (state.rules.some((r) => r.ruleId === ruleId)) throw alreadyExists(`Routing rule ${ruleId} already exists`, ['ruleId']);
  const match = requireMatch(state, data.match, null);
  const serverId = requireTargetServer(state, data.serverId);
  return { type: 'SmtpRoutingRuleAdded', data: { mailboxNumber, ruleId, match, serverId, position: state.rules.length } };
};

const changeRule = ({ data }: ChangeSmtpRoutingRule, state: SmtpSettingsState): SmtpSettingsEvent[] => {
  const mailboxNumber = requireMailbox(data.mailboxNumber);
  const rule = requireRule(state, data.ruleId);
  const next: RoutingRule = { ruleId: rule.ruleId, match: requireMatch(state, data.match, rule.ruleId), serverId: requireTargetServer(state, data.serverId) };
  return sameJson(next, rule) ? [] : [{ type: 'SmtpRoutingRuleChanged', data: { mailboxNumber, ...next } }];
};

const removeRule = ({ data }: RemoveSmtpRoutingRule, state: SmtpSettingsState): SmtpSettingsEvent => {
  const mailboxNumber = requireMailbox(data.mailboxNumber);
  return { type: 'SmtpRoutingRuleRemoved', data: { mailboxNumber, ruleId: requireRule(state, data.ruleId).ruleId } };
};

const reorderRules = ({ data }: ReorderSmtpRoutingRules, state: SmtpSettingsState): SmtpSettingsEvent[] => {
  const mailboxNumber = requireMailbox(data.mailboxNumber);
  const ids = Array.isArray(data.ruleIds) ? data.ruleIds : [];
  const known = new Set(state.rules.map((r) => r.ruleId));
  const unknown = ids.filter((id) => !known.has(id));
  const duplicated = ids.filter((id, i) => ids.indexOf(id) !== i);
  const missing = [...known].filter((id) => !ids.includes(id));
  if (unknown.length + duplicated.length + missing.length > 0) {
    const problems = [
      unknown.length ? `unknown ${unknown.join(', ')}` : '',
      duplicated.length ? `listed twice ${duplicated.join(', ')}` : '',
      missing.length ? `missing ${missing.join(', ')}` : '',
    ].filter(Boolean);
    throw validationError(['ruleIds'], `Expected every one of the ${known.size} rule ids exactly once, got: ${problems.join('; ')}`);
  }
  if (ids.every((id, i) => state.rules[i]!.ruleId === id)) return [];
  return [{ type: 'SmtpRoutingRulesReordered', data: { mailboxNumber, ruleIds: [...ids] } }];
};

const defaultServerEvents = (mailboxNumber: number, state: SmtpSettingsState, serverId: string): SmtpSettingsEvent[] => {
  const target = requireTargetServer(state, serverId, ['defaultServerId']);
  return target === state.defaultServerId ? [] : [{ type: 'DefaultSmtpServerSet', data: { mailboxNumber, serverId: target } }];
};

const bounceEvents = (mailboxNumber: number, state: SmtpSettingsState, input: { kind?: unknown; address?: unknown }): SmtpSettingsEvent[] => {
  const kind = requireOneOf(['bounceDestination', 'kind'], input?.kind, ['FIXED_ADDRESS', 'SENDER'] as const);
  let destination: BounceDestination;
  if (kind === 'FIXED_ADDRESS') destination = { kind, address: requireEmail(['bounceDestination', 'address'], input.address) };
  else if (input.address !== undefined && input.address !== null) {
    throw validationError(['bounceDestination', 'address'], `Expected no address with SENDER (bounces go to each mail's From), got ${show(input.address)}`);
  } else destination = { kind };
  // Field by field: a state read back from the store has its keys in stored (sorted) order.
  const unchanged = state.bounce !== null && state.bounce.kind === destination.kind && (state.bounce.kind === 'SENDER' || state.bounce.address === (destination as { address?: string }).address);
  return unchanged ? [] : [{ type: 'BounceDestinationSet', data: { mailboxNumber, destination } }];
};

/** Both parts are validated before anything is appended, so the screen's change is all or nothing. */
const changeBasicSettings = ({ data }: ChangeSmtpBasicSettings, state: SmtpSettingsState): SmtpSettingsEvent[] => {
  const mailboxNumber = requireMailbox(data.mailboxNumber);
  const hasDefault = data.defaultServerId !== undefined && data.defaultServerId !== null;
  const hasBounce = data.bounceDestination !== undefined && data.bounceDestination !== null;
  if (!hasDefault && !hasBounce) throw validationError([], 'Expected a default server, a bounce destination or both, got neither');
  return [
    ...(hasDefault ? defaultServerEvents(mailboxNumber, state, data.defaultServerId!) : []),
    ...(hasBounce ? bounceEvents(mailboxNumber, state, data.bounceDestination!) : []),
  ];
};

const configureRakuten = ({ data, metadata }: ConfigureRakutenRelay, state: SmtpSettingsState): SmtpSettingsEvent[] => {
  const mailboxNumber = requireMailbox(data.mailboxNumber);
  const realAddress = requireEmail(['realAddress'], data.realAddress);
  if (isRakutenMaskedAddress(realAddress)) {
    throw validationError(['realAddress'], `Expected the store's real address, got the masked address ${show(realAddress)}`);
  }
  const contactAddress = data.contactAddress === null || data.contactAddress === undefined ? null : requireEmail(['contactAddress'], data.contactAddress);
  let passwordCiphertext: string;
  if (data.passwordCiphertext !== null) passwordCiphertext = requireCiphertext(['password'], data.passwordCiphertext);
  else if (state.rakuten) passwordCiphertext = state.rakuten.passwordCiphertext;
  else throw validationError(['password'], 'Expected a password: the Rakuten relay account has none stored yet');
  const relay: RakutenRelay & { readonly user: CheckedText<'accountName'> } = {
    realAddress,
    contactAddress: contactAddress !== null && sameText(contactAddress, realAddress) ? null : contactAddress,
    host: requireHost(['host'], data.host),
    port: requirePort(['port'], data.port),
    encryption: requireOneOf(['encryption'], data.encryption, smtpEncryptions),
    user: requireText(['user'], data.user, 'accountName'),
    passwordCiphertext,
  };
  const receipt = data.tested ? requireTestedSettings(mailboxNumber, data.tested, 'RAKUTEN_RELAY', metadata.now) : null;
  const { passwordCiphertext: _kept, ...settings } = relay;
  const changed: SmtpSettingsEvent[] = sameJson(relay, state.rakuten)
    ? []
    : [{ type: 'RakutenRelayConfigured', data: { mailboxNumber, ...settings, ...(data.passwordCiphertext !== null ? { passwordCiphertext } : {}) } }];
  const alreadyVerified = changed.length === 0 && state.verifications.get(RAKUTEN_RELAY_SERVER_ID)?.testMailId === receipt?.testMailId;
  return receipt && !alreadyVerified ? [...changed, verifiedEvent(mailboxNumber, RAKUTEN_RELAY_SERVER_ID, receipt, metadata)] : changed;
};

const removeRakuten = ({ data }: RemoveRakutenRelay, state: SmtpSettingsState): SmtpSettingsEvent => {
  const mailboxNumber = requireMailbox(data.mailboxNumber);
  if (!state.rakuten) throw notFound('Rakuten relay account of mailbox', String(mailboxNumber));
  return { type: 'RakutenRelayRemoved', data: { mailboxNumber } };
};

export const decideSmtpSettings = (command: SmtpSettingsCommand, state: SmtpSettingsState): SmtpSettingsEvent | readonly SmtpSettingsEvent[] => {
  switch (command.type) {
    case 'AddSmtpServer':
      return addServer(command, state);
    case 'ChangeSmtpServer':
      return changeServer(command, state);
    case 'RemoveSmtpServer':
      return removeServer(command, state);
    case 'AddSmtpRoutingRule':
      return addRule(command, state);
    case 'ChangeSmtpRoutingRule':
      return changeRule(command, state);
    case 'RemoveSmtpRoutingRule':
      return removeRule(command, state);
    case 'ReorderSmtpRoutingRules':
      return reorderRules(command, state);
    case 'ChangeSmtpBasicSettings':
      return changeBasicSettings(command, state);
    case 'ConfigureRakutenRelay':
      return configureRakuten(command, state);
    case 'RemoveRakutenRelay':
      return removeRakuten(command, state);
    case 'ConfirmTestMail':
      return confirmTestMail(command, state);
    default:
      return assertNever(command);
  }
};

export const smtpSettingsDecider: Decider<SmtpSettingsState, SmtpSettingsCommand, SmtpSettingsEvent> = {
  decide: decideSmtpSettings,
  evolve: evolveSmtpSettings,
  initialState: initialSmtpSettingsState,
};
