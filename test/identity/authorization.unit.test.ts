import { describe, expect, it } from 'vitest';
import {
  canActInMailbox,
  canAuditMailbox,
  canManageMailbox,
  hasMailboxRole,
  requireAdministrator,
  requireAuthenticated,
  requireMailboxAudit,
  requirePermission,
  requireSelfOrAdministrator,
} from '../../src/app/auth/authorization.js';
import { SYSTEM_ACTOR, type Principal } from '../../src/app/auth/principal.js';
import type { MailboxRole } from '../../src/domain/identity/mailbox.decider.js';

const principal = (overrides: Partial<Principal> = {}, memberships: [number, MailboxRole[]][] = []): Principal => ({
  kind: 'session',
  userId: 'u-1',
  username: 'someone',
  isAdministrator: false,
  permissions: new Set(),
  memberships: new Map(memberships.map(([n, roles]) => [n, new Set(roles)])),
  ...overrides,
});

const codeOf = (f: () => void): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('authorization rules', () => {
  const member = principal({}, [[1, []]]);
  const opsAdmin = principal({}, [[1, ['OPERATIONS_ADMINISTRATOR']]]);
  const auditor = principal({}, [[1, ['AUDITOR']]]);
  const admin = principal({ isAdministrator: true });

  it('a plain member acts in the mailbox but neither manages nor audits it', () => {
    expect([canActInMailbox(member, 1), canManageMailbox(member, 1), canAuditMailbox(member, 1)]).toEqual([true, false, false]);
    expect(canActInMailbox(member, 2)).toBe(false);
  });

  it('operations administrators manage and audit their mailbox only', () => {
    expect([canManageMailbox(opsAdmin, 1), canAuditMailbox(opsAdmin, 1), canManageMailbox(opsAdmin, 2)]).toEqual([true, true, false]);
  });

  it('auditors audit but do not manage', () => {
    expect([canAuditMailbox(auditor, 1), canManageMailbox(auditor, 1)]).toEqual([true, false]);
  });

  it('administrators act everywhere, yet hold no mailbox role and no permission implicitly', () => {
    expect([canActInMailbox(admin, 9), canManageMailbox(admin, 9), canAuditMailbox(admin, 9)]).toEqual([true, true, true]);
    expect(hasMailboxRole(admin, 9, 'OPERATIONS_ADMINISTRATOR')).toBe(false);
    expect(codeOf(() => requirePermission(admin, 'MAILBOX_RESET'))).toBe('FORBIDDEN');
    expect(codeOf(() => requirePermission(principal({ permissions: new Set(['MAILBOX_RESET']) }), 'MAILBOX_RESET'))).toBeNull();
  });

  it('the system actor passes every check', () => {
    expect(codeOf(() => requireAdministrator(SYSTEM_ACTOR))).toBeNull();
    expect(codeOf(() => requirePermission(SYSTEM_ACTOR, 'MAILBOX_RESET'))).toBeNull();
    expect(codeOf(() => requireMailboxAudit(SYSTEM_ACTOR, 42))).toBeNull();
  });

  it('refusals carry FORBIDDEN or UNAUTHENTICATED', () => {
    expect(codeOf(() => requireAdministrator(opsAdmin))).toBe('FORBIDDEN');
    expect(codeOf(() => requireMailboxAudit(member, 1))).toBe('FORBIDDEN');
    expect(codeOf(() => requireSelfOrAdministrator(member, 'u-2'))).toBe('FORBIDDEN');
    expect(codeOf(() => requireSelfOrAdministrator(member, 'u-1'))).toBeNull();
    expect(codeOf(() => requireAuthenticated(null))).toBe('UNAUTHENTICATED');
  });
});
