import { requireMailboxManagement } from '../auth/authorization.js';
import type { Actor } from '../auth/principal.js';
import { requireEmail } from '../../domain/identity/validation.js';
import type { RouteWarning } from '../../domain/outbound/outboundRoute.js';
import { BUILTIN_SERVER_ID, RAKUTEN_RELAY_NAME, RAKUTEN_RELAY_SERVER_ID, rakutenConnectionOf } from '../../domain/outbound/smtpSettings.events.js';
import type { SmtpConnection, TestMailTarget } from '../../domain/outbound/smtpVerification.js';
import { isMailroomError, notFound } from '../../domain/shared/errors.js';
import {
  OutboundRefusedError,
  type OutboundSender,
  type OutboundSnapshot,
  type OutboundSnapshotSource,
  type SecretDecrypter,
  type SendDecision,
  type ServerConnectionRecord,
} from '../../mail/smtp/outboundSender.js';
import { isSmtpSendError, type SmtpErrorCode } from '../../mail/smtp/smtpErrors.js';
import type { OutboundCommands } from './outboundCommands.js';
import { revealedConnection, type RakutenRelayInput, type SmtpServerInput, type SmtpSettingsService } from './smtpSettingsService.js';
import { TransientSecrets, type TestMailReceipts } from './testMailReceipts.js';

export interface TestMailInput {
  readonly mailboxNumber: number;
  /** An external server id, `builtin`, or `rakuten-relay`. */
  readonly serverId: string;
  readonly to: string;
  /** @default the store real address for the Rakuten relay, else the mailbox's address */
  readonly from?: string | null;
}

/** What the SMTP conversation came to; never a stack trace. */
export interface TestMailOutcome {
  readonly status: 'SENT' | 'REFUSED' | 'FAILED';
  readonly from: string;
  /** The route taken (or that would have been), when routing got that far. */
  readonly route: SendDecision | null;
  readonly accepted: readonly string[];
  readonly rejected: readonly { readonly address: string; readonly response: string | null; readonly responseCode: number | null }[];
  /** The server's final reply line. */
  readonly response: string | null;
  readonly messageId: string | null;
  readonly refusal: { readonly code: string; readonly message: string } | null;
  readonly error: {
    readonly code: SmtpErrorCode;
    readonly message: string;
    readonly response: string | null;
    readonly responseCode: number | null;
    readonly command: string | null;
  } | null;
  readonly warnings: readonly RouteWarning[];
  /**
   * Proof that this test mail went through the tested server: hand it to confirmTestMail
   * (or, for unsaved settings, to addSmtpServer / configureRakutenRelay). Null unless SENT
   * through that very server (never for the built-in one).
   */
  readonly receipt: string | null;
}

/** Where an unsaved test goes: the settings as addSmtpServer or configureRakutenRelay take them. */
export type UnsavedTestMailInput =
  | { readonly kind: 'EXTERNAL'; readonly settings: SmtpServerInput; readonly to: string; readonly from?: string | null }
  | { readonly kind: 'RAKUTEN_RELAY'; readonly settings: RakutenRelayInput; readonly to: string; readonly from?: string | null };

type Sender = Pick<OutboundSender, 'send' | 'route'>;

export interface UnsavedTestMailDeps {
  readonly smtp: SmtpSettingsService;
  readonly receipts: TestMailReceipts;
  readonly vault: SecretDecrypter;
  /** A sender like the real one that reads these settings and secrets instead. */
  readonly senderFor: (snapshots: OutboundSnapshotSource, vault: SecretDecrypter) => Sender;
}

/**
 * テストメール: one mail through one chosen server, reported as the server answered. A
 * test is not a setting change, so it appends no event; when the mail was accepted by the
 * server under test, the outcome carries a sealed receipt for the confirmation step.
 */
export class TestMailService {
  constructor(
    private readonly commands: OutboundCommands,
    private readonly snapshots: OutboundSnapshotSource,
    private readonly sender: Sender,
    private readonly unsaved: UnsavedTestMailDeps | null = null,
  ) {}

  async send(actor: Actor, input: TestMailInput): Promise<TestMailOutcome> {
    requireMailboxManagement(actor, input.mailboxNumber);
    const mailbox = await this.commands.requireMailbox(input.mailboxNumber);
    const to = requireEmail(['to'], input.to);
    // Loaded before sending: a change racing the test can only make its receipt fail to
    // confirm, never vouch for settings that were not tested.
    const snapshot = await this.snapshots.load(input.mailboxNumber);
    const isRelay = input.serverId === RAKUTEN_RELAY_SERVER_ID;
    const record = snapshot.connections.get(input.serverId);
    if (input.serverId !== BUILTIN_SERVER_ID && !record) {
      throw notFound(isRelay ? 'Rakuten relay account of mailbox' : 'SMTP server', isRelay ? String(input.mailboxNumber) : input.serverId, ['serverId']);
    }
    const relayAddress = isRelay ? snapshot.routing.rakuten?.realAddress : undefined;
    const from = input.from ? requireEmail(['from'], input.from) : (relayAddress ?? mailbox.address);
    const tested = record ? { target: { kind: 'SAVED' as const, serverId: input.serverId }, connection: record } : null;
    return this.attempt(this.sender, mailbox, { pinnedServerId: input.serverId, from, to }, tested);
  }

