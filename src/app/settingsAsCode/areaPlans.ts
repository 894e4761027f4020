import type { ReceiveAccountInput } from '../../domain/inbound/receiveAccounts.decider.js';
import type { SmtpAuthInput, SmtpPasswordMechanism } from '../../domain/outbound/smtpSettings.events.js';
import { illegalState } from '../../domain/shared/errors.js';
import { importDkimPrivateKey } from '../../mail/dkim/dkimKeys.js';
import type { DkimAlgorithm } from '../../domain/outbound/dkimSettings.events.js';
import { type DkimDoc, type AccessDoc, type ConfigurationDocument, type InboundDoc, type IntegrationsDoc, type SecretRef, type SmtpDoc, usesServiceKeyDoc } from './document.js';
import { documentOf, type MailboxStates } from './mailboxStates.js';
import { planOAuthCredentials } from './oauthCredentialPlans.js';
import { keepsSecret, type PlanContext, type PlannedStep, same, secretOf } from './plannedStep.js';

/**
 * From "what the document wants" and "what the streams hold" to the commands of the real
 * deciders, in the order they must run. Only differences become commands; whether a
 * command is allowed (limits, Rakuten rules, the self-lockout guard, a missing password)
 * is left entirely to the decider it goes to, so a plan refuses exactly what the
 * mutations would refuse.
 */
export type { PlanContext, PlannedStep } from './plannedStep.js';

const withoutSecrets = (v: unknown): unknown =>
  JSON.parse(JSON.stringify(v, (k, x) => (k === 'password' && x && typeof x === 'object' ? (keepsSecret(x as SecretRef) ? 'kept' : 'new') : x)));

type Steps = PlannedStep[];

