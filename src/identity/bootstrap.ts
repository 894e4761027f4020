import { randomUUID } from 'node:crypto';
import { generatePassword } from '../auth/passwords.js';
import { SYSTEM_ACTOR } from '../auth/principal.js';
import { MailboxRole } from '../domain/identity/mailbox.js';
import { usernameClaimStreamId, type UsernameClaimed } from '../domain/identity/usernameClaim.js';
import { ErrorCode, isMailroomError } from '../errors/index.js';
import type { EventStore } from '../eventstore/port.js';
import type { IdentityService } from './identityService.js';

/** pino-compatible (`log.info(fields, message)`). */
export interface BootstrapLogger {
  info(fields: Record<string, unknown>, message: string): void;
}

export interface BootstrapOptions {
  readonly store: EventStore;
  readonly identity: IdentityService;
  /** From MAILROOM_ADMIN_PASSWORD; when absent a password is generated and returned. */
  readonly adminPassword?: string | null;
  /** @default 'mailbox1@example.com' */
  readonly mailboxAddress?: string;
  readonly log: BootstrapLogger;
}

export type BootstrapResult =
  | { readonly bootstrapped: false }
  | {
      readonly bootstrapped: true;
      readonly mailboxNumber: 1;
      readonly adminUserId: string;
      readonly adminUsername: 'admin';
      /** Set only when generated: the caller prints it once; it is stored nowhere in plaintext. */
      readonly generatedPassword: string | null;
    };

/** Marks the bootstrap's events, so an interrupted first start can be told from real use. */
export const BOOTSTRAP_CORRELATION_ID = 'bootstrap';
const ADMIN_USERNAME = 'admin';

/**
 * First start: on an empty store create mailbox No.1 ("Mailbox 1") and the system
 * administrator `admin`, a member and OPERATIONS_ADMINISTRATOR of mailbox 1, with no
 * permissions (MAILBOX_RESET must be granted explicitly, as for everyone). The admin's
 * e-mail is the mailbox address, so its notices land in an inbox the product receives.
 *
 * Idempotent: a store with any other history is left alone. A store holding only the
 * bootstrap's own events (a first start that died half-way) is completed; each step then
 * tolerates having been done, and a fresh password replaces one that may never have been
 * shown.
 */
export const bootstrapIfEmpty = async (options: BootstrapOptions): Promise<BootstrapResult> => {
  const { store, identity, log } = options;
  if (!(await isEmptyOrInterruptedBootstrap(store))) return { bootstrapped: false };

  const password = options.adminPassword ?? generatePassword(24);
  const address = options.mailboxAddress ?? 'mailbox1@example.com';
  const meta = { correlationId: BOOTSTRAP_CORRELATION_ID, reason: 'first start' };
  const alreadyDone = (e: unknown) => isMailroomError(e) && e.code === ErrorCode.ALREADY_EXISTS;
  const tolerate = async (step: () => Promise<unknown>, onDone?: () => Promise<unknown>) => {
    try {
      await step();
    } catch (e) {
      if (!alreadyDone(e)) throw e;
      await onDone?.();
    }
  };

  await tolerate(() =>
    identity.createMailbox(SYSTEM_ACTOR, { number: 1, name: 'Mailbox 1', address }, meta),
  );
  const claim = (await store.readStream(usernameClaimStreamId(ADMIN_USERNAME)))[0] as unknown as UsernameClaimed | undefined;
  const adminUserId = claim?.data.userId ?? randomUUID();
  await tolerate(
    () =>
      identity.createUser(
        SYSTEM_ACTOR,
        { userId: adminUserId, username: ADMIN_USERNAME, displayName: 'Administrator', email: address, password, isAdministrator: true },
        meta,
      ),
    () => identity.changePassword(SYSTEM_ACTOR, { userId: adminUserId, newPassword: password }, meta),
  );
  await tolerate(() => identity.addMember(SYSTEM_ACTOR, { mailboxNumber: 1, userId: adminUserId }, meta));
  await tolerate(() =>
    identity.assignRole(SYSTEM_ACTOR, { mailboxNumber: 1, userId: adminUserId, role: MailboxRole.OPERATIONS_ADMINISTRATOR }, meta),
  );

  log.info({ mailboxNumber: 1, adminUserId, username: ADMIN_USERNAME }, 'bootstrap: created mailbox 1 and administrator "admin"');
  return {
    bootstrapped: true,
    mailboxNumber: 1,
    adminUserId,
    adminUsername: ADMIN_USERNAME,
    generatedPassword: options.adminPassword ? null : password,
  };
};

/**
 * A first start writes 5 events (one more per resumed attempt); a longer history, or any
 * event of another origin, means the store is in use.
 */
const BOOTSTRAP_EVENT_LIMIT = 20;

const isEmptyOrInterruptedBootstrap = async (store: EventStore): Promise<boolean> => {
  const head = await store.headPosition();
  if (head === 0) return true;
  if (head > BOOTSTRAP_EVENT_LIMIT) return false;
  const events = await store.readAll({ fromPosition: 1, max: BOOTSTRAP_EVENT_LIMIT });
  const ours = events.every((e) => e.metadata.correlationId === BOOTSTRAP_CORRELATION_ID);
  return ours && !events.some((e) => e.type === 'MailboxRoleAssigned');
};
