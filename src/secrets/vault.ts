import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../db/schema.js';
import { ErrorCode, MailroomError } from '../domain/shared/errors.js';
import { activeDryRun } from '../eventstore/dryRun.js';

/**
 * Secrets (passwords, OAuth secrets and tokens, DKIM private keys) are stored only as
 * ciphertext — also inside events, which are immutable. Envelope encryption: each scope
 * (e.g. `mailbox:3`) has its own data key, wrapped by the master key and kept outside
 * the event store; destroying a scope's data key makes every secret of that scope
 * unreadable forever (crypto-shredding), which is how a mailbox reset erases secrets
 * from an append-only history.
 *
 * Ciphertext format: `v1.<keyId>.<iv>.<tag>.<data>` (base64url parts), AES-256-GCM with
 * the scope as additional authenticated data, so a ciphertext cannot be replayed into
 * another scope.
 */
export class SecretShreddedError extends MailroomError {
  constructor(scope: string) {
    super(ErrorCode.ILLEGAL_STATE, `The secrets of ${scope} were destroyed (crypto-shredded) and cannot be read`);
    this.name = 'SecretShreddedError';
  }
}

/**
 * Key id of dry-run ciphertexts: shaped like a data key id (deciders check the format),
 * but the nil UUID, which no data key has (theirs are random), so `decrypt` refuses them.
 */
export const DRY_RUN_KEY_ID = '00000000-0000-0000-0000-000000000000';

export const mailboxScope = (mailboxNumber: number): string => `mailbox:${mailboxNumber}`;

interface DataKey {
  readonly keyId: string;
  readonly scope: string;
  readonly key: Buffer | null;
}

const b64 = (b: Buffer) => b.toString('base64url');
const unb64 = (s: string) => Buffer.from(s, 'base64url');

const seal = (key: Buffer, plaintext: Buffer, aad: string): { iv: Buffer; tag: Buffer; data: Buffer } => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), data };
};

const open = (key: Buffer, iv: Buffer, tag: Buffer, data: Buffer, aad: string): Buffer => {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]);
};

export class SecretVault {
  private readonly byId = new Map<string, DataKey>();
  private readonly activeByScope = new Map<string, string>();

  constructor(
    private readonly db: Kysely<ReadModelDb>,
    private readonly masterKey: Buffer,
  ) {}

  /**
   * Opens one stored data key, so a server started with another master key than the one
   * its data keys were wrapped with (a second instance with its own generated
   * `master.key`, a mistyped MAILROOM_MASTER_KEY) stops at start with a clear message
   * instead of failing on the first secret it reads.
   */
  async verifyMasterKey(): Promise<void> {
    const row = await this.db
      .selectFrom('data_keys')
      .select(['key_id', 'scope', 'wrapped_key'])
      .where('wrapped_key', 'is not', null)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    if (!row) return;
    try {
      this.unwrap(row.key_id, row.scope, row.wrapped_key);
    } catch {
      throw new MailroomError(
        ErrorCode.ILLEGAL_STATE,
        `The master key does not open the stored data keys (key ${row.key_id} of ${row.scope}): this server runs with another ` +
          'master key than the one that wrapped them. Use the original MAILROOM_MASTER_KEY (or data/master.key); every ' +
          'instance sharing one database needs the same MAILROOM_MASTER_KEY.',
      );
    }
  }

  /**
   * Encrypts a secret under the scope's current data key (created on first use). In a dry
   * run the secret is sealed under a throwaway key instead: no data key is created or
   * stored, and the ciphertext (which nothing appends) can never be opened.
   */
  async encrypt(scope: string, plaintext: string): Promise<string> {
    if (activeDryRun()) {
      const { iv, tag, data } = seal(randomBytes(32), Buffer.from(plaintext, 'utf8'), scope);
      return ['v1', DRY_RUN_KEY_ID, b64(iv), b64(tag), b64(data)].join('.');
    }
    const dk = await this.activeKey(scope);
    const { iv, tag, data } = seal(dk.key!, Buffer.from(plaintext, 'utf8'), scope);
    return ['v1', dk.keyId, b64(iv), b64(tag), b64(data)].join('.');
  }

