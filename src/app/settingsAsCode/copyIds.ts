import { uuidFromSeed } from '../../eventstore/eventIds.js';
import type { ConfigurationDocument } from './document.js';

/**
 * Copying a mailbox's settings to another mailbox ("set up mailbox 12 like mailbox 3"):
 * export from one, plan against the other. Ids are stable within a mailbox, but receive
 * account ids (and others) are unique across the deployment, so a document planned against
 * another mailbox than the one it came from gets ids of its own: derived from the target
 * and the source id, so planning the same copy twice yields the same ids (re-applying is a
 * no-op) and references between entities (a rule's server, the default server) follow.
 * OAuth credentials the document carries get ids of their own too, and the receive accounts
 * and SMTP servers that name them follow; a credential id the document does not carry stays
 * as it is, and the decider refuses one of another mailbox.
 */
export const remapForTarget = (doc: ConfigurationDocument, target: number): ConfigurationDocument => {
  if (doc.mailbox.number === target) return doc;
  const ids = new Map<string, string>();
  const mapped = (id: string) => {
    let to = ids.get(id);
    if (!to) {
      to = uuidFromSeed(`configuration-copy:${target}:${id}`);
      ids.set(id, to);
    }
    return to;
  };
  const smtp = doc.outbound?.smtp;
  const dkim = doc.outbound?.dkim;
  const mappedIf = (id: string | null, ids: object) => (id !== null && id in ids ? mapped(id) : id);
  const credentials = doc.inbound?.oauthCredentials ?? {};
  const credential = (id: string) => mappedIf(id, credentials)!;
  const remapped: ConfigurationDocument = {
    ...doc,
    ...(smtp && dkim
      ? {
          outbound: {
            dkim: {
              signatures: Object.fromEntries(Object.entries(dkim.signatures).map(([id, g]) => [mapped(id), g])),
              conditions: Object.fromEntries(Object.entries(dkim.conditions).map(([id, c]) => [mapped(id), { ...c, signatureId: mappedIf(c.signatureId, dkim.signatures)! }])),
              defaultSignatureId: mappedIf(dkim.defaultSignatureId, dkim.signatures),
            },
            smtp: {
              ...smtp,
              servers: Object.fromEntries(
                Object.entries(smtp.servers).map(([id, s]) => [mapped(id), s.auth.method === 'OAUTH' ? { ...s, auth: { ...s.auth, oauthCredentialId: credential(s.auth.oauthCredentialId) } } : s]),
              ),
              rules: smtp.rules.map((r) => ({ ...r, ruleId: mapped(r.ruleId), serverId: r.serverId in smtp.servers ? mapped(r.serverId) : r.serverId })),
              defaultServerId: smtp.defaultServerId in smtp.servers ? mapped(smtp.defaultServerId) : smtp.defaultServerId,
            },
          },
        }
      : {}),
    ...(doc.integrations
      ? {
          integrations: {
            ...doc.integrations,
            externalCalls: Object.fromEntries(Object.entries(doc.integrations.externalCalls).map(([id, c]) => [mapped(id), c])),
            chatDestinations: Object.fromEntries(Object.entries(doc.integrations.chatDestinations).map(([id, d]) => [mapped(id), d])),
          },
        }
      : {}),
    ...(doc.inbound
      ? {
          inbound: {
            ...doc.inbound,
            ...(doc.inbound.oauthCredentials ? { oauthCredentials: Object.fromEntries(Object.entries(doc.inbound.oauthCredentials).map(([id, c]) => [mapped(id), c])) } : {}),
            receiveAccounts: Object.fromEntries(
              Object.entries(doc.inbound.receiveAccounts).map(([id, a]) => [mapped(id), a.auth.method === 'OAUTH2' ? { ...a, auth: { ...a.auth, credentialId: credential(a.auth.credentialId) } } : a]),
            ),
          },
        }
      : {}),
  };
  return remapped;
};
