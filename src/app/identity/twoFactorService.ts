import { requireText } from '../../domain/shared/text.js';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { requireAdministrator, requireMailboxManagement } from '../auth/authorization.js';
import type { RequestMetadata, SecondFactor } from '../auth/authService.js';
import { actorIdOf, type Actor } from '../auth/principal.js';
import type { ReadModelDb } from '../../db/schema.js';
import {
  base32Encode,
  formatRecoveryCode,
  hashRecoveryCode,
  matchTotp,
  otpauthUri,
  TOTP_SECRET_BYTES,
} from '../../domain/identity/totp.js';
import { twoFactorDecider, twoFactorStreamId, type TwoFactorCommand } from '../../domain/identity/twoFactor.decider.js';
import { twoFactorPolicyDecider, twoFactorPolicyStreamId } from '../../domain/identity/twoFactorPolicy.decider.js';
import type { CommandMetadata } from '../../domain/shared/decider.js';
import { ErrorCode, forbidden, illegalState, isMailroomError, notFound, unauthenticated } from '../../domain/shared/errors.js';
import { handleCommand } from '../../eventstore/handleCommand.js';
import type { EventStore } from '../../eventstore/port.js';
import type { SecretVault } from '../../secrets/vault.js';

export interface TwoFactorServiceOptions {
  readonly store: EventStore;
  readonly db: Kysely<ReadModelDb>;
  readonly vault: SecretVault;
  /** @default () => new Date() */
  readonly clock?: () => Date;
  readonly afterAppend?: (position: number) => Promise<void>;
  /** Shown in authenticator apps. @default 'Mailroom' */
  readonly issuer?: string;
}

export const RECOVERY_CODE_COUNT = 10;

/** The vault scope of a user's own secrets (the TOTP secret). */
export const userScope = (userId: string): string => `user:${userId}`;

export interface EnrolmentStart {
  readonly secret: string;
  readonly otpauthUri: string;
}

/**
 * TOTP two-factor (RFC 6238): enrolment (a secret shown once, confirmed with a code),
 * verification at login, recovery codes, removal by the user, reset by an administrator,
 * and the per-mailbox requirement. The secret is kept as vault ciphertext only (scope
 * `user:<id>`); the last accepted time step per user is claimed with one conditional UPDATE
 * in the shared database, so a code is accepted once even when two instances race.
 */
export class TwoFactorService implements SecondFactor {
  private readonly clock: () => Date;
  private readonly afterAppend: (position: number) => Promise<void>;
  private readonly issuer: string;

  constructor(private readonly options: TwoFactorServiceOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.afterAppend = options.afterAppend ?? (async () => {});
    this.issuer = options.issuer ?? 'Mailroom';
  }

  async status(userId: string): Promise<{ enrolledAt: string; recoveryCodesLeft: number } | null> {
    const row = await this.options.db.selectFrom('user_two_factor').select(['enrolled_at', 'recovery_codes_left']).where('user_id', '=', userId).executeTakeFirst();
    return row ? { enrolledAt: row.enrolled_at, recoveryCodesLeft: row.recovery_codes_left } : null;
  }

  /** Mailboxes of the user that require two-factor, in number order. */
  async requiredBy(userId: string): Promise<number[]> {
    const rows = await this.options.db
      .selectFrom('mailbox_two_factor_policies as p')
      .innerJoin('mailbox_members as m', 'm.mailbox_number', 'p.mailbox_number')
      .select('p.mailbox_number')
      .where('m.user_id', '=', userId)
      .where('p.required', '=', 1)
      .orderBy('p.mailbox_number')
      .execute();
    return rows.map((r) => Number(r.mailbox_number));
  }

  /** Whether the mailbox requires two-factor of every member (Mailbox.twoFactorRequired). */
  async mailboxRequires(mailboxNumber: number): Promise<boolean> {
    const row = await this.options.db.selectFrom('mailbox_two_factor_policies').select('required').where('mailbox_number', '=', mailboxNumber).executeTakeFirst();
    return row?.required === 1;
  }

  async requirement(userId: string): Promise<'NONE' | 'VERIFY' | 'ENROL'> {
    if (await this.status(userId)) return 'VERIFY';
    return (await this.requiredBy(userId)).length > 0 ? 'ENROL' : 'NONE';
  }

  async verify(userId: string, code: string, context: { readonly clientIp?: string | null } = {}): Promise<boolean> {
    const row = await this.options.db.selectFrom('user_two_factor').select('secret_ciphertext').where('user_id', '=', userId).executeTakeFirst();
    if (!row || typeof code !== 'string') return false;
    if (/^\s*\d{6}\s*$/.test(code)) return this.verifyTotp(userId, row.secret_ciphertext, code);
    try {
      await this.append(userId, null, { correlationId: 'login', clientIp: context.clientIp ?? null }, { type: 'UseRecoveryCode', data: { userId, codeHash: hashRecoveryCode(code) } });
      return true;
    } catch (e) {
      if (isMailroomError(e) && e.code === ErrorCode.ILLEGAL_STATE) return false;
      throw e;
    }
  }

  private async verifyTotp(userId: string, secretCiphertext: string, code: string): Promise<boolean> {
    const secret = Buffer.from(await this.options.vault.decrypt(userScope(userId), secretCiphertext), 'base64');
    const stepRow = await this.options.db.selectFrom('two_factor_steps').select('last_step').where('user_id', '=', userId).executeTakeFirst();
    const step = matchTotp(secret, code, this.clock().getTime(), stepRow ? Number(stepRow.last_step) : null);
    if (step === null) return false;
    return this.claimStep(userId, step);
  }

