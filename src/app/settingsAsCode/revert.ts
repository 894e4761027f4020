import type { OAuthCredentialState } from '../../domain/inbound/oauthCredential.decider.js';
import { usesServiceKey, type DkimSignature } from '../../domain/outbound/dkimSettings.events.js';
import { type ConfigurationDocument, type SecretRef, usesServiceKeyDoc } from './document.js';
import { documentOf, type MailboxStates } from './mailboxStates.js';

/**
 * The document of a past point, to plan a revert with: the settings as they were, and each
 * secret as it was. A secret unchanged since is kept; an older one is restored from its
 * past ciphertext (same mailbox, same data key) — unless a mailbox reset crypto-shredded
 * that key since, in which case it cannot come back and the plan says so.
 */
export const revertDocument = async (
  mailboxNumber: number,
  position: number,
  past: MailboxStates,
  now: MailboxStates,
  readable: (ciphertext: string) => Promise<boolean>,
): Promise<ConfigurationDocument> => {
  const doc = documentOf(mailboxNumber, position, past);
  const secret = async (then: string | undefined, current: string | undefined): Promise<SecretRef> => {
    if (then === undefined || then === '' || then === current) return { secret: 'kept' };
    return (await readable(then)) ? { ciphertext: then } : { destroyed: true };
  };
  const smtp = doc.outbound!.smtp;
  const servers: Record<string, (typeof smtp.servers)[string]> = {};
  for (const [id, s] of Object.entries(smtp.servers)) {
    const then = past.smtp.servers.get(id)?.auth;
    const current = now.smtp.servers.get(id)?.auth;
    servers[id] =
      s.auth.method === 'PASSWORD' && then?.method === 'PASSWORD'
        ? { ...s, auth: { ...s.auth, password: await secret(then.passwordCiphertext, current?.method === 'PASSWORD' ? current.passwordCiphertext : undefined) } }
        : s;
  }
  const rakutenRelay = smtp.rakutenRelay
    ? { ...smtp.rakutenRelay, password: await secret(past.smtp.rakuten?.passwordCiphertext, now.smtp.rakuten?.passwordCiphertext) }
    : null;
  const dkim = doc.outbound!.dkim;
  const signatures: Record<string, (typeof dkim.signatures)[string]> = {};
  const keyOf = (g: DkimSignature | undefined) => (g && !usesServiceKey(g) ? g.privateKeyCiphertext : undefined);
  for (const [id, g] of Object.entries(dkim.signatures)) {
    // The deployment's key is not the mailbox's: nothing to restore.
    signatures[id] = usesServiceKeyDoc(g) ? g : { ...g, privateKey: await secret(keyOf(past.dkim.signatures.get(id)), keyOf(now.dkim.signatures.get(id))) };
  }
  const destinations: Record<string, NonNullable<ConfigurationDocument['integrations']>['chatDestinations'][string]> = {};
  for (const [id, d] of Object.entries(doc.integrations!.chatDestinations)) {
    destinations[id] = { ...d, credential: await secret(past.chatDestinations.destinations.get(id)?.credentialCiphertext, now.chatDestinations.destinations.get(id)?.credentialCiphertext) };
  }
  const channels: Record<string, NonNullable<ConfigurationDocument['integrations']>['messageChannels'][string]> = {};
  for (const [kind, c] of Object.entries(doc.integrations!.messageChannels)) {
    const then = past.messageChannels.channels.get(kind as never)?.secretCiphertexts ?? {};
    const current = now.messageChannels.channels.get(kind as never)?.secretCiphertexts ?? {};
    const secrets: Record<string, SecretRef> = {};
    for (const name of Object.keys(c.secrets)) secrets[name] = await secret(then[name], current[name]);
    channels[kind] = { ...c, secrets };
  }
  const accounts: Record<string, NonNullable<ConfigurationDocument['inbound']>['receiveAccounts'][string]> = {};
  for (const [id, a] of Object.entries(doc.inbound!.receiveAccounts)) {
    const then = past.receive.accounts.get(id)?.auth;
    const current = now.receive.accounts.get(id)?.auth;
    accounts[id] =
      a.auth.method === 'PASSWORD' && then?.method === 'PASSWORD'
        ? { ...a, auth: { ...a.auth, password: await secret(then.passwordCiphertext, current?.method === 'PASSWORD' ? current.passwordCiphertext : undefined) } }
        : a;
  }
  // The client registration only: its authorization (refresh token) stays as it is now.
  const credentials: Record<string, NonNullable<NonNullable<ConfigurationDocument['inbound']>['oauthCredentials']>[string]> = {};
  const clientSecretOf = (c: OAuthCredentialState | undefined) => (c?.status === 'registered' ? c.clientSecretCiphertext : undefined);
  for (const [id, c] of Object.entries(doc.inbound!.oauthCredentials ?? {})) {
    credentials[id] = { ...c, clientSecret: await secret(clientSecretOf(past.oauthCredentials.get(id)), clientSecretOf(now.oauthCredentials.get(id))) };
  }
  return {
    ...doc,
    outbound: { smtp: { ...smtp, servers, rakutenRelay }, dkim: { ...dkim, signatures } },
    inbound: { ...doc.inbound!, oauthCredentials: credentials, receiveAccounts: accounts },
    integrations: { ...doc.integrations!, chatDestinations: destinations, messageChannels: channels },
  };
};
