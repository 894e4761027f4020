import { requireMailboxAccess, requireMailboxManagement } from '../auth/authorization.js';
import type { RequestMetadata } from '../auth/authService.js';
import { actorIdOf, type Actor } from '../auth/principal.js';
import {
  effectiveNoticeLanguage,
  noticeLanguageDecider,
  noticeLanguageStreamId,
  type NoticeLanguage,
  type NoticeLanguageEvent,
  type NoticeLanguageState,
} from '../../domain/integrations/noticeLanguage.decider.js';
import { fold } from '../../domain/shared/decider.js';
import { handleCommand } from '../../eventstore/handleCommand.js';
import type { EventStore } from '../../eventstore/port.js';
import { requireMailboxNumber } from './mailboxNumber.js';
import { eventsAs } from '../../eventstore/eventAs.js';

export interface NoticeLanguageServiceDeps {
  readonly store: EventStore;
  /** MAILROOM_NOTICE_LANGUAGE: what mailboxes that never chose a language speak. */
  readonly deploymentDefault: NoticeLanguage;
  readonly clock?: () => Date;
  readonly afterAppend?: (position: number) => Promise<void>;
}

export interface NoticeLanguageSetting {
  readonly mailboxNumber: number;
  /** What the mailbox's notices are written in. */
  readonly language: NoticeLanguage;
  /** The mailbox's own choice; null while the deployment default applies. */
  readonly chosen: NoticeLanguage | null;
  readonly deploymentDefault: NoticeLanguage;
}

/**
 * The notice language of each mailbox. Read from the event stream, not a read model: the
 * outbox asks at the moment it records a notice, and must see a choice made a moment ago.
 */
export class NoticeLanguageService {
  private readonly clock: () => Date;
  private readonly afterAppend: (position: number) => Promise<void>;

  constructor(private readonly deps: NoticeLanguageServiceDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.afterAppend = deps.afterAppend ?? (async () => {});
  }

  /** For the outbox and the chat test message; no actor: the system renders notices. */
  readonly languageOf = async (mailboxNumber: number): Promise<NoticeLanguage> => effectiveNoticeLanguage(await this.state(mailboxNumber), this.deps.deploymentDefault);

  /** Every member may see which language their mailbox's notices come in. */
  async get(actor: Actor, mailboxNumber: number): Promise<NoticeLanguageSetting> {
    requireMailboxAccess(actor, mailboxNumber);
    requireMailboxNumber(mailboxNumber);
    const { language: chosen } = await this.state(mailboxNumber);
    return { mailboxNumber, language: chosen ?? this.deps.deploymentDefault, chosen, deploymentDefault: this.deps.deploymentDefault };
  }

  async set(actor: Actor, input: { readonly mailboxNumber: number; readonly language: NoticeLanguage }, meta: RequestMetadata): Promise<number | null> {
    requireMailboxManagement(actor, input.mailboxNumber);
    requireMailboxNumber(input.mailboxNumber);
    const result = await handleCommand(this.deps.store, noticeLanguageDecider, noticeLanguageStreamId(input.mailboxNumber), {
      type: 'SetNoticeLanguage',
      data: { mailboxNumber: input.mailboxNumber, language: input.language },
      metadata: { ...meta, now: this.clock(), actorId: actorIdOf(actor) },
    });
    if (result.position !== null) await this.afterAppend(result.position);
    return result.position;
  }

  private async state(mailboxNumber: number): Promise<NoticeLanguageState> {
    const events = await this.deps.store.readStream(noticeLanguageStreamId(mailboxNumber));
    return fold(noticeLanguageDecider.evolve, noticeLanguageDecider.initialState(), eventsAs<NoticeLanguageEvent>(events));
  }
}
