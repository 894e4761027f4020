import { requireEmail } from '../identity/validation.js';
import { usesServiceKey, type DkimAlgorithm, type DkimCondition, type DkimSignature, type DkimSignatureKind } from './dkimSettings.events.js';
import {
  BUILTIN_SERVER_ID,
  BUILTIN_SERVER_NAME,
  RAKUTEN_RELAY_NAME,
  RAKUTEN_RELAY_SERVER_ID,
  type BounceDestination,
  type RoutingRule,
} from './smtpSettings.events.js';

/**
 * THE routing decision for outgoing mail: which server carries it, which DKIM key signs
 * it, or why it is refused — and which rule decided. Every rule of the spec sections 3, 4
 * and 7 (and of the manual's メール送信(SMTP)サーバの設定, 楽天あんしんメルアドサービス and
 * 電子署名の設定) that concerns a single mail is in `decideOutboundRoute`, in this order:
 *
 * 1. Rakuten masked addresses (`*@*.fw.rakuten.ne.jp`) among To/Cc/Bcc:
 *    a. direct (bulk) mail to them is refused;
 *    b. without a Rakuten relay account, any mail to them is refused;
 * 2. the Rakuten relay carries a mail when From is the store real address AND To/Cc/Bcc
 *    holds a masked address or the store contact address (test mail too: the manual says
 *    テストメール送信時も同様); anything else follows the normal rules below;
 * 3. a test mail goes through the server it tests;
 * 4. inquiry-form notices, sort-rule forwards, on-receipt forwards and system notices
 *    always use the default server;
 * 5. otherwise the first From rule that matches, in the administrator's order;
 * 6. otherwise the default server (the built-in one until another is chosen).
 * DKIM: never for a mail with a masked recipient, nor for one through the Rakuten relay;
 * otherwise the condition for the exact From address, else the default signature, else
 * unsigned. Bounces: the envelope sender is the fixed bounce address, or the From.
 *
 * Pure: the configuration and the mail come in, a decision goes out.
 */

export const MailKind = {
  /** An operator's reply or new mail. */
  USER_MAIL: 'USER_MAIL',
  /** ダイレクトメール: bulk mail; never to masked addresses. */
  DIRECT_MAIL: 'DIRECT_MAIL',
  /** 問い合わせフォームの問い合わせ内容送信メール */
  INQUIRY_FORM_NOTICE: 'INQUIRY_FORM_NOTICE',
  /** 振り分け設定の自動転送メール */
  SORT_RULE_FORWARD: 'SORT_RULE_FORWARD',
  /** POP/IMAP 受信時の自動転送メール */
  RECEIPT_FORWARD: 'RECEIPT_FORWARD',
  /** The product's own notices (receive errors, account locks, …). */
  SYSTEM_NOTICE: 'SYSTEM_NOTICE',
  /** A test mail through one chosen server (`pinnedServerId`). */
  TEST_MAIL: 'TEST_MAIL',
} as const;
export type MailKind = (typeof MailKind)[keyof typeof MailKind];
export const mailKinds: readonly MailKind[] = Object.values(MailKind);

/** The manual's 標準設定したSMTPサーバで送信されるメール, plus the product's own notices. */
export const DEFAULT_SERVER_KINDS: ReadonlySet<MailKind> = new Set<MailKind>([
  MailKind.INQUIRY_FORM_NOTICE,
  MailKind.SORT_RULE_FORWARD,
  MailKind.RECEIPT_FORWARD,
  MailKind.SYSTEM_NOTICE,
]);

const MASKED_ADDRESS = /^[^@\s]+@(?:[a-z0-9-]+\.)+fw\.rakuten\.ne\.jp$/i;

/** 楽天あんしんメルアド: a masked buyer address, `****@**.fw.rakuten.ne.jp`. */
export const isRakutenMaskedAddress = (address: string): boolean => MASKED_ADDRESS.test(address);

