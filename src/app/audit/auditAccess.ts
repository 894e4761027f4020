import { isAdministrator, requireMailboxAudit } from '../auth/authorization.js';
import type { Principal } from '../auth/principal.js';
import { MailboxRole } from '../../domain/identity/mailbox.decider.js';
import { mailboxNumberOf } from '../../domain/shared/scope.js';
import type { RecordedEvent } from '../../eventstore/port.js';
import { forbidden } from '../../domain/shared/errors.js';

/**
 * The chain, the tree and checkpoints are global (one over every mailbox), and checking
 * them reveals positions and hashes only, no content. So administrators and the AUDITOR of
 * any mailbox may read them: an auditor must be able to vouch that the log is intact
 * without asking an administrator. An auditor passes the network gate of one of their
 * audited mailboxes (IP/API restriction), as for any other audit read.
 */
export const requireChainAudit = (viewer: Principal): void => {
  if (isAdministrator(viewer)) return;
  let refusal: unknown = forbidden('Only administrators and auditors may read the audit chain');
  for (const [mailboxNumber, roles] of viewer.memberships) {
    if (!roles.has(MailboxRole.AUDITOR)) continue;
    try {
      requireMailboxAudit(viewer, mailboxNumber);
      return;
    } catch (e) {
      refusal = e;
    }
  }
  throw refusal;
};

/** An event's record (content, secrets as "changed"): its mailbox's auditors, or administrators for events of no mailbox. */
export const requireEventAudit = (viewer: Principal, event: RecordedEvent): void => {
  const mailboxNumber = mailboxNumberOf(event);
  if (mailboxNumber !== null) return requireMailboxAudit(viewer, mailboxNumber);
  if (!isAdministrator(viewer)) throw forbidden('Only administrators may read events that belong to no mailbox');
};
