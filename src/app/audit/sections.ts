/**
 * The configuration of a mailbox is the state of every aggregate (stream) that belongs to
 * it. Each area defines its sections (src/app/<area>/auditSections.ts), built from its pure
 * decider, and the composition root hands the list to the audit
 * (src/app/configurationSections.ts), which replays, snapshots, diffs and masks them
 * without knowing the areas: the areas import this file, this file imports no area.
 *
 * How an area defines a section (one entry in the composition root's list):
 *
 *   defineSection({
 *     name: 'outbound.smtp',                 // also the `area` filter of settingsHistory
 *     streamPrefix: 'smtp-',                 // streams `smtp-<No>`; every event carries mailboxNumber
 *     cardinality: 'one',                    // 'many' when a mailbox has several such streams
 *     initialState: smtpSettingsDecider.initialState,
 *     evolve: smtpSettingsDecider.evolve,
 *     toView: (state) => ...,                // plain JSON; secrets as "(set)" or null; null = absent
 *     secretFields: outboundSecretFields,    // event type → data fields shown as "changed"
 *   })
 *
 * Bump `version` when `evolve` or the state shape changes: snapshots of other versions are
 * ignored (and rewritten), so a deploy never replays from a stale cached state.
 */
import { type MailboxEvent, type MailboxState, evolveMailbox, initialMailboxState } from '../../domain/identity/mailbox.decider.js';
import type { DomainEvent } from '../../domain/shared/decider.js';

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** How a secret appears in a configuration view: never the value, never the ciphertext. */
export const SECRET_SET = '(set)';

export interface ConfigurationSection<State = unknown> {
  /** `<area>.<aggregate>`; the part before the dot is the `area` of history filters. */
  readonly name: string;
  /** Streams of this section start with it; must not be a prefix of another section's. */
  readonly streamPrefix: string;
  /** `one`: the view is an object or null; `many`: a list of views, ordered by stream id. */
  readonly cardinality: 'one' | 'many';
  /** @default 1 */
  readonly version?: number;
  readonly initialState: () => State;
  readonly evolve: (state: State, event: DomainEvent) => State;
  /** Plain JSON of the state, secrets replaced by SECRET_SET (or null when unset); null when the aggregate does not exist. */
  readonly toView: (state: State) => JsonValue | null;
  /** Event type → data fields holding secrets; history shows them as "changed". */
  readonly secretFields?: { readonly [eventType: string]: readonly string[] };
}

/** Keeps the section's state type checked against its own functions, then erases it for the registry. */
export const defineSection = <State>(section: ConfigurationSection<State>): ConfigurationSection =>
  section as unknown as ConfigurationSection;

const mailboxView = (state: MailboxState): JsonValue | null => {
  if (state.status === 'empty') return null;
  const members: Record<string, JsonValue> = {};
  for (const userId of [...state.members.keys()].sort()) {
    members[userId] = { roles: [...state.members.get(userId)!].sort() };
  }
  return { number: state.number, name: state.name, address: state.address, members };
};

export const identityMailboxSection = defineSection<MailboxState>({
  name: 'identity.mailbox',
  streamPrefix: 'mailbox-',
  cardinality: 'one',
  initialState: initialMailboxState,
  evolve: (state, event) => evolveMailbox(state, event as MailboxEvent),
  toView: mailboxView,
});

export const validateSections = (sections: readonly ConfigurationSection[]): void => {
  for (const a of sections) {
    for (const b of sections) {
      if (a !== b && (a.name === b.name || b.streamPrefix.startsWith(a.streamPrefix))) {
        throw new Error(`Configuration sections ${a.name} and ${b.name} overlap (name or stream prefix ${a.streamPrefix} / ${b.streamPrefix})`);
      }
    }
  }
};

export const areaOf = (section: ConfigurationSection): string => section.name.split('.')[0]!;

export const sectionOfStream = (sections: readonly ConfigurationSection[], streamId: string): ConfigurationSection | null =>
  sections.find((s) => streamId.startsWith(s.streamPrefix)) ?? null;

