import { accessProjections } from './access/index.js';
import { auditProjections } from './audit/index.js';
import { identityProjections } from './identity/index.js';
import { inboundProjections } from './inbound/index.js';
import { integrationsProjections } from './integrations/index.js';
import { outboundProjections } from './outbound/index.js';
import type { Projection } from './projection.js';

/** Every projection the server runs; rebuild and status iterate this list. */
export const allProjections: readonly Projection[] = [...identityProjections, ...inboundProjections, ...outboundProjections, ...integrationsProjections, ...accessProjections, ...auditProjections];
