import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/app/auth/principal.js';
import { lockPolicyDecider, lockPolicyStreamId } from '../../src/domain/access/lockPolicy.decider.js';
import { mailboxDecider, mailboxStreamId } from '../../src/domain/identity/mailbox.decider.js';
import { fold } from '../../src/domain/shared/decider.js';
import { handleCommand } from '../../src/eventstore/handleCommand.js';
import { createSqlMessageStore } from '../../src/mail/messageStore/sqlMessageStore.js';
import { MailboxResetService } from '../../src/app/reset/mailboxResetService.js';
import { openResetToken } from '../../src/app/reset/resetToken.js';
import { mailboxScope, SecretShreddedError, SecretVault } from '../../src/secrets/vault.js';
import { type AuditHarness, createAuditHarness } from '../audit/harness.js';
import { postgresAvailable } from '../support/postgres.js';

const pgAvailable = await postgresAvailable();

describe.each([
  { kind: 'sqlite' as const, enabled: true },
  { kind: 'postgres' as const, enabled: pgAvailable },
])('an interrupted mailbox reset is finished later ($kind)', ({ kind, enabled }) => {
  let h: AuditHarness;
  let vault: SecretVault;
  let resets: MailboxResetService;
  const lockPolicy = { mailboxNumber: 3, enabled: true, threshold: 5, notifyOperationsAdministrators: false, notifyAddresses: [] };
  const configureLock = (threshold: number) =>
    handleCommand(h.store, lockPolicyDecider, lockPolicyStreamId(3), {
      type: 'ConfigureLockPolicy',
      data: { ...lockPolicy, threshold },
      metadata: { now: h.now(), actorId: null, correlationId: `corr-lock-${threshold}` },
    });
  const lockState = async () => fold(lockPolicyDecider.evolve, lockPolicyDecider.initialState(), (await h.store.readStream(lockPolicyStreamId(3))) as never[]);

  beforeAll(async () => {
    if (!enabled) return;
    h = await createAuditHarness(kind);
    vault = new SecretVault(h.db, randomBytes(32));
    resets = new MailboxResetService({ store: h.store, db: h.db, vault, messages: createSqlMessageStore(h.db), afterAppend: (p) => h.runner.waitForPosition(p, 10_000) });
    await h.mailbox({ type: 'CreateMailbox', data: { number: 3, name: 'Ops', address: 'ops@example.com' } });
    await configureLock(5);
  });
  afterAll(() => h?.close());

  it.runIf(enabled)('executing the same token again completes the wipe without a second MailboxReset', async () => {
    const secret = await vault.encrypt(mailboxScope(3), 'old');
    const { token } = await resets.requestMailboxReset(SYSTEM_ACTOR, 3);
    const { resetId } = await openResetToken(vault, token, { userId: null, now: new Date() });
    // The crash: MailboxReset is in the store, nothing after it happened.
    await handleCommand(h.store, mailboxDecider, mailboxStreamId(3), {
      type: 'ResetMailbox',
      data: { number: 3, resetId, confirmName: 'Ops', newName: null },
      metadata: { now: h.now(), actorId: null, correlationId: 'corr-crash', commandId: `mailbox-reset:${resetId}` },
    });
    expect(await lockState()).toMatchObject({ status: 'set', threshold: 5 });
    expect(await vault.decrypt(mailboxScope(3), secret)).toBe('old');

    const outcome = await resets.executeMailboxReset(SYSTEM_ACTOR, { token, mailboxName: 'whatever: the reset is already recorded' }, { correlationId: 'corr-retry' });
    expect(outcome).toMatchObject({ resumed: true, streamsWiped: 1, secretKeysDestroyed: 1 });
    expect(await lockState()).toEqual({ status: 'unset' });
    await expect(vault.decrypt(mailboxScope(3), secret)).rejects.toBeInstanceOf(SecretShreddedError);
    expect((await h.store.readStream(mailboxStreamId(3))).filter((e) => e.type === 'MailboxReset')).toHaveLength(1);
  });

  it.runIf(enabled)('a repair after new settings spares them: neither their stream nor their new secret key is wiped again', async () => {
    await configureLock(7);
    const fresh = await vault.encrypt(mailboxScope(3), 'new');
    expect(await resets.completeReset(3)).toMatchObject({ resumed: true, streamsWiped: 0, secretKeysDestroyed: 0 });
    expect(await lockState()).toMatchObject({ status: 'set', threshold: 7 });
    expect(await vault.decrypt(mailboxScope(3), fresh)).toBe('new');
  });
});
