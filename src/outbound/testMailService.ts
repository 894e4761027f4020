import { requireMailboxManagement } from '../auth/authorization.js';
import type { Actor } from '../auth/principal.js';
import { requireEmail } from '../domain/identity/validation.js';
import type { RouteWarning } from '../domain/outbound/outboundRoute.js';
import { BUILTIN_SERVER_ID, RAKUTEN_RELAY_SERVER_ID } from '../domain/outbound/smtpSettings.events.js';
import { isMailroomError, notFound } from '../errors/index.js';
import { OutboundRefusedError, type OutboundSender, type OutboundSnapshotSource, type SendDecision } from '../mail/smtp/outboundSender.js';
import { isSmtpSendError, type SmtpErrorCode } from '../mail/smtp/smtpErrors.js';
import type { OutboundCommands } from './outboundCommands.js';

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
}

/**
 * テストメール: one mail through one chosen server, reported as the server answered. A
 * test is not a setting change, so it appends no event.
 */
export class TestMailService {
  constructor(
    private readonly commands: OutboundCommands,
    private readonly snapshots: OutboundSnapshotSource,
    private readonly sender: Pick<OutboundSender, 'send' | 'route'>,
  ) {}

  async send(actor: Actor, input: TestMailInput): Promise<TestMailOutcome> {
    requireMailboxManagement(actor, input.mailboxNumber);
    const mailbox = await this.commands.requireMailbox(input.mailboxNumber);
    const to = requireEmail(['to'], input.to);
    const snapshot = await this.snapshots.load(input.mailboxNumber);
    const isRelay = input.serverId === RAKUTEN_RELAY_SERVER_ID;
    if (input.serverId !== BUILTIN_SERVER_ID && !snapshot.connections.has(input.serverId)) {
      throw notFound(isRelay ? 'Rakuten relay account of mailbox' : 'SMTP server', isRelay ? String(input.mailboxNumber) : input.serverId, ['serverId']);
    }
    const relayAddress = isRelay ? snapshot.routing.rakuten?.realAddress : undefined;
    const from = input.from ? requireEmail(['from'], input.from) : (relayAddress ?? mailbox.address);
    const envelope = { mailboxNumber: input.mailboxNumber, kind: 'TEST_MAIL' as const, pinnedServerId: input.serverId, from, to: [to] };
    const planned = await this.sender.route(input.mailboxNumber, envelope);
    const route = planned.outcome === 'SEND' ? planned : null;
    const base = { from, route, accepted: [], rejected: [], response: null, messageId: null, refusal: null, error: null, warnings: route?.warnings ?? [] };
    try {
      const serverName = route?.server.name ?? input.serverId;
      const sent = await this.sender.send({
        ...envelope,
        fromName: 'Mailroom',
        subject: `Mailroom test mail (${serverName})`,
        text: [
          `This test mail was sent by Mailroom for mailbox No. ${mailbox.number} (${mailbox.name}) through ${serverName}.`,
          'If it arrived, the server accepts mail from Mailroom with these settings.',
        ].join('\n'),
      });
      const { accepted, rejected, response } = sent.delivery;
      return { ...base, status: 'SENT', route: sent.route, accepted, rejected, response, messageId: sent.messageId, warnings: sent.route.warnings };
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