const planSmtp = async (want: SmtpDoc, s: MailboxStates, ctx: PlanContext, steps: Steps): Promise<void> => {
  const m = ctx.mailboxNumber;
  const have = documentOf(m, 0, s).outbound!.smtp;
  const base = ['outbound', 'smtp'];
  for (const [serverId, w] of Object.entries(want.servers)) {
    const h = have.servers[serverId];
    if (h && same(withoutSecrets(h), withoutSecrets(w))) continue;
    const path = [...base, 'servers', serverId];
    let auth: SmtpAuthInput;
    let refusal: Error | undefined;
    if (w.auth.method === 'PASSWORD') {
      const secret = await secretOf(ctx, [...path, 'auth', 'password'], w.auth.password);
      auth = { method: 'PASSWORD', user: w.auth.user, passwordCiphertext: secret.ciphertext, mechanism: w.auth.mechanism as SmtpPasswordMechanism };
      refusal = secret.refusal;
    } else if (w.auth.method === 'NONE') {
      auth = { method: 'NONE' };
    } else {
      auth = { method: 'OAUTH', user: w.auth.user, oauthCredentialId: w.auth.oauthCredentialId };
    }
    const type = h ? 'ChangeSmtpServer' : 'AddSmtpServer';
    const data = { mailboxNumber: m, serverId, name: w.name, host: w.host, port: w.port, encryption: w.encryption, auth };
    steps.push({ area: 'smtp', path, summary: `${h ? 'change' : 'add'} SMTP server ${JSON.stringify(w.name)}`, command: { type, data }, ...(refusal ? { refusal } : {}) });
  }
  const wantRules = new Map(want.rules.map((r) => [r.ruleId, r]));
  for (const r of have.rules) {
    if (!wantRules.has(r.ruleId)) steps.push({ area: 'smtp', path: [...base, 'rules'], summary: `remove routing rule ${r.matchKind} ${r.matchValue}`, command: { type: 'RemoveSmtpRoutingRule', data: { mailboxNumber: m, ruleId: r.ruleId } } });
  }
  const haveRules = new Map(have.rules.map((r) => [r.ruleId, r]));
  want.rules.forEach((r, i) => {
    const h = haveRules.get(r.ruleId);
    if (h && same(h, r)) return;
    const data = { mailboxNumber: m, ruleId: r.ruleId, match: { kind: r.matchKind, value: r.matchValue }, serverId: r.serverId };
    steps.push({ area: 'smtp', path: [...base, 'rules', String(i)], summary: `${h ? 'change' : 'add'} routing rule ${r.matchKind} ${r.matchValue} → ${r.serverId}`, command: { type: h ? 'ChangeSmtpRoutingRule' : 'AddSmtpRoutingRule', data } });
  });
  const kept = have.rules.filter((r) => wantRules.has(r.ruleId)).map((r) => r.ruleId);
  const order = want.rules.map((r) => r.ruleId);
  const afterAdds = [...kept, ...order.filter((id) => !haveRules.has(id))];
  if (!same(afterAdds, order)) steps.push({ area: 'smtp', path: [...base, 'rules'], summary: 'reorder routing rules', command: { type: 'ReorderSmtpRoutingRules', data: { mailboxNumber: m, ruleIds: order } } });
  const basic: Record<string, unknown> = {};
  if (want.defaultServerId !== have.defaultServerId) basic['defaultServerId'] = want.defaultServerId;
  if (!same(want.bounceDestination, have.bounceDestination)) {
    if (want.bounceDestination === null) {
      steps.push({ area: 'smtp', path: [...base, 'bounceDestination'], summary: 'clear the bounce destination', command: { type: 'ChangeSmtpBasicSettings', data: { mailboxNumber: m } }, refusal: illegalState('Expected a bounce destination (SENDER or FIXED_ADDRESS): once set it cannot be cleared, only changed', ['bounceDestination']) });
    } else basic['bounceDestination'] = want.bounceDestination;
  }
  if (Object.keys(basic).length) steps.push({ area: 'smtp', path: base, summary: `change basic settings (${Object.keys(basic).join(', ')})`, command: { type: 'ChangeSmtpBasicSettings', data: { mailboxNumber: m, ...basic } } });
  for (const serverId of Object.keys(have.servers)) {
    if (!(serverId in want.servers)) steps.push({ area: 'smtp', path: [...base, 'servers', serverId], summary: `remove SMTP server ${JSON.stringify(have.servers[serverId]!.name)}`, command: { type: 'RemoveSmtpServer', data: { mailboxNumber: m, serverId } } });
  }
  const wr = want.rakutenRelay;
  if (wr === null && have.rakutenRelay !== null) {
    steps.push({ area: 'smtp', path: [...base, 'rakutenRelay'], summary: 'remove the Rakuten relay', command: { type: 'RemoveRakutenRelay', data: { mailboxNumber: m } } });
  } else if (wr !== null && !same(withoutSecrets(wr), withoutSecrets(have.rakutenRelay))) {
    const path = [...base, 'rakutenRelay'];
    const secret = await secretOf(ctx, [...path, 'password'], wr.password);
    const { password: _p, ...fields } = wr;
    steps.push({ area: 'smtp', path, summary: `configure the Rakuten relay for ${wr.realAddress}`, command: { type: 'ConfigureRakutenRelay', data: { mailboxNumber: m, ...fields, passwordCiphertext: secret.ciphertext } }, ...(secret.refusal ? { refusal: secret.refusal } : {}) });
  }
};

/**
 * Signatures are immutable (no change command): new ones are added first, then conditions
 * and the default are pointed at them, and only then are dropped signatures removed, so the
 * decider's "still in use" rule never trips on the way. A new signature needs its private
 * key as { value: PEM } (the public key, bits and algorithm are derived from it, as
 * addDkimSignature does), or a revert's past ciphertext.
 */
