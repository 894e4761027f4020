import type { Kysely, Selectable } from 'kysely';
import type { DkimCondition } from '../../domain/outbound/dkimSettings.events.js';
import { routingConfig, routingDkimSignature, type RoutingDkimSignature, type ServiceDkimIdentity } from '../../domain/outbound/outboundRoute.js';
import {
  BUILTIN_SERVER_ID,
  RAKUTEN_RELAY_NAME,
  RAKUTEN_RELAY_SERVER_ID,
  type BounceDestination,
  type FromMatchKind,
  type SmtpAuth,
  type SmtpPasswordMechanism,
  type SmtpEncryption,
} from '../../domain/outbound/smtpSettings.events.js';
import type { ReadModelDb } from '../../db/schema.js';
import type {
  OutboundDkimConditionsTable,
  OutboundDkimSignaturesTable,
  OutboundRakutenRelaysTable,
  OutboundRoutingRulesTable,
  OutboundSmtpServersTable,
} from '../../db/schema.outbound.js';
import type { OutboundSnapshot, OutboundSnapshotSource, ServerConnectionRecord } from '../../mail/smtp/outboundSender.js';

export type SmtpServerRow = Selectable<OutboundSmtpServersTable>;
export type RoutingRuleRow = Selectable<OutboundRoutingRulesTable>;
export type RakutenRelayRow = Selectable<OutboundRakutenRelaysTable>;
export type DkimSignatureRow = Selectable<OutboundDkimSignaturesTable>;
export type DkimConditionRow = Selectable<OutboundDkimConditionsTable>;

/** One mailbox's outbound read models, in listing order. */
export interface OutboundRows {
  readonly mailboxNumber: number;
  readonly servers: readonly SmtpServerRow[];
  readonly rules: readonly RoutingRuleRow[];
  readonly defaultServerId: string;
  readonly bounce: BounceDestination | null;
  readonly rakuten: RakutenRelayRow | null;
  readonly signatures: readonly DkimSignatureRow[];
  readonly conditions: readonly DkimConditionRow[];
  readonly defaultSignatureId: string | null;
  /** Latest change of any of it, or null when nothing was ever set. */
  readonly updatedAt: string | null;
}

const group = <R extends { mailbox_number: number }>(numbers: readonly number[], rows: readonly R[]): Map<number, R[]> => {
  const map = new Map<number, R[]>(numbers.map((n) => [n, []]));
  for (const r of rows) map.get(r.mailbox_number)?.push(r);
  return map;
};

const latest = (...times: (string | null | undefined)[]): string | null =>
  times.filter((t): t is string => typeof t === 'string').sort().at(-1) ?? null;

/** Seven queries for any number of mailboxes (DataLoader batches land here). */
export const loadOutboundRows = async (db: Kysely<ReadModelDb>, numbers: readonly number[]): Promise<Map<number, OutboundRows>> => {
  const ns = [...numbers];
  if (ns.length === 0) return new Map();
  const [servers, rules, settings, relays, signatures, conditions, dkimSettings] = await Promise.all([
    db.selectFrom('outbound_smtp_servers').selectAll().where('mailbox_number', 'in', ns).orderBy('added_position').execute(),
    db.selectFrom('outbound_routing_rules').selectAll().where('mailbox_number', 'in', ns).orderBy('position').execute(),
    db.selectFrom('outbound_smtp_settings').selectAll().where('mailbox_number', 'in', ns).execute(),
    db.selectFrom('outbound_rakuten_relays').selectAll().where('mailbox_number', 'in', ns).execute(),
    db.selectFrom('outbound_dkim_signatures').selectAll().where('mailbox_number', 'in', ns).orderBy('added_position').execute(),
    db.selectFrom('outbound_dkim_conditions').selectAll().where('mailbox_number', 'in', ns).orderBy('added_position').execute(),
    db.selectFrom('outbound_dkim_settings').selectAll().where('mailbox_number', 'in', ns).execute(),
  ]);
  const serversBy = group(ns, servers);
  const rulesBy = group(ns, rules);
  const signaturesBy = group(ns, signatures);
  const conditionsBy = group(ns, conditions);
  const out = new Map<number, OutboundRows>();
  for (const n of ns) {
    const s = settings.find((r) => r.mailbox_number === n);
    const d = dkimSettings.find((r) => r.mailbox_number === n);
    const relay = relays.find((r) => r.mailbox_number === n) ?? null;
    const bounce: BounceDestination | null =
      s?.bounce_kind === 'FIXED_ADDRESS' ? { kind: 'FIXED_ADDRESS', address: s.bounce_address! } : s?.bounce_kind === 'SENDER' ? { kind: 'SENDER' } : null;
    out.set(n, {
      mailboxNumber: n,
      servers: serversBy.get(n)!,
      rules: rulesBy.get(n)!,
      defaultServerId: s?.default_server_id ?? BUILTIN_SERVER_ID,
      bounce,
      rakuten: relay,
      signatures: signaturesBy.get(n)!,
      conditions: conditionsBy.get(n)!,
      defaultSignatureId: d?.default_signature_id ?? null,
      updatedAt: latest(
        s?.updated_at,
        d?.updated_at,
        relay?.updated_at,
        ...serversBy.get(n)!.map((r) => r.updated_at),
        ...rulesBy.get(n)!.map((r) => r.updated_at),
        ...signaturesBy.get(n)!.map((r) => r.created_at),
        ...conditionsBy.get(n)!.map((r) => r.updated_at),
      ),
    });
  }
  return out;
};

