import { validationError } from '../../domain/shared/errors.js';

/** The integrations services take a mailbox No. from GraphQL as an Int; 0 and negatives name no mailbox. */
export const requireMailboxNumber = (n: number): void => {
  if (!Number.isSafeInteger(n) || n < 1) throw validationError(['mailboxNumber'], `Expected a mailbox No., got ${n}`);
};
