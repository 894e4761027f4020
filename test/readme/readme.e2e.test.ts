import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginDocument } from '../generated/graphql.js';
import { dovecotAvailable } from '../support/dovecot.js';
import { ADMIN_PASSWORD, gql, startTestServer, type TestServer } from '../support/server.js';
import { brokenLinks, npmScripts, repoRoot, shellBlocks } from './readmeCommands.js';

/**
 * The README's first session, run as a new user would type it: its shell blocks, in
 * order, in one bash, against the real server. The only changes are the documented
 * placeholders: the printed password, the token copied from the login answer, the port,
 * and the watch command (a second terminal in the README) running in the background.
 */
const FIRST_SESSION_PLACEHOLDERS: readonly [RegExp, string][] = [
  [/localhost:4000/g, '127.0.0.1:$MAILROOM_TEST_PORT'],
  [/PASTE-THE-PASSWORD/g, ADMIN_PASSWORD],
  [/^TOKEN=mr_s_\.\.\..*$/m, `TOKEN=$(printf '%s' "$LAST" | grep -o 'mr_s_[A-Za-z0-9_-]*' | head -n 1)`],
  [
    /^(MAILROOM_TOKEN=\$TOKEN npm run watch -- 1)$/m,
    '$1 > "$WATCH_OUT" 2>&1 &\nfor _ in $(seq 1 1500); do grep -q watching "$WATCH_OUT" && break; kill -0 $! || { echo "watch exited" >&2; exit 1; }; sleep 0.2; done; sleep 1',
  ],
];

// Every curl answer is kept; a GraphQL error or a userError fails the session.
const PREAMBLE = `set -euo pipefail
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
curl() {
  LAST=$(command curl --fail-with-body "$@")
  printf '%s\\n' "$LAST" >> "$ANSWERS"
  if printf '%s' "$LAST" | grep -q '"errors"\\|"userErrors":\\[{'; then echo "error answer: $LAST" >&2; return 1; fi
}
`;

/** The walkthrough: the test starts the peers and the server itself; ids are copied from the answers. */
const idFromLast = (name: string) => `${name}=$(printf '%s' "$LAST" | grep -o '"id":"[^"]*"' | head -n 1 | cut -d '"' -f 4)`;
const WALKTHROUGH_PLACEHOLDERS: readonly [RegExp, string][] = [
  [/localhost:4000/g, '127.0.0.1:$MAILROOM_TEST_PORT'],
  // Started by the test beforehand, with this very command (see startPeersAsDocumented).
  [/^npm run peers\b.*$/m, ':'],
  [/^source \.peers\/env && npm start$/m, 'source "$PEERS_DIR/env"'],
  [/^ACCOUNT=\.\.\..*$/m, idFromLast('ACCOUNT')],
  [/^SERVER=\.\.\..*$/m, idFromLast('SERVER')],
  [/^SIGNATURE=\.\.\..*$/m, idFromLast('SIGNATURE')],
  [/^RECEIPT=\.\.\..*$/m, `RECEIPT=$(printf '%s' "$LAST" | grep -o '"receipt":"[^"]*"' | head -n 1 | cut -d '"' -f 4)`],
];

/**
 * "For auditors": the token is handed in (an administrator's, as the README allows), and the
 * log grows between keeping the checkpoint and downloading ("Later"), so the verification
 * really proves an extension. The files it names land in the repository root, where the
 * README's `npm run` reads them; the test removes them.
 */