export type RoutingServerKind = 'BUILT_IN' | 'EXTERNAL' | 'RAKUTEN_RELAY';
export interface RoutingServer {
  readonly id: string;
  readonly name: string;
  readonly kind: RoutingServerKind;
}

export interface RoutingDkimSignature {
  readonly signatureId: string;
  readonly name: string;
  readonly kind: DkimSignatureKind;
  /** For a service-key signature: the deployment's d= ('' when the deployment has none configured). */
  readonly domain: string;
  readonly selector: string;
  readonly algorithm: DkimAlgorithm;
  readonly keyBits: number;
  readonly bodyLengthLimit: number | null;
  /** Signed with the deployment's third-party key, not one of the mailbox's. */
  readonly serviceKey: boolean;
}

/** The public facts of the deployment's third-party DKIM key (MAILROOM_DKIM_THIRD_PARTY_*). */
export interface ServiceDkimIdentity {
  readonly domain: string;
  readonly selector: string;
  readonly algorithm: DkimAlgorithm;
  readonly keyBits: number;
}

/** Routing's view of one signature; a service-key signature takes d=, s= and the algorithm from the deployment. */
export const routingDkimSignature = (s: DkimSignature, service: ServiceDkimIdentity | null): RoutingDkimSignature =>
  usesServiceKey(s)
    ? {
        signatureId: s.signatureId,
        name: s.name,
        kind: s.kind,
        domain: service?.domain ?? '',
        selector: service?.selector ?? '',
        algorithm: service?.algorithm ?? 'RSA_SHA256',
        keyBits: service?.keyBits ?? 0,
        bodyLengthLimit: s.bodyLengthLimit,
        serviceKey: true,
      }
    : {
        signatureId: s.signatureId,
        name: s.name,
        kind: s.kind,
        domain: s.domain,
        selector: s.selector,
        algorithm: s.algorithm,
        keyBits: s.keyBits,
        bodyLengthLimit: s.bodyLengthLimit,
        serviceKey: false,
      };

/** What routing needs to know of a mailbox's settings; no secrets. Build it with `routingConfig`. */
export interface OutboundRoutingConfig {
  /** Every server rules may name, the built-in one included. */
  readonly servers: ReadonlyMap<string, RoutingServer>;
  /** In evaluation order; match values lower-cased. */
  readonly rules: readonly RoutingRule[];
  readonly defaultServerId: string;
  readonly bounce: BounceDestination | null;
  /** Addresses lower-cased. */
  readonly rakuten: { readonly realAddress: string; readonly contactAddress: string } | null;
  readonly dkimSignatures: ReadonlyMap<string, RoutingDkimSignature>;
  /** Keyed by the lower-cased From address. */
  readonly dkimConditions: ReadonlyMap<string, DkimCondition>;
  readonly defaultDkimSignatureId: string | null;
}

export interface RoutingConfigInput {
  readonly externalServers: readonly { readonly serverId: string; readonly name: string }[];
  readonly rules: readonly RoutingRule[];
  readonly defaultServerId: string;
  readonly bounce: BounceDestination | null;
  readonly rakuten: { readonly realAddress: string; readonly contactAddress: string | null } | null;
  readonly dkimSignatures: readonly RoutingDkimSignature[];
  readonly dkimConditions: readonly DkimCondition[];
  readonly defaultDkimSignatureId: string | null;
}