const planDkim = async (want: DkimDoc, s: MailboxStates, ctx: PlanContext, steps: Steps): Promise<void> => {
  const m = ctx.mailboxNumber;
  const have = documentOf(m, 0, s).outbound!.dkim;
  const base = ['outbound', 'dkim'];
  for (const [signatureId, w] of Object.entries(want.signatures)) {
    const h = have.signatures[signatureId];
    const path = [...base, 'signatures', signatureId];
    if (usesServiceKeyDoc(w) || (h && usesServiceKeyDoc(h))) {
      if (h && !same(h, w)) {
        steps.push({ area: 'dkim', path, summary: `change DKIM signature ${JSON.stringify(w.name)}`, command: { type: 'AddDkimSignature', data: { mailboxNumber: m, signatureId } }, refusal: illegalState('Expected an unchanged DKIM signature: a signature cannot be changed; remove it and add a new one under a new id', []) });
      } else if (!h) {
        steps.push({ area: 'dkim', path, summary: `add DKIM signature ${JSON.stringify(w.name)} (the service's key)`, command: { type: 'AddDkimSignature', data: { mailboxNumber: m, signatureId, ...w } } });
      }
      continue;
    }
    const { privateKey, ...fields } = w;
    if (h) {
      const { privateKey: _k, ...current } = h;
      if (!same(current, fields) || !keepsSecret(privateKey)) {
        steps.push({ area: 'dkim', path, summary: `change DKIM signature ${JSON.stringify(w.name)}`, command: { type: 'AddDkimSignature', data: { mailboxNumber: m, signatureId } }, refusal: illegalState('Expected an unchanged DKIM signature: a signature cannot be changed; remove it and add a new one under a new id', []) });
      }
      continue;
    }
    let data: Record<string, unknown> = { mailboxNumber: m, signatureId, ...fields };
    let refusal: Error | undefined;
    try {
      if ('value' in privateKey) {
        const key = importDkimPrivateKey(['privateKey'], privateKey.value, fields.algorithm as DkimAlgorithm);
        data = { ...data, algorithm: key.algorithm, keySource: 'IMPORTED', keyBits: key.keyBits, publicKey: key.publicKey, privateKeyCiphertext: await ctx.encrypt(key.privateKeyPem) };
      } else {
        const ciphertext = await ctx.secret([...path, 'privateKey'], privateKey);
        if (ciphertext === null) throw illegalState('Expected the private key as { value: "-----BEGIN PRIVATE KEY-----…" }: a new signature has no stored key to keep', ['privateKey']);
        data = { ...data, privateKeyCiphertext: ciphertext };
      }
    } catch (err) {
      refusal = err as Error;
    }
    steps.push({ area: 'dkim', path, summary: `add DKIM signature ${JSON.stringify(w.name)} (${w.selector}._domainkey.${w.domain})`, command: { type: 'AddDkimSignature', data }, ...(refusal ? { refusal } : {}) });
  }
  for (const [conditionId, h] of Object.entries(have.conditions)) {
    if (!(conditionId in want.conditions)) steps.push({ area: 'dkim', path: [...base, 'conditions', conditionId], summary: `remove DKIM condition for ${h.fromAddress}`, command: { type: 'RemoveDkimCondition', data: { mailboxNumber: m, conditionId } } });
  }
  for (const [conditionId, w] of Object.entries(want.conditions)) {
    const h = have.conditions[conditionId];
    if (h && same(h, w)) continue;
    steps.push({ area: 'dkim', path: [...base, 'conditions', conditionId], summary: `${h ? 'change' : 'add'} DKIM condition for ${w.fromAddress}`, command: { type: h ? 'ChangeDkimCondition' : 'AddDkimCondition', data: { mailboxNumber: m, conditionId, ...w } } });
  }
  if (want.defaultSignatureId !== have.defaultSignatureId) {
    steps.push({ area: 'dkim', path: [...base, 'defaultSignatureId'], summary: `set the default DKIM signature to ${want.defaultSignatureId ?? 'none'}`, command: { type: 'SetDefaultDkimSignature', data: { mailboxNumber: m, signatureId: want.defaultSignatureId } } });
  }
  for (const [signatureId, h] of Object.entries(have.signatures)) {
    if (!(signatureId in want.signatures)) steps.push({ area: 'dkim', path: [...base, 'signatures', signatureId], summary: `remove DKIM signature ${JSON.stringify(h.name)}`, command: { type: 'RemoveDkimSignature', data: { mailboxNumber: m, signatureId } } });
  }
};

