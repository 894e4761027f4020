/**
 * A server process SIGKILLed while a chat notice is on the wire: nothing in it runs to
 * record the outcome, so the notice stays claimed by the dead deliverer. The restarted
 * process on the same data directory takes it over once the claim expires
 * (MAILROOM_NOTICE_CLAIM_MS) and delivers it; the provider accepts it exactly once, and the
 * outbox holds one row for it (its idempotency key), sent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AddChatDestinationDocument,
  AddMailboxMemberDocument,
  ConfigureLockPolicyDocument,
  CreateUserDocument,
  LoginDocument,
  NoticesDocument,
} from '../generated/graphql.js';
import { startChatReceiver, type ChatReceiver } from '../support/chatReceiver.js';
import { startServerProcess, type ServerProcess } from '../support/process/serverProcess.js';
import { ADMIN_PASSWORD, gql } from '../support/server.js';

const waitFor = async <T,>(what: string, probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 60_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('notice outbox across a killed server process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailroom-outbox-kill-'));
  const processes: ServerProcess[] = [];
  let receiver: ChatReceiver;
  const env = () => ({
    MAILROOM_DATA_DIR: dir,
    MAILROOM_ALLOW_LOOPBACK_WEBHOOKS: 'true',
    // The dead process's request must not time out (and be recorded) before the kill, and
    // the restarted one must be able to take the notice over within the test.
    MAILROOM_CHAT_TIMEOUT_MS: '8000',
    MAILROOM_NOTICE_CLAIM_MS: '10000',
  });

  afterAll(async () => {
    for (const p of processes) await p.kill();
    await receiver?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a notice whose deliverer was killed mid-request is delivered by the restarted process, once', { timeout: 180_000 }, async () => {
    // The first request reaches the provider and is never answered: the process dies waiting.
    receiver = await startChatReceiver({ answer: (_r, i) => (i === 0 ? new Promise(() => {}) : { status: 200, body: 'ok' }) });
    const first = await startServerProcess({ name: 'outbox-a', env: env() });
    processes.push(first);
    const admin = (await gql(first.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
    const added = await gql(first.url, AddChatDestinationDocument, { input: { mailboxNumber: 1, kind: 'SLACK', name: 'Ops', webhookUrl: `${receiver.url}/hook`, eventKinds: ['ACCOUNT_LOCKED'] } }, { token: admin });
    expect(added.data!.addChatDestination.userErrors).toEqual([]);
    const policy = await gql(first.url, ConfigureLockPolicyDocument, { input: { mailboxNumber: 1, enabled: true, threshold: 1, notifyOperationsAdministrators: false, notifyAddresses: [] } }, { token: admin });
    expect(policy.data!.configureLockPolicy.userErrors).toEqual([]);
    const user = await gql(first.url, CreateUserDocument, { input: { username: 'kai', displayName: 'Kai', email: 'kai@example.com', password: 'kai-password-1' } }, { token: admin });
    await gql(first.url, AddMailboxMemberDocument, { input: { mailboxNumber: 1, userId: user.data!.createUser.user!.id } }, { token: admin });
    await gql(first.url, LoginDocument, { input: { username: 'kai', password: 'wrong-password' } });

    await waitFor('the first delivery attempt', () => receiver.requests.length === 1);
    await first.kill();

    const second = await startServerProcess({ name: 'outbox-b', env: env() });
    processes.push(second);
    await waitFor('the delivery after the restart', () => receiver.accepted.length === 1, 90_000);
    const token = (await gql(second.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
    const notices = await waitFor('the outbox to record the delivery', async () => {
      const res = await gql(second.url, NoticesDocument, { mailboxNumber: 1 }, { token });
      const nodes = res.data!.notices.edges.map((e) => e.node).filter((n) => n.kind === 'USER_LOCKED');
      return nodes.every((n) => n.status === 'SENT') && nodes;
    });

    expect(notices).toEqual([expect.objectContaining({ channel: 'CHAT', destinationName: 'Ops', status: 'SENT', attempts: 1, lastError: null })]);
    // The same notice both times: the dead process's request and the restarted one's.
    expect(receiver.requests.map((r) => r.path)).toEqual(['/hook', '/hook']);
    expect(receiver.requests[1]!.body).toBe(receiver.requests[0]!.body);
    expect(receiver.accepted).toHaveLength(1);
    expect(JSON.parse(receiver.accepted[0]!.body).blocks[0].text.text).toBe('[Mailroom] アカウントがロックされました (メールボックス No.1)');
  });
});
