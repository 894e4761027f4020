import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type PubSub } from 'type-graphql';
import { AccessRestrictionResolver, IpRestrictionResolver } from './access/accessRestriction.resolver.js';
import { AccountLockResolver, UserAccountLockResolver } from './access/accountLock.resolver.js';
import { AuditResolver } from './audit/audit.resolver.js';
import { AuditEvidenceResolver } from './audit/evidence.resolver.js';
import { SettingsChangedResolver } from './audit/settingsChanged.resolver.js';
import { AuthResolver } from './identity/auth.resolver.js';
import { MailboxMemberResolver, MailboxResolver } from './identity/mailbox.resolver.js';
import { enableDryRun } from './dryRun.js';
import { refuseReadOnlyMutations } from './identity/readOnlyTokens.js';
import { SessionResolver } from './identity/session.resolver.js';
import { MailboxTwoFactorResolver, TwoFactorResolver } from './identity/twoFactor.resolver.js';
import { UserResolver } from './identity/user.resolver.js';
import { FetchRunHistoryResolver } from './inbound/fetchRunHistory.resolver.js';
import { FetchStatusResolver } from './inbound/fetchStatus.resolver.js';
import { OAuthCredentialResolver } from './inbound/oauthCredential.resolver.js';
import { ReceiveAccountResolver, ReceiveSettingsResolver } from './inbound/receiveAccount.resolver.js';
import { ChatDestinationResolver } from './integrations/chatDestination.resolver.js';
import { ExternalCallResolver } from './integrations/externalCall.resolver.js';
import { NoticeLanguageResolver } from './integrations/noticeLanguage.resolver.js';
import { MessageChannelResolver } from './integrations/messageChannel.resolver.js';
import { NoticeResolver } from './integrations/notice.resolver.js';
import { DkimSignatureResolver } from './outbound/dkimSignature.resolver.js';
import { OutboundSettingsResolver } from './outbound/outboundSettings.resolver.js';
import { SmtpRoutingResolver } from './outbound/smtpRouting.resolver.js';
import { SmtpServerResolver } from './outbound/smtpServer.resolver.js';
import { MailboxResetResolver } from './reset/reset.resolver.js';

export const resolvers = [
  AuthResolver,
  MailboxResolver,
  MailboxMemberResolver,
  UserResolver,
  TwoFactorResolver,
  MailboxTwoFactorResolver,
  SessionResolver,
  SettingsChangedResolver,
  AuditResolver,
  AuditEvidenceResolver,
  AccessRestrictionResolver,
  IpRestrictionResolver,
  AccountLockResolver,
  UserAccountLockResolver,
  OAuthCredentialResolver,
  ReceiveSettingsResolver,
  ReceiveAccountResolver,
  FetchStatusResolver,
  FetchRunHistoryResolver,
  OutboundSettingsResolver,
  SmtpServerResolver,
  SmtpRoutingResolver,
  DkimSignatureResolver,
  ExternalCallResolver,
  MessageChannelResolver,
  ChatDestinationResolver,
  NoticeResolver,
  NoticeLanguageResolver,
  MailboxResetResolver,
] as const;

/**
 * Subscriptions here read the event store's live feed (`subscribe:` on each resolver), not
 * topic-based pub/sub; type-graphql still insists on a PubSub, so this one refuses use.
 */
const noTopicPubSub: PubSub = {
  publish: () => {
    throw new Error('Topic pub/sub is not used: publish events to the event store');
  },
  subscribe: () => {
    throw new Error('Topic pub/sub is not used: subscriptions read the live event feed');
  },
};

/** The whole API schema, built from the resolver classes (the code is the source of truth). */
export const buildMailroomSchema = async (): Promise<GraphQLSchema> =>
  refuseReadOnlyMutations(
    enableDryRun(await buildSchema({
      resolvers: [...resolvers],
      // Input rules live in the deciders and come back as userErrors; class-validator is not used.
      validate: false,
      pubSub: noTopicPubSub,
    })),
  );
