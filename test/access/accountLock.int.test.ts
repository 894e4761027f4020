import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_FAILED_MESSAGE } from '../../src/app/auth/authService.js';
import { SYSTEM_ACTOR, type Principal } from '../../src/app/auth/principal.js';
import { loginAttemptsStreamId } from '../../src/domain/access/loginAttempts.decider.js';
import { isMailroomError, type MailroomError } from '../../src/domain/shared/errors.js';
import { postgresAvailable } from '../support/postgres.js';
import { createAccessHarness, meta, type AccessHarness, type ReadDbKind } from './harness.js';

const pgAvailable = await postgresAvailable();
const kinds: ReadDbKind[] = pgAvailable ? ['sqlite', 'postgres'] : ['sqlite'];

const caught = async (p: Promise<unknown>): Promise<MailroomError> => {
  try {
    await p;
  } catch (e) {
    if (isMailroomError(e)) return e;
    throw e;
  }
  throw new Error('expected a MailroomError, got success');
};

const policy = (mailboxNumber: number, threshold: number, extra: { enabled?: boolean; ops?: boolean; addresses?: string[] } = {}) => ({
  mailboxNumber,
  enabled: extra.enabled ?? true,
  threshold,
  notifyOperationsAdministrators: extra.ops ?? false,
  notifyAddresses: extra.addresses ?? [],
});

