import { createHash, randomBytes } from 'node:crypto';

/**
 * Bearer tokens are opaque: a prefix that tells secret scanners and humans what they are
 * looking at, then 32 random bytes (256 bits) in base64url. Only their sha256 is stored,
 * so a leaked database does not yield usable tokens; sha256 (not argon2) is enough
 * because the input already has full entropy.
 */
export const SESSION_TOKEN_PREFIX = 'mr_s_';
export const API_TOKEN_PREFIX = 'mr_t_';

export const newSessionToken = (): string => SESSION_TOKEN_PREFIX + randomBytes(32).toString('base64url');
export const newApiToken = (): string => API_TOKEN_PREFIX + randomBytes(32).toString('base64url');

export const sha256Hex = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');