/** Normalizes settings (from events or read models alike) into the shape routing reads fast. */
export const routingConfig = (input: RoutingConfigInput): OutboundRoutingConfig => {
  const servers = new Map<string, RoutingServer>([[BUILTIN_SERVER_ID, { id: BUILTIN_SERVER_ID, name: BUILTIN_SERVER_NAME, kind: 'BUILT_IN' }]]);
  for (const s of input.externalServers) servers.set(s.serverId, { id: s.serverId, name: s.name, kind: 'EXTERNAL' });
  const rakuten = input.rakuten && {
    realAddress: input.rakuten.realAddress.toLowerCase(),
    contactAddress: (input.rakuten.contactAddress ?? input.rakuten.realAddress).toLowerCase(),
  };
  return {
    servers,
    rules: input.rules.map((r) => ({ ...r, match: { kind: r.match.kind, value: r.match.value.toLowerCase() } })),
    defaultServerId: input.defaultServerId,
    bounce: input.bounce,
    rakuten,
    // Fields picked one by one: callers may hand in whole signatures, and key material must not ride along.
    dkimSignatures: new Map(
      input.dkimSignatures.map(({ signatureId, name, kind, domain, selector, algorithm, keyBits, bodyLengthLimit, serviceKey }) => [
        signatureId,
        { signatureId, name, kind, domain, selector, algorithm, keyBits, bodyLengthLimit, serviceKey },
      ]),
    ),
    dkimConditions: new Map(
      input.dkimConditions.map(({ conditionId, fromAddress, signatureId }) => [fromAddress.toLowerCase(), { conditionId, fromAddress, signatureId }]),
    ),
    defaultDkimSignatureId: input.defaultDkimSignatureId,
  };
};

export interface OutgoingEnvelope {
  readonly from: string;
  readonly to: readonly string[];
  readonly cc?: readonly string[];
  readonly bcc?: readonly string[];
  readonly kind: MailKind;
  /** TEST_MAIL only: the server under test (an external id, `builtin` or `rakuten-relay`). */
  readonly pinnedServerId?: string | null;
}

export type ServerStep = 'RAKUTEN_RELAY' | 'PINNED_SERVER' | 'DEFAULT_SERVER_KIND' | 'FROM_RULE' | 'DEFAULT_SERVER';
export type DkimStep = 'MASKED_RECIPIENT' | 'RAKUTEN_RELAY' | 'FROM_CONDITION' | 'DEFAULT_SIGNATURE' | 'NO_SIGNATURE';
export type RefusalCode =
  | 'DIRECT_MAIL_TO_MASKED_ADDRESS'
  | 'MASKED_ADDRESS_WITHOUT_RAKUTEN_RELAY'
  | 'NO_RECIPIENTS'
  | 'UNKNOWN_SERVER'
  | 'RAKUTEN_RELAY_NOT_CONFIGURED';
export type RouteWarningCode = 'MASKED_RECIPIENT_OUTSIDE_RELAY' | 'TEST_NOT_THROUGH_RAKUTEN_RELAY' | 'TEST_SERVER_BYPASSED' | 'DKIM_DOMAIN_DIFFERS_FROM_FROM';

export interface RouteReason<Step extends string> {
  readonly step: Step;
  /** The routing rule or DKIM condition that decided, when one did. */
  readonly ruleId: string | null;
  readonly message: string;
}

export interface RouteWarning {
  readonly code: RouteWarningCode;
  readonly message: string;
}

export type OutboundRouteDecision =
  | {
      readonly outcome: 'REFUSED';
      readonly refusal: { readonly code: RefusalCode; readonly message: string; readonly addresses: readonly string[] };
    }
  | {
      readonly outcome: 'SEND';
      readonly server: RoutingServer;
      readonly serverReason: RouteReason<ServerStep>;
      readonly dkim: RoutingDkimSignature | null;
      readonly dkimReason: RouteReason<DkimStep>;
      /** MAIL FROM (RFC 5321 §4.1.1.2): where bounces go. */
      readonly envelopeFrom: string;
      /** To, Cc and Bcc without duplicates: the RCPT TO list. */
      readonly recipients: readonly string[];
      readonly warnings: readonly RouteWarning[];
    };

const refuse = (code: RefusalCode, message: string, addresses: readonly string[] = []): OutboundRouteDecision => ({
  outcome: 'REFUSED',
  refusal: { code, message, addresses },
});

const RAKUTEN_SERVER: RoutingServer = { id: RAKUTEN_RELAY_SERVER_ID, name: RAKUTEN_RELAY_NAME, kind: 'RAKUTEN_RELAY' };
const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);
const ruleLabel = (index: number, rule: RoutingRule) =>
  `routing rule #${index + 1} (${rule.match.kind === 'DOMAIN' ? `From domain ${rule.match.value}` : `From ${rule.match.value}`})`;

