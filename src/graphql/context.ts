import { randomUUID } from 'node:crypto';
import { optionalText } from '../domain/shared/text.js';
import type { Kysely } from 'kysely';
import type { AccessControl } from '../app/access/index.js';
import type { AuditLog } from '../app/audit/auditLog.js';
import type { AuditEvidence } from '../app/audit/evidence.js';
import type { AuthService, RequestMetadata } from '../app/auth/authService.js';
import { principalExpired, type Principal } from '../app/auth/principal.js';
import { requireAuthenticated } from '../app/auth/authorization.js';
import type { ReadModelDb } from '../db/schema.js';
import type { EventStore } from '../eventstore/port.js';
import type { IdentityService } from '../app/identity/identityService.js';
import type { TwoFactorService } from '../app/identity/twoFactorService.js';
import type { InboundServices } from '../app/inbound/inboundModule.js';
import type { OutboundServices } from '../app/outbound/index.js';
import type { IntegrationServices } from '../app/integrations/index.js';
import type { ProjectionRunner } from '../projections/runner.js';
import type { SecretVault } from '../secrets/vault.js';
import type { NoticeOutbox } from '../mail/notices/outbox.js';
import type { Logger } from 'pino';
import type { TransportInfo } from './transportInfo.js';
import { createLoaders, type Loaders, type ReadCaches } from './loaders.js';
import type { SubscriberSocket, SubscriptionService } from './subscriptions/subscriptionService.js';
import type { MailboxResetService } from '../app/reset/mailboxResetService.js';
import type { ConfigurationService } from '../app/settingsAsCode/configurationService.js';

/** Long-lived services the resolvers call; built once by the composition root. */
export interface Services {
  readonly store: EventStore;
  readonly db: Kysely<ReadModelDb>;
  readonly runner: ProjectionRunner;
  readonly auth: AuthService;
  readonly identity: IdentityService;
  /** Open subscriptions: fan-outs, limits, re-checks of their rights. */
  readonly subscriptions: SubscriptionService;
  /** TOTP enrolment, verification, recovery codes, per-mailbox requirement. */
  readonly twoFactor: TwoFactorService;
  /** Encrypts secrets at rest, per mailbox data key (crypto-shredding on reset). */
  readonly vault: SecretVault;
  /** Durable outbox of system notices (the NoticeSender every area uses). */
  readonly notices: NoticeOutbox;
  /** IP/API restrictions (the network gate on every principal), lock policies, account locks. */
  readonly access: AccessControl;
  /** OAuth credentials, receive accounts, fetch-now / test, the fetch status feed. */
  readonly inbound: InboundServices;
  /** SMTP servers and routing, Rakuten relay, DKIM, test mail, the routed sender. */
  readonly outbound: OutboundServices;
  /** External system calls, message channels, chat destinations. */
  readonly integrations: IntegrationServices;
  /** Signed checkpoints and Merkle proofs over the log. */
  readonly auditEvidence: AuditEvidence;
  /** Time travel over mailbox configurations, over the sections the composition root names. */
  readonly auditLog: AuditLog;
  /** Mailbox resets: preview with a confirmation token, then the reset itself. */
  readonly resets: MailboxResetService;
  /** Settings as code: configuration documents, plans, apply and revert. */
  readonly configuration: ConfigurationService;
  readonly logger: Logger;
  /** Read models kept between requests (the composition root attaches them to the runner). */
  readonly readCaches?: ReadCaches;
}

export interface GraphQLContext {
  readonly principal: Principal | null;
  readonly transport: TransportInfo['transport'];
  readonly clientIp: string;
  readonly correlationId: string;
  /** The bearer token of this request (logout needs it). */
  readonly bearerToken: string | null;
  /** The WebSocket of a `ws` caller (subscriptions are tracked per connection), else null. */
  readonly socket: SubscriberSocket | null;
  readonly services: Services;
  /** Per-request DataLoaders: every read-model lookup of a field resolver goes through them. */
  readonly loaders: Loaders;
}

/**
 * Command metadata of a request: who, from where, under which correlation id, and the
 * caller's `input.reason` checked by the text rule (a blank reason is none). `viewerMutation`
 * calls it inside `mutationPayload`, so a refused reason is a userError and nothing is appended.
 */
export const requestMetadata = (ctx: GraphQLContext, reason?: string | null): RequestMetadata => ({
  correlationId: ctx.correlationId,
  clientIp: ctx.clientIp,
  reason: optionalText(['input', 'reason'], reason, 'reason'),
});

/** The authenticated principal, or an UNAUTHENTICATED error. */
export const viewerOf = (ctx: GraphQLContext): Principal => requireAuthenticated(ctx.principal);

/**
 * The caller's principal, checked against the clock on every request (`expiresAt` on the
 * principal), so an expired session or API token is refused however the principal was found.
 */
const authenticated = async (services: Services, info: TransportInfo): Promise<Principal | null> => {
  if (!info.bearerToken) return null;
  const principal = await services.auth.authenticate(info.bearerToken, { clientIp: info.clientIp });
  return principal && !principalExpired(principal) ? principal : null;
};

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export const createContextFactory =
  (services: Services, db: Kysely<ReadModelDb> = services.db) =>
  async (info: TransportInfo): Promise<GraphQLContext> => {
    // The caches hold rows of the server's own read-model database only.
    const caches = db === services.db ? services.readCaches : {};
    let loaders: Loaders | undefined;
    return {
      // The access runtime adds the network gate that mailbox authorization runs (IP/API restriction).
      principal: services.access.runtime.guard(await authenticated(services, info), info),
      transport: info.transport,
      clientIp: info.clientIp,
      // A caller-supplied id lets a client follow its request into the event metadata;
      // anything that does not look like an id is replaced rather than stored.
      correlationId: info.correlationId && CORRELATION_ID.test(info.correlationId) ? info.correlationId : randomUUID(),
      bearerToken: info.bearerToken,
      socket: info.socket ?? null,
      services,
      // Built on first use: a WebSocket subscription keeps its context as long as it is
      // open and its deliveries come prebuilt, so eagerly built loaders (about twenty
      // DataLoaders with their maps and closures) were kilobytes per idle subscriber.
      get loaders(): Loaders {
        return (loaders ??= createLoaders(db, caches));
      },
    };
  };
