import { describe, expect, it } from 'vitest';
import { evaluateAccess, normalizeAddressList, scanMatcher, type EvaluablePolicy } from '../../../src/domain/access/accessPolicy.js';
import { parseIpAddress } from '../../../src/domain/access/ipAddress.js';

const policy = (over: { ip?: Partial<EvaluablePolicy['ip']>; api?: Partial<EvaluablePolicy['api']>; exempt?: string[] } = {}): EvaluablePolicy => ({
  ip: { enabled: true, isExempt: (id) => (over.exempt ?? []).includes(id), rules: scanMatcher(['10.0.0.0/8', '10.1.0.0/16', '2001:db8::/32']), ...over.ip },
  api: { enabled: true, rules: scanMatcher(['192.0.2.0/24']), ...over.api },
});
const at = (ip: string, userId: string | null = 'u1', viaApiToken = false) => ({ address: parseIpAddress(ip), userId, viaApiToken });

describe('evaluateAccess (the access rule)', () => {
  it('allows anyone when the IP restriction is off', () => {
    expect(evaluateAccess(policy({ ip: { enabled: false } }), at('203.0.113.1')).decidedBy).toMatchObject({ outcome: 'RESTRICTION_OFF', allowed: true });
  });

  it('names the most specific matching rule', () => {
    expect(evaluateAccess(policy(), at('10.1.2.3')).decidedBy).toEqual({ list: 'IP_RESTRICTION', outcome: 'RULE_MATCHED', allowed: true, rule: '10.1.0.0/16' });
    expect(evaluateAccess(policy(), at('10.2.0.1')).decidedBy.rule).toBe('10.0.0.0/8');
    expect(evaluateAccess(policy(), at('::ffff:10.2.0.1')).decidedBy.rule).toBe('10.0.0.0/8');
    expect(evaluateAccess(policy(), at('2001:db8:1::5')).decidedBy.rule).toBe('2001:db8::/32');
  });

  it('denies an address outside every rule, and an unknown address', () => {
    expect(evaluateAccess(policy(), at('203.0.113.1'))).toMatchObject({ allowed: false, decidedBy: { outcome: 'NO_RULE_MATCHED' } });
    expect(evaluateAccess(policy(), { address: null, userId: 'u1', viaApiToken: false })).toMatchObject({ allowed: false, decidedBy: { outcome: 'ADDRESS_UNKNOWN' } });
  });

  it('lets exempt users in from anywhere, but not past the API list', () => {
    expect(evaluateAccess(policy({ exempt: ['u1'] }), at('203.0.113.1')).decidedBy).toMatchObject({ outcome: 'USER_EXEMPT', allowed: true });
    const viaToken = evaluateAccess(policy({ exempt: ['u1'] }), at('203.0.113.1', 'u1', true));
    expect(viaToken.allowed).toBe(false);
    expect(viaToken.decidedBy).toMatchObject({ list: 'API_RESTRICTION', outcome: 'NO_RULE_MATCHED' });
  });

  it('judges API-token clients by both lists; session users by the IP list only', () => {
    const p = policy({ ip: { rules: scanMatcher(['192.0.2.0/24']) } });
    expect(evaluateAccess(p, at('192.0.2.5', 'u1', true))).toMatchObject({ allowed: true, decidedBy: { list: 'API_RESTRICTION', rule: '192.0.2.0/24' } });
    expect(evaluateAccess(p, at('192.0.2.5', 'u1', true)).verdicts).toHaveLength(2);
    expect(evaluateAccess(policy({ api: { enabled: false } }), at('10.0.0.1', 'u1', true)).decidedBy).toMatchObject({ list: 'API_RESTRICTION', outcome: 'RESTRICTION_OFF' });
    expect(evaluateAccess(policy(), at('10.0.0.1', 'u1', true))).toMatchObject({ allowed: false, decidedBy: { list: 'API_RESTRICTION' } });
    expect(evaluateAccess(policy(), at('10.0.0.1')).verdicts).toHaveLength(1);
  });

  it('normalises lists with notes for rewritten and repeated entries', () => {
    expect(normalizeAddressList(['x'], ['10.0.0.5/8', '10.0.0.0/8', '2001:DB8::1'])).toEqual({
      addresses: ['10.0.0.0/8', '2001:db8::1'],
      notes: ['10.0.0.5/8 has host bits set; stored as 10.0.0.0/8', '10.0.0.0/8 is listed more than once; kept once as 10.0.0.0/8'],
    });
  });
});
