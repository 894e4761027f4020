import { accessConfigurationSections } from './access/auditSections.js';
import { identityMailboxSection, type ConfigurationSection } from './audit/sections.js';
import { inboundConfigurationSections } from './inbound/auditSections.js';
import { integrationsConfigurationSections } from './integrations/auditSections.js';
import { outboundConfigurationSections } from './outbound/auditSections.js';

/**
 * Every configuration section of a mailbox, in the order views list them: the one file that
 * knows every area's sections. The composition root hands the list to the audit log, the
 * collector stream and the setting-change notices; the audit itself knows no area, so the
 * areas can import its section types without a loop. Use cases over every area (settings as
 * code, dry-run changes) read it here.
 */
export const configurationSections: readonly ConfigurationSection[] = [
  identityMailboxSection,
  ...inboundConfigurationSections,
  ...outboundConfigurationSections,
  ...integrationsConfigurationSections,
  ...accessConfigurationSections,
];
