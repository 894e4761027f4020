import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import { randomBytes } from 'node:crypto';
import { sha256Hex } from './tokens.js';

/** What the second step of a login asks for. */
export type ChallengePurpose = 'VERIFY' | 'ENROL';

export const CHALLENGE_PREFIX = 'mr_c_';
/** Long enough to open an authenticator app; short enough that a stolen challenge is stale. */
export const CHALLENGE_TTL_MS = 5 * 60_000;
/** Wrong codes one challenge takes before it is void (each also counts toward the account lock). */
export const CHALLENGE_MAX_ATTEMPTS = 5;

export interface OpenChallenge {
  readonly userId: string;
  readonly purpose: ChallengePurpose;
  readonly attempts: number;
}

/**
 * The half-done logins of users who passed the password step, in the shared read-model
 * database (any instance can take the second step). Only the sha256 of a challenge is
 * stored, like session tokens.
 */
export class LoginChallenges {
  constructor(
    private readonly db: Kysely<ReadModelDb>,
    private readonly clock: () => Date,
  ) {}

  async create(userId: string, purpose: ChallengePurpose, clientIp: string | null): Promise<{ challenge: string; expiresAt: Date }> {
    const challenge = CHALLENGE_PREFIX + randomBytes(32).toString('base64url');
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + CHALLENGE_TTL_MS);
    await this.db
      .insertInto('login_challenges')
      .values({ challenge_hash: sha256Hex(challenge), user_id: userId, purpose, created_at: now.toISOString(), expires_at: expiresAt.toISOString(), attempts: 0, client_ip: clientIp })
      .execute();
    // Expired challenges are useless; sweeping them here keeps the table at the size of the logins in flight.
    await this.db.deleteFrom('login_challenges').where('expires_at', '<=', now.toISOString()).execute();
    return { challenge, expiresAt };
  }

  /** The open challenge of that purpose, or null (unknown, expired, used up, other purpose). */
  async find(challenge: unknown, purpose: ChallengePurpose): Promise<OpenChallenge | null> {
    if (typeof challenge !== 'string' || !challenge.startsWith(CHALLENGE_PREFIX)) return null;
    const row = await this.db.selectFrom('login_challenges').selectAll().where('challenge_hash', '=', sha256Hex(challenge)).executeTakeFirst();
    if (!row || row.purpose !== purpose || row.expires_at <= this.clock().toISOString() || row.attempts >= CHALLENGE_MAX_ATTEMPTS) return null;
    return { userId: row.user_id, purpose, attempts: row.attempts };
  }

  /** Counts a wrong code; a challenge that reached the limit is deleted. */
  async recordFailure(challenge: string): Promise<void> {
    const hash = sha256Hex(challenge);
    await this.db.updateTable('login_challenges').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('challenge_hash', '=', hash).execute();
    await this.db.deleteFrom('login_challenges').where('challenge_hash', '=', hash).where('attempts', '>=', CHALLENGE_MAX_ATTEMPTS).execute();
  }

  /** Ends a challenge; true for the one caller that ended it (a challenge yields one session). */
  async consume(challenge: string): Promise<boolean> {
    const result = await this.db.deleteFrom('login_challenges').where('challenge_hash', '=', sha256Hex(challenge)).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }
}