  /** True for the one caller that moved the user's last step forward to `step` (replay guard). */
  private async claimStep(userId: string, step: number): Promise<boolean> {
    const db = this.options.db;
    await db.insertInto('two_factor_steps').values({ user_id: userId, last_step: -1 }).onConflict((oc) => oc.column('user_id').doNothing()).execute();
    const result = await db.updateTable('two_factor_steps').set({ last_step: step }).where('user_id', '=', userId).where('last_step', '<', step).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Step one of enrolment: a new secret, shown once (base32 and as an otpauth:// URI for a QR code). */
  async beginEnrolment(userId: string): Promise<EnrolmentStart> {
    const user = await this.options.db.selectFrom('users').select('username').where('id', '=', userId).executeTakeFirst();
    if (!user) throw notFound('User', userId, ['userId']);
    if (await this.status(userId)) throw illegalState('Two-factor is already on for this account; remove it (or have an administrator reset it) first', ['userId']);
    const secret = randomBytes(TOTP_SECRET_BYTES);
    const secretCiphertext = await this.options.vault.encrypt(userScope(userId), secret.toString('base64'));
    const row = { secret_ciphertext: secretCiphertext, created_at: this.clock().toISOString() };
    await this.options.db
      .insertInto('two_factor_pending')
      .values({ user_id: userId, ...row })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(row))
      .execute();
    const secretBase32 = base32Encode(secret);
    return { secret: secretBase32, otpauthUri: otpauthUri(this.issuer, user.username, secretBase32) };
  }

  /**
   * Step two: a code from the new secret turns it on. Returns the recovery codes, shown this
   * once; only their digests are kept. A wrong code changes nothing (the user may try again).
   */
  async confirmEnrolment(actor: Actor | null, userId: string, code: string, meta: RequestMetadata): Promise<{ recoveryCodes: string[]; position: number | null }> {
    const pending = await this.options.db.selectFrom('two_factor_pending').selectAll().where('user_id', '=', userId).executeTakeFirst();
    if (!pending) throw illegalState('No enrolment was started; call beginTwoFactorEnrolment first', ['code']);
    const secret = Buffer.from(await this.options.vault.decrypt(userScope(userId), pending.secret_ciphertext), 'base64');
    const step = typeof code === 'string' ? matchTotp(secret, code, this.clock().getTime(), null) : null;
    if (step === null) throw unauthenticated('The code does not match the new secret; check the device clock and try the current code');
    const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, () => formatRecoveryCode(randomBytes(7)));
    const { position } = await this.append(userId, actor, meta, {
      type: 'EnrolTwoFactor',
      data: { userId, secretCiphertext: pending.secret_ciphertext, recoveryCodeHashes: recoveryCodes.map(hashRecoveryCode) },
    });
    // The confirmation code is used: it cannot log in afterwards.
    await this.claimStep(userId, step);
    await this.options.db.deleteFrom('two_factor_pending').where('user_id', '=', userId).execute();
    return { recoveryCodes, position };
  }

  /** The user turns two-factor off, proving a current code; refused while a mailbox requires it. */
  async remove(actor: Actor, code: string, meta: RequestMetadata): Promise<{ position: number | null }> {
    if (actor.kind === 'system') throw forbidden('Only the user removes their two-factor; administrators reset it');
    const userId = actor.userId;
    if (!(await this.status(userId))) throw illegalState('Two-factor is not on for this account', ['code']);
    const requiredByMailboxes = await this.requiredBy(userId);
    if (requiredByMailboxes.length > 0) {
      throw illegalState(`Two-factor is required by mailbox ${requiredByMailboxes.join(', ')}; it cannot be removed while you are a member`, ['code']);
    }
    if (!(await this.verify(userId, code, meta))) throw unauthenticated('The code is wrong or was used already');
    return this.append(userId, actor, meta, { type: 'RemoveTwoFactor', data: { userId, requiredByMailboxes } });
  }

  /** An administrator turns a user's two-factor off (lost device), with a reason. */
  async reset(actor: Actor, userId: string, reason: string, meta: RequestMetadata): Promise<{ position: number | null }> {
    requireAdministrator(actor);
    return this.append(userId, actor, { ...meta, reason: requireText(['reason'], reason, 'reason') }, { type: 'ResetTwoFactor', data: { userId, reason } });
  }

  async setRequirement(actor: Actor, mailboxNumber: number, required: boolean, meta: RequestMetadata): Promise<{ position: number | null }> {
    requireMailboxManagement(actor, mailboxNumber);
    const mailbox = await this.options.db.selectFrom('mailboxes').select('number').where('number', '=', mailboxNumber).executeTakeFirst();
    if (!mailbox) throw notFound('Mailbox', String(mailboxNumber), ['mailboxNumber']);
    const result = await handleCommand(this.options.store, twoFactorPolicyDecider, twoFactorPolicyStreamId(mailboxNumber), {
      type: 'SetTwoFactorRequirement',
      data: { mailboxNumber, required },
      metadata: this.metadata(actor, meta),
    });
    if (result.position !== null) await this.afterAppend(result.position);
    return { position: result.position };
  }

  private async append(userId: string, actor: Actor | null, meta: RequestMetadata, command: Omit<TwoFactorCommand, 'metadata'>): Promise<{ position: number | null }> {
    const full = { ...command, metadata: this.metadata(actor, meta) } as TwoFactorCommand;
    const result = await handleCommand(this.options.store, twoFactorDecider, twoFactorStreamId(userId), full);
    if (result.position !== null) await this.afterAppend(result.position);
    return { position: result.position };
  }

  private metadata(actor: Actor | null, meta: RequestMetadata): CommandMetadata {
    // During a login (ENROL challenge, recovery code) there is no principal yet: the user acts.
    return { ...meta, now: this.clock(), actorId: actor ? actorIdOf(actor) : null };
  }
}