/**
 * Deletions first, so replacing accounts never trips the per-mailbox limit on the way;
 * credentials are registered, changed and enabled before the accounts that use them, and
 * disabled or deleted after the accounts that stop using them.
 */
const planInbound = async (want: InboundDoc, s: MailboxStates, ctx: PlanContext, steps: Steps): Promise<void> => {
  const m = ctx.mailboxNumber;
  const have = documentOf(m, 0, s).inbound!;
  const base = ['inbound', 'receiveAccounts'];
  const credentials = want.oauthCredentials ? await planOAuthCredentials(want.oauthCredentials, want, s, ctx) : { before: [], after: [] };
  steps.push(...credentials.before);
  for (const [accountId, h] of Object.entries(have.receiveAccounts)) {
    if (!(accountId in want.receiveAccounts)) steps.push({ area: 'receive', path: [...base, accountId], summary: `delete receive account ${JSON.stringify(h.displayName)}`, command: { type: 'DeleteReceiveAccount', data: { mailboxNumber: m, accountId } } });
  }
  for (const [accountId, w] of Object.entries(want.receiveAccounts)) {
    const h = have.receiveAccounts[accountId];
    if (h && same(withoutSecrets(h), withoutSecrets(w))) continue;
    const path = [...base, accountId];
    const { auth, ...rest } = w;
    // Enumerations stay strings here: the decider checks them and names the field.
    const fields = rest as unknown as Omit<ReceiveAccountInput, 'authMethod' | 'username' | 'passwordCiphertext' | 'credentialId'>;
    let input: ReceiveAccountInput;
    let refusal: Error | undefined;
    if (auth.method === 'PASSWORD') {
      const secret = await secretOf(ctx, [...path, 'auth', 'password'], auth.password);
      refusal = secret.refusal;
      input = { ...fields, authMethod: 'PASSWORD', username: auth.username, ...(secret.ciphertext !== null ? { passwordCiphertext: secret.ciphertext } : {}) };
    } else {
      input = { ...fields, authMethod: 'OAUTH2', username: auth.username, credentialId: auth.credentialId };
    }
    const oauthCredential = await ctx.lookupOAuthCredential(auth.method === 'OAUTH2' ? auth.credentialId : null);
    const data = { mailboxNumber: m, accountId, input, oauthCredential };
    steps.push({ area: 'receive', path, summary: `${h ? 'change' : 'add'} receive account ${JSON.stringify(w.displayName)}`, command: { type: h ? 'ChangeReceiveAccount' : 'AddReceiveAccount', data }, ...(refusal ? { refusal } : {}) });
  }
  if (!same(want.autoFetch, have.autoFetch)) {
    steps.push({ area: 'receive', path: ['inbound', 'autoFetch'], summary: 'change auto-fetch', command: { type: 'ChangeAutoFetchSettings', data: { mailboxNumber: m, ...want.autoFetch } } });
  }
  steps.push(...credentials.after);
};

const planAccess = (want: AccessDoc, s: MailboxStates, ctx: PlanContext, steps: Steps): void => {
  const m = ctx.mailboxNumber;
  const have = documentOf(m, 0, s).access!;
  if (want.lockPolicy === null && have.lockPolicy !== null) {
    steps.push({ area: 'lockPolicy', path: ['access', 'lockPolicy'], summary: 'unset the lock policy', command: { type: 'ConfigureLockPolicy', data: { mailboxNumber: m } }, refusal: illegalState('Expected a lock policy: once configured it cannot be unset, only changed (enabled: false turns it off)', ['lockPolicy']) });
  } else if (want.lockPolicy !== null && !same(want.lockPolicy, have.lockPolicy)) {
    steps.push({ area: 'lockPolicy', path: ['access', 'lockPolicy'], summary: 'configure the lock policy', command: { type: 'ConfigureLockPolicy', data: { mailboxNumber: m, ...want.lockPolicy } } });
  }
  if (!same(want.apiRestriction, have.apiRestriction)) {
    steps.push({ area: 'restriction', path: ['access', 'apiRestriction'], summary: `configure the API restriction (${want.apiRestriction.enabled ? 'on' : 'off'})`, command: { type: 'ConfigureApiRestriction', data: { mailboxNumber: m, ...want.apiRestriction, force: false, requester: ctx.requester } } });
  }
  // Last: the self-lockout guard then judges the applier against the final lists.
  if (!same(want.ipRestriction, have.ipRestriction)) {
    steps.push({ area: 'restriction', path: ['access', 'ipRestriction'], summary: `configure the IP restriction (${want.ipRestriction.enabled ? 'on' : 'off'})`, command: { type: 'ConfigureIpRestriction', data: { mailboxNumber: m, ...want.ipRestriction, force: false, requester: ctx.requester } } });
  }
};