describe.each(kinds)('account lock on %s', (kind) => {
  let h: AccessHarness;
  let opsOne: string;
  let opsThree: string;
  const s = SYSTEM_ACTOR;

  const eventsOf = async (userId: string) => (await h.store.readStream(loginAttemptsStreamId(userId))).map((e) => ({ type: e.type, data: e.data }));
  const member = async (userId: string, ...mailboxes: number[]) => {
    for (const n of mailboxes) await h.identity.addMember(s, { mailboxNumber: n, userId }, meta());
  };
  const failLogins = async (username: string, times: number) => {
    for (let i = 0; i < times; i++) await caught(h.auth.login(username, 'wrong password!', { clientIp: '203.0.113.66' }));
    await h.access.locks.idle();
  };

  beforeAll(async () => {
    h = await createAccessHarness(kind);
    for (const n of [1, 2, 3, 4]) await h.identity.createMailbox(s, { number: n, name: `Mailbox ${n}`, address: `mb${n}@example.com` }, meta());
    opsOne = await h.createUser('ops-one');
    opsThree = await h.createUser('ops-three');
    await member(opsOne, 1);
    await member(opsThree, 3, 4);
    await h.identity.assignRole(s, { mailboxNumber: 1, userId: opsOne, role: 'OPERATIONS_ADMINISTRATOR' }, meta());
    await h.identity.assignRole(s, { mailboxNumber: 3, userId: opsThree, role: 'OPERATIONS_ADMINISTRATOR' }, meta());
    await h.identity.assignRole(s, { mailboxNumber: 4, userId: opsThree, role: 'OPERATIONS_ADMINISTRATOR' }, meta());
  });
  afterAll(async () => h?.close());

  it('applies the smallest threshold of the user\'s mailboxes, ties to the smallest No., and names that mailbox when locking', async () => {
    const dana = await h.createUser('dana');
    await member(dana, 1, 2, 3);
    await h.access.locks.configurePolicy(s, policy(1, 5), meta());
    await h.access.locks.configurePolicy(s, policy(3, 3), meta());
    await h.access.locks.configurePolicy(s, policy(2, 3), meta());
    expect((await h.access.locks.effectivePolicy(dana)).applied).toMatchObject({ mailbox_number: 2, threshold: 3 });
    await h.access.locks.configurePolicy(s, policy(2, 3, { enabled: false }), meta());
    expect((await h.access.locks.effectivePolicy(dana)).applied).toMatchObject({ mailbox_number: 3, threshold: 3 });

    await failLogins('dana', 3);
    const events = await eventsOf(dana);
    expect(events.map((e) => e.type)).toEqual(['LoginFailed', 'LoginFailed', 'LoginFailed', 'UserLocked']);
    expect(events[3]!.data).toEqual({ userId: dana, reason: 'FAILED_LOGIN_THRESHOLD', failedAttempts: 3, mailboxNumber: 3, threshold: 3 });
    // Back to the defaults for the other tests.
    await h.access.locks.configurePolicy(s, policy(3, 3, { enabled: false }), meta());
    await h.access.locks.configurePolicy(s, policy(1, 5, { enabled: false }), meta());
  });

  it('locks after N failures: sessions and API tokens die, and the right password fails like a wrong one, after one argon2 verification', async () => {
    const erin = await h.createUser('erin');
    await member(erin, 4);
    await h.access.locks.configurePolicy(s, policy(4, 2), meta());
    const session = await h.auth.login('erin', 'erin-password');
    const issued = await h.auth.issueApiToken(s, erin, { name: 'robot' });
    expect(await h.auth.authenticate(session.token)).not.toBeNull();

    await failLogins('erin', 2);
    expect(await h.auth.authenticate(session.token)).toBeNull();
    expect(await h.auth.authenticate(issued.token)).toBeNull();
    expect(await h.db.selectFrom('auth_sessions').select('token_hash').where('user_id', '=', erin).execute()).toEqual([]);

    const before = h.verifications();
    const right = await caught(h.auth.login('erin', 'erin-password'));
    const wrong = await caught(h.auth.login('erin', 'wrong password!'));
    const unknown = await caught(h.auth.login('nobody-at-all', 'erin-password'));
    expect(h.verifications() - before).toBe(3);
    for (const e of [right, wrong, unknown]) {
      expect({ code: e.code, message: e.message, path: e.fieldPath, details: e.details }).toEqual({
        code: 'UNAUTHENTICATED',
        message: LOGIN_FAILED_MESSAGE,
        path: [],
        details: {},
      });
    }
    await h.access.locks.idle();
    // Attempts while locked append nothing: one lock, a bounded stream.
    expect((await eventsOf(erin)).map((e) => e.type)).toEqual(['LoginFailed', 'LoginFailed', 'UserLocked']);
  });

  it('sends the notice to every recipient of every mailbox of the user, once per address', async () => {
    const fred = await h.createUser('fred');
    await member(fred, 1, 2, 3);
    await h.access.locks.configurePolicy(s, policy(1, 9, { ops: true, addresses: ['security@example.com'] }), meta());
    await h.access.locks.configurePolicy(s, policy(2, 1, { addresses: ['SECURITY@example.com', 'it@example.org'] }), meta());
    await h.access.locks.configurePolicy(s, policy(3, 7, { enabled: false, ops: true }), meta());
    // Mailbox 4 has recipients, but fred is not a member there.
    await h.access.locks.configurePolicy(s, policy(4, 2, { ops: true, addresses: ['mb4-only@example.com'] }), meta());

    await failLogins('fred', 1);
    const notices = (await h.notices.list()).filter((n) => n.kind === 'USER_LOCKED' && n.body.includes('「fred」'));
    expect(notices.map((n) => ({ mailbox: n.mailbox_number, to: JSON.parse(n.recipients) }))).toEqual([
      { mailbox: 1, to: ['ops-one@example.com', 'security@example.com'] },
      { mailbox: 2, to: ['it@example.org'] },
      { mailbox: 3, to: ['ops-three@example.com'] },
    ]);
    expect(notices[0]!.subject).toBe('[Mailroom] アカウントロック：fred');
    expect(notices[0]!.body).toContain('メールボックス No.2 のアカウントロックの設定（ログイン失敗 1 回でロック）が適用されました');
    expect(notices[0]!.body).toContain('203.0.113.66');
    await h.access.locks.configurePolicy(s, policy(2, 1, { enabled: false }), meta());
  });

  it('a successful login resets the count', async () => {
    const gina = await h.createUser('gina');
    await member(gina, 4);
    await failLogins('gina', 1);
    await h.auth.login('gina', 'gina-password');
    await h.access.locks.idle();
    await failLogins('gina', 1);
    expect((await eventsOf(gina)).map((e) => [e.type, (e.data as { failedAttempts: number }).failedAttempts])).toEqual([
      ['LoginFailed', 1],
      ['FailedLoginsReset', 1],
      ['LoginFailed', 1],
    ]);
    expect(await h.auth.login('gina', 'gina-password')).toMatchObject({ userId: gina });
  });

  it('unlocks with a reason: the user logs in again with a fresh count', async () => {
    const hank = await h.createUser('hank');
    await member(hank, 4);
    await failLogins('hank', 2);
    expect(await h.access.locks.isLocked(hank)).toBe(true);
    await h.access.locks.unlock(s, { userIds: [hank], reason: 'Called the user' }, meta('unlock-hank'));
    expect(await h.access.locks.isLocked(hank)).toBe(false);
    const events = await h.store.readStream(loginAttemptsStreamId(hank));
    expect(events.at(-1)).toMatchObject({ type: 'UserUnlocked', data: { userId: hank, reason: 'Called the user' }, metadata: { reason: 'Called the user', actorId: null } });
    expect(await h.auth.login('hank', 'hank-password')).toMatchObject({ userId: hank });
  });

  it('refuses bad unlock input with no event: unknown user, not locked, no reason, malformed id', async () => {
    const ivan = await h.createUser('ivan');
    await member(ivan, 4);
    await failLogins('ivan', 2);
    const head = await h.store.headPosition();
    const cases: [Parameters<typeof h.access.locks.unlock>[1], string, string[]][] = [
      [{ userIds: [ivan, '99999999-9999-4999-8999-999999999999'], reason: 'x' }, 'NOT_FOUND', ['userIds', '1']],
      [{ userIds: [ivan, opsOne], reason: 'x' }, 'ILLEGAL_STATE', ['userIds', '1']],
      [{ userIds: [ivan], reason: '  ' }, 'VALIDATION', ['reason']],
      [{ userIds: ['not-a-uuid'], reason: 'x' }, 'VALIDATION', ['userIds', '0']],
      [{ userIds: [], reason: 'x' }, 'VALIDATION', ['userIds']],
    ];
    for (const [input, code, path] of cases) {
      const e = await caught(h.access.locks.unlock(s, input, meta()));
      expect({ code: e.code, path: e.fieldPath }, JSON.stringify(input)).toEqual({ code, path });
    }
    expect(await h.store.headPosition()).toBe(head);
    expect(await h.access.locks.isLocked(ivan)).toBe(true);
  });

  it('refuses bad lock policies with no event: threshold 0, negative, huge; unknown mailbox; a plain member', async () => {
    const head = await h.store.headPosition();
    for (const threshold of [0, -3, 1000, 2 ** 31 - 1]) {
      const e = await caught(h.access.locks.configurePolicy(s, policy(1, threshold), meta()));
      expect({ code: e.code, path: e.fieldPath }).toEqual({ code: 'VALIDATION', path: ['threshold'] });
    }
    expect((await caught(h.access.locks.configurePolicy(s, policy(77, 3), meta()))).code).toBe('NOT_FOUND');
    const plain = (await h.auth.loadPrincipal(opsThree, 'session')) as Principal;
    expect((await caught(h.access.locks.configurePolicy(plain, policy(1, 3), meta()))).code).toBe('FORBIDDEN');
    expect(await h.store.headPosition()).toBe(head);
  });

  it('only administrators and operations administrators of one of the user\'s mailboxes unlock', async () => {
    const jack = await h.createUser('jack');
    await member(jack, 4);
    await failLogins('jack', 2);
    const opsOfOther = (await h.auth.loadPrincipal(opsOne, 'session')) as Principal;
    expect((await caught(h.access.locks.unlock(opsOfOther, { userIds: [jack], reason: 'x' }, meta()))).code).toBe('FORBIDDEN');
    const opsOfFour = (await h.auth.loadPrincipal(opsThree, 'session')) as Principal;
    await h.access.locks.unlock(opsOfFour, { userIds: [jack], reason: 'Known user' }, meta());
    expect(await h.access.locks.isLocked(jack)).toBe(false);
  });
});

