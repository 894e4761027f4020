import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireMailboxAudit } from '../../app/auth/authorization.js';
import { DEFAULT_FETCH_INTERVAL_MINUTES, MAX_RECEIVE_ACCOUNTS } from '../../domain/inbound/index.js';
import { notFound } from '../../domain/shared/errors.js';
import type { ReceiveAccountFields } from '../../app/inbound/receiveAccountService.js';
import { viewerOf, type GraphQLContext } from '../context.js';
import { viewerMutation } from '../viewerMutation.js';
import { AddReceiveAccountInput, ChangeAutoFetchSettingsInput, ChangeReceiveAccountInput, ReceiveAccountFieldsInput, ReceiveAccountRefInput } from './inbound.inputs.js';
import { AutoFetchSettingsPayload, DeleteReceiveAccountPayload, ReceiveAccountPayload } from './inbound.payloads.js';
import { AutoFetchSettings, OAuthCredential, ReceiveAccount, ReceiveAccountStatus, ReceiveSettings } from './inbound.types.js';

/** GraphQL null means "keep"; the service wants omitted fields absent. `fetchIntervalMinutes: 0` clears the override. */
export const toAccountFields = (input: ReceiveAccountFieldsInput): ReceiveAccountFields => {
  const out: Record<string, unknown> = {};
  for (const key of [
    'displayName',
    'protocol',
    'host',
    'port',
    'encryption',
    'authMethod',
    'username',
    'password',
    'credentialId',
    'errorNotificationAddress',
    'leaveOnServer',
    'deleteDuplicates',
    'enabled',
    'idleEnabled',
  ] as const) {
    if (input[key] != null) out[key] = input[key];
  }
  if (input.fetchIntervalMinutes != null) out.fetchIntervalMinutes = input.fetchIntervalMinutes === 0 ? null : input.fetchIntervalMinutes;
  return out as ReceiveAccountFields;
};

const loadAccount = async (ctx: GraphQLContext, mailboxNumber: number, accountId: string, fresh = false): Promise<ReceiveAccount> => {
  if (fresh) ctx.loaders.receiveAccountById.clear(accountId);
  const row = await ctx.loaders.receiveAccountById.load(accountId);
  if (!row || row.mailbox_number !== mailboxNumber) throw notFound('Receive account', accountId, ['accountId']);
  return ReceiveAccount.from(row);
};

const loadAutoFetch = async (ctx: GraphQLContext, mailboxNumber: number, fresh = false): Promise<AutoFetchSettings> => {
  if (fresh) ctx.loaders.autoFetchByMailbox.clear(mailboxNumber);
  return AutoFetchSettings.from(mailboxNumber, await ctx.loaders.autoFetchByMailbox.load(mailboxNumber), {
    enabled: true,
    intervalMinutes: DEFAULT_FETCH_INTERVAL_MINUTES,
  });
};

@Resolver(() => ReceiveSettings)
export class ReceiveSettingsResolver {
  @Query(() => ReceiveSettings, { description: 'Receive settings of a mailbox (POP/IMAP設定). Managers and auditors of the mailbox.' })
  receiveSettings(@Arg('mailboxNumber', () => Int) mailboxNumber: number, @Ctx() ctx: GraphQLContext): ReceiveSettings {
    requireMailboxAudit(viewerOf(ctx), mailboxNumber);
    return Object.assign(new ReceiveSettings(), { mailboxNumber, maxAccounts: MAX_RECEIVE_ACCOUNTS });
  }

  @FieldResolver(() => AutoFetchSettings)
  autoFetch(@Root() settings: ReceiveSettings, @Ctx() ctx: GraphQLContext): Promise<AutoFetchSettings> {
    return loadAutoFetch(ctx, settings.mailboxNumber);
  }

  @FieldResolver(() => [ReceiveAccount], { description: 'In the order they were added.' })
  async accounts(@Root() settings: ReceiveSettings, @Ctx() ctx: GraphQLContext): Promise<ReceiveAccount[]> {
    return (await ctx.loaders.receiveAccountsByMailbox.load(settings.mailboxNumber)).map(ReceiveAccount.from);
  }

