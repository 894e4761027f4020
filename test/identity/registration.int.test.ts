import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/app/auth/principal.js';
import { usernameClaimDecider, usernameClaimStreamId } from '../../src/domain/identity/usernameClaim.decider.js';
import { isMailroomError } from '../../src/domain/shared/errors.js';
import { handleCommand } from '../../src/eventstore/handleCommand.js';
import { testMetadata } from '../support/given.js';
import { createIdentityHarness, meta, type IdentityHarness } from './harness.js';

const input = (username: string, userId?: string) => ({
  ...(userId === undefined ? {} : { userId }),
  username,
  displayName: 'Someone',
  email: 'someone@example.com',
  password: 'a long password',
});

describe('user registration (SQLite read models, in-memory store)', () => {
  let h: IdentityHarness;
  beforeAll(async () => {
    h = await createIdentityHarness('sqlite');
  });
  afterAll(async () => h?.close());

  it('20 concurrent registrations of one username yield exactly one user', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => h.identity.createUser(SYSTEM_ACTOR, input(i % 2 === 0 ? 'Popular' : 'popular'), meta())),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const r of lost) expect(isMailroomError(r.reason) && r.reason.code, String(r.reason)).toBe('ALREADY_EXISTS');

    const users = await h.db.selectFrom('users').select(['id', 'username']).where('username', '=', 'popular').execute();
    expect(users).toEqual([{ id: (won[0] as PromiseFulfilledResult<{ userId: string }>).value.userId, username: 'popular' }]);
    const registered = (await h.store.readAll({ max: 10_000 })).filter((e) => e.type === 'UserRegistered');
    expect(registered).toHaveLength(1);
    expect(await h.store.readStream(usernameClaimStreamId('popular'))).toHaveLength(1);
  });

  it('20 concurrent claims of one username race at the store: exactly one is appended', async () => {
    const ids = Array.from({ length: 20 }, () => randomUUID());
    const results = await Promise.allSettled(
      ids.map((userId) =>
        handleCommand(h.store, usernameClaimDecider, usernameClaimStreamId('racer'), {
          type: 'ClaimUsername',
          data: { username: 'racer', userId },
          metadata: testMetadata(),
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const claims = await h.store.readStream(usernameClaimStreamId('racer'));
    expect(claims).toHaveLength(1);
    expect(ids).toContain((claims[0]!.data as { userId: string }).userId);
  });

  it('a registration that crashed after claiming the username succeeds when retried with the same user id', async () => {
    const userId = randomUUID();
    await handleCommand(h.store, usernameClaimDecider, usernameClaimStreamId('phoenix'), {
      type: 'ClaimUsername',
      data: { username: 'phoenix', userId },
      metadata: testMetadata(),
    });
    const other = await h.identity.createUser(SYSTEM_ACTOR, input('phoenix'), meta()).catch((e: unknown) => e);
    expect(isMailroomError(other) && other.code).toBe('ALREADY_EXISTS');
    const retried = await h.identity.createUser(SYSTEM_ACTOR, input('phoenix', userId), meta());
    expect(retried.userId).toBe(userId);
    expect((await h.auth.login('phoenix', 'a long password')).userId).toBe(userId);
  });

  it('an invalid registration is refused before the username is claimed', async () => {
    const bad = await h.identity.createUser(SYSTEM_ACTOR, { ...input('unclaimed'), email: 'nope' }, meta()).catch((e: unknown) => e);
    expect(isMailroomError(bad) && [bad.code, bad.fieldPath]).toEqual(['VALIDATION', ['email']]);
    const short = await h.identity.createUser(SYSTEM_ACTOR, { ...input('unclaimed'), password: 'short' }, meta()).catch((e: unknown) => e);
    expect(isMailroomError(short) && [short.code, short.fieldPath]).toEqual(['VALIDATION', ['password']]);
    expect(await h.store.readStream(usernameClaimStreamId('unclaimed'))).toEqual([]);
  });

  it('adding a member refers to an existing user', async () => {
    await h.identity.createMailbox(SYSTEM_ACTOR, { number: 7, name: 'Seven', address: 'seven@example.com' }, meta());
    const e = await h.identity.addMember(SYSTEM_ACTOR, { mailboxNumber: 7, userId: randomUUID() }, meta()).catch((x: unknown) => x);
    expect(isMailroomError(e) && [e.code, e.fieldPath]).toEqual(['NOT_FOUND', ['userId']]);
  });

  it('mailbox numbers are unique under concurrency', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => h.identity.createMailbox(SYSTEM_ACTOR, { number: 8, name: `Eight ${i}`, address: 'eight@example.com' }, meta())),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await h.db.selectFrom('mailboxes').select('number').where('number', '=', 8).execute()).toHaveLength(1);
  });
});
