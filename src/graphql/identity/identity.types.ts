import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MailboxRole } from '../../domain/identity/mailbox.decider.js';
import { UserPermission } from '../../domain/identity/user.decider.js';
import { connectionTypes } from '../relay.js';
import type { MailboxRow, MemberRow, UserRow } from '../loaders.js';

registerEnumType(MailboxRole, { name: 'MailboxRole', description: 'Roles a member can hold in one mailbox.' });
registerEnumType(UserPermission, {
  name: 'UserPermission',
  description: 'Permissions granted per user. MAILBOX_RESET is held by nobody until granted.',
});

@ObjectType({ description: 'A shared inbox, identified by its number (No.).' })
export class Mailbox {
  @Field(() => ID, { description: 'The mailbox number as an ID.' })
  id!: string;

  @Field(() => Int)
  number!: number;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  address!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;

  static from(row: MailboxRow): Mailbox {
    return Object.assign(new Mailbox(), {
      id: String(row.number),
      number: row.number,
      name: row.name,
      address: row.address,
      createdAt: new Date(row.created_at),
      updatedAt: new Date(row.updated_at),
    });
  }
}

@ObjectType({ description: 'A person (or machine client) who can log in. Password hashes are never exposed.' })
export class User {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  username!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => String)
  email!: string;

  @Field(() => Boolean, { description: 'System administrator: creates mailboxes and users, grants permissions.' })
  isAdministrator!: boolean;

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => Date)
  createdAt!: Date;

  static from(row: UserRow): User {
    return Object.assign(new User(), {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      email: row.email,
      isAdministrator: row.is_administrator === 1,
      active: row.active === 1,
      createdAt: new Date(row.created_at),
    });
  }
}

@ObjectType({ description: 'A user in a mailbox, with the roles held there.' })
export class MailboxMember {
  @Field(() => [MailboxRole])
  roles!: MailboxRole[];

  @Field(() => Date)
  addedAt!: Date;

  userId!: string;
  mailboxNumber!: number;

  static from(row: MemberRow): MailboxMember {
    return Object.assign(new MailboxMember(), {
      roles: row.roles as MailboxRole[],
      addedAt: new Date(row.addedAt),
      userId: row.userId,
      mailboxNumber: row.mailboxNumber,
    });
  }
}

export const { ConnectionType: MailboxConnection } = connectionTypes('Mailbox', Mailbox);
export const { ConnectionType: UserConnection } = connectionTypes('User', User);
export const { ConnectionType: MailboxMemberConnection } = connectionTypes('MailboxMember', MailboxMember);
