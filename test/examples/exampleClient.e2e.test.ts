import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExample } from '../../examples/client/main.js';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../support/server.js';

/** The example client frontend teams copy runs as documented against the real server. */
describe('examples/client against the real server (HTTP and WebSocket)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('logs in, queries, gets a userError, renames and sees its own change on the subscription', async () => {
    const lines: string[] = [];
    const result = await runExample({
      url: server.url,
      username: 'admin',
      password: ADMIN_PASSWORD,
      mailboxNumber: 1,
      newName: 'Support desk',
      log: (l) => lines.push(l),
    });
    expect(result).toEqual({ renamedTo: 'Support desk', eventType: 'MailboxRenamed' });
    expect(lines[0]).toMatch(/^logged in; the session ends at \d{4}-/);
    expect(lines).toContainEqual(expect.stringMatching(/^mailbox 1 "Mailbox 1": OPERATIONS_ADMINISTRATOR/));
    expect(lines).toContainEqual(expect.stringMatching(/^refused as expected: input\.name [A-Z_]+: Expected /));
    expect(lines).toContainEqual(expect.stringMatching(/^event \d+ MailboxRenamed by admin: name: ".*" -> "Support desk"/));
  });

  it('refuses to rename to the name the mailbox already has (no event would come)', async () => {
    await expect(
      runExample({ url: server.url, username: 'admin', password: ADMIN_PASSWORD, mailboxNumber: 1, newName: 'Support desk', log: () => {} }),
    ).rejects.toThrow(/already called "Support desk"/);
  });

  it('a wrong password is reported as the login userError', async () => {
    await expect(
      runExample({ url: server.url, username: 'admin', password: 'not-the-password', mailboxNumber: 1, newName: 'x', log: () => {} }),
    ).rejects.toThrow(/^login refused: /);
  });
});
