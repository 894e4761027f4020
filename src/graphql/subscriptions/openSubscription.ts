import type { GraphQLContext } from '../context.js';
import type { SubscriptionSpec } from './subscriptionService.js';

/** The topic of everything about one mailbox. */
export const mailboxTopic = (mailboxNumber: number): string => `mailbox:${mailboxNumber}`;

/** Starts a subscription for the caller of a GraphQL context (see SubscriptionService.open). */
export const openSubscription = (context: GraphQLContext, spec: SubscriptionSpec): AsyncIterableIterator<unknown> =>
  context.services.subscriptions.open(
    { principal: context.principal, bearerToken: context.bearerToken, clientIp: context.clientIp, socket: context.socket },
    spec,
  );
