import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mailboxDecider, mailboxStreamId } from '../../src/domain/identity/mailbox.decider.js';
import { noticeLanguageDecider, noticeLanguageStreamId } from '../../src/domain/integrations/noticeLanguage.decider.js';
import { lockPolicyStreamId } from '../../src/domain/access/lockPolicy.decider.js';
import type { CommandMetadata } from '../../src/domain/shared/decider.js';
import { ErrorCode } from '../../src/domain/shared/errors.js';
import { handleCommand } from '../../src/eventstore/handleCommand.js';
import { MemoryEventStore } from '../../src/eventstore/memory/memoryEventStore.js';
import type { EventStore } from '../../src/eventstore/port.js';
import { renderDocument } from '../../src/app/settingsAsCode/document.js';
import { parseDocument } from '../../src/app/settingsAsCode/documentReader.js';
import { documentOf } from '../../src/app/settingsAsCode/mailboxStates.js';
import { applyPlan, decodePlanId, loadStates, planConfiguration } from '../../src/app/settingsAsCode/planner.js';

/**
 * The planner on the in-memory store: it decides with the real deciders without appending,
 * and apply appends everything or nothing with the revisions the plan saw.
 */

const metadata = (): CommandMetadata => ({ now: new Date('2026-03-01T09:00:00Z'), actorId: null, correlationId: randomUUID() });

const givenMailbox = async (store: EventStore, number: number) => {
  await handleCommand(store, mailboxDecider, mailboxStreamId(number), { type: 'CreateMailbox', data: { number, name: 'Support', address: 'support@example.com' }, metadata: metadata() });
};

const exported = async (store: EventStore, number: number) => documentOf(number, await store.headPosition(), (await loadStates(store, number)).states);

const plan = (store: EventStore, number: number, text: string) =>
  planConfiguration({
    store,
    mailboxNumber: number,
    document: parseDocument(text),
    metadata: metadata(),
    context: { requester: null, secret: async () => null, lookupOAuthCredential: async () => null, encrypt: async () => 'v1.test', chatCredential: async () => 'v1.test', channelSecret: async () => 'v1.test' },
  });

