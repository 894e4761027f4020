import { randomUUID } from 'node:crypto';
import { requireMailboxManagement } from '../auth/authorization.js';
import type { Actor } from '../auth/principal.js';
import { receiveAccountsDecider, type ReceiveAccountSettings, type ReceiveAccountsEvent } from '../../domain/inbound/receiveAccounts.decider.js';
import type { ReceiveFailure } from '../../domain/inbound/receiveErrors.decider.js';
import { illegalState, notFound } from '../../domain/shared/errors.js';
import type { AccountFetch, AccountFetchResult } from './scheduler/accountFetch.js';
import type { ProbeResult } from './scheduler/connectionProbe.js';
import type { FetchScheduler } from './scheduler/fetchScheduler.js';
import type { FetchAccountConfig } from '../../mail/fetch/fetchTypes.js';
import { mailboxScope, type SecretVault } from '../../secrets/vault.js';
import { OAuthAccessError, type OAuthAccessTokens } from './oauth/accessTokens.js';
import type { ReceiveAccountFields } from './receiveAccountService.js';
import { requireSecretText } from './oauthCredentialService.js';
import { loadReceiveAccounts, lookupOAuthCredential } from './streams.js';
import type { EventStore } from '../../eventstore/port.js';

export interface ReceiveFetchControlDeps {
  readonly store: EventStore;
  readonly vault: SecretVault;
  readonly tokens: OAuthAccessTokens;
  readonly scheduler: Pick<FetchScheduler, 'runNow'>;
  readonly accountFetch: Pick<AccountFetch, 'configFor'>;
  readonly probe: (config: FetchAccountConfig) => Promise<ProbeResult>;
}

/**
 * The two "do it now" operations of the receive settings: test a connection (stored or
 * unsaved settings; nothing imported, nothing recorded) and fetch one account now
 * (through the scheduler, so it never runs twice at once).
 */
export class ReceiveFetchControl {
  constructor(private readonly deps: ReceiveFetchControlDeps) {}

  async fetchNow(actor: Actor, input: { mailboxNumber: number; accountId: string }): Promise<AccountFetchResult> {
    requireMailboxManagement(actor, input.mailboxNumber);
    const account = (await loadReceiveAccounts(this.deps.store, input.mailboxNumber)).accounts.get(input.accountId);
    if (!account) throw notFound('Receive account', input.accountId, ['accountId']);
    if (!account.enabled) throw illegalState(`Receive account "${account.displayName}" is disabled; enable it first, or test its connection`, ['accountId']);
    return this.deps.scheduler.runNow(input.mailboxNumber, input.accountId);
  }

  /**
   * With `accountId` the stored settings are tested, with `changes` applied on top (an
   * edit form before saving); without it, `changes` are a new account's settings. The
   * settings go through the receive-accounts decider without appending, so a test refuses
   * exactly what saving would refuse.
   */
  async test(actor: Actor, input: { mailboxNumber: number; accountId?: string | null; changes?: ReceiveAccountFields | null }): Promise<ProbeResult> {
    requireMailboxManagement(actor, input.mailboxNumber);
    const settings = await this.resolve(input);
    let auth: FetchAccountConfig['auth'];
    try {
      auth =
        settings.auth.method === 'PASSWORD'
          ? { kind: 'password', user: settings.auth.username, password: await this.deps.vault.decrypt(mailboxScope(input.mailboxNumber), settings.auth.passwordCiphertext) }
          : { kind: 'oauth2', user: settings.auth.username, accessToken: await this.deps.tokens.accessTokenFor(settings.auth.credentialId) };
    } catch (e) {
      if (!(e instanceof OAuthAccessError)) throw e;
      const failure: ReceiveFailure = { code: e.code, message: e.message, serverResponse: e.serverResponse };
      return { ok: false, capabilities: [], serverMessages: null, failure };
    }
    return this.deps.probe(this.deps.accountFetch.configFor(input.mailboxNumber, input.accountId ?? 'probe', settings, auth));
  }

  private async resolve(input: { mailboxNumber: number; accountId?: string | null; changes?: ReceiveAccountFields | null }): Promise<ReceiveAccountSettings> {
    const state = await loadReceiveAccounts(this.deps.store, input.mailboxNumber);
    const { password, ...fields } = input.changes ?? {};
    const passwordCiphertext =
      password == null || password === '' ? undefined : await this.deps.vault.encrypt(mailboxScope(input.mailboxNumber), requireSecretText(['password'], password, 'a password'));
    const changes = { ...fields, ...(passwordCiphertext ? { passwordCiphertext } : {}) };
    const current = input.accountId ? state.accounts.get(input.accountId) : undefined;
    if (input.accountId && !current) throw notFound('Receive account', input.accountId, ['accountId']);
    const credentialId = changes.credentialId ?? (current?.auth.method === 'OAUTH2' ? current.auth.credentialId : null);
    const oauthCredential = await lookupOAuthCredential(this.deps.store, credentialId);
    const metadata = { now: new Date(), actorId: null, correlationId: 'receive-account-test' };
    const events = (
      input.accountId
        ? receiveAccountsDecider.decide(
            { type: 'ChangeReceiveAccount', data: { mailboxNumber: input.mailboxNumber, accountId: input.accountId, input: changes, oauthCredential }, metadata },
            state,
          )
        : receiveAccountsDecider.decide(
            { type: 'AddReceiveAccount', data: { mailboxNumber: input.mailboxNumber, accountId: randomUUID(), input: changes, oauthCredential }, metadata },
            state,
          )
    ) as ReceiveAccountsEvent | readonly ReceiveAccountsEvent[];
    const [event] = Array.isArray(events) ? events : [events];
    if (event && (event.type === 'ReceiveAccountAdded' || event.type === 'ReceiveAccountChanged')) {
      // Folded, not read off the event: the event carries the password beside the settings.
      return receiveAccountsDecider.evolve(state, event).accounts.get(event.data.accountId)!;
    }
    return current!;
  }
}
