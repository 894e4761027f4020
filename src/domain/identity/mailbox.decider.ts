import { alreadyExists, illegalState, notFound, validationError } from '../shared/errors.js';
import type { DomainEvent } from '../shared/decider.js';
import { assertNever, type Command, type Decider } from '../shared/decider.js';
import { requireEmail, requireOneOf, requirePositiveInteger, requireUuid } from './validation.js';
import { requireText, showText, type CheckedText } from '../shared/text.js';

/**
 * Mailbox aggregate: a shared inbox identified by its number (No.), with its members and
 * their per-mailbox roles. Stream `mailbox-<No>`; creating it with `no_stream` is what
 * makes numbers unique.
 *
 * Rules (all of them live here):
 * - Number: a positive integer. Name: 1–100 characters after trimming. Address: an e-mail.
 * - Every command except create refers to an existing mailbox (NOT_FOUND otherwise);
 *   creating an existing one is ALREADY_EXISTS.
 * - Renaming to the current name or setting the current address appends nothing.
 * - Adding a member twice is ALREADY_EXISTS; removing a non-member is NOT_FOUND.
 * - Roles are held by members only: assigning to a non-member is ILLEGAL_STATE; assigning a
 *   held role is ALREADY_EXISTS; revoking a role not held is ILLEGAL_STATE.
 * - A mailbox that has an operations administrator keeps at least one: revoking the role
 *   from, or removing, its last holder is ILLEGAL_STATE (someone must receive the system
 *   notices: over-size mail, receive errors, account locks). A new mailbox starts with
 *   none; the first assignment arms the rule.
 * - Removing a member drops their roles with them (one event, no separate revocations).
 * - A reset (メールボックスの初期化) must repeat the current name exactly, so nobody wipes
 *   the wrong mailbox by its number alone (VALIDATION_ERROR otherwise). It may rename the
 *   mailbox in the same event. Members and roles stay: users span mailboxes (kept by the
 *   manual), and the operations administrators must keep receiving the system notices.
 * Whether the user exists is checked by the application service, which can read the
 * user stream; this decider only sees the mailbox.
 */

export const MailboxRole = {
  /** 運用管理者: receives the mailbox's system notices and manages its settings. */
  OPERATIONS_ADMINISTRATOR: 'OPERATIONS_ADMINISTRATOR',
  /** Reads the settings history of the mailbox; changes nothing. */
  AUDITOR: 'AUDITOR',
} as const;
export type MailboxRole = (typeof MailboxRole)[keyof typeof MailboxRole];
export const mailboxRoles: readonly MailboxRole[] = Object.values(MailboxRole);

export const mailboxStreamId = (mailboxNumber: number): string => `mailbox-${mailboxNumber}`;

// ---- Commands ----
export type CreateMailbox = Command<'CreateMailbox', { readonly number: number; readonly name: string; readonly address: string }>;
export type RenameMailbox = Command<'RenameMailbox', { readonly number: number; readonly name: string }>;
export type ChangeMailboxAddress = Command<'ChangeMailboxAddress', { readonly number: number; readonly address: string }>;
export type AddMailboxMember = Command<'AddMailboxMember', { readonly number: number; readonly userId: string }>;
export type RemoveMailboxMember = Command<'RemoveMailboxMember', { readonly number: number; readonly userId: string }>;
export type AssignMailboxRole = Command<
  'AssignMailboxRole',
  { readonly number: number; readonly userId: string; readonly role: MailboxRole }
>;
export type RevokeMailboxRole = Command<
  'RevokeMailboxRole',
  { readonly number: number; readonly userId: string; readonly role: MailboxRole }
>;
export type ResetMailbox = Command<
  'ResetMailbox',
  { readonly number: number; readonly resetId: string; readonly confirmName: string; readonly newName: string | null }
>;
export type MailboxCommand =
  | ResetMailbox
  | CreateMailbox
  | RenameMailbox
  | ChangeMailboxAddress
  | AddMailboxMember
  | RemoveMailboxMember
  | AssignMailboxRole
  | RevokeMailboxRole;

// ---- Events ----
// Names are `CheckedText<'name'>`: only the text validator makes one, so a decider cannot
// put an unchecked name into an event (issue 20).
export type MailboxCreated = DomainEvent<'MailboxCreated', { readonly number: number; readonly name: CheckedText<'name'>; readonly address: string }>;
export type MailboxRenamed = DomainEvent<'MailboxRenamed', { readonly number: number; readonly name: CheckedText<'name'> }>;
export type MailboxAddressChanged = DomainEvent<'MailboxAddressChanged', { readonly number: number; readonly address: string }>;
export type MailboxMemberAdded = DomainEvent<'MailboxMemberAdded', { readonly number: number; readonly userId: string }>;
export type MailboxMemberRemoved = DomainEvent<'MailboxMemberRemoved', { readonly number: number; readonly userId: string }>;
export type MailboxRoleAssigned = DomainEvent<
  'MailboxRoleAssigned',
  { readonly number: number; readonly userId: string; readonly role: MailboxRole }
