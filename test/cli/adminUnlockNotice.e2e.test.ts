import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAdminCli } from './runAdminCli.js';
import { AddChatDestinationDocument, AddMailboxMemberDocument, ConfigureLockPolicyDocument, CreateUserDocument, LoginDocument, SetNoticeLanguageDocument } from '../generated/graphql.js';
import { gqlFrom } from '../access/boundClients.js';
import { startChatReceiver } from '../support/chatReceiver.js';
import { ADMIN_PASSWORD, gql, startTestServer } from '../support/server.js';

const runCli = runAdminCli;

describe('mailroom admin unlock', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-cli-unlock-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('records the unlock notice for the chat destinations; the server delivers it', async () => {
    const slack = await startChatReceiver();
    const env = { MAILROOM_ALLOW_LOOPBACK_WEBHOOKS: 'true' };
    let server = await startTestServer({ dataDir, env });
    try {
      const token = (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
      // The mailbox's own choice, so the command renders English whatever its environment says.
      await gql(server.url, SetNoticeLanguageDocument, { input: { mailboxNumber: 1, language: 'en' } }, { token });
      const added = await gql(server.url, AddChatDestinationDocument, { input: { mailboxNumber: 1, kind: 'SLACK', name: 'Unlocks', webhookUrl: `${slack.url}/unlocks`, eventKinds: ['ACCOUNT_UNLOCKED'] } }, { token });
      expect(added.data!.addChatDestination.userErrors).toEqual([]);
      const user = await gql(server.url, CreateUserDocument, { input: { username: 'paul', displayName: 'Paul', email: 'paul@example.com', password: 'paul-password' } }, { token });
      await gql(server.url, AddMailboxMemberDocument, { input: { mailboxNumber: 1, userId: user.data!.createUser.user!.id } }, { token });
      await gql(server.url, ConfigureLockPolicyDocument, { input: { mailboxNumber: 1, enabled: true, threshold: 1, notifyOperationsAdministrators: false, notifyAddresses: [] } }, { token });
      await gqlFrom('127.0.0.9', server.url, LoginDocument, { input: { username: 'paul', password: 'wrong-password' } });
      await server.stop();

      process.env.MAILROOM_DATA_DIR = dataDir;
      expect(await runCli('admin', 'unlock', 'paul', '--reason', 'Called from the server room')).toBe('paul unlocked\n');

      server = await startTestServer({ dataDir, env });
      const request = await slack.next();
      const body = JSON.parse(request.body) as { blocks: { text: { text: string } }[] };
      expect(request.path).toBe('/unlocks');
      expect(body.blocks[0]!.text.text).toBe('[Mailroom] Account unlocked (Mailbox No. 1)');
      expect(body.blocks[1]!.text.text).toContain('Unlocked by: the system (command line)');
      expect(body.blocks[1]!.text.text).toContain('Reason: Called from the server room');
    } finally {
      await server.stop();
      await slack.close();
    }
  });
});