export const smtpAuthOf = (row: {
  auth_method: string;
  auth_user: string;
  password_ciphertext: string | null;
  password_mechanism: string | null;
  oauth_credential_id: string | null;
}): SmtpAuth => {
  if (row.auth_method === 'OAUTH') return { method: 'OAUTH', user: row.auth_user, oauthCredentialId: row.oauth_credential_id ?? '' };
  if (row.auth_method === 'NONE') return { method: 'NONE' };
  const mechanism = (row.password_mechanism ?? 'AUTO') as SmtpPasswordMechanism;
  return { method: 'PASSWORD', user: row.auth_user, mechanism, passwordCiphertext: row.password_ciphertext ?? '' };
};

/** A service-key row has no key of its own: d=, s= and the algorithm come from the deployment. */
export const routingDkimSignatureOf = (row: DkimSignatureRow, service: ServiceDkimIdentity | null = null): RoutingDkimSignature =>
  row.key_source === 'SERVICE'
    ? routingDkimSignature({ signatureId: row.signature_id, name: row.name, kind: 'THIRD_PARTY', keySource: 'SERVICE', bodyLengthLimit: row.body_length_limit }, service)
    : {
        signatureId: row.signature_id,
        name: row.name,
        kind: row.kind as RoutingDkimSignature['kind'],
        domain: row.domain,
        selector: row.selector,
        algorithm: row.algorithm as RoutingDkimSignature['algorithm'],
        keyBits: row.key_bits,
        bodyLengthLimit: row.body_length_limit,
        serviceKey: false,
      };

/** The routing view and the sender's secrets (still encrypted) of one mailbox. */
export const snapshotOf = (rows: OutboundRows, service: ServiceDkimIdentity | null = null): OutboundSnapshot => {
  const connections = new Map<string, ServerConnectionRecord>();
  for (const s of rows.servers) {
    connections.set(s.server_id, { name: s.name, host: s.host, port: s.port, encryption: s.encryption as SmtpEncryption, auth: smtpAuthOf(s) });
  }
  if (rows.rakuten) {
    const r = rows.rakuten;
    connections.set(RAKUTEN_RELAY_SERVER_ID, {
      name: RAKUTEN_RELAY_NAME,
      host: r.host,
      port: r.port,
      encryption: r.encryption as SmtpEncryption,
      auth: { method: 'PASSWORD', user: r.auth_user, mechanism: 'AUTO', passwordCiphertext: r.password_ciphertext },
    });
  }
  const conditions: DkimCondition[] = rows.conditions.map((c) => ({ conditionId: c.condition_id, fromAddress: c.from_address, signatureId: c.signature_id }));
  return {
    routing: routingConfig({
      externalServers: rows.servers.map((s) => ({ serverId: s.server_id, name: s.name })),
      rules: rows.rules.map((r) => ({ ruleId: r.rule_id, match: { kind: r.match_kind as FromMatchKind, value: r.match_value }, serverId: r.server_id })),
      defaultServerId: rows.defaultServerId,
      bounce: rows.bounce,
      rakuten: rows.rakuten ? { realAddress: rows.rakuten.real_address, contactAddress: rows.rakuten.contact_address } : null,
      dkimSignatures: rows.signatures.map((s) => routingDkimSignatureOf(s, service)),
      dkimConditions: conditions,
      defaultDkimSignatureId: rows.defaultSignatureId,
    }),
    connections,
    dkimPrivateKeys: new Map(rows.signatures.filter((s) => s.key_source !== 'SERVICE').map((s) => [s.signature_id, s.private_key_ciphertext])),
  };
};

/** The sender's view of the settings, read from the projections. */
export const readModelSnapshotSource = (db: Kysely<ReadModelDb>, service: ServiceDkimIdentity | null = null): OutboundSnapshotSource => ({
  load: async (mailboxNumber) => snapshotOf((await loadOutboundRows(db, [mailboxNumber])).get(mailboxNumber)!, service),
});
