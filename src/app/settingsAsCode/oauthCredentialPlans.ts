import { illegalState } from '../../domain/shared/errors.js';
import type { InboundDoc, OAuthCredentialDoc } from './document.js';
import { documentOf, type MailboxStates } from './mailboxStates.js';
import { keepsSecret, type PlanContext, type PlannedStep, same, secretOf } from './plannedStep.js';

/**
 * The OAuth credentials of a document, each its own stream (`oauth-credential-<id>`),
 * as commands of the credential decider. What is planned is the client registration only:
 * the authorization (a refresh token) comes from the provider's consent flow and is not
 * configuration, so a credential this plan registers, or whose client id, tenant or scopes
 * it changes, still has to be authorized (`beginOAuthAuthorization`); the plan warns.
 *
 * `before` runs ahead of the receive accounts (registered, changed, enabled: an account may
 * then use it), `after` behind them (disabled, deleted: once no account needs it).
 */
export interface CredentialSteps {
  readonly before: PlannedStep[];
  readonly after: PlannedStep[];
}

const GRANT_FIELDS = ['clientId', 'tenant', 'scopes'] as const;

/** The receive accounts the document wants on this credential: a deletion is refused while there are any. */
const usersOf = (inbound: InboundDoc, credentialId: string): string[] =>
  Object.values(inbound.receiveAccounts)
    .filter((a) => a.auth.method === 'OAUTH2' && a.auth.credentialId === credentialId)
    .map((a) => JSON.stringify(a.displayName))
    .sort();

const consentWarning = (w: OAuthCredentialDoc, why: string, users: readonly string[]): string =>
  `OAuth credential ${JSON.stringify(w.displayName)} ${why}: it has no authorization until someone completes ${w.provider}'s consent flow (beginOAuthAuthorization)` +
  (users.length ? `; receive account(s) ${users.join(', ')} cannot fetch until then` : '') +
  '. Authorization is not part of the configuration document';

export const planOAuthCredentials = async (
  want: Readonly<Record<string, OAuthCredentialDoc>>,
  inbound: InboundDoc,
  s: MailboxStates,
  ctx: PlanContext,
): Promise<CredentialSteps> => {
  const m = ctx.mailboxNumber;
  const have = documentOf(m, 0, s).inbound!.oauthCredentials!;
  const base = ['inbound', 'oauthCredentials'];
  const before: PlannedStep[] = [];
  const after: PlannedStep[] = [];
  for (const [credentialId, w] of Object.entries(want)) {
    const h = have[credentialId];
    const path = [...base, credentialId];
    const step = { area: 'oauthCredential' as const, credentialId, path };
    const users = usersOf(inbound, credentialId);
    const { clientSecret, enabled, provider, ...fields } = w;
    if (!h) {
      const secret = await secretOf(ctx, [...path, 'clientSecret'], clientSecret);
      let refusal = secret.refusal;
      if (s.oauthCredentials.get(credentialId)?.status === 'deleted') {
        refusal = illegalState(`OAuth credential ${credentialId} was deleted and its id is never reused; register it under a new id`, ['credentialId']);
      } else if (!refusal && secret.ciphertext === null) {
        refusal = illegalState('Expected the client secret as { value: "…" }: a new credential has no stored one to keep', ['clientSecret']);
      }
      before.push({
        ...step,
        summary: `register OAuth credential ${JSON.stringify(w.displayName)} (${provider})`,
        command: { type: 'RegisterOAuthCredential', data: { mailboxNumber: m, credentialId, provider, ...fields, clientSecretCiphertext: secret.ciphertext ?? '', enabled } },
        warning: consentWarning(w, 'is registered by this plan', users),
        ...(refusal ? { refusal } : {}),
      });
      continue;
    }
    if (h.provider !== provider) {
      before.push({
        ...step,
        summary: `change the provider of OAuth credential ${JSON.stringify(w.displayName)}`,
        command: { type: 'ChangeOAuthCredential', data: { credentialId } },
        refusal: illegalState(`Expected provider ${h.provider}: a credential's provider is fixed at registration; register a new credential under a new id`, ['provider']),
      });
      continue;
    }
    const { clientSecret: _kept, enabled: wasEnabled, provider: _p, ...current } = h;
    if (!same(current, fields) || !keepsSecret(clientSecret)) {
      const secret = await secretOf(ctx, [...path, 'clientSecret'], clientSecret);
      const grantChanged = GRANT_FIELDS.some((f) => !same(current[f], fields[f]));
      const stored = s.oauthCredentials.get(credentialId);
      const authorized = stored?.status === 'registered' && stored.authorization.status !== 'NOT_AUTHORIZED';
      before.push({
        ...step,
        summary: `change OAuth credential ${JSON.stringify(w.displayName)}`,
        command: { type: 'ChangeOAuthCredential', data: { credentialId, ...fields, clientSecretCiphertext: secret.ciphertext } },
        ...(grantChanged && authorized ? { warning: consentWarning(w, 'loses its authorization (client id, tenant or scopes change)', users) } : {}),
        ...(secret.refusal ? { refusal: secret.refusal } : {}),
      });
    }
    if (enabled && !wasEnabled) {
      before.push({ ...step, summary: `enable OAuth credential ${JSON.stringify(w.displayName)}`, command: { type: 'EnableOAuthCredential', data: { credentialId } } });
    } else if (!enabled && wasEnabled) {
      after.push({ ...step, summary: `disable OAuth credential ${JSON.stringify(w.displayName)}`, command: { type: 'DisableOAuthCredential', data: { credentialId } } });
    }
  }
  for (const [credentialId, h] of Object.entries(have)) {
    if (credentialId in want) continue;
    after.push({
      area: 'oauthCredential',
      credentialId,
      path: [...base, credentialId],
      summary: `delete OAuth credential ${JSON.stringify(h.displayName)}`,
      command: { type: 'DeleteOAuthCredential', data: { credentialId, usedByAccounts: usersOf(inbound, credentialId) } },
    });
  }
  return { before, after };
};
