/**
 * Integrations read models (migrations/0010_integrations.ts), all projections rebuilt from
 * events. Secrets never land here: only whether one is set.
 */

/** `external_calls`: one row per external system call (外部システム呼び出し) of a mailbox. */
export interface ExternalCallsTable {
  call_id: string;
  mailbox_number: number;
  name: string;
  url_template: string;
  /** GET | POST */
  method: string;
  /** UTF_8 | SHIFT_JIS */
  encoding: string;
  open_in_new_window: number;
  created_at: string;
  updated_at: string;
}

/** `message_channels`: LINE / Yahoo! Shopping / Rakuten R-Messe settings, one row per configured channel of a mailbox. */
export interface MessageChannelsTable {
  mailbox_number: number;
  /** LINE | YAHOO_SHOPPING | RAKUTEN_RMESSE */
  channel: string;
  /** JSON object of the non-secret settings. */
  settings: string;
  /** JSON array of the names of the secrets that are set. */
  secrets_set: string;
  enabled: number;
  created_at: string;
  updated_at: string;
}

/** `chat_destinations`: Slack / Chatwork / Teams destinations; the webhook URL or token is only `credential_set`. */
export interface ChatDestinationsTable {
  destination_id: string;
  mailbox_number: number;
  /** SLACK | CHATWORK | TEAMS */
  kind: string;
  name: string;
  room_id: string | null;
  /** JSON array of ChatEventKind. */
  event_kinds: string;
  enabled: number;
  created_at: string;
  updated_at: string;
}

export interface IntegrationTables {
  external_calls: ExternalCallsTable;
  message_channels: MessageChannelsTable;
  chat_destinations: ChatDestinationsTable;
}
