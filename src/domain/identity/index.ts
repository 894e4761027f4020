import type { MailboxEvent } from './mailbox.decider.js';
import type { TwoFactorEvent } from './twoFactor.decider.js';
import type { TwoFactorPolicyEvent } from './twoFactorPolicy.decider.js';
import type { UserEvent } from './user.decider.js';
import type { UsernameClaimEvent } from './usernameClaim.decider.js';

export * from './mailbox.decider.js';
export * from './twoFactor.decider.js';
export * from './twoFactorPolicy.decider.js';
export * from './user.decider.js';
export * from './usernameClaim.decider.js';
export { identitySecretFields } from './secrets.js';

export type IdentityEvent = MailboxEvent | UserEvent | UsernameClaimEvent | TwoFactorEvent | TwoFactorPolicyEvent;
