import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import type { EventStore, RecordedEvent } from '../../eventstore/port.js';
import type { ConfigurationSection } from './sections.js';
import { decodeState, encodeState } from './stateCodec.js';

export interface ReplayOptions {
  /**
   * A snapshot is kept after every `snapshotEvery` events of a stream (revisions
   * N-1, 2N-1, …), so a replay reads at most one snapshot and fewer than N events.
   * 0 turns snapshots off (full replays; for comparison). @default 100
   */
  readonly snapshotEvery?: number;
}

type SnapshotKey = Pick<ConfigurationSection, 'name' | 'version'>;

export interface StreamReplay<State = unknown> {
  readonly state: State;
  /** Events read from the store for this replay (the bound snapshots guarantee). */
  readonly eventsRead: number;
  /** Revision of the snapshot the replay started from, or null. */
  readonly snapshotRevision: number | null;
}

/** Observer of each folded event with the states around it (history uses it for before/after). */
export type FoldObserver<State> = (event: RecordedEvent, before: State, after: State) => void;

/**
 * Replays one stream of a section up to a revision, from the newest usable snapshot.
 * Snapshots are a cache derived from the store: written on the first replay that passes
 * a boundary, never needed for correctness, emptied by a rebuild of the audit projection.
 * Written lazily rather than by the projection because building one needs the stream's
 * earlier events, which a projection (one event at a time, inside its transaction) lacks.
 */
export class StreamReplayer {
  private readonly snapshotEvery: number;

  constructor(
    private readonly store: EventStore,
    private readonly db: Kysely<ReadModelDb>,
    options: ReplayOptions = {},
  ) {
    this.snapshotEvery = options.snapshotEvery ?? 100;
  }

  /**
   * State of `streamId` after `toRevision` (inclusive; -1 gives the initial state). With an
   * observer, events from `observeFrom` on are reported with their before/after states,
   * so the replay starts from a snapshot before `observeFrom`.
   */
  async replay<State>(
    section: ConfigurationSection<State>,
    streamId: string,
    toRevision: number,
    observe?: { readonly from: number; readonly observer: FoldObserver<State> },
  ): Promise<StreamReplay<State>> {
    const startLimit = observe ? Math.min(observe.from - 1, toRevision) : toRevision;
    const snapshot = await this.latestSnapshot(section, streamId, startLimit);
    let state = snapshot ? decodeState<State>(snapshot.state) : section.initialState();
    let revision = snapshot ? snapshot.revision : -1;
    let eventsRead = 0;
    const pending: { revision: number; position: number; state: string }[] = [];
    const batch = 1000;
    while (revision < toRevision) {
      const events = await this.store.readStream(streamId, { from: revision + 1, max: Math.min(batch, toRevision - revision) });
      if (events.length === 0) break;
      for (const event of events) {
        const before = state;
        state = section.evolve(state, event);
        if (observe && event.revision >= observe.from) observe.observer(event, before, state);
        revision = event.revision;
        if (this.snapshotEvery > 0 && (revision + 1) % this.snapshotEvery === 0) {
          pending.push({ revision, position: event.position, state: encodeState(state) });
        }
      }
      eventsRead += events.length;
    }
    if (pending.length) await this.saveSnapshots(section, streamId, pending);
    return { state, eventsRead, snapshotRevision: snapshot?.revision ?? null };
  }

  private async latestSnapshot(section: SnapshotKey, streamId: string, maxRevision: number) {
    if (this.snapshotEvery <= 0 || maxRevision < 0) return undefined;
    return this.db
      .selectFrom('audit_snapshots')
      .select(['revision', 'state'])
      .where('stream_id', '=', streamId)
      .where('revision', '<=', maxRevision)
      .where('section', '=', section.name)
      .where('section_version', '=', section.version ?? 1)
      .orderBy('revision', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  private async saveSnapshots(
    section: SnapshotKey,
    streamId: string,
    rows: readonly { revision: number; position: number; state: string }[],
  ): Promise<void> {
    const version = section.version ?? 1;
    await this.db
      .insertInto('audit_snapshots')
      .values(rows.map((r) => ({ stream_id: streamId, section: section.name, section_version: version, ...r })))
      // A snapshot of another section version at the same revision is replaced.
      .onConflict((oc) =>
        oc.columns(['stream_id', 'revision']).doUpdateSet((eb) => ({
          section: eb.ref('excluded.section'),
          section_version: eb.ref('excluded.section_version'),
          position: eb.ref('excluded.position'),
          state: eb.ref('excluded.state'),
        })),
      )
      .execute();
  }
}
