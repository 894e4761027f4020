import { describe, expect, it } from 'vitest';
import { outboundSettingsWarnings, routingConfig, type RoutingConfigInput, type RoutingDkimSignature } from '../../../src/domain/outbound/index.js';

const base: RoutingConfigInput = {
  externalServers: [{ serverId: 'relay', name: 'Relay' }],
  rules: [],
  defaultServerId: 'relay',
  bounce: null,
  rakuten: null,
  dkimSignatures: [],
  dkimConditions: [],
  defaultDkimSignatureId: null,
};
const codes = (input: Partial<RoutingConfigInput>) => outboundSettingsWarnings(routingConfig({ ...base, ...input })).map((w) => w.code);
const key: RoutingDkimSignature = { signatureId: 'k', name: 'k', kind: 'AUTHOR', domain: 'example.com', selector: 's', algorithm: 'RSA_SHA256', keyBits: 2048, bodyLengthLimit: null, serviceKey: false };

describe('outbound settings warnings', () => {
  it('none for an external default, a fixed bounce address and plain keys', () =>
    expect(codes({ bounce: { kind: 'FIXED_ADDRESS', address: 'b@example.com' }, dkimSignatures: [{ ...key, kind: 'THIRD_PARTY' }], defaultDkimSignatureId: 'k' })).toEqual([]));

  it('warns that the built-in server as default loses the anti-spoofing benefit', () => expect(codes({ defaultServerId: 'builtin' })).toEqual(['BUILT_IN_DEFAULT_SERVER']));

  it('warns that bounces to the From are only visible when that address is received here', () => {
    const [warning] = outboundSettingsWarnings(routingConfig({ ...base, bounce: { kind: 'SENDER' } }));
    expect(warning).toMatchObject({ code: 'BOUNCE_TO_SENDER', area: 'SMTP' });
    expect(warning!.message).toMatch(/visible here only if that address is received/);
  });

  it('warns about an address rule that an earlier domain rule shadows, not about one before it', () => {
    const domain = { ruleId: 'r1', match: { kind: 'DOMAIN' as const, value: 'example.com' }, serverId: 'relay' };
    const address = { ruleId: 'r2', match: { kind: 'ADDRESS' as const, value: 'info@example.com' }, serverId: 'builtin' };
    expect(outboundSettingsWarnings(routingConfig({ ...base, rules: [domain, address] }))).toMatchObject([{ code: 'SHADOWED_ROUTING_RULE', subjectId: 'r2' }]);
    expect(codes({ rules: [address, domain] })).toEqual([]);
  });

  it('warns about an author signature as default, a body length limit and a short RSA key', () =>
    expect(codes({ dkimSignatures: [{ ...key, bodyLengthLimit: 100, keyBits: 1024 }], defaultDkimSignatureId: 'k' })).toEqual([
      'AUTHOR_SIGNATURE_AS_DEFAULT',
      'DKIM_BODY_LENGTH_LIMIT',
      'WEAK_DKIM_KEY',
    ]));
});
