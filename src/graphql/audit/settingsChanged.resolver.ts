import { Arg, Ctx, FieldResolver, Int, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { historyEntries } from '../../app/audit/history.js';
import { requireMailboxAudit } from '../../app/auth/authorization.js';
import { mailboxNumberOf } from '../../domain/shared/scope.js';
import type { GraphQLContext, Services } from '../context.js';
import { User } from '../identity/identity.types.js';
import { liveEventRoute } from '../liveEvents.js';
import { createLoaders } from '../loaders.js';
import { deliveredPayload, type Delivery } from '../subscriptions/fanout.js';
import { mailboxTopic, openSubscription } from '../subscriptions/openSubscription.js';
import { SettingEvent } from './audit.types.js';

export { SettingEvent } from './audit.types.js';

interface SettingsChangedArgs {
  mailboxNumber: number;
}

/** A setting event as every subscriber gets it: built once per event, actor included. */
class LiveSettingEvent extends SettingEvent {
  liveActor!: User | null;
}

/**
 * The `settingsChanged` feed: one history entry per event of a mailbox, built from the
 * event itself (the audit index may not have projected it yet) once, whoever subscribes.
 * Secrets read "changed" for everyone, so there is one visibility class.
 */
export const settingsChangedRoute = (services: Services) =>
  liveEventRoute<SettingEvent>({
    feed: 'settings',
    topicOf: (event) => {
      const n = mailboxNumberOf(event);
      return n === null ? null : mailboxTopic(n);
    },
    build: async (event) => {
      const [entry] = await historyEntries(services.auditLog, [
        { position: event.position, mailboxNumber: mailboxNumberOf(event)!, streamId: event.streamId, revision: event.revision },
      ]);
      const actor = entry!.actorId ? await createLoaders(services.db).userById.load(entry!.actorId) : null;
      return Object.assign(new LiveSettingEvent(), SettingEvent.from(entry!), { liveActor: actor ? User.from(actor) : null });
    },
  });

@Resolver(() => SettingEvent)
export class SettingsChangedResolver {
  @Subscription(() => SettingEvent, {
    description: 'Live feed of setting events of a mailbox, with what each changed. Auditors and operations administrators of that mailbox only.',
    subscribe: ({ args, context }: SubscribeResolverData<unknown, SettingsChangedArgs, GraphQLContext>) =>
      openSubscription(context, { feed: 'settings', topic: mailboxTopic(args.mailboxNumber), authorize: (p) => requireMailboxAudit(p, args.mailboxNumber) }),
  })
  settingsChanged(@Arg('mailboxNumber', () => Int) _mailboxNumber: number, @Root() delivery: Delivery<SettingEvent>): SettingEvent {
    return deliveredPayload(delivery);
  }

  @FieldResolver(() => User, { nullable: true })
  async actor(@Root() event: SettingEvent, @Ctx() ctx: GraphQLContext): Promise<User | null> {
    if (event instanceof LiveSettingEvent) return event.liveActor;
    if (!event.actorId) return null;
    const row = await ctx.loaders.userById.load(event.actorId);
    return row ? User.from(row) : null;
  }
}
