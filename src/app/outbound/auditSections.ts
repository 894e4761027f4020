import { deciderSection } from '../audit/deciderSection.js';
import type { JsonValue } from '../audit/sections.js';
import { SECRET_SET } from '../audit/sections.js';
import { dkimSettingsDecider } from '../../domain/outbound/dkimSettings.decider.js';
import { usesServiceKey, type DkimSettingsState } from '../../domain/outbound/dkimSettings.events.js';
import { outboundSecretFields } from '../../domain/outbound/secrets.js';
import { smtpSettingsDecider } from '../../domain/outbound/smtpSettings.decider.js';
import { BUILTIN_SERVER_ID, RAKUTEN_RELAY_SERVER_ID, type SmtpSettingsState } from '../../domain/outbound/smtpSettings.events.js';

/**
 * The outbound settings as the audit replays them ("the whole configuration as of any past
 * moment"): SMTP servers, routing rules (in order), basic settings and the Rakuten relay;
 * DKIM signatures, conditions and the default. Secrets read "(set)".
 */

/** Present only while verified, so the history shows the confirmation and its lapse as changes. */
const verificationView = (state: SmtpSettingsState, serverId: string): { verification?: JsonValue } => {
  const v = state.verifications.get(serverId);
  return v ? { verification: { ...v } } : {};
};

const smtpView = (state: SmtpSettingsState): JsonValue | null => {
  const untouched = state.servers.size === 0 && state.rules.length === 0 && state.defaultServerId === BUILTIN_SERVER_ID && !state.bounce && !state.rakuten;
  if (untouched) return null;
  const servers: Record<string, JsonValue> = {};
  for (const [id, s] of state.servers) {
    servers[id] = {
      name: s.name,
      host: s.host,
      port: s.port,
      encryption: s.encryption,
      // AUTO is left out so servers from before mechanisms existed keep the view they had.
      auth:
        s.auth.method === 'PASSWORD'
          ? { method: s.auth.method, user: s.auth.user, password: SECRET_SET, ...(s.auth.mechanism !== 'AUTO' ? { mechanism: s.auth.mechanism } : {}) }
          : { ...s.auth },
      ...verificationView(state, id),
    };
  }
  const r = state.rakuten;
  return {
    servers,
    rules: state.rules.map((rule) => ({ ruleId: rule.ruleId, matchKind: rule.match.kind, matchValue: rule.match.value, serverId: rule.serverId })),
    defaultServerId: state.defaultServerId,
    bounceDestination: state.bounce ? { ...state.bounce } : null,
    rakutenRelay: r
      ? {
          realAddress: r.realAddress,
          contactAddress: r.contactAddress,
          host: r.host,
          port: r.port,
          encryption: r.encryption,
          user: r.user,
          password: SECRET_SET,
          ...verificationView(state, RAKUTEN_RELAY_SERVER_ID),
        }
      : null,
  };
};

const dkimView = (state: DkimSettingsState): JsonValue | null => {
  if (state.signatures.size === 0 && state.conditions.size === 0 && state.defaultSignatureId === null) return null;
  const signatures: Record<string, JsonValue> = {};
  for (const [id, s] of state.signatures) {
    if (usesServiceKey(s)) {
      signatures[id] = { name: s.name, kind: s.kind, keySource: s.keySource, bodyLengthLimit: s.bodyLengthLimit };
      continue;
    }
    signatures[id] = {
      name: s.name,
      kind: s.kind,
      domain: s.domain,
      selector: s.selector,
      algorithm: s.algorithm,
      keySource: s.keySource,
      keyBits: s.keyBits,
      publicKey: s.publicKey,
      bodyLengthLimit: s.bodyLengthLimit,
      privateKey: SECRET_SET,
    };
  }
  const conditions: Record<string, JsonValue> = {};
  for (const [id, c] of state.conditions) conditions[id] = { fromAddress: c.fromAddress, signatureId: c.signatureId };
  return { signatures, conditions, defaultSignatureId: state.defaultSignatureId };
};

export const outboundConfigurationSections = [
  deciderSection({ name: 'outbound.smtp', streamPrefix: 'smtp-', decider: smtpSettingsDecider, toView: smtpView, secretFields: outboundSecretFields }),
  deciderSection({ name: 'outbound.dkim', streamPrefix: 'dkim-', decider: dkimSettingsDecider, toView: dkimView, secretFields: outboundSecretFields }),
];
