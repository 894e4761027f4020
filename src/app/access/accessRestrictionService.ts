import type { Kysely } from 'kysely';
import { requireMailboxAudit, requireMailboxManagement } from '../auth/authorization.js';
import type { RequestMetadata } from '../auth/authService.js';
import { actorIdOf, type Actor } from '../auth/principal.js';
import type { ReadModelDb } from '../../db/schema.js';
import { normalizeAddressList, type AccessDecision } from '../../domain/access/accessPolicy.js';
import { accessRestrictionDecider, accessRestrictionStreamId, type Requester } from '../../domain/access/accessRestriction.decider.js';
import { formatIpAddress, parseClientAddress } from '../../domain/access/ipAddress.js';
import { notFound, validationError } from '../../domain/shared/errors.js';
import { handleCommand } from '../../eventstore/handleCommand.js';
import type { EventStore } from '../../eventstore/port.js';
import type { AccessRuntime } from './accessRuntime.js';

export interface AccessRestrictionServiceOptions {
  readonly store: EventStore;
  readonly db: Kysely<ReadModelDb>;
  readonly runtime: AccessRuntime;
  /** @default () => new Date() */
  readonly clock?: () => Date;
  /** Awaited with the position after each append (projections), as in the other services. */
  readonly afterAppend?: (position: number) => Promise<void>;
}

/** Where the saving request comes from; the self-lockout guard judges the actor from there. */
export interface RequestingClient {
  readonly clientIp: string;
}

export interface SaveOutcome {
  readonly position: number | null;
  /** Non-blocking advice, e.g. a range stored in its canonical form. */
  readonly warnings: readonly string[];
}

interface ListInput {
  readonly mailboxNumber: number;
  readonly enabled: boolean;
  readonly allowedAddresses: readonly string[];
  readonly force?: boolean;
}

/**
 * IP and API restrictions of a mailbox: saving them (managers of the mailbox), and the
 * "would this address and user be allowed" check (managers and auditors). Saves wait until
 * the new lists are in force in this process, so the caller's next request is judged by them.
 */
export class AccessRestrictionService {
  private readonly clock: () => Date;
  private readonly afterAppend: (position: number) => Promise<void>;

  constructor(private readonly options: AccessRestrictionServiceOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.afterAppend = options.afterAppend ?? (async () => {});
  }

  async configureIpRestriction(
    actor: Actor,
    input: ListInput & { readonly exemptUserIds: readonly string[] },
    client: RequestingClient,
    meta: RequestMetadata,
  ): Promise<SaveOutcome> {
    requireMailboxManagement(actor, input.mailboxNumber);
    await this.requireMailbox(input.mailboxNumber);
    const warnings = normalizeAddressList(['allowedAddresses'], input.allowedAddresses).notes;
    await this.requireUsers(input.exemptUserIds);
    return this.save(actor, input.mailboxNumber, meta, warnings, {
      type: 'ConfigureIpRestriction',
      data: { ...input, requester: requesterOf(actor, client) },
    });
  }

  async configureApiRestriction(actor: Actor, input: ListInput, client: RequestingClient, meta: RequestMetadata): Promise<SaveOutcome> {
    requireMailboxManagement(actor, input.mailboxNumber);
    await this.requireMailbox(input.mailboxNumber);
    const warnings = normalizeAddressList(['allowedAddresses'], input.allowedAddresses).notes;
    return this.save(actor, input.mailboxNumber, meta, warnings, {
      type: 'ConfigureApiRestriction',
      data: { ...input, requester: requesterOf(actor, client) },
    });
  }

  /** Judges a hypothetical caller against the lists in force now. */
  async check(
    actor: Actor,
    input: { mailboxNumber: number; ip: string; userId?: string | null; viaApiToken?: boolean },
  ): Promise<AccessDecision & { address: string }> {
    requireMailboxAudit(actor, input.mailboxNumber);
    const address = parseClientAddress(input.ip);
    if (!address) {
      throw validationError(['ip'], `Expected an IPv4 or IPv6 address like "192.0.2.10" or "2001:db8::10", got ${JSON.stringify(input.ip)}`);
    }
    if (input.userId != null) await this.requireUsers([input.userId], 'userId');
    const decision = this.options.runtime.decide(input.mailboxNumber, {
      address,
      userId: input.userId ?? null,
      viaApiToken: input.viaApiToken === true,
    });
    return { ...decision, address: formatIpAddress(address) };
  }

  private async save(
    actor: Actor,
    mailboxNumber: number,
    meta: RequestMetadata,
    warnings: readonly string[],
    command: Omit<Parameters<typeof accessRestrictionDecider.decide>[0], 'metadata'>,
  ): Promise<SaveOutcome> {
    const full = { ...command, metadata: { ...meta, now: this.clock(), actorId: actorIdOf(actor) } } as Parameters<typeof accessRestrictionDecider.decide>[0];
    const result = await handleCommand(this.options.store, accessRestrictionDecider, accessRestrictionStreamId(mailboxNumber), full);
    if (result.position !== null) {
      await this.afterAppend(result.position);
      await this.options.runtime.waitForPosition(result.position);
    }
    return { position: result.position, warnings };
  }

  private async requireMailbox(mailboxNumber: number): Promise<void> {
    if (typeof mailboxNumber !== 'number' || !Number.isSafeInteger(mailboxNumber)) return;
    const row = await this.options.db.selectFrom('mailboxes').select('number').where('number', '=', mailboxNumber).executeTakeFirst();
    if (!row) throw notFound('Mailbox', String(mailboxNumber), ['mailboxNumber']);
  }

  /** Exempt users (and checked users) must exist; ids are validated first so the path names the entry. */
  private async requireUsers(userIds: readonly string[], field = 'exemptUserIds'): Promise<void> {
    if (!Array.isArray(userIds) || userIds.length === 0) return;
    const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const wellFormed = userIds.filter((id) => typeof id === 'string' && UUID.test(id)).map((id) => id.toLowerCase());
    const found = wellFormed.length
      ? new Set((await this.options.db.selectFrom('users').select('id').where('id', 'in', wellFormed).execute()).map((r) => r.id))
      : new Set<string>();
    userIds.forEach((id, i) => {
      const path = field === 'userId' ? [field] : [field, String(i)];
      if (typeof id !== 'string' || !UUID.test(id)) {
        throw validationError(path, `Expected a user id (UUID), got ${JSON.stringify(id)}`);
      }
      if (!found.has(id.toLowerCase())) throw notFound('User', id, path);
    });
  }
}

const requesterOf = (actor: Actor, client: RequestingClient): Requester | null =>
  actor.kind === 'system' ? null : { userId: actor.userId, clientIp: client.clientIp, viaApiToken: actor.kind === 'api_token' };
