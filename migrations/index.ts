import type { Migration } from 'kysely';
import * as m0001 from './0001_core.js';
import * as m0002 from './0002_identity.js';
import * as m0003 from './0003_data_keys.js';
import * as m0008 from './0008_notice_outbox.js';

/**
 * Every read-model migration, by name. Names sort in the order they run; add new ones at
 * the end with the next number. Static imports keep the built server self-contained.
 */
export const migrations: Record<string, Migration> = {
  '0001_core': m0001,
  '0002_identity': m0002,
  '0003_data_keys': m0003,
  '0008_notice_outbox': m0008,
};
