import { randomUUID } from 'node:crypto';
import { requireText } from '../domain/shared/text.js';
import type { Command } from 'commander';
import { AccountLockService } from '../app/access/accountLockService.js';
import { AuthService } from '../app/auth/authService.js';
import { generatePassword } from '../app/auth/passwords.js';
import { SYSTEM_ACTOR } from '../app/auth/principal.js';
import { migrateToLatest } from '../db/migrate.js';
import { accessRestrictionDecider, accessRestrictionStreamId, type AccessRestrictionEvent } from '../domain/access/accessRestriction.decider.js';
import { fold } from '../domain/shared/decider.js';
import { handleCommand } from '../eventstore/handleCommand.js';
import { usernameClaimStreamId } from '../domain/identity/usernameClaim.decider.js';
import { IdentityService } from '../app/identity/identityService.js';
import { NoticeLanguageService } from '../app/integrations/noticeLanguageService.js';
import { createSqlMessageStore } from '../mail/messageStore/sqlMessageStore.js';
import { chatDestinationsForNotice } from '../mail/notices/noticeFanout.js';
import { NoticeOutbox } from '../mail/notices/outbox.js';
import { MailboxResetService } from '../app/reset/mailboxResetService.js';
import { loadMasterKey } from '../secrets/masterKey.js';
import { SecretVault } from '../secrets/vault.js';
import { openStorage, type Storage } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { eventsAs } from '../eventstore/eventAs.js';

/**
 * Break-glass commands for whoever runs the server: the only way back in when the sole
 * administrator lost the first-run password or locked themselves out. They append events
 * as the system actor (actor null, reason recorded), so auditors see them like any change.
 */
const withStorage = async <T>(fn: (storage: Storage) => Promise<T>): Promise<T> => {
  const storage = await openStorage(loadConfig());
  try {
    await migrateToLatest(storage.readModels.db);
    return await fn(storage);
  } finally {
    await storage.close();
  }
};

const userIdOf = async (storage: Storage, username: string): Promise<string> => {
  const [claim] = await storage.store.readStream(usernameClaimStreamId(username.trim().toLowerCase()), { max: 1 });
  if (!claim) throw new Error(`No user named ${JSON.stringify(username)}`);
  return (claim.data as { userId: string }).userId;
};

/**
 * Notices are only recorded from the CLI; the running server's outbox delivers them. They
 * are rendered here, so in the mailbox's language like the server's.
 */
const recordOnlyOutbox = (storage: Storage) =>
  new NoticeOutbox({
    db: storage.readModels.db,
    transport: { deliver: async () => Promise.reject(new Error('delivered by the server')) },
    language: new NoticeLanguageService({ store: storage.store, deploymentDefault: loadConfig().chat.language }).languageOf,
    chatDestinations: chatDestinationsForNotice(storage.readModels.db),
  });

const meta = (reason: string) => ({ correlationId: `cli-${randomUUID()}`, clientIp: null, reason: requireText(['--reason'], reason, 'reason') });

