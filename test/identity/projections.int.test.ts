import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/app/auth/principal.js';
import { postgresAvailable } from '../support/postgres.js';
import { createIdentityHarness, meta, type IdentityHarness, type ReadDbKind } from './harness.js';

const pgAvailable = await postgresAvailable();
const kinds: ReadDbKind[] = pgAvailable ? ['sqlite', 'postgres'] : ['sqlite'];

describe.each(kinds)('identity read models on %s', (kind) => {
  let h: IdentityHarness;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    h = await createIdentityHarness(kind);
    const s = SYSTEM_ACTOR;
    await h.identity.createMailbox(s, { number: 1, name: 'Support', address: 'support@example.com' }, meta());
    await h.identity.createMailbox(s, { number: 2, name: 'Sales', address: 'sales@example.com' }, meta());
    ({ userId: alice } = await h.identity.createUser(s, { username: 'Alice', displayName: 'Alice', email: 'alice@example.com', password: 'correct horse', isAdministrator: true }, meta()));
    ({ userId: bob } = await h.identity.createUser(s, { username: 'bob', displayName: 'Bob', email: 'bob@example.com', password: 'battery staple' }, meta()));
    h.clock.advance(60_000);
    await h.identity.renameMailbox(s, { number: 2, name: 'Sales Team' }, meta());
    await h.identity.changeMailboxAddress(s, { number: 2, address: 'team@example.com' }, meta());
    for (const [n, u] of [[1, alice], [1, bob], [2, bob]] as const) await h.identity.addMember(s, { mailboxNumber: n, userId: u }, meta());
    await h.identity.assignRole(s, { mailboxNumber: 1, userId: alice, role: 'OPERATIONS_ADMINISTRATOR' }, meta());
    await h.identity.assignRole(s, { mailboxNumber: 1, userId: bob, role: 'AUDITOR' }, meta());
    await h.identity.assignRole(s, { mailboxNumber: 2, userId: bob, role: 'AUDITOR' }, meta());
    await h.identity.removeMember(s, { mailboxNumber: 2, userId: bob }, meta());
    await h.identity.grantPermission(s, { userId: bob, permission: 'MAILBOX_RESET' }, meta());
    await h.identity.changeProfile(s, { userId: bob, displayName: 'Robert' }, meta());
    await h.identity.deactivateUser(s, { userId: bob }, meta());
  });
  afterAll(async () => h?.close());

  const snapshot = async () => ({
    mailboxes: await h.db.selectFrom('mailboxes').selectAll().orderBy('number').execute(),
    users: await h.db.selectFrom('users').select(['username', 'display_name', 'email', 'is_administrator', 'active', 'created_at', 'updated_at']).orderBy('username').execute(),
    members: await h.db.selectFrom('mailbox_members').select(['mailbox_number', 'user_id']).orderBy('mailbox_number').orderBy('user_id').execute(),
    roles: await h.db.selectFrom('mailbox_member_roles').select(['mailbox_number', 'user_id', 'role']).orderBy('mailbox_number').orderBy('role').execute(),
    permissions: await h.db.selectFrom('user_permissions').select(['user_id', 'permission']).execute(),
  });

  it('projects mailboxes with business times', async () => {
    expect((await snapshot()).mailboxes).toEqual([
      { number: 1, name: 'Support', address: 'support@example.com', created_at: '2030-01-01T00:00:00.000Z', updated_at: '2030-01-01T00:00:00.000Z' },
      { number: 2, name: 'Sales Team', address: 'team@example.com', created_at: '2030-01-01T00:00:00.000Z', updated_at: '2030-01-01T00:01:00.000Z' },
    ]);
  });

  it('projects users, with the password only as an argon2id hash', async () => {
    const snap = await snapshot();
    expect(snap.users.map((u) => [u.username, u.display_name, u.is_administrator, u.active])).toEqual([
      ['alice', 'Alice', 1, 1],
      ['bob', 'Robert', 0, 0],
    ]);
    const hashes = await h.db.selectFrom('users').select('password_hash').execute();
    for (const { password_hash } of hashes) expect(password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('projects memberships and roles; a removed member loses the roles of that mailbox', async () => {
    const snap = await snapshot();
    expect(snap.members).toEqual(
      [
        { mailbox_number: 1, user_id: alice },
        { mailbox_number: 1, user_id: bob },
      ].sort((a, b) => a.user_id.localeCompare(b.user_id)),
    );
    expect(snap.roles).toEqual([
      { mailbox_number: 1, user_id: bob, role: 'AUDITOR' },
      { mailbox_number: 1, user_id: alice, role: 'OPERATIONS_ADMINISTRATOR' },
    ]);
    expect(snap.permissions).toEqual([{ user_id: bob, permission: 'MAILBOX_RESET' }]);
  });

  it('a rebuild reproduces the read models and leaves auth_sessions alone', async () => {
    const { userId } = await h.auth.login('alice', 'correct horse');
    const before = await snapshot();
    await h.runner.rebuild();
    expect(await snapshot()).toEqual(before);
    const sessions = await h.db.selectFrom('auth_sessions').select('user_id').execute();
    expect(sessions).toEqual([{ user_id: userId }]);
  });
});
