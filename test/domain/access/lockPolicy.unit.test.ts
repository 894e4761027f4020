import { describe, expect, it } from 'vitest';
import { effectiveLockPolicy, lockPolicyDecider as decider, type ConfigureLockPolicy, type LockPolicyConfigured } from '../../../src/domain/access/lockPolicy.decider.js';
import { given, testMetadata } from '../../support/given.js';

const configure = (data: Partial<ConfigureLockPolicy['data']> = {}): ConfigureLockPolicy => ({
  type: 'ConfigureLockPolicy',
  data: { mailboxNumber: 2, enabled: true, threshold: 5, notifyOperationsAdministrators: true, notifyAddresses: [], ...data },
  metadata: testMetadata(),
});
const configured = (data: Partial<LockPolicyConfigured['data']> = {}): LockPolicyConfigured => ({
  type: 'LockPolicyConfigured',
  data: { mailboxNumber: 2, enabled: true, threshold: 5, notifyOperationsAdministrators: true, notifyAddresses: [], ...data },
});

describe('lock policy decider', () => {
  it('saves a policy, normalising and de-duplicating notice addresses', () => {
    given(decider)
      .when(configure({ notifyAddresses: ['Sec@Example.COM', 'sec@example.com', ' ops@example.org '] }))
      .then(configured({ notifyAddresses: ['Sec@example.com', 'ops@example.org'] }));
  });

  it('refuses a threshold of 0, negative, fractional or above 100', () => {
    for (const threshold of [0, -1, 2.5, 101, 2 ** 31 - 1, Number.NaN]) {
      given(decider).when(configure({ threshold })).thenThrows('VALIDATION', ['threshold']);
    }
    given(decider).when(configure({ threshold: 1 })).then(configured({ threshold: 1 }));
    given(decider).when(configure({ threshold: 100 })).then(configured({ threshold: 100 }));
  });

  it('refuses a bad notice address (naming it), too many addresses, and non-boolean switches', () => {
    given(decider).when(configure({ notifyAddresses: ['ok@example.com', 'not an address'] })).thenThrows('VALIDATION', ['notifyAddresses', '1']);
    given(decider)
      .when(configure({ notifyAddresses: Array.from({ length: 21 }, (_, i) => `a${i}@example.com`) }))
      .thenThrows('VALIDATION', ['notifyAddresses']);
    given(decider).when(configure({ enabled: 1 as unknown as boolean })).thenThrows('VALIDATION', ['enabled']);
    given(decider).when(configure({ notifyOperationsAdministrators: null as unknown as boolean })).thenThrows('VALIDATION', ['notifyOperationsAdministrators']);
  });

  it('appends nothing when nothing changed, and replaces the whole policy otherwise', () => {
    given(decider, [configured()]).when(configure()).thenNothing();
    given(decider, [configured()]).when(configure({ enabled: false })).then(configured({ enabled: false }));
  });
});

describe('effectiveLockPolicy (several mailboxes)', () => {
  const p = (mailboxNumber: number, threshold: number, enabled = true) => ({ mailboxNumber, threshold, enabled });

  it('applies the smallest threshold', () => {
    expect(effectiveLockPolicy([p(1, 10), p(2, 3), p(3, 5)])).toEqual(p(2, 3));
  });

  it('breaks a tie by the smallest mailbox No., whatever the order given', () => {
    expect(effectiveLockPolicy([p(3, 5), p(7, 5), p(2, 5)])).toEqual(p(2, 5));
    expect(effectiveLockPolicy([p(2, 5), p(3, 5)])).toEqual(p(2, 5));
  });

  it('ignores disabled policies; none enabled means no lock', () => {
    expect(effectiveLockPolicy([p(1, 1, false), p(2, 9)])).toEqual(p(2, 9));
    expect(effectiveLockPolicy([p(1, 1, false)])).toBeNull();
    expect(effectiveLockPolicy([])).toBeNull();
  });
});

describe('lock policy decider: modes', () => {
  const base = { mailboxNumber: 4, enabled: true, threshold: 3, notifyOperationsAdministrators: true, notifyAddresses: [] };
  const save = (data: Record<string, unknown>) => ({ type: 'ConfigureLockPolicy' as const, data: { ...base, ...data } as never, metadata: testMetadata() });

  it('stores a temporary mode with its wait and count; PERMANENT carries no mode fields', () => {
    given(decider).when(save({ mode: 'TEMPORARY', waitMinutes: 5 })).then([{ type: 'LockPolicyConfigured', data: { ...base, mode: 'TEMPORARY', waitMinutes: 5, maxTemporaryLocks: 3 } }]);
    given(decider).when(save({ mode: 'PERMANENT', waitMinutes: 5 })).then([{ type: 'LockPolicyConfigured', data: base }]);
  });

  it('refuses unknown modes and waits out of range', () => {
    given(decider).when(save({ mode: 'FOREVER' })).thenThrows('VALIDATION', ['mode']);
    given(decider).when(save({ mode: 'TEMPORARY', waitMinutes: 0 })).thenThrows('VALIDATION', ['waitMinutes']);
    given(decider).when(save({ mode: 'PERMANENT_AFTER_TEMPORARY', maxTemporaryLocks: 21 })).thenThrows('VALIDATION', ['maxTemporaryLocks']);
  });
});
