import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, registerEnumType, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { requireMailboxAudit } from '../../app/auth/authorization.js';
import { ReceiveErrorCode, type ReceiveErrorsEvent } from '../../domain/inbound/index.js';
import { mailboxNumberOf } from '../../domain/shared/scope.js';
import type { RecordedEvent } from '../../eventstore/port.js';
import type { FetchStatusFeed } from '../../app/inbound/scheduler/fetchStatusFeed.js';
import type { Logger } from 'pino';
import type { GraphQLContext } from '../context.js';
import { liveEventRoute } from '../liveEvents.js';
import { deliveredPayload, type Delivery } from '../subscriptions/fanout.js';
import { mailboxTopic, openSubscription } from '../subscriptions/openSubscription.js';
import type { SubscriptionService } from '../subscriptions/subscriptionService.js';
import { viewerMutation } from '../viewerMutation.js';
import { FetchReceiveAccountNowInput, TestReceiveAccountInput } from './inbound.inputs.js';
import { FetchReceiveAccountNowPayload, ReceiveFailureInfo, TestReceiveAccountPayload } from './inbound.payloads.js';
import { ReceiveAccountStatus } from './inbound.types.js';
import { toAccountFields } from './receiveAccount.resolver.js';
import { eventAs } from '../../eventstore/eventAs.js';

export const ReceiveErrorEventKind = {
  RAISED: 'RAISED',
  CLEARED: 'CLEARED',
  MESSAGE_TOO_LARGE: 'MESSAGE_TOO_LARGE',
} as const;
export type ReceiveErrorEventKind = (typeof ReceiveErrorEventKind)[keyof typeof ReceiveErrorEventKind];
registerEnumType(ReceiveErrorEventKind, {
  name: 'ReceiveErrorEventKind',
  description: 'RAISED: an error episode began; CLEARED: the account receives again; MESSAGE_TOO_LARGE: one message over 25 MB (25 × 1024 × 1024 bytes, docs/readings.md) was skipped.',
});

const KIND_OF: Readonly<Record<ReceiveErrorsEvent['type'], ReceiveErrorEventKind>> = {
  ReceiveErrorRaised: 'RAISED',
  ReceiveErrorCleared: 'CLEARED',
  ReceiveMessageTooLarge: 'MESSAGE_TOO_LARGE',
};

@ObjectType({ description: 'A receive-error event of a mailbox, as recorded.' })
export class ReceiveErrorNotification {
  @Field(() => Int, { description: 'Global event position: events arrive in this order.' })
  position!: number;

  @Field(() => ReceiveErrorEventKind)
  kind!: ReceiveErrorEventKind;

  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => ID)
  accountId!: string;

  @Field(() => ID, { nullable: true })
  episodeId!: string | null;

  @Field(() => ReceiveErrorCode, { nullable: true })
  code!: ReceiveErrorCode | null;

  @Field(() => String, { nullable: true })
  message!: string | null;

  @Field(() => String, { nullable: true })
  serverResponse!: string | null;

  @Field(() => String, { nullable: true, description: 'MESSAGE_TOO_LARGE: the message on the server (IMAP UIDVALIDITY:UID or POP3 UIDL).' })
  messageKey!: string | null;

  @Field(() => Int, { nullable: true, description: 'MESSAGE_TOO_LARGE: its size as the server reported it, over the limit of 25 MB = 25 × 1024 × 1024 = 26,214,400 bytes (docs/readings.md).' })
  sizeBytes!: number | null;

  @Field(() => Date)
  at!: Date;

  static from(recorded: RecordedEvent): ReceiveErrorNotification {
    const e = eventAs<ReceiveErrorsEvent>(recorded);
    const base = {
      position: recorded.position,
      kind: KIND_OF[e.type],
      mailboxNumber: e.data.mailboxNumber,
      accountId: e.data.accountId,
      at: recorded.recordedAt,
      episodeId: null,
      code: null,
      message: null,
      serverResponse: null,
      messageKey: null,
      sizeBytes: null,
    };
    const d = e.data as Partial<{ episodeId: string; code: ReceiveErrorCode; message: string; serverResponse: string | null; messageKey: string; sizeBytes: number }>;
    return Object.assign(new ReceiveErrorNotification(), base, {
      episodeId: d.episodeId ?? null,
      code: d.code ?? (e.type === 'ReceiveMessageTooLarge' ? 'TOO_LARGE' : null),
      message: d.message ?? null,
      serverResponse: d.serverResponse ?? null,
      messageKey: d.messageKey ?? null,
      sizeBytes: d.sizeBytes ?? null,
    });
  }
}

/** The `receiveErrors` feed: the three receive-error event types, payload built once per event. */
export const receiveErrorsRoute = liveEventRoute<ReceiveErrorNotification>({
  feed: 'receive_errors',
  topicOf: (event) => {
    const n = Object.hasOwn(KIND_OF, event.type) ? mailboxNumberOf(event) : null;
    return n === null ? null : mailboxTopic(n);
  },
  build: (event) => ReceiveErrorNotification.from(event),
});

