import { validationError } from '../shared/errors.js';
import type { DomainEvent } from '../shared/decider.js';
import { assertNever, type Command, type Decider } from '../shared/decider.js';
import { requirePositiveInteger } from './validation.js';

/**
 * Two-factor policy of one mailbox, stream `two-factor-policy-<No>`: "every member of this
 * mailbox must use two-factor". When on, a member who has not enrolled must enrol during
 * their next login before they get a session, and no member may remove their enrolment.
 * Saving what is stored appends nothing.
 */

export const twoFactorPolicyStreamId = (mailboxNumber: number): string => `two-factor-policy-${mailboxNumber}`;

export type SetTwoFactorRequirement = Command<'SetTwoFactorRequirement', { readonly mailboxNumber: number; readonly required: boolean }>;
export type TwoFactorRequirementSet = DomainEvent<'TwoFactorRequirementSet', { readonly mailboxNumber: number; readonly required: boolean }>;
export type TwoFactorPolicyEvent = TwoFactorRequirementSet;
export const twoFactorPolicyEventTypes = ['TwoFactorRequirementSet'] as const satisfies readonly TwoFactorPolicyEvent['type'][];

export interface TwoFactorPolicyState {
  readonly required: boolean;
}

const decide = (command: SetTwoFactorRequirement, state: TwoFactorPolicyState): TwoFactorPolicyEvent[] => {
  switch (command.type) {
    case 'SetTwoFactorRequirement': {
      const mailboxNumber = requirePositiveInteger(['mailboxNumber'], command.data.mailboxNumber);
      const required = command.data.required;
      if (typeof required !== 'boolean') throw validationError(['required'], `Expected true or false, got ${JSON.stringify(required)}`);
      return required === state.required ? [] : [{ type: 'TwoFactorRequirementSet', data: { mailboxNumber, required } }];
    }
    default:
      return assertNever(command.type);
  }
};

const evolve = (_state: TwoFactorPolicyState, event: TwoFactorPolicyEvent): TwoFactorPolicyState => {
  switch (event.type) {
    case 'TwoFactorRequirementSet':
      return { required: event.data.required };
    default:
      return assertNever(event.type);
  }
};

export const twoFactorPolicyDecider: Decider<TwoFactorPolicyState, SetTwoFactorRequirement, TwoFactorPolicyEvent> = {
  decide,
  evolve,
  initialState: () => ({ required: false }),
};
