import type { ReceiveErrorCode } from '../../../domain/inbound/receiveErrors.decider.js';
import { mebibytes, settingAreaLabel, type NoticeCatalogue, type ReceiveAccountFacts } from './catalogue.js';

const causes: { readonly [C in ReceiveErrorCode]: string } = {
  AUTH: 'authentication failed',
  CONNECTION: 'cannot connect to the server',
  TLS: 'secure connection (TLS) failed',
  TIMEOUT: 'the server did not answer in time',
  PROTOCOL: 'the server answered something unexpected',
  TOO_LARGE: 'a message is too large',
  OVER_LIMIT: 'the server holds 1,500,000 messages or more',
  REAUTHORIZATION_REQUIRED: 'the OAuth authorization must be renewed',
};

const where = (a: ReceiveAccountFacts): string => `receive account "${a.displayName}" (${a.protocol} ${a.username}@${a.host}:${a.port}) of mailbox No. ${a.mailboxNumber}`;
const time = (d: Date): string => d.toISOString();

export const en: NoticeCatalogue = {
  mailbox: (n) => `Mailbox No. ${n}`,
  settingAreas: {
    'identity.mailbox': 'Mailbox (name, address, members)',
    'inbound.receive_accounts': 'Receive accounts (POP/IMAP)',
    'inbound.oauth_credentials': 'OAuth credentials',
    'outbound.smtp': 'Outbound SMTP servers',
    'outbound.dkim': 'DKIM signing',
    'integrations.external_calls': 'External system calls',
    'integrations.message_channels': 'Message channels (LINE, Yahoo! Shopping, R-Messe)',
    'integrations.chat_destinations': 'External chat (Slack, Chatwork, Teams)',
    'integrations.notice_language': 'Notice language',
    'access.restriction': 'IP and API access restriction',
    'access.lockPolicy': 'Account lock',
  },
  kinds: {
    RECEIVE_ERROR_RAISED: (f) => ({
      headline: 'Receive error',
      subject: `Receive error (${f.code}): ${causes[f.code]} — ${f.account.displayName}`,
      lines: [
        `Fetching mail for ${where(f.account)} failed: ${causes[f.code]}.`,
        `Error: ${f.message}`,
        ...(f.serverResponse ? [`Server response: ${f.serverResponse}`] : []),
        'Fetching is retried automatically; this notice is sent once until the account receives again.',
      ],
    }),
    MAILBOX_OVER_LIMIT: (f) => ({
      headline: 'Source server holds too many messages',
      subject: `Receive error (${f.code}): ${causes[f.code]} — ${f.account.displayName}`,
      lines: [
        `Nothing is received for ${where(f.account)}: the POP/APOP server holds 1,500,000 or more messages.`,
        `Error: ${f.message}`,
        ...(f.serverResponse ? [`Server response: ${f.serverResponse}`] : []),
        'Reduce the mail kept on that server; receiving resumes by itself.',
      ],
    }),
    RECEIVE_ERROR_CLEARED: (f) => ({
      headline: 'Receiving works again',
      subject: `Receiving works again — ${f.account.displayName}`,
      lines: [`Fetching mail for ${where(f.account)} succeeded again after the error ${f.code}.`],
    }),
    MESSAGE_TOO_LARGE: (f) => ({
      headline: 'A message over the size limit was not received',
      subject: `A message over ${mebibytes(f.limitBytes)} was not received — ${f.account.displayName}`,
      lines: [
        `A message of ${mebibytes(f.sizeBytes)} in ${where(f.account)} is larger than the limit of ${mebibytes(f.limitBytes)} and was not imported.`,
        `It was left on the server (${f.messageKey}). Receive it with another mail client or ask the sender for a smaller message.`,
      ],
    }),
    OAUTH_REAUTHORIZATION_REQUIRED: (f) => ({
      headline: 'OAuth authorization must be renewed',
      subject: `OAuth authorization "${f.credentialName}" must be renewed`,
      lines: [
        `The ${f.provider} authorization of OAuth credential "${f.credentialName}" (mailbox No. ${f.mailboxNumber}) is no longer accepted.`,
        `Provider answer: ${f.providerAnswer}`,
        ...(f.accountNames.length > 0 ? [`Accounts that cannot log in until it is renewed: ${f.accountNames.join(', ')}`] : []),
        'Open the OAuth settings and run the authorization again.',
      ],
    }),
    USER_LOCKED: (f) => ({
      headline: 'Account locked',
      subject: `Account locked: ${f.username}`,
      lines: [
        `The account "${f.username}" (${f.displayName}) was locked at ${time(f.lockedAt)}`,
        `after ${f.failedAttempts} failed logins${f.clientIp ? `, the last from ${f.clientIp}` : ''}.`,
        `The lock policy of mailbox No. ${f.policyMailboxNumber} applied (lock after ${f.threshold} failed logins).`,
        '',
        'The user can use none of their mailboxes until an administrator unlocks the account',
        '(user settings, "locked users only", unlock). If these attempts were not the user,',
        'consider changing the password when unlocking.',
      ],
    }),
    USER_UNLOCKED: (f) => ({
      headline: 'Account unlocked',
      subject: `Account unlocked: ${f.username}`,
      lines: [
        `The account "${f.username}" (${f.displayName}) was unlocked at ${time(f.unlockedAt)} and can log in again.`,
        `Unlocked by: ${f.unlockedBy ?? 'the system (command line)'}`,
        `Reason: ${f.reason}`,
      ],
    }),
    ADDRESS_BLOCKED: (f) => ({
      headline: 'Client address blocked after failed logins',
      subject: `Logins refused from ${f.network} until ${time(f.until)}`,
      lines: [
        `Logins from ${f.network} are refused from ${time(f.blockedAt)} until ${time(f.until)}:`,
        `${f.failures} logins from there failed within the counting window, across usernames (credential stuffing is likely).`,
        'Until then even a right password is refused from there; the block lifts by itself.',
        'Addresses on an IP allow list of a mailbox can be exempted (MAILROOM_STUFFING_EXEMPT_ALLOW_LISTED).',
      ],
    }),
    MAILBOX_RESET: (f) => ({
      headline: 'Mailbox reset',
      subject: `Mailbox No. ${f.mailboxNumber} "${f.nameBefore}" was reset`,
      lines: [
        `Mailbox No. ${f.mailboxNumber} "${f.nameBefore}" was reset at ${time(f.resetAt)}.${f.nameAfter === f.nameBefore ? '' : ` It is now named "${f.nameAfter}".`}`,
        'Its settings, stored secrets and messages were deleted; members, roles and the settings history remain.',
      ],
    }),
    SETTING_CHANGED: (f) => {
      const area = settingAreaLabel(en, f.area);
      return {
        headline: 'Setting changed',
        subject: `Setting changed: ${area}`,
        lines: [
          `The setting "${area}" of mailbox No. ${f.mailboxNumber} was changed at ${time(f.changedAt)}.`,
          `Changed by: ${f.actor ?? 'the system'}`,
          ...(f.reason ? [`Reason: ${f.reason}`] : []),
          'The settings history shows what changed.',
        ],
      };
    },
    TEST: (f) => ({
      headline: 'Test notification',
      subject: f.destinationName === null ? 'Test notification' : `Test of destination "${f.destinationName}"`,
      lines: ['This message checks that Mailroom notices reach this destination.', `Sent at ${time(f.sentAt)}.`],
    }),
  },
};
