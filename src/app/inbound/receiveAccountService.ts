import { randomUUID } from 'node:crypto';
import { requireMailboxManagement } from '../auth/authorization.js';
import type { RequestMetadata } from '../auth/authService.js';
import { actorIdOf, type Actor } from '../auth/principal.js';
import {
  receiveAccountsDecider,
  receiveAccountsStreamId,
  type ReceiveAccountInput,
  type ReceiveAccountsCommand,
} from '../../domain/inbound/receiveAccounts.decider.js';
import type { CommandMetadata } from '../../domain/shared/decider.js';
import { handleCommand } from '../../eventstore/handleCommand.js';
import { mailboxScope } from '../../secrets/vault.js';
import { requireSecretText, type InboundServiceDeps } from './oauthCredentialService.js';
import { loadReceiveAccounts, lookupOAuthCredential } from './streams.js';

/** What the API accepts: the password in clear (encrypted here, before any command exists). */
export type ReceiveAccountFields = Omit<ReceiveAccountInput, 'passwordCiphertext'> & { readonly password?: string | null };

/**
 * Receive-account and auto-fetch commands as the API offers them: authorize (the
 * mailbox's managers), encrypt the password, look up the chosen OAuth credential, then
 * let the receive-accounts decider rule.
 */
export class ReceiveAccountService {
  private readonly clock: () => Date;
  private readonly afterAppend: (position: number) => Promise<void>;

  constructor(
    private readonly deps: Pick<InboundServiceDeps, 'store' | 'vault' | 'clock' | 'afterAppend'> & {
      /** Called after an account was deleted or disabled, so its fetching stops at once. */
      readonly onFetchingStopped?: (accountId: string) => void;
    },
  ) {
    this.clock = deps.clock ?? (() => new Date());
    this.afterAppend = deps.afterAppend ?? (async () => {});
  }

  async add(actor: Actor, input: { mailboxNumber: number } & ReceiveAccountFields, meta: RequestMetadata): Promise<{ accountId: string; position: number | null }> {
    requireMailboxManagement(actor, input.mailboxNumber);
    const accountId = randomUUID();
    const position = await this.run(actor, meta, input.mailboxNumber, {
      type: 'AddReceiveAccount',
      data: {
        mailboxNumber: input.mailboxNumber,
        accountId,
        input: await this.prepare(input.mailboxNumber, input),
        oauthCredential: await lookupOAuthCredential(this.deps.store, input.credentialId),
      },
    });
    return { accountId, position };
  }

  async change(actor: Actor, input: { mailboxNumber: number; accountId: string } & ReceiveAccountFields, meta: RequestMetadata): Promise<{ position: number | null }> {
    requireMailboxManagement(actor, input.mailboxNumber);
    const prepared = await this.prepare(input.mailboxNumber, input);
    // An edit that keeps OAuth without naming the credential still needs it looked up.
    let credentialId = input.credentialId ?? null;
    if (!credentialId) {
      const current = (await loadReceiveAccounts(this.deps.store, input.mailboxNumber)).accounts.get(input.accountId);
      if (current?.auth.method === 'OAUTH2') credentialId = current.auth.credentialId;
    }
    const position = await this.run(actor, meta, input.mailboxNumber, {
      type: 'ChangeReceiveAccount',
      data: { mailboxNumber: input.mailboxNumber, accountId: input.accountId, input: prepared, oauthCredential: await lookupOAuthCredential(this.deps.store, credentialId) },
    });
    if (input.enabled === false) this.deps.onFetchingStopped?.(input.accountId);
    return { position };
  }

  async delete(actor: Actor, input: { mailboxNumber: number; accountId: string }, meta: RequestMetadata): Promise<{ position: number | null }> {
    requireMailboxManagement(actor, input.mailboxNumber);
    const position = await this.run(actor, meta, input.mailboxNumber, { type: 'DeleteReceiveAccount', data: input });
    this.deps.onFetchingStopped?.(input.accountId);
    return { position };
  }

  async changeAutoFetch(
    actor: Actor,
    input: { mailboxNumber: number; enabled?: boolean | null; intervalMinutes?: number | null },
    meta: RequestMetadata,
  ): Promise<{ position: number | null }> {
    requireMailboxManagement(actor, input.mailboxNumber);
    return {
      position: await this.run(actor, meta, input.mailboxNumber, {
        type: 'ChangeAutoFetchSettings',
        data: {
          mailboxNumber: input.mailboxNumber,
          ...(input.enabled != null ? { enabled: input.enabled } : {}),
          ...(input.intervalMinutes != null ? { intervalMinutes: input.intervalMinutes } : {}),
        },
      }),
    };
  }

  /** Stops an account's fetching now, as delete and disable do (a configuration apply that deleted or disabled it). */
  stopFetching(accountId: string): void {
    this.deps.onFetchingStopped?.(accountId);
  }

  private async prepare(mailboxNumber: number, fields: ReceiveAccountFields): Promise<ReceiveAccountInput> {
    const { password, ...rest } = fields;
    if (password == null || password === '') return rest;
    const secret = requireSecretText(['password'], password, 'a password');
    return { ...rest, passwordCiphertext: await this.deps.vault.encrypt(mailboxScope(mailboxNumber), secret) };
  }


  private async run(actor: Actor, meta: RequestMetadata, mailboxNumber: number, command: Omit<ReceiveAccountsCommand, 'metadata'>): Promise<number | null> {
    const metadata: CommandMetadata = { ...meta, now: this.clock(), actorId: actorIdOf(actor) };
    const full = { ...command, metadata } as ReceiveAccountsCommand;
    const result = await handleCommand(this.deps.store, receiveAccountsDecider, receiveAccountsStreamId(mailboxNumber), full);
    if (result.position !== null) await this.afterAppend(result.position);
    return result.position;
  }
}
