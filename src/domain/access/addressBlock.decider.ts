import type { DomainEvent } from '../shared/decider.js';
import { assertNever, type Command, type Decider } from '../shared/decider.js';

/**
 * Credential stuffing (one address trying many usernames), stream `client-address-<network>`:
 * failed logins are counted per client address and per network (/24 IPv4, /56 IPv6) across
 * users in the shared database (src/app/access/addressFailures.ts); when a count passes the block
 * threshold the network is refused for a time, and that is recorded here once per block. A
 * block still in force when the command arrives appends nothing.
 */

export const addressBlockStreamId = (network: string): string => `client-address-${network}`;

export type RecordAddressBlock = Command<'RecordAddressBlock', { readonly network: string; readonly failures: number; readonly until: string }>;
export type ClientAddressBlocked = DomainEvent<'ClientAddressBlocked', { readonly network: string; readonly failures: number; readonly until: string }>;
export type AddressBlockEvent = ClientAddressBlocked;
export const addressBlockEventTypes = ['ClientAddressBlocked'] as const satisfies readonly AddressBlockEvent['type'][];

export interface AddressBlockState {
  readonly until: string | null;
}

export const addressBlockDecider: Decider<AddressBlockState, RecordAddressBlock, AddressBlockEvent> = {
  decide: (command, state) => {
    switch (command.type) {
      case 'RecordAddressBlock':
        if (state.until !== null && state.until > command.metadata.now.toISOString()) return [];
        return [{ type: 'ClientAddressBlocked', data: { network: command.data.network, failures: command.data.failures, until: command.data.until } }];
      default:
        return assertNever(command.type);
    }
  },
  evolve: (_state, event) => ({ until: event.data.until }),
  initialState: () => ({ until: null }),
};
