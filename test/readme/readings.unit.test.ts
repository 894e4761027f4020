import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES } from '../../src/domain/inbound/receiveErrors.decider.js';
import { decideOutboundRoute, dkimSettingsDecider, routingConfigOf, smtpSettingsDecider, type SmtpSettingsEvent } from '../../src/domain/outbound/index.js';
import { RakutenRelay } from '../../src/graphql/outbound/smtp.types.js';
import { requireText } from '../../src/domain/shared/text.js';
import { DEFAULT_FETCH_LIMITS } from '../../src/mail/fetch/fetchTypes.js';

/**
 * docs/readings.md, the answers Mailroom gives where the manual leaves a question open,
 * pinned where no other test pins them. The others are pinned at real peers:
 * - delete-duplicates skips re-imports and the server copy stays:
 *   test/fetch/pop3Fetch.int.test.ts ("delete-duplicates: …", Dovecot keeps all 4 files);
 * - a reset also wipes IP restriction and the lock policy:
 *   test/reset/mailboxReset.e2e.test.ts (ipRestriction.enabled false, lockPolicy null after it).
 */
describe('how Mailroom reads the manual', () => {
  it('25MB is 25 × 1024 × 1024 = 26,214,400 bytes, for the fetch limit and the notice alike', () => {
    expect(MAX_MESSAGE_BYTES).toBe(26_214_400);
    expect(DEFAULT_FETCH_LIMITS.maxMessageBytes).toBe(26_214_400);
  });

  it('the Rakuten contact address left empty is the real address: shown so, and mail from it to it goes through the relay', () => {
    const configured: SmtpSettingsEvent = {
      type: 'RakutenRelayConfigured',
      data: { mailboxNumber: 3, realAddress: 'shop@example.com', contactAddress: null, host: 'sub.fw.rakuten.ne.jp', port: 587, encryption: 'STARTTLS', user: requireText([], 'shop', 'accountName'), passwordCiphertext: 'v1.11111111-1111-4111-8111-111111111111.aXY.dGFn.ZGF0YQ' },
    };
    const smtp = smtpSettingsDecider.evolve(smtpSettingsDecider.initialState(), configured);
    const routing = routingConfigOf(smtp, dkimSettingsDecider.initialState());
    expect(routing.rakuten).toEqual({ realAddress: 'shop@example.com', contactAddress: 'shop@example.com' });
    const route = decideOutboundRoute(routing, { from: 'shop@example.com', to: ['shop@example.com'], kind: 'USER_MAIL' });
    expect(route).toMatchObject({ outcome: 'SEND', server: { id: 'rakuten-relay' }, serverReason: { step: 'RAKUTEN_RELAY' } });
    const other = decideOutboundRoute(routing, { from: 'shop@example.com', to: ['customer@example.net'], kind: 'USER_MAIL' });
    expect(other).toMatchObject({ outcome: 'SEND', server: { id: 'builtin' } });

    const row = { real_address: 'shop@example.com', contact_address: null, host: 'h', port: 587, encryption: 'STARTTLS', auth_user: 'shop', password_ciphertext: 'x', updated_at: '2030-01-01T00:00:00.000Z' };
    expect(RakutenRelay.from(row as never).contactAddress).toBe('shop@example.com');
  });
});
