import { Arg, Args, Ctx, Int, Query, Resolver } from 'type-graphql';
import { verifyStoreChain } from '../../app/audit/chainVerification.js';
import { historyPage } from '../../app/audit/history.js';
import { requireChainAudit } from '../../app/audit/auditAccess.js';
import { requireMailboxAudit } from '../../app/auth/authorization.js';
import { validationError } from '../../domain/shared/errors.js';
import { viewerOf, type GraphQLContext } from '../context.js';
import { ConnectionArgs, pageRequest, toConnection, type Connection } from '../relay.js';
import {
  AuditChainVerification,
  AuditPointInput,
  ConfigurationDiff,
  ConfigurationSectionView,
  FieldChange,
  MailboxConfiguration,
  SettingEvent,
  SettingEventConnection,
  SettingsHistoryFilter,
} from './audit.types.js';

@Resolver()
export class AuditResolver {
  @Query(() => SettingEventConnection, {
    description: 'Setting changes of a mailbox, oldest first, with before/after values. Administrators, its auditors and operations administrators.',
  })
  async settingsHistory(
    @Arg('filter', () => SettingsHistoryFilter) filter: SettingsHistoryFilter,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<SettingEvent>> {
    requireMailboxAudit(viewerOf(ctx), filter.mailboxNumber);
    const page = pageRequest(args);
    const afterPosition = page.after === null ? 0 : Number(page.after);
    if (!Number.isSafeInteger(afterPosition)) throw validationError(['after'], `Expected a cursor of settingsHistory, got ${JSON.stringify(args.after)}`);
    const { entries, hasNextPage } = await historyPage(ctx.services.auditLog, filter, { afterPosition, limit: page.limit });
    const connection = toConnection(entries, page, (e) => String(e.position), SettingEvent.from);
    connection.pageInfo.hasNextPage = hasNextPage;
    return connection;
  }

  @Query(() => MailboxConfiguration, {
    description: 'The whole configuration of a mailbox as it was at a time or position (default: now), by replaying its events.',
  })
  async configurationAsOf(
    @Arg('mailboxNumber', () => Int) mailboxNumber: number,
    @Arg('at', () => Date, { nullable: true }) at: Date | null,
    @Arg('position', () => Int, { nullable: true }) position: number | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<MailboxConfiguration> {
    requireMailboxAudit(viewerOf(ctx), mailboxNumber);
    const configuration = await ctx.services.auditLog.configurationAsOf(mailboxNumber, { at, position });
    return Object.assign(new MailboxConfiguration(), {
      mailboxNumber,
      position: configuration.position,
      sections: Object.entries(configuration.sections).map(([name, value]) => Object.assign(new ConfigurationSectionView(), { name, value })),
    });
  }

  @Query(() => ConfigurationDiff, { description: 'What changed in the configuration of a mailbox between two moments, field by field.' })
  async configurationDiff(
    @Arg('mailboxNumber', () => Int) mailboxNumber: number,
    @Arg('from', () => AuditPointInput) from: AuditPointInput,
    @Arg('to', () => AuditPointInput) to: AuditPointInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConfigurationDiff> {
    requireMailboxAudit(viewerOf(ctx), mailboxNumber);
    const diff = await ctx.services.auditLog.configurationDiff(mailboxNumber, from, to);
    return Object.assign(new ConfigurationDiff(), {
      fromPosition: diff.from.position,
      toPosition: diff.to.position,
      changes: diff.changes.map(FieldChange.from),
    });
  }

  @Query(() => AuditChainVerification, {
    description: 'Recomputes the hash chain of the event store (default: all of it) and reports the first broken position. Administrators and auditors.',
  })
  async verifyAuditChain(
    @Arg('fromPosition', () => Int, { nullable: true }) fromPosition: number | null,
    @Arg('toPosition', () => Int, { nullable: true }) toPosition: number | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AuditChainVerification> {
    requireChainAudit(viewerOf(ctx));
    return AuditChainVerification.from(await verifyStoreChain(ctx.services.store, { fromPosition, toPosition }));
  }
}
