import { describe, expect, it } from 'vitest';
import {
  accessRestrictionDecider as decider,
  type AccessRestrictionEvent,
  type ConfigureApiRestriction,
  type ConfigureIpRestriction,
  type Requester,
} from '../../../src/domain/access/accessRestriction.decider.js';
import { MAX_ALLOW_LIST_ENTRIES } from '../../../src/domain/access/accessPolicy.js';
import { given, testMetadata } from '../../support/given.js';

const ALICE = '11111111-1111-4111-8111-111111111111';
const BOB = '22222222-2222-4222-8222-222222222222';
const office: Requester = { userId: ALICE, clientIp: '192.0.2.10', viaApiToken: false };
const robot: Requester = { userId: ALICE, clientIp: '198.51.100.7', viaApiToken: true };

const ip = (data: Partial<ConfigureIpRestriction['data']> = {}): ConfigureIpRestriction => ({
  type: 'ConfigureIpRestriction',
  data: { mailboxNumber: 3, enabled: true, allowedAddresses: ['192.0.2.0/24'], exemptUserIds: [], requester: office, ...data },
  metadata: testMetadata(),
});
const api = (data: Partial<ConfigureApiRestriction['data']> = {}): ConfigureApiRestriction => ({
  type: 'ConfigureApiRestriction',
  data: { mailboxNumber: 3, enabled: true, allowedAddresses: ['198.51.100.0/24'], requester: robot, ...data },
  metadata: testMetadata(),
});
const ipSaved = (data: Partial<Extract<AccessRestrictionEvent, { type: 'IpRestrictionConfigured' }>['data']> = {}): AccessRestrictionEvent => ({
  type: 'IpRestrictionConfigured',
  data: { mailboxNumber: 3, enabled: true, allowedAddresses: ['192.0.2.0/24'], exemptUserIds: [], lockoutGuardOverridden: false, ...data },
});
const apiSaved = (data: Partial<Extract<AccessRestrictionEvent, { type: 'ApiRestrictionConfigured' }>['data']> = {}): AccessRestrictionEvent => ({
  type: 'ApiRestrictionConfigured',
  data: { mailboxNumber: 3, enabled: true, allowedAddresses: ['198.51.100.0/24'], lockoutGuardOverridden: false, ...data },
});

