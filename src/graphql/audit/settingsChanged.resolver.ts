import { Arg, Ctx, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { requireMailboxAudit } from '../../auth/authorization.js';
import { mailboxNumberOf } from '../../domain/shared/scope.js';
import type { RecordedEvent } from '../../eventstore/port.js';
import { viewerOf, type GraphQLContext } from '../context.js';
import { User } from '../identity/identity.types.js';

@ObjectType({ description: 'One setting event of a mailbox, as it was appended. Event data is not exposed here: secrets live in it.' })
export class SettingEvent {
  @Field(() => Int, { description: 'Global position in the event store.' })
  position!: number;

  @Field(() => String)
  type!: string;

  @Field(() => String)
  streamId!: string;

  @Field(() => Int, { nullable: true })
  mailboxNumber!: number | null;

  @Field(() => Date)
  recordedAt!: Date;

  @Field(() => ID, { nullable: true, description: 'Null for changes made by the server itself.' })
  actorId!: string | null;

  @Field(() => String, { nullable: true })
  clientIp!: string | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => String)
  correlationId!: string;

  static from(e: RecordedEvent): SettingEvent {
    return Object.assign(new SettingEvent(), {
      position: e.position,
      type: e.type,
      streamId: e.streamId,
      mailboxNumber: mailboxNumberOf(e),
      recordedAt: e.recordedAt,
      actorId: e.metadata.actorId,
      clientIp: e.metadata.clientIp ?? null,
      reason: e.metadata.reason ?? null,
      correlationId: e.metadata.correlationId,
    });
  }
}

interface SettingsChangedArgs {
  mailboxNumber: number;
}

@Resolver(() => SettingEvent)
export class SettingsChangedResolver {
  @Subscription(() => SettingEvent, {
    description: 'Live feed of setting events of a mailbox. Auditors and operations administrators of that mailbox only.',
    subscribe: ({ args, context }: SubscribeResolverData<unknown, SettingsChangedArgs, GraphQLContext>) => {
      requireMailboxAudit(viewerOf(context), args.mailboxNumber);
      return context.services.liveEvents.listen({ filter: (e) => mailboxNumberOf(e) === args.mailboxNumber });
    },
  })
  settingsChanged(@Arg('mailboxNumber', () => Int) _mailboxNumber: number, @Root() event: RecordedEvent): SettingEvent {
    return SettingEvent.from(event);
  }

  @FieldResolver(() => User, { nullable: true })
  async actor(@Root() event: SettingEvent, @Ctx() ctx: GraphQLContext): Promise<User | null> {
    if (!event.actorId) return null;
    const row = await ctx.loaders.userById.load(event.actorId);
    return row ? User.from(row) : null;
  }
}
