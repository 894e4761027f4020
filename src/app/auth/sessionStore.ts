import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { AuthSessionsTable } from '../../db/schema.identity.js';
import type { ReadModelDb } from '../../db/schema.js';
import { newSessionToken, sha256Hex } from './tokens.js';

export type SessionRow = Selectable<AuthSessionsTable>;

export interface OpenedSession {
  readonly token: string;
  readonly sessionId: string;
  readonly expiresAt: Date;
}

/**
 * Login sessions in the read-model database (not event-sourced, see migrations/0002). A
 * session has a public `session_id` for lists and for ending it; its token is known only
 * by its sha256. Ending sessions because of an event (password change, one session ended)
 * is done by the `identity.session_endings` reactor, so it happens once, on whichever
 * instance leads the projections, and survives a crash right after the append.
 */
export class SessionStore {
  constructor(private readonly db: Kysely<ReadModelDb>) {}

  async open(userId: string, now: Date, ttlMs: number, clientIp: string | null): Promise<OpenedSession> {
    const token = newSessionToken();
    const sessionId = randomUUID();
    const expiresAt = new Date(now.getTime() + ttlMs);
    await this.db
      .insertInto('auth_sessions')
      .values({
        token_hash: sha256Hex(token),
        session_id: sessionId,
        user_id: userId,
        created_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
        last_seen_at: now.toISOString(),
        client_ip: clientIp,
      })
      .execute();
    return { token, sessionId, expiresAt };
  }

  byToken(token: string): Promise<SessionRow | undefined> {
    return this.db.selectFrom('auth_sessions').selectAll().where('token_hash', '=', sha256Hex(token)).executeTakeFirst();
  }

  async touch(token: string, now: Date): Promise<void> {
    await this.db.updateTable('auth_sessions').set({ last_seen_at: now.toISOString() }).where('token_hash', '=', sha256Hex(token)).execute();
  }

  /** The user's live sessions, newest first. */
  list(userId: string, now: Date): Promise<SessionRow[]> {
    return this.db
      .selectFrom('auth_sessions')
      .selectAll()
      .where('user_id', '=', userId)
      .where('expires_at', '>', now.toISOString())
      .orderBy('created_at', 'desc')
      .execute();
  }

  async exists(userId: string, sessionId: string): Promise<boolean> {
    const row = await this.db.selectFrom('auth_sessions').select('session_id').where('user_id', '=', userId).where('session_id', '=', sessionId).executeTakeFirst();
    return row !== undefined;
  }

  async deleteByToken(token: string): Promise<void> {
    await this.db.deleteFrom('auth_sessions').where('token_hash', '=', sha256Hex(token)).execute();
  }

  async deleteAll(userId: string): Promise<number> {
    const result = await this.db.deleteFrom('auth_sessions').where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async deleteExpired(now: Date): Promise<number> {
    const result = await this.db.deleteFrom('auth_sessions').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