>;
export type MailboxRoleRevoked = DomainEvent<
  'MailboxRoleRevoked',
  { readonly number: number; readonly userId: string; readonly role: MailboxRole }
>;
/** The wipe itself (secrets, messages, area settings) follows it; see src/app/reset/. */
export type MailboxReset = DomainEvent<
  'MailboxReset',
  {
    readonly number: number;
    readonly mailboxNumber: number;
    /** Ties a resumed reset to this event (src/app/reset/mailboxResetService.ts). */
    readonly resetId: string;
    readonly nameBefore: string;
    readonly nameAfter: CheckedText<'name'>;
  }
>;
export type MailboxEvent =
  | MailboxReset
  | MailboxCreated
  | MailboxRenamed
  | MailboxAddressChanged
  | MailboxMemberAdded
  | MailboxMemberRemoved
  | MailboxRoleAssigned
  | MailboxRoleRevoked;

export const mailboxEventTypes = [
  'MailboxCreated',
  'MailboxRenamed',
  'MailboxAddressChanged',
  'MailboxMemberAdded',
  'MailboxMemberRemoved',
  'MailboxRoleAssigned',
  'MailboxRoleRevoked',
  'MailboxReset',
] as const satisfies readonly MailboxEvent['type'][];

// ---- State ----
export type MailboxState =
  | { readonly status: 'empty' }
  | {
      readonly status: 'active';
      readonly number: number;
      readonly name: CheckedText<'name'>;
      readonly address: string;
      /** userId → roles held in this mailbox. */
      readonly members: ReadonlyMap<string, ReadonlySet<MailboxRole>>;
    };
type ActiveMailbox = Extract<MailboxState, { status: 'active' }>;

export const initialMailboxState = (): MailboxState => ({ status: 'empty' });

const requireExisting = (state: MailboxState, number: number): ActiveMailbox => {
  if (state.status === 'empty') throw notFound('Mailbox', String(number), ['number']);
  return state;
};

const requireMember = (mailbox: ActiveMailbox, userId: string): ReadonlySet<MailboxRole> => {
  const roles = mailbox.members.get(userId);
  if (!roles) throw notFound(`Member of mailbox ${mailbox.number}`, userId, ['userId']);
  return roles;
};

const operationsAdministratorCount = (mailbox: ActiveMailbox): number =>
  [...mailbox.members.values()].filter((roles) => roles.has(MailboxRole.OPERATIONS_ADMINISTRATOR)).length;

const refuseLosingLastOperationsAdministrator = (mailbox: ActiveMailbox, userId: string, what: string): void => {
  const roles = mailbox.members.get(userId);
  if (roles?.has(MailboxRole.OPERATIONS_ADMINISTRATOR) && operationsAdministratorCount(mailbox) === 1) {
    throw illegalState(
      `Cannot ${what}: user ${userId} is the last operations administrator of mailbox ${mailbox.number}; assign the role to another member first`,
      ['userId'],
    );
  }
};

const create = ({ data }: CreateMailbox, state: MailboxState): MailboxCreated => {
  const number = requirePositiveInteger(['number'], data.number);
  if (state.status !== 'empty') throw alreadyExists(`Mailbox ${number} already exists`, ['number']);
  return {
    type: 'MailboxCreated',
    data: { number, name: requireText(['name'], data.name, 'name'), address: requireEmail(['address'], data.address) },
  };
};

const rename = ({ data }: RenameMailbox, state: MailboxState): MailboxRenamed[] => {
  const mailbox = requireExisting(state, data.number);
  const name = requireText(['name'], data.name, 'name');
  return name === mailbox.name ? [] : [{ type: 'MailboxRenamed', data: { number: mailbox.number, name } }];
};

const changeAddress = ({ data }: ChangeMailboxAddress, state: MailboxState): MailboxAddressChanged[] => {
  const mailbox = requireExisting(state, data.number);
  const address = requireEmail(['address'], data.address);
  return address === mailbox.address ? [] : [{ type: 'MailboxAddressChanged', data: { number: mailbox.number, address } }];
};

const addMember = ({ data }: AddMailboxMember, state: MailboxState): MailboxMemberAdded => {
  const mailbox = requireExisting(state, data.number);
  const userId = requireUuid(['userId'], data.userId);
  if (mailbox.members.has(userId)) throw alreadyExists(`User ${userId} is already a member of mailbox ${mailbox.number}`, ['userId']);
  return { type: 'MailboxMemberAdded', data: { number: mailbox.number, userId } };
};

const removeMember = ({ data }: RemoveMailboxMember, state: MailboxState): MailboxMemberRemoved => {
  const mailbox = requireExisting(state, data.number);
  const userId = requireUuid(['userId'], data.userId);
  requireMember(mailbox, userId);
  refuseLosingLastOperationsAdministrator(mailbox, userId, 'remove the member');
  return { type: 'MailboxMemberRemoved', data: { number: mailbox.number, userId } };
};

