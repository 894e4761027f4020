import type { DkimSettingsState } from './dkimSettings.events.js';
import { routingConfig, routingDkimSignature, type OutboundRoutingConfig, type ServiceDkimIdentity } from './outboundRoute.js';
import type { SmtpSettingsState } from './smtpSettings.events.js';

/** The routing view of the two settings aggregates, as folded from their streams. */
export const routingConfigOf = (smtp: SmtpSettingsState, dkim: DkimSettingsState, service: ServiceDkimIdentity | null = null): OutboundRoutingConfig =>
  routingConfig({
    externalServers: [...smtp.servers.values()],
    rules: smtp.rules,
    defaultServerId: smtp.defaultServerId,
    bounce: smtp.bounce,
    rakuten: smtp.rakuten,
    dkimSignatures: [...dkim.signatures.values()].map((s) => routingDkimSignature(s, service)),
    dkimConditions: [...dkim.conditions.values()],
    defaultDkimSignatureId: dkim.defaultSignatureId,
  });
