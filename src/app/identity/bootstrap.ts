import { randomUUID } from 'node:crypto';
import { requireText } from '../../domain/shared/text.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { generatePassword } from '../auth/passwords.js';
import { SYSTEM_ACTOR } from '../auth/principal.js';
import { MailboxRole } from '../../domain/identity/mailbox.decider.js';
import { usernameClaimStreamId, type UsernameClaimed } from '../../domain/identity/usernameClaim.decider.js';
import { ErrorCode, isMailroomError } from '../../domain/shared/errors.js';
import type { EventStore } from '../../eventstore/port.js';
import type { IdentityService } from './identityService.js';
import { eventsAs } from '../../eventstore/eventAs.js';

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
  /**
   * A half-done bootstrap may be another instance's, still running: it is completed here
   * only once it has made no progress for this long. @default 5000
   */
  readonly interruptedAfterMs?: number;
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
 *
 * Several instances may start at once on one empty store: the one whose mailbox 1 is
 * appended first bootstraps, the others find it taken and leave the rest to it.
 */
export const bootstrapIfEmpty = async (options: BootstrapOptions): Promise<BootstrapResult> => {
  const { store, identity, log } = options;
  if (!(await isEmptyOrInterruptedBootstrap(store))) return { bootstrapped: false };
  const fresh = (await store.headPosition()) === 0;
  if (!fresh && (await completedElsewhere(store, options.interruptedAfterMs ?? 5000))) {
    log.info({ mailboxNumber: 1 }, 'bootstrap: completed by another instance');
    return { bootstrapped: false };
  }

  const password = options.adminPassword ?? generatePassword(24);
  const address = options.mailboxAddress ?? 'mailbox1@example.com';
  const meta = { correlationId: BOOTSTRAP_CORRELATION_ID, reason: requireText([], 'first start', 'reason') };
  const alreadyDone = (e: unknown) => isMailroomError(e) && (e.code === ErrorCode.ALREADY_EXISTS || e.code === ErrorCode.CONCURRENCY);
  const tolerate = async (step: () => Promise<unknown>, onDone?: () => Promise<unknown>) => {
    try {
      await step();
    } catch (e) {
      if (!alreadyDone(e)) throw e;
      await onDone?.();
    }
  };

  let lostRace = false;
  await tolerate(
    () => identity.createMailbox(SYSTEM_ACTOR, { number: 1, name: 'Mailbox 1', address }, meta),
    async () => void (lostRace = fresh),
  );
  if (lostRace) {
    log.info({ mailboxNumber: 1 }, 'bootstrap: another instance is creating mailbox 1 and the administrator');
    return { bootstrapped: false };
  }
  const claimedId = async () =>
    eventsAs<UsernameClaimed>(await store.readStream(usernameClaimStreamId(ADMIN_USERNAME)))[0]?.data.userId;
  let adminUserId = (await claimedId()) ?? randomUUID();
  const createAdmin = () =>
    identity.createUser(
      SYSTEM_ACTOR,
      { userId: adminUserId, username: ADMIN_USERNAME, displayName: 'Administrator', email: address, password, isAdministrator: true },
      meta,
    );
  await tolerate(createAdmin, async () => {
    const claimed = await claimedId();
    if (claimed !== undefined && claimed !== adminUserId) {
      // Claimed meanwhile by an instance completing the same interrupted start: that id is
      // the admin, and registering it again repairs or finds the registration.
      adminUserId = claimed;
      await tolerate(createAdmin);
    }
    await identity.changePassword(SYSTEM_ACTOR, { userId: adminUserId, newPassword: password }, meta);
  });
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

/** Waits while the bootstrap events keep coming (head moving, no clocks compared); true once complete. */
const completedElsewhere = async (store: EventStore, quietMs: number): Promise<boolean> => {
  let head = await store.headPosition();
  let progressed = Date.now();
  while (Date.now() - progressed < quietMs) {
    await sleep(Math.min(200, quietMs));
    if (!(await isEmptyOrInterruptedBootstrap(store))) return true;
    const now = await store.headPosition();
    if (now !== head) [head, progressed] = [now, Date.now()];
  }
  return false;
};

const isEmptyOrInterruptedBootstrap = async (store: EventStore): Promise<boolean> => {
  const head = await store.headPosition();
  if (head === 0) return true;
  if (head > BOOTSTRAP_EVENT_LIMIT) return false;
  const events = await store.readAll({ fromPosition: 1, max: BOOTSTRAP_EVENT_LIMIT });
  const ours = events.every((e) => e.metadata.correlationId === BOOTSTRAP_CORRELATION_ID);
  return ours && !events.some((e) => e.type === 'MailboxRoleAssigned');
};
