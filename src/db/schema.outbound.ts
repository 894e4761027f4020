/**
 * Outbound read models (SMTP servers and routing, Rakuten relay, DKIM), projections of
 * the `smtp-<No>` and `dkim-<No>` streams. Columns ending in `_ciphertext` hold vault
 * ciphertext for the sender; no GraphQL type maps them.
 */

export interface OutboundSmtpServersTable {
  mailbox_number: number;
  server_id: string;
  name: string;
  host: string;
  port: number;
  /** SMTPS | STARTTLS */
  encryption: string;
  /** PASSWORD | OAUTH | NONE */
  auth_method: string;
  /** Empty with NONE. */
  auth_user: string;
  /** AUTO | PLAIN | LOGIN | CRAM_MD5 with PASSWORD, else null (0019). */
  password_mechanism: string | null;
  password_ciphertext: string | null;
  oauth_credential_id: string | null;
  /** Store position of the event that added it: the listing order. */
  added_position: number;
  /** SmtpServerVerified: the confirmed test mail (Message-ID), its To and send time, who confirmed and when; null: not verified. */
  verified_test_mail_id: string | null;
  verified_to: string | null;
  verified_tested_at: string | null;
  verified_at: string | null;
  verified_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface OutboundRoutingRulesTable {
  mailbox_number: number;
  rule_id: string;
  /** 0-based evaluation order; the first matching rule wins. */
  position: number;
  /** ADDRESS | DOMAIN */
  match_kind: string;
  match_value: string;
  server_id: string;
  created_at: string;
  updated_at: string;
}

/** One row per mailbox whose SMTP basic settings were ever changed; absent: built-in default, no bounce setting. */
export interface OutboundSmtpSettingsTable {
  mailbox_number: number;
  default_server_id: string;
  /** FIXED_ADDRESS | SENDER | null */
  bounce_kind: string | null;
  bounce_address: string | null;
  updated_at: string;
}

export interface OutboundRakutenRelaysTable {
  mailbox_number: number;
  real_address: string;
  contact_address: string | null;
  host: string;
  port: number;
  encryption: string;
  auth_user: string;
  password_ciphertext: string;
  /** SmtpServerVerified: the confirmed test mail (Message-ID), its To and send time, who confirmed and when; null: not verified. */
  verified_test_mail_id: string | null;
  verified_to: string | null;
  verified_tested_at: string | null;
  verified_at: string | null;
  verified_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface OutboundDkimSignaturesTable {
  mailbox_number: number;
  signature_id: string;
  name: string;
  /** AUTHOR | THIRD_PARTY */
  kind: string;
  domain: string;
  selector: string;
  /** RSA_SHA256 | ED25519_SHA256 */
  algorithm: string;
  /** GENERATED | IMPORTED | SERVICE (the deployment's third-party key: domain, selector, algorithm, key columns empty) */
  key_source: string;
  key_bits: number;
  public_key: string;
  private_key_ciphertext: string;
  body_length_limit: number | null;
  added_position: number;
  created_at: string;
}

export interface OutboundDkimConditionsTable {
  mailbox_number: number;
  condition_id: string;
  from_address: string;
  signature_id: string;
  added_position: number;
  created_at: string;
  updated_at: string;
}

export interface OutboundDkimSettingsTable {
  mailbox_number: number;
  default_signature_id: string | null;
  updated_at: string;
}

export interface OutboundTables {
  outbound_smtp_servers: OutboundSmtpServersTable;
  outbound_routing_rules: OutboundRoutingRulesTable;
  outbound_smtp_settings: OutboundSmtpSettingsTable;
  outbound_rakuten_relays: OutboundRakutenRelaysTable;
  outbound_dkim_signatures: OutboundDkimSignaturesTable;
  outbound_dkim_conditions: OutboundDkimConditionsTable;
  outbound_dkim_settings: OutboundDkimSettingsTable;
}
