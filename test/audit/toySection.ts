import { randomUUID } from 'node:crypto';
import { defineSection, SECRET_SET, identityMailboxSection } from '../../src/app/audit/sections.js';
import type { DomainEvent } from '../../src/domain/shared/decider.js';
import type { EventStore } from '../../src/eventstore/port.js';

/**
 * A small relay-credential aggregate with a secret, registered like an area's section, to
 * test masking before the real areas register theirs. Events carry ciphertext as the
 * areas' events do (the vault encrypts before the command).
 */
type RelayState = { readonly host: string | null; readonly username: string | null; readonly passwordCiphertext: string | null };
type RelayEvent = DomainEvent<'RelayConfigured', { mailboxNumber: number; host: string; username: string; passwordCiphertext: string }>;

export const relaySection = defineSection<RelayState>({
  name: 'toy.relay',
  streamPrefix: 'toy-relay-',
  cardinality: 'one',
  initialState: () => ({ host: null, username: null, passwordCiphertext: null }),
  evolve: (_state, event) => {
    const { host, username, passwordCiphertext } = (event as RelayEvent).data;
    return { host, username, passwordCiphertext };
  },
  toView: (s) => (s.host === null ? null : { host: s.host, username: s.username, password: s.passwordCiphertext ? SECRET_SET : null }),
  secretFields: { RelayConfigured: ['passwordCiphertext'] },
});

export const sectionsWithRelay = [identityMailboxSection, relaySection];

export const configureRelay = (store: EventStore, mailboxNumber: number, host: string, username: string, ciphertext: string, actorId: string) =>
  store.appendToStream(`toy-relay-${mailboxNumber}`, [
    {
      id: randomUUID(),
      type: 'RelayConfigured',
      data: { mailboxNumber, host, username, passwordCiphertext: ciphertext },
      metadata: { actorId, correlationId: randomUUID(), clientIp: '198.51.100.1', reason: 'rotate', occurredAt: new Date().toISOString() },
    },
  ]);
