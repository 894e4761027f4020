import { describe, expect, it } from 'vitest';
import { inboundConfigurationSections } from '../../src/app/inbound/auditSections.js';

const CIPHER = 'v1.0f0e0d0c-0b0a-4908-8706-050403020100.aXY.dGFn.ZGF0YQ';

describe('inbound configuration sections (audit)', () => {
  it('replays receive accounts with the password as "(set)" and never the ciphertext', () => {
    const section = inboundConfigurationSections.find((s) => s.name === 'inbound.receive_accounts')!;
    const state = [
      {
        type: 'ReceiveAccountAdded',
        data: {
          mailboxNumber: 1,
          accountId: 'a1',
          settings: {
            displayName: 'POP',
            protocol: 'POP3',
            host: 'pop.example.com',
            port: 995,
            encryption: 'SSL_TLS',
            auth: { method: 'PASSWORD', username: 'u' },
            errorNotificationAddress: null,
            leaveOnServer: true,
            deleteDuplicates: false,
            enabled: true,
            fetchIntervalMinutes: null,
          },
          passwordCiphertext: CIPHER,
        },
      },
      { type: 'AutoFetchSettingsChanged', data: { mailboxNumber: 1, enabled: false, intervalMinutes: 5 } },
    ].reduce(section.evolve, section.initialState());
    const view = section.toView(state);
    expect(view).toMatchObject({ autoFetch: { enabled: false, intervalMinutes: 5 }, accounts: { a1: { auth: { method: 'PASSWORD', username: 'u', password: '(set)' } } } });
    expect(JSON.stringify(view)).not.toContain(CIPHER);
    expect(section.secretFields?.ReceiveAccountAdded).toEqual(['passwordCiphertext']);
    expect(section.toView(section.initialState())).toBeNull();
  });
});
