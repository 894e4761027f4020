import { oauthCredentialDecider, oauthCredentialStreamId, type OAuthCredentialEvent, type OAuthCredentialState } from '../../domain/inbound/oauthCredential.decider.js';
import { receiveAccountsDecider, receiveAccountsStreamId, type OAuthCredentialLookup, type ReceiveAccountsEvent, type ReceiveAccountsState } from '../../domain/inbound/receiveAccounts.decider.js';
import { fold } from '../../domain/shared/decider.js';
import type { EventStore } from '../../eventstore/port.js';
import { eventsAs } from '../../eventstore/eventAs.js';

/**
 * Current state straight from the event streams (the source of truth, never behind a
 * projection). Used where a decision or a secret needs it: cross-aggregate lookups,
 * token refreshes, fetch runs.
 */
export interface LoadedOAuthCredential {
  readonly state: OAuthCredentialState;
  /** Stream revision of the latest `OAuthCredentialAuthorized`: cached tokens of older grants are void. */
  readonly authorizedRevision: number;
}

export const loadOAuthCredential = async (store: EventStore, credentialId: string): Promise<LoadedOAuthCredential> => {
  const events = await store.readStream(oauthCredentialStreamId(credentialId));
  const state = fold(oauthCredentialDecider.evolve, oauthCredentialDecider.initialState(), eventsAs<OAuthCredentialEvent>(events));
  const authorized = events.filter((e) => e.type === 'OAuthCredentialAuthorized').at(-1);
  return { state, authorizedRevision: authorized?.revision ?? -1 };
};

export const loadReceiveAccounts = async (store: EventStore, mailboxNumber: number): Promise<ReceiveAccountsState> =>
  fold(
    receiveAccountsDecider.evolve,
    receiveAccountsDecider.initialState(),
    eventsAs<ReceiveAccountsEvent>(await store.readStream(receiveAccountsStreamId(mailboxNumber))),
  );

/** What the receive-accounts decider needs to know of a chosen OAuth credential; null when there is none. */
export const lookupOAuthCredential = async (store: EventStore, credentialId: string | null | undefined): Promise<OAuthCredentialLookup | null> => {
  if (!credentialId) return null;
  return credentialLookupOf((await loadOAuthCredential(store, credentialId)).state);
};

/** The lookup of a credential's state (also of a planned, not yet stored one). */
export const credentialLookupOf = (state: OAuthCredentialState): OAuthCredentialLookup | null => {
  if (state.status === 'empty') return null;
  return {
    credentialId: state.credentialId,
    mailboxNumber: state.mailboxNumber,
    enabled: state.status === 'registered' && state.enabled,
    deleted: state.status === 'deleted',
  };
};
