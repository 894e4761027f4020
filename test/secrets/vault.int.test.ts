import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReadModelDb, type ReadModelDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { loadMasterKey, MASTER_KEY_FILE } from '../../src/secrets/masterKey.js';
import { mailboxScope, SecretShreddedError, SecretVault } from '../../src/secrets/vault.js';

describe('secret vault', () => {
  let dir: string;
  let rm: ReadModelDatabase;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mailroom-vault-'));
    rm = await createReadModelDb({ kind: 'sqlite', path: join(dir, 'rm.sqlite') });
    await migrateToLatest(rm.db);
  });
  afterEach(async () => {
    await rm.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips secrets; the ciphertext does not contain the plaintext', async () => {
    const vault = new SecretVault(rm.db, randomBytes(32));
    const c = await vault.encrypt(mailboxScope(1), 'smtp-password-Ω');
    expect(c).not.toContain('smtp-password');
    expect(await vault.decrypt(mailboxScope(1), c)).toBe('smtp-password-Ω');
    // Two encryptions of the same secret differ (random IV).
    expect(await vault.encrypt(mailboxScope(1), 'smtp-password-Ω')).not.toBe(c);
  });

  it('survives a restart with the same master key, and fails with another', async () => {
    const master = randomBytes(32);
    const c = await new SecretVault(rm.db, master).encrypt(mailboxScope(2), 's3cret');
    expect(await new SecretVault(rm.db, master).decrypt(mailboxScope(2), c)).toBe('s3cret');
    await expect(new SecretVault(rm.db, randomBytes(32)).decrypt(mailboxScope(2), c)).rejects.toThrow();
  });

  it('tells at start when the master key is not the one that wrapped the stored data keys', async () => {
    const master = randomBytes(32);
    await expect(new SecretVault(rm.db, master).verifyMasterKey()).resolves.toBeUndefined();
    await new SecretVault(rm.db, master).encrypt(mailboxScope(4), 's3cret');
    await expect(new SecretVault(rm.db, master).verifyMasterKey()).resolves.toBeUndefined();
    await expect(new SecretVault(rm.db, randomBytes(32)).verifyMasterKey()).rejects.toThrow(/another master key.*same MAILROOM_MASTER_KEY/s);
  });

  it('binds a ciphertext to its scope', async () => {
    const vault = new SecretVault(rm.db, randomBytes(32));
    const c = await vault.encrypt(mailboxScope(1), 'x');
    await expect(vault.decrypt(mailboxScope(2), c)).rejects.toThrow(/does not belong/);
  });

  it('crypto-shreds one scope and leaves the others readable', async () => {
    const master = randomBytes(32);
    const vault = new SecretVault(rm.db, master);
    const one = await vault.encrypt(mailboxScope(1), 'one');
    const two = await vault.encrypt(mailboxScope(2), 'two');
    expect(await vault.destroyScope(mailboxScope(1))).toBe(1);
    await expect(vault.decrypt(mailboxScope(1), one)).rejects.toBeInstanceOf(SecretShreddedError);
    // Also for a fresh process that never cached the key.
    await expect(new SecretVault(rm.db, master).decrypt(mailboxScope(1), one)).rejects.toBeInstanceOf(SecretShreddedError);
    expect(await vault.decrypt(mailboxScope(2), two)).toBe('two');
    // New secrets of the reset mailbox get a new key.
    const again = await vault.encrypt(mailboxScope(1), 'new');
    expect(await vault.decrypt(mailboxScope(1), again)).toBe('new');
  });

  it('generates the embedded master key once, owner-readable only', () => {
    const k1 = loadMasterKey({ dataDir: dir });
    expect(statSync(join(dir, MASTER_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(loadMasterKey({ dataDir: dir }).equals(k1)).toBe(true);
    expect(readFileSync(join(dir, MASTER_KEY_FILE), 'utf8').trim()).toBe(k1.toString('base64'));
    expect(() => loadMasterKey({ dataDir: dir, envValue: 'dG9vIHNob3J0' })).toThrow(/32 bytes/);
  });
});
