import type { MailboxEvent } from './mailbox.js';
import type { UserEvent } from './user.js';
import type { UsernameClaimEvent } from './usernameClaim.js';

export * from './mailbox.js';
export * from './user.js';
export * from './usernameClaim.js';
export { identitySecretFields } from './secrets.js';

export type IdentityEvent = MailboxEvent | UserEvent | UsernameClaimEvent;
