import { randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { validationError } from '../../domain/shared/errors.js';

/**
 * argon2id with OWASP's first recommended setting: m = 19 MiB, t = 2, p = 1. Chosen for a
 * 2-core server: p = 1 because concurrent logins already occupy both cores (hashing runs on
 * libuv's 4-thread pool), and 19 MiB × 4 threads keeps peak memory under 80 MiB. Measured
 * here at ~45 ms per hash, which bounds online guessing without making login sluggish.
 *
 * `algorithm` is the number 2 because the package declares `Algorithm` as a `const enum`
 * whose runtime object is empty; per-file transpilers (SWC, esbuild) cannot inline it.
 */
export const ARGON2ID_OPTIONS: Options = {
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export interface PasswordHasher {
  /** PHC string, e.g. `$argon2id$v=19$m=19456,t=2,p=1$…`. */
  hash(password: string): Promise<string>;
  /** False for a wrong password and for a malformed hash; never throws for either. */
  verify(passwordHash: string, password: string): Promise<boolean>;
}

export const createArgon2Hasher = (options: Options = ARGON2ID_OPTIONS): PasswordHasher => ({
  hash: (password) => hash(password, options),
  verify: async (passwordHash, password) => {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  },
});

/** NIST SP 800-63B: at least 8 characters, no composition rules; the upper bound only caps hashing input. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 1024;

export const validatePassword = (path: readonly string[], password: unknown): string => {
  if (typeof password !== 'string' || password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    const got = typeof password === 'string' ? `${password.length} characters` : typeof password;
    throw validationError(path, `Expected a password of ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters, got ${got}`);
  }
  return password;
};

/** A password of `length` characters from a 64-symbol alphabet (6 bits each). */
export const generatePassword = (length = 24): string => randomBytes(Math.ceil((length * 3) / 4)).toString('base64url').slice(0, length);
