import { MailboxResetService } from '../../app/reset/mailboxResetService.js';
import { ConfigurationService } from '../../app/settingsAsCode/configurationService.js';
import { accessRestrictionStreamId } from '../../domain/access/accessRestriction.decider.js';
import type { ChatKind } from '../../domain/integrations/chatDestinations.decider.js';
import { createSqlMessageStore } from '../../mail/messageStore/sqlMessageStore.js';
import type { InboundModule } from '../../app/inbound/inboundModule.js';
import { createIntegrationServices } from '../../app/integrations/index.js';
import type { OutboundServices } from '../../app/outbound/index.js';
import type { Services } from '../../graphql/context.js';
import { createMailboxRowsCache } from '../../graphql/loaders.js';
import { createOutboundRowsCache } from '../../graphql/outbound/outbound.loaders.js';
import type { SubscriptionService } from '../../graphql/subscriptions/subscriptionService.js';
import type { SecretVault } from '../../secrets/vault.js';
import type { Logger } from '../logger.js';
import type { Audit } from './audit.js';
import type { IdentityAndAccess } from './identityAccess.js';
import type { Notices } from './notices.js';
import type { Projections } from './projections.js';
import type { Storage } from './storage.js';

/** What the GraphQL context hands resolvers: every area's services, and the read caches the runner keeps fresh. */
export const assembleServices = (
  logger: Logger,
  storage: Storage,
  parts: {
    readonly projections: Projections;
    readonly vault: SecretVault;
    readonly notices: Notices;
    readonly identityAccess: IdentityAndAccess;
    readonly subscriptions: SubscriptionService;
    readonly inbound: InboundModule;
    readonly outbound: OutboundServices;
    readonly audit: Audit;
  },
): Services => {
  const { store } = storage;
  const db = storage.readModels.db;
  const { runner, afterAppend, noticeLanguage } = parts.projections;
  const { identity, access, twoFactor, auth } = parts.identityAccess;
  const { vault } = parts;
  const outboundRows = createOutboundRowsCache();
  outboundRows.attach(runner);
  const mailboxRows = createMailboxRowsCache();
  mailboxRows.attach(runner);
  const integrations = createIntegrationServices({ store, db, vault, afterAppend, chat: parts.notices.chatNotices, egress: parts.notices.egress, noticeLanguage });
  const services: Omit<Services, 'resets' | 'configuration'> = {
    readCaches: { outboundRows, mailboxRows },
    store,
    db,
    runner,
    auth,
    identity,
    twoFactor,
    subscriptions: parts.subscriptions,
    vault,
    notices: parts.notices.notices,
    access,
    inbound: parts.inbound.services,
    outbound: parts.outbound,
    integrations,
    auditEvidence: parts.audit.evidence,
    auditLog: parts.audit.log,
    logger,
  };
  const readYourWrites = (position: number) => runner.waitForPosition(position, READ_YOUR_WRITES_TIMEOUT_MS);
  const resets = new MailboxResetService({ store, db, vault, notices: services.notices, messages: createSqlMessageStore(db), afterAppend: readYourWrites });
  const configuration = new ConfigurationService({
    store,
    db,
    vault,
    audit: services.auditLog,
    onFetchingStopped: (accountId) => services.inbound.receiveAccounts.stopFetching(accountId),
    onOAuthCredentialChanged: (credentialId) => services.inbound.tokens.forget(credentialId),
    checkChatCredential: (kind, plaintext) => integrations.chatDestinations.credentialOf(kind as ChatKind, plaintext),
    // Read models, then the network gate, so the next request is judged by the new lists.
    afterAppend: async (position, streams) => {
      await readYourWrites(position);
      // The gate follows access-restriction events only, so it is awaited at that part's position.
      for (const [streamId, at] of streams) if (streamId.startsWith(accessRestrictionStreamId(0).slice(0, -1))) await access.runtime.waitForPosition(at);
    },
  });
  return { ...services, resets, configuration };
};

/** How long a mutation waits for its read models before answering (read-your-writes). */
const READ_YOUR_WRITES_TIMEOUT_MS = 5_000;