const assignRole = ({ data }: AssignMailboxRole, state: MailboxState): MailboxRoleAssigned => {
  const mailbox = requireExisting(state, data.number);
  const userId = requireUuid(['userId'], data.userId);
  const role = requireOneOf(['role'], data.role, mailboxRoles);
  const roles = mailbox.members.get(userId);
  if (!roles) {
    throw illegalState(`User ${userId} is not a member of mailbox ${mailbox.number}; add them as a member before assigning ${role}`, ['userId']);
  }
  if (roles.has(role)) throw alreadyExists(`User ${userId} already holds ${role} in mailbox ${mailbox.number}`, ['role']);
  return { type: 'MailboxRoleAssigned', data: { number: mailbox.number, userId, role } };
};

const revokeRole = ({ data }: RevokeMailboxRole, state: MailboxState): MailboxRoleRevoked => {
  const mailbox = requireExisting(state, data.number);
  const userId = requireUuid(['userId'], data.userId);
  const role = requireOneOf(['role'], data.role, mailboxRoles);
  const roles = requireMember(mailbox, userId);
  if (!roles.has(role)) throw illegalState(`User ${userId} does not hold ${role} in mailbox ${mailbox.number}`, ['role']);
  if (role === MailboxRole.OPERATIONS_ADMINISTRATOR) refuseLosingLastOperationsAdministrator(mailbox, userId, `revoke ${role}`);
  return { type: 'MailboxRoleRevoked', data: { number: mailbox.number, userId, role } };
};

const reset = ({ data }: ResetMailbox, state: MailboxState): MailboxReset => {
  const mailbox = requireExisting(state, data.number);
  // NFC, like the stored name: the same characters typed through another input method still match.
  if (typeof data.confirmName !== 'string' || data.confirmName.normalize('NFC') !== mailbox.name) {
    throw validationError(['input', 'mailboxName'], `Type the mailbox name exactly as shown (${showText(mailbox.name)}) to confirm the reset; got ${showText(String(data.confirmName))}`);
  }
  const nameAfter = data.newName === null ? mailbox.name : requireText(['input', 'newName'], data.newName, 'name');
  return {
    type: 'MailboxReset',
    data: { number: mailbox.number, mailboxNumber: mailbox.number, resetId: requireUuid(['resetId'], data.resetId), nameBefore: mailbox.name, nameAfter },
  };
};

export const decideMailbox = (command: MailboxCommand, state: MailboxState): MailboxEvent | readonly MailboxEvent[] => {
  switch (command.type) {
    case 'CreateMailbox':
      return create(command, state);
    case 'RenameMailbox':
      return rename(command, state);
    case 'ChangeMailboxAddress':
      return changeAddress(command, state);
    case 'AddMailboxMember':
      return addMember(command, state);
    case 'RemoveMailboxMember':
      return removeMember(command, state);
    case 'AssignMailboxRole':
      return assignRole(command, state);
    case 'RevokeMailboxRole':
      return revokeRole(command, state);
    case 'ResetMailbox':
      return reset(command, state);
    default:
      return assertNever(command);
  }
};

const withMembers = (
  state: MailboxState,
  change: (members: Map<string, ReadonlySet<MailboxRole>>) => void,
): MailboxState => {
  if (state.status === 'empty') return state;
  const members = new Map(state.members);
  change(members);
  return { ...state, members };
};

export const evolveMailbox = (state: MailboxState, event: MailboxEvent): MailboxState => {
  switch (event.type) {
    case 'MailboxCreated':
      return { status: 'active', number: event.data.number, name: event.data.name, address: event.data.address, members: new Map() };
    case 'MailboxRenamed':
      return state.status === 'empty' ? state : { ...state, name: event.data.name };
    case 'MailboxReset':
      return state.status === 'empty' ? state : { ...state, name: event.data.nameAfter };
    case 'MailboxAddressChanged':
      return state.status === 'empty' ? state : { ...state, address: event.data.address };
    case 'MailboxMemberAdded':
      return withMembers(state, (m) => m.set(event.data.userId, new Set()));
    case 'MailboxMemberRemoved':
      return withMembers(state, (m) => m.delete(event.data.userId));
    case 'MailboxRoleAssigned':
      return withMembers(state, (m) => m.set(event.data.userId, new Set([...(m.get(event.data.userId) ?? []), event.data.role])));
    case 'MailboxRoleRevoked':
      return withMembers(state, (m) =>
        m.set(event.data.userId, new Set([...(m.get(event.data.userId) ?? [])].filter((r) => r !== event.data.role))),
      );
    default:
      return assertNever(event);
  }
};

export const mailboxDecider: Decider<MailboxState, MailboxCommand, MailboxEvent> = {
  decide: decideMailbox,
  evolve: evolveMailbox,
  initialState: initialMailboxState,
};