describe('access restriction decider', () => {
  it('saves the IP restriction with canonical, de-duplicated entries', () => {
    given(decider)
      .when(ip({ allowedAddresses: ['192.0.2.0/24', '2001:DB8::/32', '192.0.2.99/24', '::ffff:203.0.113.5'], exemptUserIds: [BOB.toUpperCase()] }))
      .then(ipSaved({ allowedAddresses: ['192.0.2.0/24', '2001:db8::/32', '203.0.113.5'], exemptUserIds: [BOB] }));
  });

  it('refuses a malformed entry, naming its index', () => {
    given(decider).when(ip({ allowedAddresses: ['192.0.2.0/24', '10.0.0.0/33'] })).thenThrows('VALIDATION', ['allowedAddresses', '1']);
    given(decider).when(ip({ allowedAddresses: ['192.0.2.300'] })).thenThrows('VALIDATION', /Expected an IPv4 or IPv6 address or CIDR range/);
    given(decider).when(ip({ allowedAddresses: ['fe80::1%eth0'] })).thenThrows('VALIDATION', ['allowedAddresses', '0']);
    given(decider).when(ip({ allowedAddresses: [42 as unknown as string] })).thenThrows('VALIDATION', ['allowedAddresses', '0']);
  });

  it('refuses more than 10,000 entries, a malformed exempt user and a non-boolean switch', () => {
    const many = Array.from({ length: MAX_ALLOW_LIST_ENTRIES + 1 }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`);
    given(decider).when(ip({ allowedAddresses: many })).thenThrows('VALIDATION', ['allowedAddresses']);
    given(decider).when(ip({ exemptUserIds: ['not-a-uuid'] })).thenThrows('VALIDATION', ['exemptUserIds', '0']);
    given(decider).when(ip({ enabled: 'yes' as unknown as boolean })).thenThrows('VALIDATION', ['enabled']);
    given(decider).when(ip({ mailboxNumber: 0 })).thenThrows('VALIDATION', ['mailboxNumber']);
  });

  it('appends nothing when the saved restriction is unchanged, or when off-and-empty is saved first', () => {
    given(decider, [ipSaved()]).when(ip({ allowedAddresses: ['192.0.2.7/24'] })).thenNothing();
    given(decider).when(ip({ enabled: false, allowedAddresses: [] })).thenNothing();
    given(decider, [apiSaved()]).when(api()).thenNothing();
  });

  describe('self-lockout guard', () => {
    it('refuses enabling a list that does not contain the requester', () => {
      given(decider).when(ip({ allowedAddresses: ['203.0.113.0/24'] })).thenThrows('ILLEGAL_STATE', /lock you out of mailbox 3: your address 192\.0\.2\.10/);
    });

    it('refuses an edit that drops the requester from an enabled list', () => {
      given(decider, [ipSaved({ allowedAddresses: ['192.0.2.0/24', '203.0.113.0/24'] })])
        .when(ip({ allowedAddresses: ['203.0.113.0/24'] }))
        .thenThrows('ILLEGAL_STATE', ['allowedAddresses']);
    });

    it('lets it through with force, recording the override', () => {
      given(decider)
        .when(ip({ allowedAddresses: ['203.0.113.0/24'], force: true }))
        .then(ipSaved({ allowedAddresses: ['203.0.113.0/24'], lockoutGuardOverridden: true }));
    });

    it('is satisfied by a matching entry, an exemption of the requester, or switching off', () => {
      given(decider).when(ip({ allowedAddresses: ['192.0.2.10'] })).then(ipSaved({ allowedAddresses: ['192.0.2.10'] }));
      given(decider).when(ip({ allowedAddresses: [], exemptUserIds: [ALICE] })).then(ipSaved({ allowedAddresses: [], exemptUserIds: [ALICE] }));
      given(decider, [ipSaved()]).when(ip({ enabled: false, allowedAddresses: [] })).then(ipSaved({ enabled: false, allowedAddresses: [] }));
    });

    it('matches an IPv4-mapped requester against the IPv4 rule', () => {
      given(decider)
        .when(ip({ requester: { ...office, clientIp: '::ffff:192.0.2.10' } }))
        .then(ipSaved());
    });

    it('treats an unknown requester address as excluded', () => {
      given(decider).when(ip({ requester: { ...office, clientIp: '' } })).thenThrows('ILLEGAL_STATE', /an unknown address/);
    });

    it('does not apply to the system actor', () => {
      given(decider).when(ip({ allowedAddresses: [], requester: null })).then(ipSaved({ allowedAddresses: [] }));
    });

    it('guards the API list only for API-token requesters, against the whole policy', () => {
      given(decider).when(api({ allowedAddresses: ['203.0.113.0/24'] })).thenThrows('ILLEGAL_STATE', /API allow list/);
      given(decider)
        .when(api({ allowedAddresses: ['203.0.113.0/24'], requester: office }))
        .then(apiSaved({ allowedAddresses: ['203.0.113.0/24'] }));
      // An API client saving the IP list is judged by the API list too.
      given(decider, [apiSaved({ allowedAddresses: ['203.0.113.0/24'] })])
        .when(ip({ allowedAddresses: ['198.51.100.0/24'], requester: robot }))
        .thenThrows('ILLEGAL_STATE', /API allow list/);
    });
  });

  it('keeps the two lists independent in state', () => {
    const state = [ipSaved(), apiSaved()].reduce(decider.evolve, decider.initialState());
    expect(state).toEqual({
      mailboxNumber: 3,
      ip: { enabled: true, allowedAddresses: ['192.0.2.0/24'], exemptUserIds: [] },
      api: { enabled: true, allowedAddresses: ['198.51.100.0/24'] },
    });
  });
});