export const registerAdminCommands = (program: Command): void => {
  const admin = program.command('admin').description('Break-glass user administration (run on the server host)');

  admin
    .command('reset-password')
    .argument('<username>')
    .option('--reason <text>', 'recorded in the event for auditors', 'password reset from the command line')
    // As changePassword's revokeApiTokens: a reset ends every session; tokens only by choice.
    .option('--revoke-api-tokens', 'also revoke every API token of the user')
    .description('Set a new generated password, print it once, and end the user\'s sessions (and, on request, API tokens)')
    .action(async (username: string, options: { reason: string; revokeApiTokens?: boolean }) => {
      await withStorage(async (storage) => {
        const userId = await userIdOf(storage, username);
        const password = generatePassword(24);
        const input = { userId, newPassword: password, revokeApiTokens: options.revokeApiTokens === true };
        const { apiTokensRevoked } = await new IdentityService({ store: storage.store }).changePassword(SYSTEM_ACTOR, input, meta(options.reason));
        const ended = await new AuthService({ store: storage.store, db: storage.readModels.db }).revokeSessions(userId);
        process.stdout.write(`new password for ${username}: ${password}\n(shown only this once; ${ended} session(s) ended, ${apiTokensRevoked} API token(s) revoked)\n`);
      });
    });

  admin
    .command('unlock')
    .argument('<username>')
    .option('--reason <text>', 'recorded in the UserUnlocked event', 'unlocked from the command line')
    .description('Unlock a user locked by failed logins')
    .action(async (username: string, options: { reason: string }) => {
      await withStorage(async (storage) => {
        const userId = await userIdOf(storage, username);
        const { db } = storage.readModels;
        const auth = new AuthService({ store: storage.store, db });
        const locks = new AccountLockService({
          store: storage.store,
          db,
          notices: recordOnlyOutbox(storage),
          revokeSessions: (id) => auth.revokeSessions(id),
        });
        const { position } = await locks.unlock(SYSTEM_ACTOR, { userIds: [userId], reason: options.reason }, meta(options.reason));
        process.stdout.write(position === null ? `${username} was not locked\n` : `${username} unlocked\n`);
      });
    });

  admin
    .command('complete-reset')
    .argument('<mailbox>', 'mailbox number')
    .description('Finish a mailbox reset interrupted by a crash (wipe markers, key shredding, messages); safe to repeat')
    .action(async (mailbox: string) => {
      await withStorage(async (storage) => {
        const { db } = storage.readModels;
        const config = loadConfig();
        const resets = new MailboxResetService({
          store: storage.store,
          db,
          vault: new SecretVault(db, loadMasterKey({ envValue: config.masterKey, dataDir: config.dataDir })),
          notices: recordOnlyOutbox(storage),
          messages: createSqlMessageStore(db),
        });
        const outcome = await resets.completeReset(Number(mailbox));
        process.stdout.write(outcome ? `reset of mailbox ${mailbox} completed\n` : `mailbox ${mailbox} was never reset\n`);
      });
    });

  const access = admin.command('access').description('Break-glass access restriction of a mailbox');
  access
    .command('disable')
    .argument('<mailbox>', 'mailbox number')
    .requiredOption('--reason <text>', 'why (recorded in the event for auditors)')
    .option('--api', 'turn off the API restriction instead of the IP restriction')
    .description('Turn off the IP (or API) restriction of a mailbox that locked everybody out; the list is kept for turning it on again')
    .action(async (mailbox: string, options: { reason: string; api?: boolean }) => {
      const mailboxNumber = Number(mailbox);
      if (!Number.isSafeInteger(mailboxNumber) || mailboxNumber < 1) throw new Error(`Expected a mailbox number, got ${JSON.stringify(mailbox)}`);
      if (options.reason.trim() === '') throw new Error('--reason must say why (it is recorded for auditors)');
      await withStorage(async (storage) => {
        const known = await storage.readModels.db.selectFrom('mailboxes').select('number').where('number', '=', mailboxNumber).executeTakeFirst();
        if (!known) throw new Error(`No mailbox No.${mailboxNumber}`);
        const streamId = accessRestrictionStreamId(mailboxNumber);
        const state = fold(accessRestrictionDecider.evolve, accessRestrictionDecider.initialState(), eventsAs<AccessRestrictionEvent>(await storage.store.readStream(streamId)));
        const metadata = { ...meta(options.reason), now: new Date(), actorId: null };
        // The system actor has no requester, so the self-lockout guard does not apply; the
        // running server follows the event store and lets callers back in at once.
        const command = options.api
          ? ({ type: 'ConfigureApiRestriction', data: { mailboxNumber, enabled: false, allowedAddresses: state.api.allowedAddresses, requester: null }, metadata } as const)
          : ({ type: 'ConfigureIpRestriction', data: { mailboxNumber, enabled: false, allowedAddresses: state.ip.allowedAddresses, exemptUserIds: state.ip.exemptUserIds, requester: null }, metadata } as const);
        const { position } = await handleCommand(storage.store, accessRestrictionDecider, streamId, command);
        const what = options.api ? 'API restriction' : 'IP restriction';
        process.stdout.write(position === null ? `the ${what} of mailbox ${mailboxNumber} was already off\n` : `${what} of mailbox ${mailboxNumber} turned off (its list is kept)\n`);
      });
    });
};
