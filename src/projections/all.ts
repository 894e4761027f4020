import { identityProjections } from './identity/index.js';
import type { Projection } from './projection.js';

/** Every projection the server runs; rebuild and status iterate this list. */
export const allProjections: readonly Projection[] = [...identityProjections];
