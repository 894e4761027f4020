import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/app/auth/principal.js';
import { BOOTSTRAP_CORRELATION_ID, bootstrapIfEmpty } from '../../src/app/identity/bootstrap.js';
import { createLogger } from '../../src/server/logger.js';
import { createIdentityHarness, meta, type IdentityHarness } from './harness.js';

const capturingLogger = () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger('info', sink), lines };
};

describe('bootstrapIfEmpty', () => {
  let h: IdentityHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('creates mailbox 1 and the administrator, prints nothing secret, and does nothing the second time', async () => {
    h = await createIdentityHarness('sqlite');
    const { log, lines } = capturingLogger();
    const first = await bootstrapIfEmpty({ store: h.store, identity: h.identity, log });
    if (!first.bootstrapped) throw new Error('expected a bootstrap');
    expect(first.generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(lines.join('')).not.toContain(first.generatedPassword!);

    expect(await h.db.selectFrom('mailboxes').select(['number', 'name', 'address']).execute()).toEqual([
      { number: 1, name: 'Mailbox 1', address: 'mailbox1@example.com' },
    ]);
    const principal = await h.auth.authenticate((await h.auth.login('admin', first.generatedPassword!)).token);
    expect(principal).toMatchObject({ userId: first.adminUserId, username: 'admin', isAdministrator: true });
    expect(principal!.permissions.size).toBe(0);
    expect([...principal!.memberships]).toEqual([[1, new Set(['OPERATIONS_ADMINISTRATOR'])]]);

    const head = await h.store.headPosition();
    expect(head).toBe(5);
    const events = await h.store.readAll();
    expect(events.every((e) => e.metadata.actorId === null && e.metadata.correlationId === BOOTSTRAP_CORRELATION_ID)).toBe(true);

    expect(await bootstrapIfEmpty({ store: h.store, identity: h.identity, log })).toEqual({ bootstrapped: false });
    expect(await h.store.headPosition()).toBe(head);
  });

  it('uses the given password and mailbox address', async () => {
    h = await createIdentityHarness('sqlite');
    const { log } = capturingLogger();
    const result = await bootstrapIfEmpty({ store: h.store, identity: h.identity, adminPassword: 'from the environment', mailboxAddress: 'desk@corp.example', log });
    expect(result).toMatchObject({ bootstrapped: true, generatedPassword: null });
    expect((await h.auth.login('admin', 'from the environment')).token).toMatch(/^mr_s_/);
    expect(await h.db.selectFrom('mailboxes').select('address').execute()).toEqual([{ address: 'desk@corp.example' }]);
  });

  it('leaves a store with other history alone', async () => {
    h = await createIdentityHarness('sqlite');
    await h.identity.createMailbox(SYSTEM_ACTOR, { number: 4, name: 'Existing', address: 'x@example.com' }, meta());
    expect(await bootstrapIfEmpty({ store: h.store, identity: h.identity, log: capturingLogger().log })).toEqual({ bootstrapped: false });
    expect(await h.store.headPosition()).toBe(1);
  });

  it('lets one of several instances starting at once bootstrap, and the others back off', async () => {
    h = await createIdentityHarness('sqlite');
    const harness = h;
    const results = await Promise.all(
      [1, 2, 3].map(() => bootstrapIfEmpty({ store: harness.store, identity: harness.identity, adminPassword: 'same on every instance', log: capturingLogger().log })),
    );
    expect(results.filter((r) => r.bootstrapped)).toHaveLength(1);
    expect(await h.store.headPosition()).toBe(5);
    expect((await h.auth.login('admin', 'same on every instance')).token).toMatch(/^mr_s_/);
  });

  it('leaves a bootstrap that is still progressing to the instance running it', async () => {
    h = await createIdentityHarness('sqlite');
    const harness = h;
    const first = bootstrapIfEmpty({ store: harness.store, identity: harness.identity, log: capturingLogger().log });
    while ((await h.store.headPosition()) === 0) await new Promise((r) => setImmediate(r));
    const { log, lines } = capturingLogger();
    const second = await bootstrapIfEmpty({ store: harness.store, identity: harness.identity, log });
    const done = await first;
    if (!done.bootstrapped) throw new Error('expected the first call to bootstrap');
    expect(second).toEqual({ bootstrapped: false });
    expect(await h.store.headPosition()).toBe(5);
    // The password the first instance generated (and would print) is the one that works.
    expect((await h.auth.login('admin', done.generatedPassword!)).userId).toBe(done.adminUserId);
    expect(lines.join('')).not.toContain('created mailbox 1');
  });

  it('completes a first start that died half-way, with a fresh password', async () => {
    h = await createIdentityHarness('sqlite');
    const bootstrapMeta = { correlationId: BOOTSTRAP_CORRELATION_ID };
    await h.identity.createMailbox(SYSTEM_ACTOR, { number: 1, name: 'Mailbox 1', address: 'mailbox1@example.com' }, bootstrapMeta);
    const { userId } = await h.identity.createUser(
      SYSTEM_ACTOR,
      { username: 'admin', displayName: 'Administrator', email: 'mailbox1@example.com', password: 'never shown to anyone', isAdministrator: true },
      bootstrapMeta,
    );
    const result = await bootstrapIfEmpty({ store: h.store, identity: h.identity, log: capturingLogger().log, interruptedAfterMs: 300 });
    if (!result.bootstrapped) throw new Error('expected the bootstrap to resume');
    expect(result.adminUserId).toBe(userId);
    expect((await h.auth.login('admin', result.generatedPassword!)).userId).toBe(userId);
    await expect(h.auth.login('admin', 'never shown to anyone')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const principal = await h.auth.authenticate((await h.auth.login('admin', result.generatedPassword!)).token);
    expect([...principal!.memberships]).toEqual([[1, new Set(['OPERATIONS_ADMINISTRATOR'])]]);
    expect(await bootstrapIfEmpty({ store: h.store, identity: h.identity, log: capturingLogger().log })).toEqual({ bootstrapped: false });
  });
});