/** Removals first: they free names and room under the limit of 50 for what is added. */
const planExternalCalls = (want: IntegrationsDoc['externalCalls'], s: MailboxStates, ctx: PlanContext, steps: Steps): void => {
  const m = ctx.mailboxNumber;
  const base = ['integrations', 'externalCalls'];
  const have = s.externalCalls.calls;
  for (const [callId, h] of have) {
    if (!(callId in want)) steps.push({ area: 'externalCalls', path: [...base, callId], summary: `remove external call ${JSON.stringify(h.name)}`, command: { type: 'RemoveExternalCall', data: { mailboxNumber: m, callId } } });
  }
  for (const [callId, w] of Object.entries(want)) {
    const h = have.get(callId);
    if (h && same({ ...h }, w)) continue;
    steps.push({ area: 'externalCalls', path: [...base, callId], summary: `${h ? 'change' : 'add'} external call ${JSON.stringify(w.name)}`, command: { type: h ? 'ChangeExternalCall' : 'AddExternalCall', data: { mailboxNumber: m, callId, ...w } } });
  }
};

/** Removals first (room under the limit, names freed); a destination's kind never changes. */
const planChatDestinations = async (want: IntegrationsDoc['chatDestinations'], s: MailboxStates, ctx: PlanContext, steps: Steps): Promise<void> => {
  const m = ctx.mailboxNumber;
  const base = ['integrations', 'chatDestinations'];
  const have = documentOf(m, 0, s).integrations!.chatDestinations;
  for (const [destinationId, h] of Object.entries(have)) {
    if (!(destinationId in want)) steps.push({ area: 'chatDestinations', path: [...base, destinationId], summary: `remove chat destination ${JSON.stringify(h.name)}`, command: { type: 'RemoveChatDestination', data: { mailboxNumber: m, destinationId } } });
  }
  for (const [destinationId, w] of Object.entries(want)) {
    const h = have[destinationId];
    const path = [...base, destinationId];
    const { credential, ...fields } = w;
    if (h && same({ ...h, credential: 'kept' }, { ...w, credential: keepsSecret(credential) ? 'kept' : 'new' })) continue;
    if (h && h.kind !== w.kind) {
      steps.push({ area: 'chatDestinations', path, summary: `change the kind of chat destination ${JSON.stringify(w.name)}`, command: { type: 'ChangeChatDestination', data: { mailboxNumber: m, destinationId } }, refusal: illegalState(`Expected kind ${h.kind}: a destination's kind cannot change; remove it and add a new one under a new id`, ['kind']) });
      continue;
    }
    let ciphertext: string | null = null;
    let refusal: Error | undefined;
    try {
      ciphertext = 'value' in credential ? await ctx.chatCredential(w.kind, credential.value) : await ctx.secret([...path, 'credential'], credential);
      if (!h && ciphertext === null) throw illegalState('Expected the credential as { value: "…" } (webhook URL or API token): a new destination has no stored one to keep', ['credential']);
    } catch (err) {
      refusal = err as Error;
    }
    const { kind: _kind, ...changeable } = fields;
    const data = h ? { mailboxNumber: m, destinationId, ...changeable, credentialCiphertext: ciphertext } : { mailboxNumber: m, destinationId, ...fields, credentialCiphertext: ciphertext ?? '' };
    steps.push({ area: 'chatDestinations', path, summary: `${h ? 'change' : 'add'} chat destination ${JSON.stringify(w.name)}`, command: { type: h ? 'ChangeChatDestination' : 'AddChatDestination', data }, ...(refusal ? { refusal } : {}) });
  }
};