const collectRecipients = (mail: OutgoingEnvelope): string[] => {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const field of ['to', 'cc', 'bcc'] as const) {
    (mail[field] ?? []).forEach((raw, i) => {
      const address = requireEmail([field, String(i)], raw);
      const key = address.toLowerCase();
      if (!seen.has(key)) (seen.add(key), out.push(address));
    });
  }
  return out;
};

type ServerChoice = { server: RoutingServer; reason: RouteReason<ServerStep> } | OutboundRouteDecision;

const chooseNormalServer = (config: OutboundRoutingConfig, mail: OutgoingEnvelope, from: string): ServerChoice => {
  const fallback = config.servers.get(config.defaultServerId) ?? config.servers.get(BUILTIN_SERVER_ID)!;
  if (mail.kind === 'TEST_MAIL' && mail.pinnedServerId && mail.pinnedServerId !== RAKUTEN_RELAY_SERVER_ID) {
    const pinned = config.servers.get(mail.pinnedServerId);
    if (!pinned) return refuse('UNKNOWN_SERVER', `SMTP server ${JSON.stringify(mail.pinnedServerId)} does not exist in this mailbox`);
    return { server: pinned, reason: { step: 'PINNED_SERVER', ruleId: null, message: `Test mail through the chosen server ${JSON.stringify(pinned.name)}` } };
  }
  if (DEFAULT_SERVER_KINDS.has(mail.kind)) {
    const message = `${mail.kind} mail always uses the default server ${JSON.stringify(fallback.name)}; From rules do not apply`;
    return { server: fallback, reason: { step: 'DEFAULT_SERVER_KIND', ruleId: null, message } };
  }
  const fromLower = from.toLowerCase();
  const fromDomain = domainOf(fromLower);
  const rules = config.rules;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (rule.match.value !== (rule.match.kind === 'ADDRESS' ? fromLower : fromDomain)) continue;
    const server = config.servers.get(rule.serverId) ?? fallback;
    return { server, reason: { step: 'FROM_RULE', ruleId: rule.ruleId, message: `From ${from} matched ${ruleLabel(i, rule)} → ${JSON.stringify(server.name)}` } };
  }
  const message = `No routing rule matched From ${from}: the default server ${JSON.stringify(fallback.name)} is used`;
  return { server: fallback, reason: { step: 'DEFAULT_SERVER', ruleId: null, message } };
};

const chooseDkim = (
  config: OutboundRoutingConfig,
  from: string,
  masked: readonly string[],
  viaRelay: boolean,
): { dkim: RoutingDkimSignature | null; reason: RouteReason<DkimStep> } => {
  if (masked.length > 0) {
    return { dkim: null, reason: { step: 'MASKED_RECIPIENT', ruleId: null, message: `Not signed: mail to Rakuten masked addresses is never DKIM-signed (${masked.join(', ')})` } };
  }
  if (viaRelay) return { dkim: null, reason: { step: 'RAKUTEN_RELAY', ruleId: null, message: 'Not signed: mail through the Rakuten relay is never DKIM-signed' } };
  const condition = config.dkimConditions.get(from.toLowerCase());
  const byCondition = condition && config.dkimSignatures.get(condition.signatureId);
  if (condition && byCondition) {
    const message = `The usage condition for ${condition.fromAddress} chose ${JSON.stringify(byCondition.name)} (d=${byCondition.domain}, s=${byCondition.selector})`;
    return { dkim: byCondition, reason: { step: 'FROM_CONDITION', ruleId: condition.conditionId, message } };
  }
  const byDefault = config.defaultDkimSignatureId ? config.dkimSignatures.get(config.defaultDkimSignatureId) : undefined;
  if (byDefault) {
    const message = `No usage condition for ${from}: the default signature ${JSON.stringify(byDefault.name)} (d=${byDefault.domain}, s=${byDefault.selector}) is used`;
    return { dkim: byDefault, reason: { step: 'DEFAULT_SIGNATURE', ruleId: null, message } };
  }
  return { dkim: null, reason: { step: 'NO_SIGNATURE', ruleId: null, message: `Not signed: no usage condition for ${from} and no default signature` } };
};

