import { readFileSync } from 'node:fs';
import { createInboundModule, type InboundModule } from '../../app/inbound/inboundModule.js';
import { createOutboundServices, inboundOAuthTokenSource, type OutboundServices } from '../../app/outbound/index.js';
import { loadServiceDkimKey, serviceDkimDnsRecord } from '../../mail/dkim/serviceDkimKey.js';
import { parseBuiltinSmtpUrl } from '../../mail/smtp/builtinServer.js';
import type { SecretVault } from '../../secrets/vault.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { AppMetrics } from '../metrics.js';
import { postgresReadModelsUrl } from '../projectionLeadership.js';
import type { Notices } from './notices.js';
import type { Projections } from './projections.js';
import type { Storage } from './storage.js';

/**
 * Receiving: receive accounts, OAuth tokens, the fetch scheduler and IDLE pool (not started:
 * fetching starts once the API is up). Several instances on one PostgreSQL see each other's
 * fetch status through LISTEN/NOTIFY.
 */
export const createInbound = (
  config: Config,
  logger: Logger,
  storage: Storage,
  parts: { readonly projections: Projections; readonly vault: SecretVault; readonly notices: Notices; readonly metrics: AppMetrics },
): InboundModule => {
  const readModelsUrl = postgresReadModelsUrl(config.storage);
  const { metrics } = parts;
  return createInboundModule({
    store: storage.store,
    db: storage.readModels.db,
    vault: parts.vault,
    notices: parts.notices.notices,
    config: config.inbound,
    afterAppend: parts.projections.afterAppend,
    logger,
    egress: parts.notices.egress,
    onFetchRunFinished: (outcome) => metrics.recordFetchRun(outcome),
    onPushImported: (seconds, messages) => metrics.recordPushImport(seconds, messages),
    ...(readModelsUrl ? { fetchStatusRelayUrl: readModelsUrl } : {}),
  });
};

/**
 * Sending: routes, SMTP servers, DKIM, the built-in SMTP server and the service's own DKIM
 * key for third-party signatures; XOAUTH2 tokens come from inbound's OAuth credentials.
 */
export const createOutbound = async (
  config: Config,
  logger: Logger,
  storage: Storage,
  parts: { readonly projections: Projections; readonly vault: SecretVault; readonly notices: Notices; readonly inbound: InboundModule },
): Promise<OutboundServices> => {
  const builtinSmtp = config.builtinSmtpUrl ? parseBuiltinSmtpUrl(config.builtinSmtpUrl) : null;
  if (builtinSmtp && 'problem' in builtinSmtp) throw new Error(builtinSmtp.problem);
  const serviceDkim = await loadServiceDkimKey(config.thirdPartyDkim, config.dataDir);
  if (serviceDkim) {
    // Whoever runs the service publishes this once; customers' third-party signatures rely on it.
    const record = serviceDkimDnsRecord(serviceDkim);
    logger.info({ name: record.name, value: record.value, keyFile: serviceDkim.path, generated: serviceDkim.generated }, 'third-party DKIM key: publish this TXT record (also: mailroom dkim third-party)');
  }
  return createOutboundServices({
    store: storage.store,
    db: storage.readModels.db,
    vault: parts.vault,
    afterAppend: parts.projections.afterAppend,
    builtin: builtinSmtp,
    serviceDkim,
    oauth: inboundOAuthTokenSource(storage.store, parts.inbound.services.tokens),
    transport: { egress: parts.notices.egress, ...(config.smtpCaFile ? { extraCa: [readFileSync(config.smtpCaFile, 'utf8')] } : {}) },
  });
};
