import type { AccessRestrictionEvent } from './accessRestriction.decider.js';
import type { LockPolicyEvent } from './lockPolicy.decider.js';
import type { LoginAttemptsEvent } from './loginAttempts.decider.js';

export * from './accessPolicy.js';
export * from './accessRestriction.decider.js';
export * from './ipAddress.js';
export * from './lockPolicy.decider.js';
export * from './loginAttempts.decider.js';

export type AccessEvent = AccessRestrictionEvent | LockPolicyEvent | LoginAttemptsEvent;
