import { alreadyExists } from '../shared/errors.js';
import type { DomainEvent } from '../shared/decider.js';
import { assertNever, type Command, type Decider } from '../shared/decider.js';
import { normalizeUsername, requireUuid } from './validation.js';

/**
 * Username uniqueness without a unique index: the first `UsernameClaimed` appended to
 * stream `username-<name>` (expected revision `no_stream`) owns the name. Two concurrent
 * registrations race on that append; the loser is retried by `handleCommand`, sees the
 * claim and is refused with ALREADY_EXISTS.
 *
 * A claim already held by the same user id is accepted and appends nothing, so a
 * registration that crashed between claiming and registering can simply be retried.
 * Claims are never released: usernames are not reused, which keeps the audit history
 * unambiguous.
 */

export const usernameClaimStreamId = (username: string): string => `username-${username}`;

export type ClaimUsername = Command<'ClaimUsername', { readonly username: string; readonly userId: string }>;
export type UsernameClaimCommand = ClaimUsername;

export type UsernameClaimed = DomainEvent<'UsernameClaimed', { readonly username: string; readonly userId: string }>;
export type UsernameClaimEvent = UsernameClaimed;
export const usernameClaimEventTypes = ['UsernameClaimed'] as const satisfies readonly UsernameClaimEvent['type'][];

export type UsernameClaimState = { readonly status: 'free' } | { readonly status: 'claimed'; readonly userId: string };

export const decideUsernameClaim = (command: UsernameClaimCommand, state: UsernameClaimState): readonly UsernameClaimEvent[] => {
  switch (command.type) {
    case 'ClaimUsername': {
      const username = normalizeUsername(['username'], command.data.username);
      const userId = requireUuid(['userId'], command.data.userId);
      if (state.status === 'free') return [{ type: 'UsernameClaimed', data: { username, userId } }];
      if (state.userId === userId) return [];
      throw alreadyExists(`Username ${JSON.stringify(username)} is already taken`, ['username']);
    }
    default:
      return assertNever(command.type);
  }
};

export const evolveUsernameClaim = (state: UsernameClaimState, event: UsernameClaimEvent): UsernameClaimState => {
  switch (event.type) {
    case 'UsernameClaimed':
      return state.status === 'free' ? { status: 'claimed', userId: event.data.userId } : state;
    default:
      return assertNever(event.type);
  }
};

export const usernameClaimDecider: Decider<UsernameClaimState, UsernameClaimCommand, UsernameClaimEvent> = {
  decide: decideUsernameClaim,
  evolve: evolveUsernameClaim,
  initialState: () => ({ status: 'free' }),
};
