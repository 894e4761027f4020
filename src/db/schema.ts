/**
 * Kysely table types of the read-model database (SQLite or PostgreSQL). Each area adds
 * its tables in its own file and the union is assembled here. Booleans are stored as
 * integers 0/1 and times as ISO-8601 text so one migration serves both dialects.
 */
import type { AccessTables } from './schema.access.js';
import type { AuditTables } from './schema.audit.js';
import type { IdentityTables } from './schema.identity.js';
import type { InboundTables } from './schema.inbound.js';
import type { IntegrationTables } from './schema.integrations.js';
import type { MessageTables } from './schema.messages.js';
import type { OutboundTables } from './schema.outbound.js';

export interface ProjectionCheckpointTable {
  /** Projection name. */
  name: string;
  /** Last applied global position (0: nothing applied yet). */
  position: number;
  updated_at: string;
}

/** Secret-vault data keys (see src/secrets/vault.ts); `wrapped_key` is null once destroyed. */
export interface DataKeysTable {
  key_id: string;
  /** e.g. `mailbox:3` */
  scope: string;
  wrapped_key: string | null;
  created_at: string;
  destroyed_at: string | null;
}

/** Durable outbox of system notices (src/mail/notices/outbox.ts). */
export interface NoticeOutboxTable {
  id: string;
  idempotency_key: string;
  mailbox_number: number;
  kind: string;
  /** JSON array of addresses. */
  recipients: string;
  /** Rendered in the mailbox's language when recorded: e-mail subject, or the chat message's title. */
  subject: string;
  /** E-mail body, or the chat message's text. */
  body: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string;
  /** A deliverer holds the row until then; a crashed one's claim simply expires. */
  claimed_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /** `email` (recipients) or `chat` (destination_id); migrations/0011_outbox_channels.ts. */
  channel: 'email' | 'chat';
  /** Chat destination (chat_destinations.destination_id); null for e-mail. */
  destination_id: string | null;
  /** The row's own sealed copy of its chat destination (src/mail/notices/chat/chatCopy.ts); null once settled, and for most rows. */
  chat_copy: string | null;
}

export interface CoreTables {
  projection_checkpoints: ProjectionCheckpointTable;
  data_keys: DataKeysTable;
  notice_outbox: NoticeOutboxTable;
}

export type ReadModelDb = CoreTables & IdentityTables & InboundTables & MessageTables & AccessTables & OutboundTables & AuditTables & IntegrationTables;
