import type { Command, Decider, DomainEvent } from '../../domain/shared/decider.js';
import type { ConfigurationSection, JsonValue } from './sections.js';

export interface DeciderSectionOptions<State, Evt extends DomainEvent> {
  readonly name: string;
  readonly streamPrefix: string;
  /** @default 'one' */
  readonly cardinality?: 'one' | 'many';
  readonly decider: Pick<Decider<State, Command, Evt>, 'initialState' | 'evolve'>;
  readonly toView: (state: State) => JsonValue | null;
  readonly secretFields?: ConfigurationSection['secretFields'];
}

/**
 * A configuration section that replays an area's own decider, so "as of" can never
 * disagree with the rules that produced the events. Areas call this at load time: it
 * imports src/app/audit/sections.ts for types only, so there is no load-order cycle with the
 * registry that imports the areas.
 */
export const deciderSection = <State, Evt extends DomainEvent>(options: DeciderSectionOptions<State, Evt>): ConfigurationSection =>
  ({
    name: options.name,
    streamPrefix: options.streamPrefix,
    cardinality: options.cardinality ?? 'one',
    initialState: options.decider.initialState,
    evolve: (state: State, event: DomainEvent) => options.decider.evolve(state, event as Evt),
    toView: options.toView,
    ...(options.secretFields ? { secretFields: options.secretFields } : {}),
  }) as unknown as ConfigurationSection;
