import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const MASTER_KEY_FILE = 'master.key';

/**
 * The key that wraps every data key. From `MAILROOM_MASTER_KEY` (base64 of 32 bytes) in
 * production; the embedded default generates one in the data dir, readable by the owner
 * only (0600), so a newcomer gets encryption at rest without configuring anything.
 */
export const loadMasterKey = (options: { readonly envValue?: string | null; readonly dataDir: string }): Buffer => {
  if (options.envValue) {
    const key = Buffer.from(options.envValue, 'base64');
    if (key.length !== 32) {
      throw new Error(`MAILROOM_MASTER_KEY must be base64 of exactly 32 bytes, got ${key.length} bytes`);
    }
    return key;
  }
  const path = join(options.dataDir, MASTER_KEY_FILE);
  if (existsSync(path)) {
    const mode = statSync(path).mode & 0o777;
    if ((mode & 0o077) !== 0) chmodSync(path, 0o600);
    const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${path} does not hold base64 of 32 bytes`);
    return key;
  }
  mkdirSync(dirname(path), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(path, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
};