/** One configuration per kind; a kind the document drops is removed. */
const planMessageChannels = async (want: IntegrationsDoc['messageChannels'], s: MailboxStates, ctx: PlanContext, steps: Steps): Promise<void> => {
  const m = ctx.mailboxNumber;
  const base = ['integrations', 'messageChannels'];
  const have = documentOf(m, 0, s).integrations!.messageChannels;
  for (const channel of Object.keys(have)) {
    if (!(channel in want)) steps.push({ area: 'messageChannels', path: [...base, channel], summary: `remove the ${channel} channel`, command: { type: 'RemoveMessageChannel', data: { mailboxNumber: m, channel } } });
  }
  for (const [channel, w] of Object.entries(want)) {
    const h = have[channel];
    if (h && same(withoutSecretRefs(h), withoutSecretRefs(w))) continue;
    const path = [...base, channel];
    const secretCiphertexts: Record<string, string> = {};
    let refusal: Error | undefined;
    for (const [name, ref] of Object.entries(w.secrets)) {
      try {
        const ciphertext = 'value' in ref ? await ctx.channelSecret(channel, name, ref.value) : await ctx.secret([...path, 'secrets', name], ref);
        if (ciphertext !== null) secretCiphertexts[name] = ciphertext;
      } catch (err) {
        refusal ??= err as Error;
      }
    }
    steps.push({ area: 'messageChannels', path, summary: `configure the ${channel} channel`, command: { type: 'ConfigureMessageChannel', data: { mailboxNumber: m, channel, settings: w.settings, secretCiphertexts, enabled: w.enabled } }, ...(refusal ? { refusal } : {}) });
  }
};

const withoutSecretRefs = (c: IntegrationsDoc['messageChannels'][string]) => ({ ...c, secrets: Object.fromEntries(Object.entries(c.secrets).map(([n, r]) => [n, keepsSecret(r) ? 'kept' : 'new'])) });

const planIntegrations = async (want: IntegrationsDoc, s: MailboxStates, ctx: PlanContext, steps: Steps): Promise<void> => {
  planExternalCalls(want.externalCalls, s, ctx, steps);
  await planChatDestinations(want.chatDestinations, s, ctx, steps);
  await planMessageChannels(want.messageChannels, s, ctx, steps);
  const have = s.noticeLanguage.language;
  if (want.noticeLanguage === have) return;
  const path = ['integrations', 'noticeLanguage'];
  if (want.noticeLanguage === null) {
    steps.push({ area: 'noticeLanguage', path, summary: 'go back to the deployment default notice language', command: { type: 'SetNoticeLanguage', data: { mailboxNumber: ctx.mailboxNumber } }, refusal: illegalState('Expected a notice language (ja or en): once chosen, a mailbox cannot go back to the deployment default', ['language']) });
    return;
  }
  steps.push({ area: 'noticeLanguage', path, summary: `set the notice language to ${want.noticeLanguage}`, command: { type: 'SetNoticeLanguage', data: { mailboxNumber: ctx.mailboxNumber, language: want.noticeLanguage } } });
};

/** The steps that turn `current` into what `doc` wants, area by area; absent areas are left alone. */
export const planSteps = async (doc: ConfigurationDocument, current: MailboxStates, ctx: PlanContext): Promise<PlannedStep[]> => {
  const steps: PlannedStep[] = [];
  if (doc.integrations) await planIntegrations(doc.integrations, current, ctx, steps);
  if (doc.outbound) {
    await planSmtp(doc.outbound.smtp, current, ctx, steps);
    await planDkim(doc.outbound.dkim, current, ctx, steps);
  }
  if (doc.inbound) await planInbound(doc.inbound, current, ctx, steps);
  if (doc.access) planAccess(doc.access, current, ctx, steps);
  return steps;
};