describe('configuration planner', () => {
  it('given a mailbox, when a document changes two areas, then the plan decides both and appends nothing', async () => {
    const store = new MemoryEventStore();
    await givenMailbox(store, 5);
    const doc = await exported(store, 5);
    const text = renderDocument({ ...doc, integrations: { ...doc.integrations!, noticeLanguage: 'ja' }, access: { ...doc.access!, lockPolicy: { enabled: true, threshold: 4, notifyOperationsAdministrators: false, notifyAddresses: [], mode: 'PERMANENT', waitMinutes: 15, maxTemporaryLocks: 3 } } }, 'JSON');
    const head = await store.headPosition();
    const p = await plan(store, 5, text);
    expect(p.refusals).toEqual([]);
    expect(p.commands.map((c) => [c.type, c.eventTypes])).toEqual([
      ['SetNoticeLanguage', ['NoticeLanguageSet']],
      ['ConfigureLockPolicy', ['LockPolicyConfigured']],
    ]);
    expect(p.changes.map((c) => `${c.section} ${c.field}`)).toContain('access.lockPolicy threshold');
    expect(await store.headPosition()).toBe(head);
  });

  it('given a reviewed plan, when another writer appends to one of its streams before the append, then nothing is appended (CONCURRENCY)', async () => {
    const store = new MemoryEventStore();
    await givenMailbox(store, 6);
    const doc = await exported(store, 6);
    const text = renderDocument({ ...doc, integrations: { ...doc.integrations!, noticeLanguage: 'ja' }, access: { ...doc.access!, lockPolicy: { enabled: true, threshold: 4, notifyOperationsAdministrators: false, notifyAddresses: [], mode: 'PERMANENT', waitMinutes: 15, maxTemporaryLocks: 3 } } }, 'YAML');
    const p = await plan(store, 6, text);
    // The plan passed its own check (same revisions), and then the notice-language stream moves.
    await handleCommand(store, noticeLanguageDecider, noticeLanguageStreamId(6), { type: 'SetNoticeLanguage', data: { mailboxNumber: 6, language: 'en' }, metadata: metadata() });
    const head = await store.headPosition();
    await expect(applyPlan(store, p, decodePlanId(p.planId))).rejects.toMatchObject({ code: ErrorCode.CONCURRENCY });
    expect(await store.headPosition()).toBe(head);
    expect(await store.readStream(lockPolicyStreamId(6))).toEqual([]);
  });

  it('given a threshold the lock-policy decider refuses, the plan carries that refusal at its document path and apply appends nothing', async () => {
    const store = new MemoryEventStore();
    await givenMailbox(store, 7);
    const doc = await exported(store, 7);
    const text = renderDocument({ ...doc, access: { ...doc.access!, lockPolicy: { enabled: true, threshold: 0, notifyOperationsAdministrators: false, notifyAddresses: [], mode: 'PERMANENT', waitMinutes: 15, maxTemporaryLocks: 3 } } }, 'YAML');
    const p = await plan(store, 7, text);
    expect(p.refusals.map((r) => [r.code, r.fieldPath])).toEqual([[ErrorCode.VALIDATION, ['document', 'access', 'lockPolicy', 'threshold']]]);
    await expect(applyPlan(store, p, decodePlanId(p.planId))).rejects.toMatchObject({ code: ErrorCode.VALIDATION });
    expect(await store.readStream(lockPolicyStreamId(7))).toEqual([]);
  });

  it('given a receive account, when the document gives a new password, then the plan shows the secret as changed without any value', async () => {
    const store = new MemoryEventStore();
    await givenMailbox(store, 8);
    const doc = await exported(store, 8);
    const account = {
      displayName: 'Support', protocol: 'IMAP', host: 'imap.example.com', port: 993, encryption: 'SSL_TLS',
      auth: { method: 'PASSWORD' as const, username: 'support', password: { value: 'first-secret' } },
      errorNotificationAddress: null, leaveOnServer: false, deleteDuplicates: false, enabled: true, fetchIntervalMinutes: null, idleEnabled: true,
    };
    const withAccount = (password: { value: string } | { secret: 'kept' }) =>
      renderDocument({ ...doc, inbound: { ...doc.inbound!, receiveAccounts: { '0f000000-0000-4000-8000-000000000001': { ...account, auth: { ...account.auth, password } } } } }, 'JSON');
    const secretPlan = (text: string) =>
      planConfiguration({ store, mailboxNumber: 8, document: parseDocument(text), metadata: metadata(), context: { requester: null, secret: async (_p, ref) => ('value' in ref ? `v1.11111111-1111-4111-8111-111111111111.aXY.dGFn.${Buffer.from(ref.value).toString('base64url')}` : null), lookupOAuthCredential: async () => null, encrypt: async () => 'v1.x', chatCredential: async () => 'v1.x', channelSecret: async () => 'v1.x' } });
    const first = await secretPlan(withAccount({ value: 'first-secret' }));
    expect(await applyPlan(store, first, decodePlanId(first.planId))).toMatchObject({ position: expect.any(Number) });
    const kept = await secretPlan(withAccount({ secret: 'kept' }));
    expect(kept.commands).toEqual([]);
    const rotated = await secretPlan(withAccount({ value: 'second-secret-longer' }));
    expect(rotated.commands.map((c) => [c.type, c.eventTypes])).toEqual([['ChangeReceiveAccount', ['ReceiveAccountChanged']]]);
    expect(rotated.changes).toEqual([{ section: 'inbound.receive_accounts', field: 'passwordCiphertext', before: null, after: null, secret: true }]);
    expect(JSON.stringify(rotated.changes)).not.toContain('second-secret');
  });

  it('given a credential the same plan registers, when an account uses it, then the account is decided against the planned credential; deleting it first is refused', async () => {
    const store = new MemoryEventStore();
    await givenMailbox(store, 9);
    const doc = await exported(store, 9);
    const credentialId = '0f000000-0000-4000-8000-0000000000c1';
    const credential = { provider: 'GOOGLE', displayName: 'Google', clientId: 'client-9', tenant: null, scopes: ['https://mail.google.com/'], redirectUrl: 'https://app.example.com/oauth/callback', enabled: true, clientSecret: { value: 'client-secret-9' } };
    const account = {
      displayName: 'Shared', protocol: 'IMAP', host: 'imap.gmail.com', port: 993, encryption: 'SSL_TLS', auth: { method: 'OAUTH2' as const, username: 'shared@example.com', credentialId },
      errorNotificationAddress: null, leaveOnServer: false, deleteDuplicates: false, enabled: true, fetchIntervalMinutes: null, idleEnabled: true,
    };
    const text = (credentials: Record<string, typeof credential>) =>
      renderDocument({ ...doc, inbound: { ...doc.inbound!, oauthCredentials: credentials, receiveAccounts: { '0f000000-0000-4000-8000-0000000000a1': account } } }, 'JSON');
    const secretCtx = { requester: null, secret: async (_p: readonly string[], ref: object) => ('value' in ref ? 'v1.11111111-1111-4111-8111-111111111111.aXY.dGFn.c2VjcmV0' : null), lookupOAuthCredential: async () => null, encrypt: async () => 'v1.x', chatCredential: async () => 'v1.x', channelSecret: async () => 'v1.x' };
    const p = await planConfiguration({ store, mailboxNumber: 9, document: parseDocument(text({ [credentialId]: credential })), metadata: metadata(), context: secretCtx });
    // The context knows no credential (lookupOAuthCredential: null): only the fork has it.
    expect(p.refusals).toEqual([]);
    expect(p.commands.map((c) => [c.type, c.streamId])).toEqual([
      ['RegisterOAuthCredential', `oauth-credential-${credentialId}`],
      ['AddReceiveAccount', 'receive-accounts-9'],
    ]);
    expect(p.warnings).toEqual([expect.stringContaining('receive account(s) "Shared" cannot fetch until then')]);
    await applyPlan(store, p, decodePlanId(p.planId));
    const listed = { store, mailboxNumber: 9, metadata: metadata(), context: secretCtx, credentialIds: [credentialId] };
    expect((await planConfiguration({ ...listed, document: parseDocument(text({ [credentialId]: { ...credential, clientSecret: { secret: 'kept' } } as never })) })).commands).toEqual([]);
    const dropped = await planConfiguration({ ...listed, document: parseDocument(text({})) });
    expect(dropped.refusals.map((r) => [r.code, r.fieldPath])).toEqual([[ErrorCode.ILLEGAL_STATE, ['document', 'inbound', 'oauthCredentials', credentialId, 'credentialId']]]);
  });
});
