import type { Migration } from 'kysely';
import * as m0001 from './0001_core.js';
import * as m0002 from './0002_identity.js';
import * as m0003 from './0003_data_keys.js';
import * as m0004 from './0004_outbound.js';
import * as m0005 from './0005_messages.js';
import * as m0006 from './0006_access.js';
import * as m0007 from './0007_inbound.js';
import * as m0008 from './0008_notice_outbox.js';
import * as m0009 from './0009_audit.js';
import * as m0010 from './0010_integrations.js';
import * as m0011 from './0011_outbox_channels.js';
import * as m0012 from './0012_fetch_leases.js';
import * as m0013 from './0013_login_rate_buckets.js';
import * as m0014 from './0014_outbox_chat_copies.js';
import * as m0015 from './0015_fetch_runs.js';
import * as m0016 from './0016_fetch_idle.js';
import * as m0017 from './0017_audit_evidence.js';
import * as m0018 from './0018_signin.js';
import * as m0019 from './0019_smtp_verification.js';
import * as m0020 from './0020_outbound_auth_mechanisms.js';

/**
 * Every read-model migration, by name. Names sort in the order they run; add new ones at
 * the end with the next number. Static imports keep the built server self-contained.
 */
export const migrations: Record<string, Migration> = {
  '0001_core': m0001,
  '0002_identity': m0002,
  '0003_data_keys': m0003,
  '0004_outbound': m0004,
  '0005_messages': m0005,
  '0006_access': m0006,
  '0007_inbound': m0007,
  '0008_notice_outbox': m0008,
  '0009_audit': m0009,
  '0010_integrations': m0010,
  '0011_outbox_channels': m0011,
  '0012_fetch_leases': m0012,
  '0013_login_rate_buckets': m0013,
  '0014_outbox_chat_copies': m0014,
  '0015_fetch_runs': m0015,
  '0016_fetch_idle': m0016,
  '0017_audit_evidence': m0017,
  '0018_signin': m0018,
  '0019_smtp_verification': m0019,
  '0020_outbound_auth_mechanisms': m0020,
};
