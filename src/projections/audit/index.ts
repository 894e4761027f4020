import type { Projection } from '../projection.js';
import { mailboxEventsProjection } from './mailboxEvents.projection.js';

export { mailboxEventsProjection };

export const auditProjections: readonly Projection[] = [mailboxEventsProjection];