describe.each(kinds)('concurrent failed logins on %s', (kind) => {
  let h: AccessHarness;
  beforeAll(async () => {
    h = await createAccessHarness(kind);
    await h.identity.createMailbox(SYSTEM_ACTOR, { number: 1, name: 'One', address: 'one@example.com' }, meta());
  });
  afterAll(async () => h?.close());

  const counts = async (userId: string) => {
    const events = await h.store.readStream(loginAttemptsStreamId(userId));
    return {
      failed: events.filter((e) => e.type === 'LoginFailed').map((e) => (e.data as { failedAttempts: number }).failedAttempts),
      locks: events.filter((e) => e.type === 'UserLocked').length,
    };
  };

  it('50 wrong passwords in parallel: 50 counts, one lock at the threshold', async () => {
    const kim = await h.createUser('kim');
    await h.identity.addMember(SYSTEM_ACTOR, { mailboxNumber: 1, userId: kim }, meta());
    await h.access.locks.configurePolicy(SYSTEM_ACTOR, policy(1, 50), meta());
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => h.auth.login('kim', 'wrong password!', { clientIp: '203.0.113.1' })));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    await h.access.locks.idle();
    const { failed, locks } = await counts(kim);
    expect(failed).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(locks).toBe(1);
  });

  it('with a lower threshold, the parallel rest after the lock appends nothing', async () => {
    const lee = await h.createUser('lee');
    await h.identity.addMember(SYSTEM_ACTOR, { mailboxNumber: 1, userId: lee }, meta());
    await h.access.locks.configurePolicy(SYSTEM_ACTOR, policy(1, 10), meta());
    await Promise.allSettled(Array.from({ length: 50 }, () => h.auth.login('lee', 'wrong password!')));
    await h.access.locks.idle();
    expect(await counts(lee)).toEqual({ failed: Array.from({ length: 10 }, (_, i) => i + 1), locks: 1 });
  });

  it('two server instances on one event store race through optimistic concurrency without losing a count', async () => {
    const other = await createAccessHarness(kind, { store: h.store });
    try {
      const moe = await h.createUser('moe');
      await h.identity.addMember(SYSTEM_ACTOR, { mailboxNumber: 1, userId: moe }, meta());
      await h.access.locks.configurePolicy(SYSTEM_ACTOR, policy(1, 40), meta());
      await other.runner.waitForPosition(await h.store.headPosition(), 10_000);
      await Promise.all(
        Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? h : other).access.locks.recordLoginFailure(moe, { clientIp: '203.0.113.2' })),
      );
      expect(await counts(moe)).toEqual({ failed: Array.from({ length: 40 }, (_, i) => i + 1), locks: 1 });
    } finally {
      await other.close();
    }
  });
});
