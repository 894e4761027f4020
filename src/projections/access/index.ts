import type { Projection } from '../projection.js';
import { accessRestrictionsProjection } from './accessRestrictions.projection.js';
import { lockPoliciesProjection } from './lockPolicies.projection.js';
import { userLockStatesProjection } from './userLockStates.projection.js';

export { accessRestrictionsProjection, lockPoliciesProjection, userLockStatesProjection };

export const accessProjections: readonly Projection[] = [accessRestrictionsProjection, lockPoliciesProjection, userLockStatesProjection];
