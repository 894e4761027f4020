import { deciderSection } from '../audit/deciderSection.js';
import type { JsonValue, SECRET_SET as AuditSecretSet } from '../audit/sections.js';
import {
  oauthCredentialDecider,
  receiveAccountsDecider,
  inboundSecretFields,
  type OAuthCredentialState,
  type ReceiveAccountsState,
} from '../../domain/inbound/index.js';

/**
 * The inbound settings as the audit replays them ("the whole configuration as of any
 * past moment"): the receive accounts and auto-fetch of a mailbox, and its OAuth
 * credentials. Secrets show as "(set)"; error episodes are status, not configuration, and
 * are left out.
 */

/** The audit's SECRET_SET; the type pins the two to the same literal. */
const SECRET_SET: typeof AuditSecretSet = '(set)';

const receiveAccountsView = (state: ReceiveAccountsState): JsonValue | null => {
  if (state.accounts.size === 0 && state.deleted.size === 0 && state.autoFetch.enabled && state.autoFetch.intervalMinutes === 10) return null;
  const accounts: Record<string, JsonValue> = {};
  for (const id of [...state.accounts.keys()].sort()) {
    const s = state.accounts.get(id)!;
    accounts[id] = {
      displayName: s.displayName,
      protocol: s.protocol,
      host: s.host,
      port: s.port,
      encryption: s.encryption,
      auth:
        s.auth.method === 'PASSWORD'
          ? { method: s.auth.method, username: s.auth.username, password: SECRET_SET }
          : { method: s.auth.method, username: s.auth.username, credentialId: s.auth.credentialId },
      errorNotificationAddress: s.errorNotificationAddress,
      leaveOnServer: s.leaveOnServer,
      deleteDuplicates: s.deleteDuplicates,
      enabled: s.enabled,
      fetchIntervalMinutes: s.fetchIntervalMinutes,
    };
  }
  return { autoFetch: { ...state.autoFetch }, accounts };
};

const oauthCredentialView = (state: OAuthCredentialState): JsonValue | null => {
  if (state.status !== 'registered') return null;
  return {
    credentialId: state.credentialId,
    provider: state.provider,
    displayName: state.displayName,
    clientId: state.clientId,
    clientSecret: SECRET_SET,
    tenant: state.tenant,
    scopes: [...state.scopes],
    redirectUrl: state.redirectUrl,
    enabled: state.enabled,
    authorization: state.authorization.status,
    refreshToken: state.authorization.status === 'AUTHORIZED' ? SECRET_SET : null,
  };
};

export const inboundConfigurationSections = [
  deciderSection({
    name: 'inbound.receive_accounts',
    streamPrefix: 'receive-accounts-',
    decider: receiveAccountsDecider,
    toView: receiveAccountsView,
    secretFields: inboundSecretFields,
  }),
  deciderSection({
    name: 'inbound.oauth_credentials',
    streamPrefix: 'oauth-credential-',
    cardinality: 'many',
    decider: oauthCredentialDecider,
    toView: oauthCredentialView,
    secretFields: inboundSecretFields,
  }),
];
