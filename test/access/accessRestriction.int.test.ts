import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessRuntime } from '../../src/app/access/accessRuntime.js';
import type { ClosableConnection } from '../../src/app/access/connectionRegistry.js';
import { requireMailboxAccess, requireMailboxAudit } from '../../src/app/auth/authorization.js';
import { SYSTEM_ACTOR, type Principal } from '../../src/app/auth/principal.js';
import { parseIpAddress } from '../../src/domain/access/ipAddress.js';
import { isMailroomError, type MailroomError } from '../../src/domain/shared/errors.js';
import { postgresAvailable } from '../support/postgres.js';
import { createAccessHarness, meta, type AccessHarness, type ReadDbKind } from './harness.js';

const pgAvailable = await postgresAvailable();
const kinds: ReadDbKind[] = pgAvailable ? ['sqlite', 'postgres'] : ['sqlite'];

const caught = async (p: Promise<unknown> | (() => unknown)): Promise<MailroomError> => {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (isMailroomError(e)) return e;
    throw e;
  }
  throw new Error('expected a MailroomError, got success');
};

/** A stand-in socket that records how it was closed (the registry only calls close/once). */
const fakeSocket = () => {
  const listeners: (() => void)[] = [];
  const socket = {
    closed: null as null | { code: number; reason: string },
    close(code: number, reason: string) {
      socket.closed = { code, reason };
      for (const l of listeners) l();
    },
    once(_event: 'close', listener: () => void) {
      listeners.push(listener);
    },
  };
  return socket satisfies ClosableConnection;
};