  /** Throws SecretShreddedError when the scope's key was destroyed. */
  async decrypt(scope: string, ciphertext: string): Promise<string> {
    const [version, keyId, iv, tag, data] = ciphertext.split('.');
    if (version !== 'v1' || !keyId || iv === undefined || tag === undefined || data === undefined) {
      throw new MailroomError(ErrorCode.INTERNAL, 'Not a vault ciphertext');
    }
    const dk = await this.keyById(keyId);
    if (!dk || dk.scope !== scope) throw new MailroomError(ErrorCode.INTERNAL, `Ciphertext does not belong to ${scope}`);
    if (!dk.key) throw new SecretShreddedError(scope);
    return open(dk.key, unb64(iv), unb64(tag), unb64(data), scope).toString('utf8');
  }

  /**
   * Crypto-shredding: every secret ever encrypted for the scope becomes unreadable.
   * `createdBefore` spares keys created at or after it, so a resumed mailbox reset does not
   * shred secrets set again after the reset.
   */
  async destroyScope(scope: string, now = new Date(), createdBefore?: Date): Promise<number> {
    let doomed = this.db.selectFrom('data_keys').select('key_id').where('scope', '=', scope).where('destroyed_at', 'is', null);
    if (createdBefore) doomed = doomed.where('created_at', '<', createdBefore.toISOString());
    const ids = (await doomed.execute()).map((r) => r.key_id);
    if (ids.length === 0) return 0;
    const result = await this.db
      .updateTable('data_keys')
      .set({ wrapped_key: null, destroyed_at: now.toISOString() })
      .where('key_id', 'in', ids)
      .where('destroyed_at', 'is', null)
      .executeTakeFirst();
    for (const id of ids) {
      const dk = this.byId.get(id);
      if (dk) this.byId.set(id, { ...dk, key: null });
    }
    const active = this.activeByScope.get(scope);
    if (active && ids.includes(active)) this.activeByScope.delete(scope);
    return Number(result.numUpdatedRows);
  }

  private async activeKey(scope: string): Promise<DataKey> {
    const cachedId = this.activeByScope.get(scope);
    if (cachedId) return this.byId.get(cachedId)!;
    const row = await this.db
      .selectFrom('data_keys')
      .selectAll()
      .where('scope', '=', scope)
      .where('destroyed_at', 'is', null)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    if (row) {
      const dk = this.unwrap(row.key_id, row.scope, row.wrapped_key);
      this.activeByScope.set(scope, dk.keyId);
      return dk;
    }
    const keyId = randomUUID();
    const key = randomBytes(32);
    const wrapped = seal(this.masterKey, key, `data-key:${keyId}:${scope}`);
    await this.db
      .insertInto('data_keys')
      .values({
        key_id: keyId,
        scope,
        wrapped_key: [b64(wrapped.iv), b64(wrapped.tag), b64(wrapped.data)].join('.'),
        created_at: new Date().toISOString(),
        destroyed_at: null,
      })
      .execute();
    const dk: DataKey = { keyId, scope, key };
    this.byId.set(keyId, dk);
    this.activeByScope.set(scope, keyId);
    return dk;
  }

  private async keyById(keyId: string): Promise<DataKey | null> {
    const cached = this.byId.get(keyId);
    if (cached) return cached;
    const row = await this.db.selectFrom('data_keys').selectAll().where('key_id', '=', keyId).executeTakeFirst();
    return row ? this.unwrap(row.key_id, row.scope, row.wrapped_key) : null;
  }

  private unwrap(keyId: string, scope: string, wrappedKey: string | null): DataKey {
    let key: Buffer | null = null;
    if (wrappedKey) {
      const [iv, tag, data] = wrappedKey.split('.') as [string, string, string];
      key = open(this.masterKey, unb64(iv), unb64(tag), unb64(data), `data-key:${keyId}:${scope}`);
    }
    const dk = { keyId, scope, key };
    this.byId.set(keyId, dk);
    return dk;
  }
}
