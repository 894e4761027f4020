import { deciderSection } from '../audit/deciderSection.js';
import type { JsonValue } from '../audit/sections.js';
import { accessRestrictionDecider, type AccessRestrictionState } from '../../domain/access/accessRestriction.decider.js';
import { lockPolicyDecider, type LockPolicyState } from '../../domain/access/lockPolicy.decider.js';

/**
 * Access settings as the audit replays them: IP and API allow lists with exempt users, and
 * the account-lock policy. No secrets live here.
 */

const restrictionView = (state: AccessRestrictionState): JsonValue | null =>
  state.mailboxNumber === null
    ? null
    : {
        ipRestriction: { enabled: state.ip.enabled, allowedAddresses: [...state.ip.allowedAddresses], exemptUserIds: [...state.ip.exemptUserIds] },
        apiRestriction: { enabled: state.api.enabled, allowedAddresses: [...state.api.allowedAddresses] },
      };

const lockPolicyView = (state: LockPolicyState): JsonValue | null =>
  state.status === 'unset'
    ? null
    : {
        enabled: state.enabled,
        threshold: state.threshold,
        notifyOperationsAdministrators: state.notifyOperationsAdministrators,
        notifyAddresses: [...state.notifyAddresses],
      };

export const accessConfigurationSections = [
  deciderSection({ name: 'access.restriction', streamPrefix: 'access-restriction-', decider: accessRestrictionDecider, toView: restrictionView }),
  deciderSection({ name: 'access.lockPolicy', streamPrefix: 'lock-policy-', decider: lockPolicyDecider, toView: lockPolicyView }),
];
