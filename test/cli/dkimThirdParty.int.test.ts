import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { dkimCommand } from '../../src/cli/dkim.js';
import { loadServiceDkimKey, SERVICE_DKIM_KEY_FILE } from '../../src/mail/dkim/serviceDkimKey.js';
import { loadConfig } from '../../src/server/config.js';

/** `mailroom dkim third-party` in this process, with the environment a deployment would have. */
const run = async (env: Record<string, string>, ...args: string[]): Promise<string> => {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  try {
    const program = new Command().exitOverride();
    program.addCommand(dkimCommand(() => loadConfig(env)));
    await program.parseAsync(['node', 'mailroom', 'dkim', 'third-party', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out.join('');
};

describe('mailroom dkim third-party', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-cli-dkim-'));
  const env = { MAILROOM_DATA_DIR: dataDir, MAILROOM_DKIM_THIRD_PARTY_DOMAIN: 'svc.example.net', MAILROOM_DKIM_THIRD_PARTY_SELECTOR: 'mr7' };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints the TXT record of the key the server signs with, generating it once in the data dir', async () => {
    expect(existsSync(join(dataDir, SERVICE_DKIM_KEY_FILE))).toBe(false);
    const text = await run(env);
    expect(text).toMatch(/^mr7\._domainkey\.svc\.example\.net\. IN TXT "v=DKIM1; k=rsa; p=MIIBIjAN/);
    expect(text).toContain('(generated now)');
    const json = JSON.parse(await run(env, '--json')) as { name: string; value: string; txtStrings: string[] };
    const key = (await loadServiceDkimKey({ domain: 'svc.example.net', selector: 'mr7', keyFile: null }, dataDir))!;
    expect(json).toMatchObject({ name: 'mr7._domainkey.svc.example.net', value: `v=DKIM1; k=rsa; p=${key.publicKey}` });
    expect(json.txtStrings.join('')).toBe(json.value);
    expect(JSON.stringify(json)).not.toContain('PRIVATE KEY');
  });

  it('says what to configure when no third-party domain is set', async () => {
    await expect(run({ MAILROOM_DATA_DIR: dataDir })).rejects.toThrow(/MAILROOM_DKIM_THIRD_PARTY_DOMAIN/);
  });
});