  @Mutation(() => AutoFetchSettingsPayload, { description: 'Interval (minutes) and on/off of automatic fetching for the whole mailbox.' })
  async changeAutoFetchSettings(
    @Arg('input', () => ChangeAutoFetchSettingsInput) input: ChangeAutoFetchSettingsInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AutoFetchSettingsPayload> {
    return viewerMutation(ctx, input, AutoFetchSettingsPayload, async (viewer, metadata) => {
      await ctx.services.inbound.receiveAccounts.changeAutoFetch(
        viewer,
        { mailboxNumber: input.mailboxNumber, enabled: input.enabled ?? null, intervalMinutes: input.intervalMinutes ?? null },
        metadata,
      );
      return { autoFetch: await loadAutoFetch(ctx, input.mailboxNumber, true) };
    });
  }
}

@Resolver(() => ReceiveAccount)
export class ReceiveAccountResolver {
  @Query(() => ReceiveAccount)
  async receiveAccount(
    @Arg('mailboxNumber', () => Int) mailboxNumber: number,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ReceiveAccount> {
    requireMailboxAudit(viewerOf(ctx), mailboxNumber);
    return loadAccount(ctx, mailboxNumber, id);
  }

  @FieldResolver(() => ReceiveAccountStatus, { description: 'Fetch status and the last receive error.' })
  async status(@Root() account: ReceiveAccount, @Ctx() ctx: GraphQLContext): Promise<ReceiveAccountStatus> {
    return ReceiveAccountStatus.from(await ctx.loaders.fetchStatusByAccount.load({ accountId: account.id, mailboxNumber: account.mailboxNumber }));
  }

  @FieldResolver(() => OAuthCredential, { nullable: true })
  async oauthCredential(@Root() account: ReceiveAccount, @Ctx() ctx: GraphQLContext): Promise<OAuthCredential | null> {
    if (!account.oauthCredentialId) return null;
    const row = await ctx.loaders.oauthCredentialById.load(account.oauthCredentialId);
    return row ? OAuthCredential.from(row) : null;
  }

  @Mutation(() => ReceiveAccountPayload, { description: 'At most 6 per mailbox; receive further addresses by forwarding them to the mailbox. Rules: docs/product-rules.md §2.' })
  async addReceiveAccount(@Arg('input', () => AddReceiveAccountInput) input: AddReceiveAccountInput, @Ctx() ctx: GraphQLContext): Promise<ReceiveAccountPayload> {
    return viewerMutation(ctx, input, ReceiveAccountPayload, async (viewer, metadata) => {
      const { accountId } = await ctx.services.inbound.receiveAccounts.add(
        viewer,
        { mailboxNumber: input.mailboxNumber, ...toAccountFields(input) },
        metadata,
      );
      return { account: await loadAccount(ctx, input.mailboxNumber, accountId, true) };
    });
  }

  @Mutation(() => ReceiveAccountPayload)
  async changeReceiveAccount(
    @Arg('input', () => ChangeReceiveAccountInput) input: ChangeReceiveAccountInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ReceiveAccountPayload> {
    return viewerMutation(ctx, input, ReceiveAccountPayload, async (viewer, metadata) => {
      await ctx.services.inbound.receiveAccounts.change(
        viewer,
        { mailboxNumber: input.mailboxNumber, accountId: input.accountId, ...toAccountFields(input) },
        metadata,
      );
      return { account: await loadAccount(ctx, input.mailboxNumber, input.accountId, true) };
    });
  }

  @Mutation(() => DeleteReceiveAccountPayload, { description: 'Also stops its fetching (a run in progress is aborted).' })
  async deleteReceiveAccount(
    @Arg('input', () => ReceiveAccountRefInput) input: ReceiveAccountRefInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<DeleteReceiveAccountPayload> {
    return viewerMutation(ctx, input, DeleteReceiveAccountPayload, async (viewer, metadata) => {
      await ctx.services.inbound.receiveAccounts.delete(viewer, { mailboxNumber: input.mailboxNumber, accountId: input.accountId }, metadata);
      return { deletedAccountId: input.accountId };
    });
  }
}