  /**
   * テストメールを送信する before 登録: the settings are ruled exactly as saving them would be
   * (same decider, same errors), then one mail goes through them. Nothing is stored and no
   * event appended; the password lives in this call only (TransientSecrets).
   */
  async sendUnsaved(actor: Actor, input: UnsavedTestMailInput): Promise<TestMailOutcome> {
    const deps = this.unsaved;
    if (!deps) throw new Error('Unsaved test mail is not wired in this composition');
    const mailboxNumber = input.settings.mailboxNumber;
    requireMailboxManagement(actor, mailboxNumber);
    const mailbox = await this.commands.requireMailbox(mailboxNumber);
    const to = requireEmail(['to'], input.to);
    const secrets = new TransientSecrets(deps.vault);
    const base = await this.snapshots.load(mailboxNumber);
    let snapshot: OutboundSnapshot;
    let pinnedServerId: string;
    let record: ServerConnectionRecord;
    let defaultFrom = mailbox.address;
    if (input.kind === 'EXTERNAL') {
      const server = await deps.smtp.previewServer(actor, input.settings, secrets);
      pinnedServerId = server.serverId;
      record = { name: server.name, host: server.host, port: server.port, encryption: server.encryption, auth: server.auth };
      const servers = new Map(base.routing.servers).set(pinnedServerId, { id: pinnedServerId, name: server.name, kind: 'EXTERNAL' });
      snapshot = { ...base, routing: { ...base.routing, servers }, connections: new Map(base.connections).set(pinnedServerId, record) };
    } else {
      const relay = await deps.smtp.previewRakutenRelay(actor, input.settings, secrets);
      pinnedServerId = RAKUTEN_RELAY_SERVER_ID;
      record = { name: RAKUTEN_RELAY_NAME, ...rakutenConnectionOf(relay) };
      const rakuten = { realAddress: relay.realAddress.toLowerCase(), contactAddress: (relay.contactAddress ?? relay.realAddress).toLowerCase() };
      snapshot = { ...base, routing: { ...base.routing, rakuten }, connections: new Map(base.connections).set(pinnedServerId, record) };
      defaultFrom = relay.realAddress;
    }
    const from = input.from ? requireEmail(['from'], input.from) : defaultFrom;
    const sender = deps.senderFor({ load: async () => snapshot }, secrets);
    const target: TestMailTarget = { kind: 'UNSAVED', serverKind: input.kind };
    return this.attempt(sender, mailbox, { pinnedServerId, from, to }, { target, connection: revealedConnection(record, secrets) });
  }

  private async attempt(
    sender: Sender,
    mailbox: { readonly number: number; readonly name: string },
    mail: { readonly pinnedServerId: string; readonly from: string; readonly to: string },
    tested: { readonly target: TestMailTarget; readonly connection: SmtpConnection } | null,
  ): Promise<TestMailOutcome> {
    const { from, to } = mail;
    const envelope = { mailboxNumber: mailbox.number, kind: 'TEST_MAIL' as const, pinnedServerId: mail.pinnedServerId, from, to: [to] };
    const planned = await sender.route(mailbox.number, envelope);
    const route = planned.outcome === 'SEND' ? planned : null;
    const base = { from, route, accepted: [], rejected: [], response: null, messageId: null, refusal: null, error: null, warnings: route?.warnings ?? [], receipt: null };
    try {
      const serverName = route?.server.name ?? mail.pinnedServerId;
      const sent = await sender.send({
        ...envelope,
        fromName: 'Mailroom',
        subject: `Mailroom test mail (${serverName})`,
        text: [
          `This test mail was sent by Mailroom for mailbox No. ${mailbox.number} (${mailbox.name}) through ${serverName}.`,
          'If it arrived, the server accepts mail from Mailroom with these settings.',
        ].join('\n'),
      });
      const { accepted, rejected, response } = sent.delivery;
      // Only a mail the server under test accepted proves anything about it.
      const receipt =
        tested && this.unsaved && sent.route.server.id === mail.pinnedServerId && accepted.length > 0
          ? await this.unsaved.receipts.issue({ mailboxNumber: mailbox.number, target: tested.target, testMailId: sent.messageId, to, testedAt: this.commands.now().toISOString() }, tested.connection)
          : null;
      return { ...base, status: 'SENT', route: sent.route, accepted, rejected, response, messageId: sent.messageId, warnings: sent.route.warnings, receipt };
    } catch (e) {
      if (e instanceof OutboundRefusedError) return { ...base, status: 'REFUSED', refusal: { code: e.refusal.code, message: e.refusal.message } };
      if (isSmtpSendError(e)) {
        return { ...base, status: 'FAILED', error: { code: e.code, message: e.message, response: e.response, responseCode: e.responseCode, command: e.command } };
      }
      if (isMailroomError(e)) throw e;
      return { ...base, status: 'FAILED', error: { code: 'EUNKNOWN', message: 'Sending failed for an unexpected reason', response: null, responseCode: null, command: null } };
    }
  }
}
