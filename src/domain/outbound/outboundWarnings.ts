import type { OutboundRoutingConfig } from './outboundRoute.js';
import { BUILTIN_SERVER_ID } from './smtpSettings.events.js';

/**
 * Non-blocking advice about a mailbox's outbound settings as they stand. Every warning
 * the spec asks for is derived here, from the same configuration routing reads, so the
 * settings query and each mutation payload say the same thing.
 */

export const OutboundWarningCode = {
  /** The manual: choosing メールディーラーサーバ means external servers are not used and anti-spoofing is lost. */
  BUILT_IN_DEFAULT_SERVER: 'BUILT_IN_DEFAULT_SERVER',
  /** The manual: bounces to the From are only visible when that address is received here. */
  BOUNCE_TO_SENDER: 'BOUNCE_TO_SENDER',
  /** An earlier domain rule takes every mail this address rule would match. */
  SHADOWED_ROUTING_RULE: 'SHADOWED_ROUTING_RULE',
  /** An author signature as default signs other domains' mail with a foreign d=. */
  AUTHOR_SIGNATURE_AS_DEFAULT: 'AUTHOR_SIGNATURE_AS_DEFAULT',
  /** l= lets anyone append unsigned content after the signed body (RFC 6376 §8.2). */
  DKIM_BODY_LENGTH_LIMIT: 'DKIM_BODY_LENGTH_LIMIT',
  /** RSA under 2048 bits: allowed by RFC 8301 but not recommended. */
  WEAK_DKIM_KEY: 'WEAK_DKIM_KEY',
} as const;
export type OutboundWarningCode = (typeof OutboundWarningCode)[keyof typeof OutboundWarningCode];

export type OutboundSettingsArea = 'SMTP' | 'DKIM';

export interface OutboundWarning {
  readonly code: OutboundWarningCode;
  readonly area: OutboundSettingsArea;
  readonly message: string;
  /** The routing rule or signature the warning is about. */
  readonly subjectId: string | null;
}

export const outboundSettingsWarnings = (config: OutboundRoutingConfig): OutboundWarning[] => {
  const warnings: OutboundWarning[] = [];
  if (config.defaultServerId === BUILTIN_SERVER_ID) {
    warnings.push({
      code: 'BUILT_IN_DEFAULT_SERVER',
      area: 'SMTP',
      subjectId: BUILTIN_SERVER_ID,
      message:
        'The built-in server is the default: mail that matches no rule (and all forwards and form notices) does not go through your own SMTP servers, so anti-spoofing measures (SPF/DMARC alignment) do not take effect',
    });
  }
  if (config.bounce?.kind === 'SENDER') {
    warnings.push({
      code: 'BOUNCE_TO_SENDER',
      area: 'SMTP',
      subjectId: null,
      message:
        'Bounces go to the From address of each sent mail: they are visible here only if that address is received by this mailbox, and not at all if its mail server does not forward bounces',
    });
  }
  const domainRules = new Map<string, number>();
  config.rules.forEach((rule, i) => {
    if (rule.match.kind === 'DOMAIN') {
      if (!domainRules.has(rule.match.value)) domainRules.set(rule.match.value, i);
      return;
    }
    const domain = rule.match.value.slice(rule.match.value.lastIndexOf('@') + 1);
    const earlier = domainRules.get(domain);
    if (earlier !== undefined) {
      warnings.push({
        code: 'SHADOWED_ROUTING_RULE',
        area: 'SMTP',
        subjectId: rule.ruleId,
        message: `Routing rule #${i + 1} (From ${rule.match.value}) never applies: rule #${earlier + 1} for domain ${domain} comes first; move it up`,
      });
    }
  });
  const byDefault = config.defaultDkimSignatureId ? config.dkimSignatures.get(config.defaultDkimSignatureId) : undefined;
  if (byDefault?.kind === 'AUTHOR') {
    warnings.push({
      code: 'AUTHOR_SIGNATURE_AS_DEFAULT',
      area: 'DKIM',
      subjectId: byDefault.signatureId,
      message: `The default signature is the author signature of ${byDefault.domain}: mail from other domains carries d=${byDefault.domain} and counts as a third-party signature`,
    });
  }
  for (const s of config.dkimSignatures.values()) {
    if (s.bodyLengthLimit !== null) {
      warnings.push({
        code: 'DKIM_BODY_LENGTH_LIMIT',
        area: 'DKIM',
        subjectId: s.signatureId,
        message: `Signature ${JSON.stringify(s.name)} signs only the first ${s.bodyLengthLimit} body bytes (l=): content appended later stays unsigned and may be forged (RFC 6376 §8.2)`,
      });
    }
    if (s.algorithm === 'RSA_SHA256' && s.keyBits < 2048) {
      warnings.push({
        code: 'WEAK_DKIM_KEY',
        area: 'DKIM',
        subjectId: s.signatureId,
        message: `Signature ${JSON.stringify(s.name)} uses a ${s.keyBits}-bit RSA key; 2048 bits are recommended (RFC 8301 §3.2)`,
      });
    }
  }
  return warnings;
};