/**
 * The `fetchStatusChanged` feed: fetch status is operational state, not an event, so it
 * comes from the inbound module's status feed (local runs and, on PostgreSQL, other
 * instances' through the relay). One reader takes every snapshot and publishes it once per
 * mailbox; whatever fields the snapshot grows, the payload is `ReceiveAccountStatus.from`.
 */
export const followFetchStatus = (statusFeed: FetchStatusFeed, subscriptions: SubscriptionService, logger: Logger): Promise<void> => {
  const fanout = subscriptions.fanout<ReceiveAccountStatus>('fetch_status');
  // Publishing only builds and queues, so this reader never falls behind for long.
  const snapshots = statusFeed.listen({ filter: (s) => fanout.hasSubscribers(mailboxTopic(s.mailboxNumber)), maxBuffered: 10_000 });
  return (async () => {
    for await (const status of snapshots) {
      await fanout.publish(mailboxTopic(status.mailboxNumber), () => ReceiveAccountStatus.from(status)).catch((err: unknown) => logger.error({ err }, 'fetch status payload could not be built'));
    }
  })();
};

interface MailboxArgs {
  mailboxNumber: number;
}

const failureInfo = (f: { code: string; message: string; serverResponse: string | null } | null): ReceiveFailureInfo | null =>
  f ? Object.assign(new ReceiveFailureInfo(), { ...f, code: f.code as ReceiveErrorCode }) : null;

@Resolver()
export class FetchStatusResolver {
  @Subscription(() => ReceiveAccountStatus, {
    description: "Status changes of the mailbox's receive accounts (a run started, a run finished). Managers and auditors of the mailbox.",
    subscribe: ({ args, context }: SubscribeResolverData<unknown, MailboxArgs, GraphQLContext>) => {
      return openSubscription(context, { feed: 'fetch_status', topic: mailboxTopic(args.mailboxNumber), authorize: (p) => requireMailboxAudit(p, args.mailboxNumber) });
    },
  })
  fetchStatusChanged(@Arg('mailboxNumber', () => Int) _mailboxNumber: number, @Root() delivery: Delivery<ReceiveAccountStatus>): ReceiveAccountStatus {
    return deliveredPayload(delivery);
  }

  @Subscription(() => ReceiveErrorNotification, {
    description: 'Receive errors of the mailbox as they are recorded: episodes raised and cleared, oversized messages. Managers and auditors of the mailbox.',
    subscribe: ({ args, context }: SubscribeResolverData<unknown, MailboxArgs, GraphQLContext>) => {
      return openSubscription(context, { feed: 'receive_errors', topic: mailboxTopic(args.mailboxNumber), authorize: (p) => requireMailboxAudit(p, args.mailboxNumber) });
    },
  })
  receiveErrors(@Arg('mailboxNumber', () => Int) _mailboxNumber: number, @Root() delivery: Delivery<ReceiveErrorNotification>): ReceiveErrorNotification {
    return deliveredPayload(delivery);
  }

  @Mutation(() => TestReceiveAccountPayload, { description: 'Connects, secures and logs in as configured, reports capabilities or a classified error. Imports nothing, records nothing.' })
  async testReceiveAccount(@Arg('input', () => TestReceiveAccountInput) input: TestReceiveAccountInput, @Ctx() ctx: GraphQLContext): Promise<TestReceiveAccountPayload> {
    return viewerMutation(ctx, null, TestReceiveAccountPayload, async (viewer) => {
      const result = await ctx.services.inbound.fetchControl.test(viewer, {
        mailboxNumber: input.mailboxNumber,
        accountId: input.accountId ?? null,
        changes: input.changes ? toAccountFields(input.changes) : null,
      });
      return { ok: result.ok, capabilities: [...result.capabilities], serverMessages: result.serverMessages, error: failureInfo(result.failure) };
    });
  }

  @Mutation(() => FetchReceiveAccountNowPayload, { description: 'Fetches one account now (or waits for its run in progress) and returns the outcome.' })
  async fetchReceiveAccountNow(@Arg('input', () => FetchReceiveAccountNowInput) input: FetchReceiveAccountNowInput, @Ctx() ctx: GraphQLContext): Promise<FetchReceiveAccountNowPayload> {
    return viewerMutation(ctx, null, FetchReceiveAccountNowPayload, async (viewer) => {
      const result = await ctx.services.inbound.fetchControl.fetchNow(viewer, { mailboxNumber: input.mailboxNumber, accountId: input.accountId });
      return {
        status: result.status ? ReceiveAccountStatus.from(result.status) : null,
        imported: result.imported,
        skipped: result.skipped,
        error: failureInfo(result.failure),
      };
    });
  }
}
