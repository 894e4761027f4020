import type { RequestMetadata } from '../auth/authService.js';
import { actorIdOf, type Actor } from '../auth/principal.js';
import { mailboxDecider, mailboxStreamId } from '../../domain/identity/mailbox.decider.js';
import type { Command, CommandMetadata, Decider, DomainEvent } from '../../domain/shared/decider.js';
import { notFound, validationError } from '../../domain/shared/errors.js';
import { loadDecidedState } from '../../eventstore/decidedState.js';
import { handleCommand } from '../../eventstore/handleCommand.js';
import type { EventStore } from '../../eventstore/port.js';
import { mailboxScope } from '../../secrets/vault.js';

export interface SecretEncrypter {
  encrypt(scope: string, plaintext: string): Promise<string>;
}

export interface OutboundServiceOptions {
  readonly store: EventStore;
  readonly vault: SecretEncrypter;
  /** @default () => new Date() */
  readonly clock?: () => Date;
  /** Awaited with the position after each append (read-your-writes), e.g. `runner.waitForPosition`. */
  readonly afterAppend?: (position: number) => Promise<void>;
}

/** Store position of the last appended event, or null when the command changed nothing. */
export interface CommandOutcome {
  readonly position: number | null;
}

/** The plumbing every outbound application service shares: metadata, mailbox check, append, settle. */
export class OutboundCommands {
  readonly store: EventStore;
  private readonly vault: SecretEncrypter;
  private readonly clock: () => Date;
  private readonly afterAppend: (position: number) => Promise<void>;

  constructor(options: OutboundServiceOptions) {
    this.store = options.store;
    this.vault = options.vault;
    this.clock = options.clock ?? (() => new Date());
    this.afterAppend = options.afterAppend ?? (async () => {});
  }

  now(): Date {
    return this.clock();
  }

  metadata(actor: Actor, meta: RequestMetadata): CommandMetadata {
    return { ...meta, now: this.clock(), actorId: actorIdOf(actor) };
  }

  /** The mailbox from its own stream (never behind); NOT_FOUND after authorization passed. */
  async requireMailbox(mailboxNumber: number): Promise<{ readonly number: number; readonly address: string; readonly name: string }> {
    if (!Number.isSafeInteger(mailboxNumber) || mailboxNumber < 1) {
      throw validationError(['mailboxNumber'], `Expected a positive integer, got ${JSON.stringify(mailboxNumber)}`);
    }
    const { state } = await loadDecidedState(this.store, mailboxDecider, mailboxStreamId(mailboxNumber));
    if (state.status === 'empty') throw notFound('Mailbox', String(mailboxNumber), ['mailboxNumber']);
    return state;
  }

  /**
   * Secrets are validated as plaintext here (the decider only ever sees ciphertext), then
   * encrypted under the mailbox's data key.
   */
  async encryptSecret(mailboxNumber: number, path: readonly string[], plaintext: unknown, maxLength = 1024): Promise<string> {
    if (typeof plaintext !== 'string' || plaintext.length === 0 || plaintext.length > maxLength) {
      throw validationError(path, `Expected 1–${maxLength} characters, got ${typeof plaintext === 'string' ? `${plaintext.length}` : 'nothing'} (value not shown)`);
    }
    return this.vault.encrypt(mailboxScope(mailboxNumber), plaintext);
  }

  async run<S, C extends Command, E extends DomainEvent>(decider: Decider<S, C, E>, streamId: string, command: C): Promise<CommandOutcome & { newState: S }> {
    const result = await handleCommand(this.store, decider, streamId, command);
    if (result.position !== null) await this.afterAppend(result.position);
    return { position: result.position, newState: result.newState };
  }
}
