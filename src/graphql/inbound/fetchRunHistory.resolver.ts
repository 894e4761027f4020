import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { requireMailboxAudit } from '../../app/auth/authorization.js';
import { validationError } from '../../domain/shared/errors.js';
import { FETCH_RUN_HISTORY_MAX_HOURS } from '../../app/inbound/fetchRunHistory.js';
import { viewerOf, type GraphQLContext } from '../context.js';

@ObjectType({ description: 'Fetch runs of a mailbox in one hour.' })
export class FetchRunBucket {
  @Field(() => Date, { description: 'Start of the hour (UTC).' })
  start!: Date;

  @Field(() => Int, { description: 'Runs that finished in the hour (aborted ones are not counted).' })
  runs!: number;

  @Field(() => Int, { description: 'Of those, runs that failed (a receive error was recorded).' })
  failures!: number;

  @Field(() => Int, { description: 'Messages the runs imported.' })
  imported!: number;
}

@ObjectType({ description: "A mailbox's fetch runs per hour, oldest first; the current hour is last." })
export class FetchRunHistory {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => [FetchRunBucket])
  buckets!: FetchRunBucket[];

  @Field(() => Int)
  runs!: number;

  @Field(() => Int)
  failures!: number;
}

@Resolver()
export class FetchRunHistoryResolver {
  @Query(() => FetchRunHistory, { description: `Fetch runs and failed runs of the mailbox per hour over the last \`hours\` (1–${FETCH_RUN_HISTORY_MAX_HOURS}). Managers and auditors of the mailbox.` })
  async fetchRunHistory(
    @Arg('mailboxNumber', () => Int) mailboxNumber: number,
    @Arg('hours', () => Int, { defaultValue: 24 }) hours: number,
    @Ctx() ctx: GraphQLContext,
  ): Promise<FetchRunHistory> {
    requireMailboxAudit(viewerOf(ctx), mailboxNumber);
    if (!Number.isInteger(hours) || hours < 1 || hours > FETCH_RUN_HISTORY_MAX_HOURS) {
      throw validationError(['hours'], `hours must be from 1 to ${FETCH_RUN_HISTORY_MAX_HOURS}, got ${hours}`);
    }
    const buckets = await ctx.services.inbound.runHistory(mailboxNumber, new Date(), hours);
    return Object.assign(new FetchRunHistory(), {
      mailboxNumber,
      buckets: buckets.map((b) => Object.assign(new FetchRunBucket(), b)),
      runs: buckets.reduce((n, b) => n + b.runs, 0),
      failures: buckets.reduce((n, b) => n + b.failures, 0),
    });
  }
}
