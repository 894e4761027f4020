import type { DkimSettingsEvent } from './dkimSettings.events.js';
import type { SmtpSettingsEvent } from './smtpSettings.events.js';

export * from './dkimSettings.decider.js';
export * from './dkimSettings.events.js';
export * from './outboundRoute.js';
export * from './outboundWarnings.js';
export * from './routingConfigOf.js';
export { outboundSecretFields } from './secrets.js';
export * from './smtpSettings.decider.js';
export * from './smtpSettings.events.js';
export * from './smtpVerification.js';

export type OutboundEvent = SmtpSettingsEvent | DkimSettingsEvent;