const AUDITOR_FILES = ['mailroom-audit.pem', 'kept.json', 'log.ndjson', 'mailbox1.ndjson', 'mailbox1.csv', 'kept.txt', 'kept.sig'];
const RENAME_LATER = `curl -s -H "$AUTH" -H 'content-type: application/json' $BASE/graphql -d '{"query":"mutation { renameMailbox(input: { number: 1, name: \\"Later\\" }) { userErrors { code } } }"}'`;
const AUDITOR_PLACEHOLDERS: readonly [RegExp, string][] = [
  [/localhost:4000/g, '127.0.0.1:$MAILROOM_TEST_PORT'],
  [/^(# Later: .*)$/m, `${RENAME_LATER}\n$1`],
];

const fill = (blocks: readonly string[], placeholders: readonly [RegExp, string][]): string => {
  let script = blocks.join('\n');
  for (const [pattern, replacement] of placeholders) {
    expect(script, `the README no longer has ${pattern}`).toMatch(pattern);
    script = script.replace(pattern, replacement);
  }
  return script;
};

const runBash = (script: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

/** Waits (bounded) until `condition` holds; a wait, not a timing assertion. */
const waitUntil = async (what: string, condition: () => boolean, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

/**
 * The walkthrough's first command (`npm run peers`, taken from the README) in a terminal of
 * its own: it writes the env file the server is started with and prints each mail it gets.
 * MAILROOM_PEERS_DIR keeps its files out of the checkout's .peers/.
 */
const startPeersAsDocumented = async (dir: string) => {
  const command = shellBlocks('README.md', 'Connect your first mailbox').join('\n').match(/^(npm run peers)\b[^#\n]*/m)?.[0].trim();
  if (!command) throw new Error('the README no longer starts the peers with `npm run peers`');
  // Its own process group, so that stopping it also stops what npm started.
  const child = spawn('bash', ['-c', command], { cwd: repoRoot, env: { ...process.env, MAILROOM_PEERS_DIR: dir }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
    await exited;
  };
  try {
    await waitUntil(`npm run peers writing ${dir}/env:\n${output}`, () => /wrote .*env/.test(output) && existsSync(join(dir, 'env')), 120_000);
  } catch (e) {
    await stop();
    throw e;
  }
  const env = Object.fromEntries([...readFileSync(join(dir, 'env'), 'utf8').matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
  return { env, output: () => output, stop };
};

const markdownFiles = (): string[] => [
  'README.md',
  'bench/README.md',
  ...readdirSync(join(repoRoot, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`),
  'examples/client/README.md',
];

describe('README', () => {
  it.each(markdownFiles())('%s: every relative link points at a file of the repository', (file) => {
    expect(brokenLinks(file)).toEqual([]);
  });

  it('every `npm run` script it names exists', () => {
    const scripts = Object.keys((JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
    for (const file of markdownFiles()) expect(npmScripts(file).filter((s) => !scripts.includes(s)), file).toEqual([]);
  });

  describe('"A first session", typed literally', () => {
    let server: TestServer;
    const work = mkdtempSync(join(tmpdir(), 'mailroom-readme-'));
    beforeAll(async () => {
      server = await startTestServer();
    });
    afterAll(async () => {
      await server?.stop();
      rmSync(work, { recursive: true, force: true });
    });

    it('logs in, queries, and the watch command prints the rename made from the other terminal', async () => {
      const blocks = shellBlocks('README.md', 'A first session');
      expect(blocks.length).toBeGreaterThanOrEqual(2);
      const script = fill(blocks, FIRST_SESSION_PLACEHOLDERS);
      const answers = join(work, 'answers.ndjson');
      const watchOut = join(work, 'watch.out');
      writeFileSync(answers, '');
      // The watch runs until the server ends it: give it a moment to print, then end the server side.
      const port = new URL(server.url).port;
      const result = await runBash(`${PREAMBLE}${script}\nfor _ in $(seq 1 50); do grep -q MailboxRenamed "$WATCH_OUT" && break; sleep 0.2; done\n`, {
        MAILROOM_TEST_PORT: port,
        PORT: port,
        ANSWERS: answers,
        WATCH_OUT: watchOut,
      });
      expect(result.stderr).not.toMatch(/error answer/);
      expect(result.code, `${result.stderr}\nwatch: ${readFileSync(watchOut, 'utf8')}`).toBe(0);

      const lines = readFileSync(answers, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { data: Record<string, unknown> });
      expect(lines[0]!.data.login).toMatchObject({ token: expect.stringMatching(/^mr_s_/), userErrors: [] });
      expect(lines[1]!.data.viewer).toMatchObject({ username: 'admin' });
      expect(lines[2]!.data.renameMailbox).toMatchObject({ dryRun: { plannedEvents: [{ type: 'MailboxRenamed', summary: 'name: "Mailbox 1" → "Sales"' }] }, userErrors: [] });
      expect(lines.at(-1)!.data.renameMailbox).toMatchObject({ mailbox: { name: 'Support' }, userErrors: [] });
      const watched = readFileSync(watchOut, 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { type: string; reason: string });
      expect(watched, readFileSync(watchOut, 'utf8')).toContainEqual(expect.objectContaining({ type: 'MailboxRenamed', reason: 'try it' }));
    }, 420_000);

    it('then the example client, run as examples/client/README.md says, logs in, is refused, renames and sees its event', async () => {
      const readme = readFileSync(join(repoRoot, 'examples', 'client', 'README.md'), 'utf8');
      const line = readme.match(/^MAILROOM_PASSWORD='the admin password' npm run example:client$/m)?.[0];
      expect(line, 'examples/client/README.md no longer shows how to run the example').toBeDefined();
      const command = line!.replace("'the admin password'", `'${ADMIN_PASSWORD}'`);
      const out = join(work, 'example.out');
      // The server of this test, not localhost:4000; a hang would end at the timeout, not stall the suite.
      const result = await runBash(`timeout 300 bash -c "$EXAMPLE_COMMAND" > "${out}"`, { MAILROOM_URL: server.url, EXAMPLE_COMMAND: command });
      const printed = readFileSync(out, 'utf8');
      expect(result.code, `${result.stderr}\n${printed}`).toBe(0);
      expect(printed).toMatch(/^logged in; the session ends at \d{4}-/m);
      expect(printed).toMatch(/^refused as expected: input\.name VALIDATION: /m);
      // The first session left the mailbox called "Support": the example renames it to "Sales".
      expect(printed).toMatch(/^event \d+ MailboxRenamed by admin: name: "Support" -> "Sales"$/m);
    }, 420_000);
  });

  describe('"For auditors", typed literally', () => {
    let server: TestServer;
    const removeFiles = () => {
      for (const f of AUDITOR_FILES) rmSync(join(repoRoot, f), { force: true });
    };
    beforeAll(async () => {
      removeFiles();
      server = await startTestServer({ env: { MAILROOM_AUDIT_CHECKPOINT_SECONDS: '0' } });
    });
    afterAll(async () => {
      await server?.stop();
      removeFiles();
    });

    it('keeps the key and a checkpoint, downloads the history later, and verifies it offline (also with openssl alone)', async () => {
      const token = (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
      const script = fill(shellBlocks('README.md', 'For auditors'), AUDITOR_PLACEHOLDERS);
      const answers = join(tmpdir(), `mailroom-readme-audit-${process.pid}.ndjson`);
      writeFileSync(answers, '');
      try {
        const result = await runBash(`${PREAMBLE}${script}\n`, { MAILROOM_TEST_PORT: new URL(server.url).port, TOKEN: token, ANSWERS: answers });
        expect(result.code, result.stderr).toBe(0);
        // `audit verify` printed its result; openssl printed its own verdict.
        const verified = JSON.parse(result.stdout.split('\n').find((l) => l.startsWith('{') && l.includes('"extendsKept"'))!) as { ok: boolean; extendsKept: boolean; eventsChecked: number };
        const kept = JSON.parse(readFileSync(join(repoRoot, 'kept.json'), 'utf8')) as { position: number };
        expect(verified).toMatchObject({ ok: true, extendsKept: true, eventsChecked: kept.position + 1 });
        expect(result.stdout).toMatch(/Signature Verified Successfully/);
      } finally {
        rmSync(answers, { force: true });
      }
      // The mailbox download holds the rename made later, with its proof; the CSV has its header.
      const mailbox = readFileSync(join(repoRoot, 'mailbox1.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, { position?: number; fromSize?: number; data?: { name?: string } }>);
      expect(mailbox[0]!['consistency']).toMatchObject({ fromSize: JSON.parse(readFileSync(join(repoRoot, 'kept.json'), 'utf8')).position });
      expect(mailbox.slice(1).map((l) => l['event']?.data?.name)).toContain('Later');
      expect(readFileSync(join(repoRoot, 'mailbox1.csv'), 'utf8')).toMatch(/^position,event_id,/);
      // The same files, one event edited: the README's verify command exits 2.
      const log = readFileSync(join(repoRoot, 'log.ndjson'), 'utf8');
      writeFileSync(join(repoRoot, 'log.ndjson'), log.replace('"name":"Later"', '"name":"Earlier"'));
      const tampered = await runBash('npm run -s mailroom -- audit verify --checkpoint kept.json --public-key mailroom-audit.pem --history log.ndjson', {});
      expect(tampered.code, tampered.stderr).toBe(2);
    }, 420_000);
  });

  describe.runIf(dovecotAvailable())('"Connect your first mailbox", typed literally against local peers', () => {
    let server: TestServer;
    let peers: Awaited<ReturnType<typeof startPeersAsDocumented>>;
    const work = mkdtempSync(join(tmpdir(), 'mailroom-walkthrough-'));
    beforeAll(async () => {
      peers = await startPeersAsDocumented(join(work, 'peers'));
      expect(peers.env).toMatchObject({ IMAP_PORT: expect.stringMatching(/^\d+$/), SMTP_PORT: expect.stringMatching(/^\d+$/), MAILROOM_MAIL_CA_FILE: expect.any(String), MAILROOM_SMTP_CA_FILE: expect.any(String) });
      server = await startTestServer({ env: { ...peers.env } });
    }, 180_000);
    afterAll(async () => {
      await server?.stop();
      await peers?.stop();
      rmSync(work, { recursive: true, force: true });
    });

    it('adds an IMAP account and fetches the waiting mail, adds an SMTP server and a DKIM key, and a signed test mail arrives', async () => {
      const token = (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
      const script = fill(shellBlocks('README.md', 'Connect your first mailbox'), WALKTHROUGH_PLACEHOLDERS);
      const answers = join(work, 'answers.ndjson');
      writeFileSync(answers, '');
      const result = await runBash(`${PREAMBLE}${script}\n`, {
        MAILROOM_TEST_PORT: new URL(server.url).port,
        PEERS_DIR: join(work, 'peers'),
        TOKEN: token,
        ANSWERS: answers,
      });
      expect(result.code, result.stderr).toBe(0);
      const data = readFileSync(answers, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { data: Record<string, Record<string, unknown>> }).data);
      expect(data.map((d) => Object.keys(d)[0])).toEqual(['addReceiveAccount', 'testReceiveAccount', 'fetchReceiveAccountNow', 'addSmtpServer', 'addDkimSignature', 'setDefaultDkimSignature', 'sendTestMail', 'confirmTestMail']);
      expect(data[1]!.testReceiveAccount).toMatchObject({ ok: true, error: null });
      expect(data[2]!.fetchReceiveAccountNow).toMatchObject({ imported: 1, error: null });
      expect(data[6]!.sendTestMail).toMatchObject({ result: { status: 'SENT', accepted: ['demo@example.com'], receipt: expect.stringMatching(/^tmr1\./) } });
      expect(data[7]!.confirmTestMail).toMatchObject({ server: { verification: { testMailId: expect.stringMatching(/^<.+@.+>$/) } }, userErrors: [] });
      // "the peers' terminal prints it, with its DKIM-Signature"
      await waitUntil(`the peers printing the test mail:\n${peers.output()}`, () => /received from .* to demo@example\.com/.test(peers.output()), 20_000);
      expect(peers.output()).toMatch(/received from .* to demo@example\.com \(\d+ bytes\)\n.*\n {2}DKIM-Signature: present/);
    }, 240_000);
  });
});