export const decideOutboundRoute = (config: OutboundRoutingConfig, mail: OutgoingEnvelope): OutboundRouteDecision => {
  const from = requireEmail(['from'], mail.from);
  const recipients = collectRecipients(mail);
  if (recipients.length === 0) return refuse('NO_RECIPIENTS', 'Expected at least one To, Cc or Bcc address');
  const masked = recipients.filter(isRakutenMaskedAddress);
  const warnings: RouteWarning[] = [];

  if (masked.length > 0 && mail.kind === 'DIRECT_MAIL') {
    return refuse('DIRECT_MAIL_TO_MASKED_ADDRESS', `Direct mail cannot be sent to Rakuten masked addresses: ${masked.join(', ')}`, masked);
  }
  if (masked.length > 0 && !config.rakuten) {
    return refuse(
      'MASKED_ADDRESS_WITHOUT_RAKUTEN_RELAY',
      `Mail to Rakuten masked addresses needs the Rakuten relay account setting, which this mailbox lacks: ${masked.join(', ')}`,
      masked,
    );
  }
  const pinnedRelay = mail.kind === 'TEST_MAIL' && mail.pinnedServerId === RAKUTEN_RELAY_SERVER_ID;
  if (pinnedRelay && !config.rakuten) return refuse('RAKUTEN_RELAY_NOT_CONFIGURED', 'This mailbox has no Rakuten relay account to test');

  const rakuten = config.rakuten;
  const relayEligible =
    rakuten !== null &&
    from.toLowerCase() === rakuten.realAddress &&
    recipients.some((r) => isRakutenMaskedAddress(r) || r.toLowerCase() === rakuten.contactAddress);

  let choice: ServerChoice;
  if (relayEligible) {
    const message = `From is the store real address ${from} and the recipients include a masked address or the store contact address`;
    choice = { server: RAKUTEN_SERVER, reason: { step: 'RAKUTEN_RELAY', ruleId: null, message } };
    if (mail.kind === 'TEST_MAIL' && mail.pinnedServerId && !pinnedRelay) {
      warnings.push({ code: 'TEST_SERVER_BYPASSED', message: 'The Rakuten relay rule applies to test mail too, so the chosen server was not used' });
    }
  } else {
    choice = chooseNormalServer(config, mail, from);
    if (pinnedRelay) {
      warnings.push({
        code: 'TEST_NOT_THROUGH_RAKUTEN_RELAY',
        message: `The Rakuten relay carries only mail from ${rakuten!.realAddress} to masked addresses or ${rakuten!.contactAddress}; this test mail follows the normal rules`,
      });
    }
  }
  if ('outcome' in choice) return choice;

  if (masked.length > 0 && choice.server.kind !== 'RAKUTEN_RELAY') {
    warnings.push({
      code: 'MASKED_RECIPIENT_OUTSIDE_RELAY',
      message: `From ${from} is not the store real address, so this mail does not go through the Rakuten relay and will bounce at ${masked.join(', ')}`,
    });
  }
  const { dkim, reason: dkimReason } = chooseDkim(config, from, masked, choice.server.kind === 'RAKUTEN_RELAY');
  if (dkim && dkim.domain !== domainOf(from.toLowerCase())) {
    warnings.push({ code: 'DKIM_DOMAIN_DIFFERS_FROM_FROM', message: `d=${dkim.domain} differs from the From domain: receivers see a third-party signature` });
  }
  const envelopeFrom = config.bounce?.kind === 'FIXED_ADDRESS' ? config.bounce.address : from;
  return { outcome: 'SEND', server: choice.server, serverReason: choice.reason, dkim, dkimReason, envelopeFrom, recipients, warnings };
};