describe.each(kinds)('IP and API restriction on %s', (kind) => {
  let h: AccessHarness;
  let ops: Principal;
  let opsId: string;
  let nina: string;
  const s = SYSTEM_ACTOR;
  const save = (input: Partial<Parameters<AccessHarness['access']['restrictions']['configureIpRestriction']>[1]>, clientIp = '192.0.2.10', actor: Principal | typeof s = ops) =>
    h.access.restrictions.configureIpRestriction(
      actor,
      { mailboxNumber: 5, enabled: true, allowedAddresses: ['192.0.2.0/24'], exemptUserIds: [], ...input },
      { clientIp },
      meta('save', clientIp),
    );

  beforeAll(async () => {
    h = await createAccessHarness(kind);
    await h.identity.createMailbox(s, { number: 5, name: 'Five', address: 'five@example.com' }, meta());
    opsId = await h.createUser('olga');
    nina = await h.createUser('nina');
    for (const u of [opsId, nina]) await h.identity.addMember(s, { mailboxNumber: 5, userId: u }, meta());
    await h.identity.assignRole(s, { mailboxNumber: 5, userId: opsId, role: 'OPERATIONS_ADMINISTRATOR' }, meta());
    ops = (await h.auth.loadPrincipal(opsId, 'session'))!;
  });
  afterAll(async () => h?.close());

  it('saves a restriction that is in force at once, with warnings for rewritten entries', async () => {
    const outcome = await save({ allowedAddresses: ['192.0.2.77/24', '2001:db8::/32', '2001:DB8::/32'], exemptUserIds: [nina] });
    expect(outcome.warnings).toEqual(['192.0.2.77/24 has host bits set; stored as 192.0.2.0/24', '2001:DB8::/32 is listed more than once; kept once as 2001:db8::/32']);
    const at = (ip: string, userId: string) => h.access.runtime.decide(5, { address: parseIpAddress(ip), userId, viaApiToken: false });
    expect(at('192.0.2.200', opsId)).toMatchObject({ allowed: true, decidedBy: { rule: '192.0.2.0/24' } });
    expect(at('198.51.100.1', opsId)).toMatchObject({ allowed: false, decidedBy: { outcome: 'NO_RULE_MATCHED' } });
    expect(at('198.51.100.1', nina)).toMatchObject({ allowed: true, decidedBy: { outcome: 'USER_EXEMPT' } });
    const rows = await h.db.selectFrom('access_rules').select(['list', 'address']).where('mailbox_number', '=', 5).orderBy('ordinal').execute();
    expect(rows).toEqual([
      { list: 'ip', address: '192.0.2.0/24' },
      { list: 'ip', address: '2001:db8::/32' },
    ]);
  });

  it('the guard refuses a save that would lock the requester out, unless forced; the system actor is never guarded', async () => {
    const head = await h.store.headPosition();
    const refused = await caught(save({ allowedAddresses: ['203.0.113.0/24'] }));
    expect({ code: refused.code, path: refused.fieldPath }).toEqual({ code: 'ILLEGAL_STATE', path: ['allowedAddresses'] });
    expect(await h.store.headPosition()).toBe(head);
    await save({ allowedAddresses: ['203.0.113.0/24', '192.0.2.0/24'], exemptUserIds: [nina] });
    await save({ allowedAddresses: ['192.0.2.0/24'], exemptUserIds: [nina] }, '192.0.2.10', s);
  });

  it('refuses malformed entries and unknown exempt users with no event', async () => {
    const head = await h.store.headPosition();
    const cases: [Parameters<typeof save>[0], string, string[]][] = [
      [{ allowedAddresses: ['192.0.2.0/24', '300.1.1.1'] }, 'VALIDATION', ['allowedAddresses', '1']],
      [{ allowedAddresses: ['10.0.0.0/40'] }, 'VALIDATION', ['allowedAddresses', '0']],
      [{ allowedAddresses: ['2001:db8:::1'] }, 'VALIDATION', ['allowedAddresses', '0']],
      [{ exemptUserIds: [nina, '99999999-9999-4999-8999-999999999999'] }, 'NOT_FOUND', ['exemptUserIds', '1']],
      [{ exemptUserIds: ['nina'] }, 'VALIDATION', ['exemptUserIds', '0']],
      [{ mailboxNumber: 404 }, 'NOT_FOUND', ['mailboxNumber']],
    ];
    for (const [input, code, path] of cases) {
      const e = await caught(save(input, '192.0.2.10', s));
      expect({ code: e.code, path: e.fieldPath }, JSON.stringify(input)).toEqual({ code, path });
    }
    expect(await h.store.headPosition()).toBe(head);
  });

  it('the network gate runs inside the mailbox authorization helpers', async () => {
    const fromOffice = h.access.runtime.guard(ops, { clientIp: '192.0.2.10' })!;
    const fromHome = h.access.runtime.guard(ops, { clientIp: '198.51.100.1' })!;
    expect(() => requireMailboxAccess(fromOffice, 5)).not.toThrow();
    const refused = await caught(() => requireMailboxAudit(fromHome, 5));
    expect({ code: refused.code, message: refused.message }).toEqual({ code: 'FORBIDDEN', message: 'Access to mailbox 5 from 198.51.100.1 is not allowed' });
    // A mailbox without a restriction is open.
    const admin = { ...ops, isAdministrator: true };
    expect(() => requireMailboxAccess(h.access.runtime.guard(admin, { clientIp: '198.51.100.1' })!, 6)).not.toThrow();
  });

  it('API-token callers also need the API allow list; the check query names the rule', async () => {
    await h.access.restrictions.configureApiRestriction(ops, { mailboxNumber: 5, enabled: true, allowedAddresses: ['192.0.2.128/25'] }, { clientIp: '192.0.2.10' }, meta());
    const check = (ip: string, viaApiToken: boolean, userId: string | null = opsId) => h.access.restrictions.check(ops, { mailboxNumber: 5, ip, userId, viaApiToken });
    expect(await check('192.0.2.200', true)).toMatchObject({ allowed: true, decidedBy: { list: 'API_RESTRICTION', rule: '192.0.2.128/25' } });
    expect(await check('192.0.2.10', true)).toMatchObject({ allowed: false, decidedBy: { list: 'API_RESTRICTION', outcome: 'NO_RULE_MATCHED' } });
    expect(await check('::ffff:192.0.2.10', false)).toMatchObject({ allowed: true, address: '192.0.2.10', decidedBy: { list: 'IP_RESTRICTION', rule: '192.0.2.0/24' } });
    expect(await check('198.51.100.1', false, nina)).toMatchObject({ allowed: true, decidedBy: { outcome: 'USER_EXEMPT' } });
    expect(await check('198.51.100.1', false, null)).toMatchObject({ allowed: false });
    expect((await caught(check('not-an-ip', false))).fieldPath).toEqual(['ip']);
    expect((await caught(check('192.0.2.1', false, '99999999-9999-4999-8999-999999999999'))).code).toBe('NOT_FOUND');
    // An API client saving a list that excludes itself is guarded too.
    const robot = { ...ops, kind: 'api_token' as const };
    const e = await caught(h.access.restrictions.configureApiRestriction(robot, { mailboxNumber: 5, enabled: true, allowedAddresses: ['203.0.113.0/24'] }, { clientIp: '192.0.2.200' }, meta()));
    expect(e.code).toBe('ILLEGAL_STATE');
  });

  it('closes WebSocket connections a change no longer allows, and every connection of a locked user', async () => {
    const allowed = fakeSocket();
    const exemptOne = fakeSocket();
    const elsewhere = fakeSocket();
    requireMailboxAccess(h.access.runtime.guard(ops, { clientIp: '192.0.2.10', socket: allowed })!, 5);
    const ninaPrincipal = (await h.auth.loadPrincipal(nina, 'session'))!;
    requireMailboxAccess(h.access.runtime.guard(ninaPrincipal, { clientIp: '198.51.100.9', socket: exemptOne })!, 5);
    h.access.runtime.guard(ninaPrincipal, { clientIp: '198.51.100.9', socket: elsewhere });
    expect(h.access.runtime.connections.size).toBe(3);

    // Nina is no longer exempt: her connection that acted in mailbox 5 closes, the other stays.
    await save({ allowedAddresses: ['192.0.2.0/24'], exemptUserIds: [] });
    expect(exemptOne.closed).toEqual({ code: 4403, reason: 'Access to mailbox 5 from 198.51.100.9 is no longer allowed' });
    expect(allowed.closed).toBeNull();
    expect(elsewhere.closed).toBeNull();

    await h.access.locks.configurePolicy(s, { mailboxNumber: 5, enabled: true, threshold: 1, notifyOperationsAdministrators: false, notifyAddresses: [] }, meta());
    await h.access.locks.recordLoginFailure(nina);
    expect(elsewhere.closed).toEqual({ code: 4401, reason: 'Session ended' });
    expect(allowed.closed).toBeNull();
    expect(h.access.runtime.connections.size).toBe(1);
  });

  it('a restarted runtime rebuilds the same policies from the read model and the events after its checkpoint', async () => {
    const again = new AccessRuntime({ store: h.store, db: h.db });
    await again.start();
    try {
      expect(again.restrictionOf(5)).toEqual(h.access.runtime.restrictionOf(5));
      const subject = { address: parseIpAddress('192.0.2.200'), userId: opsId, viaApiToken: true };
      expect(again.decide(5, subject)).toEqual(h.access.runtime.decide(5, subject));
    } finally {
      await again.stop();
    }
  });
});
