import type { Projection } from '../projection.js';
import { mailboxEventsProjection } from './mailboxEvents.projection.js';
import { merkleTreeProjection } from './merkleTree.projection.js';

export { mailboxEventsProjection, merkleTreeProjection };

export const auditProjections: readonly Projection[] = [mailboxEventsProjection, merkleTreeProjection()];
