import { Arg, Ctx, FieldResolver, Int, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { historyEntries } from '../../audit/history.js';
import { requireMailboxAudit } from '../../auth/authorization.js';
import { mailboxNumberOf } from '../../domain/shared/scope.js';
import type { RecordedEvent } from '../../eventstore/port.js';
import { viewerOf, type GraphQLContext } from '../context.js';
import { User } from '../identity/identity.types.js';
import { SettingEvent } from './audit.types.js';
import { auditLogOf } from './auditLogOf.js';

export { SettingEvent } from './audit.types.js';

interface SettingsChangedArgs {
  mailboxNumber: number;
}

@Resolver(() => SettingEvent)
export class SettingsChangedResolver {
  @Subscription(() => SettingEvent, {
    description: 'Live feed of setting events of a mailbox, with what each changed. Auditors and operations administrators of that mailbox only.',
    subscribe: ({ args, context }: SubscribeResolverData<unknown, SettingsChangedArgs, GraphQLContext>) => {
      requireMailboxAudit(viewerOf(context), args.mailboxNumber);
      return context.services.liveEvents.listen({ filter: (e) => mailboxNumberOf(e) === args.mailboxNumber });
    },
  })
  async settingsChanged(
    @Arg('mailboxNumber', () => Int) mailboxNumber: number,
    @Root() event: RecordedEvent,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SettingEvent> {
    // Built from the event itself, not the audit index, which may not have projected it yet.
    const [entry] = await historyEntries(auditLogOf(ctx.services), [
      { position: event.position, mailboxNumber, streamId: event.streamId, revision: event.revision },
    ]);
    return SettingEvent.from(entry!);
  }

  @FieldResolver(() => User, { nullable: true })
  async actor(@Root() event: SettingEvent, @Ctx() ctx: GraphQLContext): Promise<User | null> {
    if (!event.actorId) return null;
    const row = await ctx.loaders.userById.load(event.actorId);
    return row ? User.from(row) : null;
  }
}
