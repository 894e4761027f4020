import { sql, type Kysely } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import { validationError } from '../../domain/shared/errors.js';
import type { EventStore } from '../../eventstore/port.js';
import { diffViews, type FieldChange } from './changes.js';
import { type ConfigurationSection, type JsonValue, validateSections } from './sections.js';
import { type ReplayOptions, StreamReplayer } from './streamReplay.js';

/** A moment of a mailbox: a global position, or the last of its events at a time; absent = now. */
export interface AuditPoint {
  readonly position?: number | null;
  readonly at?: Date | null;
}

export interface Configuration {
  readonly mailboxNumber: number;
  /** Global position the configuration reflects (0: before the mailbox's first event). */
  readonly position: number;
  /** Section name → its view (`one`: object or null; `many`: list). */
  readonly sections: Readonly<Record<string, JsonValue | null>>;
  /** Events read from the store to build it (snapshots bound this). */
  readonly eventsRead: number;
  readonly snapshotsUsed: number;
}

export interface SectionChange extends FieldChange {
  readonly section: string;
}

export interface AuditLogOptions extends ReplayOptions {
  /** The sections to replay, handed in by the composition root (src/app/configurationSections.ts). */
  readonly sections: readonly ConfigurationSection[];
}

/**
 * Time travel over the configuration of a mailbox: which streams it had at a position (the
 * `mailbox_events` index), each replayed from its newest snapshot with its section's decider.
 */
export class AuditLog {
  readonly sections: readonly ConfigurationSection[];
  readonly replayer: StreamReplayer;

  constructor(
    readonly store: EventStore,
    readonly db: Kysely<ReadModelDb>,
    options: AuditLogOptions,
  ) {
    this.sections = options.sections;
    validateSections(this.sections);
    this.replayer = new StreamReplayer(store, db, options);
  }

  /** The global position a point stands for, for this mailbox. */
  async resolvePoint(mailboxNumber: number, point: AuditPoint, path: readonly string[] = []): Promise<number> {
    if (point.position != null && point.at != null) {
      throw validationError([...path], 'Expected either a position or a time (at), got both');
    }
    if (point.position != null) {
      if (!Number.isInteger(point.position) || point.position < 0) {
        throw validationError([...path, 'position'], `Expected a position of 0 or more, got ${point.position}`);
      }
      return point.position;
    }
    if (point.at != null) {
      if (Number.isNaN(point.at.getTime())) throw validationError([...path, 'at'], 'Expected a valid date-time');
      const row = await this.db
        .selectFrom('mailbox_events')
        .select((eb) => eb.fn.max('position').as('position'))
        .where('mailbox_number', '=', mailboxNumber)
        .where('occurred_at', '<=', point.at.toISOString())
        .executeTakeFirst();
      return Number(row?.position ?? 0);
    }
    return this.store.headPosition();
  }

  /** Each stream of the mailbox with the revision it had reached at `position`. */
  async streamsAt(mailboxNumber: number, position: number): Promise<{ streamId: string; revision: number }[]> {
    const rows = await this.db
      .selectFrom('mailbox_events')
      .select(['stream_id', (eb) => eb.fn.max('revision').as('revision')])
      .where('mailbox_number', '=', mailboxNumber)
      .where('position', '<=', position)
      .groupBy('stream_id')
      .orderBy('stream_id')
      .execute();
    return rows.map((r) => ({ streamId: r.stream_id, revision: Number(r.revision) }));
  }

  async configurationAsOf(mailboxNumber: number, point: AuditPoint = {}): Promise<Configuration> {
    const position = await this.resolvePoint(mailboxNumber, point);
    const streams = await this.streamsAt(mailboxNumber, position);
    const sections: Record<string, JsonValue | null> = {};
    for (const s of this.sections) sections[s.name] = s.cardinality === 'one' ? null : [];
    let eventsRead = 0;
    let snapshotsUsed = 0;
    for (const { streamId, revision } of streams) {
      const section = this.sections.find((s) => streamId.startsWith(s.streamPrefix));
      if (!section) continue;
      const replay = await this.replayer.replay(section, streamId, revision);
      eventsRead += replay.eventsRead;
      if (replay.snapshotRevision !== null) snapshotsUsed += 1;
      const view = section.toView(replay.state);
      if (section.cardinality === 'one') sections[section.name] = view;
      else if (view !== null) sections[section.name] = [...(sections[section.name] as JsonValue[]), view];
    }
    return { mailboxNumber, position, sections, eventsRead, snapshotsUsed };
  }

  /** What changed in the configuration between two moments, field by field. */
  async configurationDiff(mailboxNumber: number, from: AuditPoint, to: AuditPoint): Promise<{ from: Configuration; to: Configuration; changes: SectionChange[] }> {
    const [a, b] = [await this.configurationAsOf(mailboxNumber, from), await this.configurationAsOf(mailboxNumber, to)];
    const changes = this.sections.flatMap((s) =>
      diffViews(a.sections[s.name] ?? null, b.sections[s.name] ?? null).map((c) => ({ ...c, section: s.name })),
    );
    return { from: a, to: b, changes };
  }

  /** `area` is a section name or the area before its dot; unknown names are a validation error. */
  prefixesOfArea(area: string, path: readonly string[]): string[] {
    const matching = this.sections.filter((s) => s.name === area || s.name.split('.')[0] === area);
    if (!matching.length) {
      const known = [...new Set(this.sections.flatMap((s) => [s.name.split('.')[0]!, s.name]))].join(', ');
      throw validationError([...path], `Expected an area (${known}), got ${JSON.stringify(area)}`);
    }
    return matching.map((s) => s.streamPrefix);
  }
}

/** `substr` rather than LIKE: stream prefixes may contain `_`, LIKE's wildcard, on both dialects. */
export const streamPrefixCondition = (prefixes: readonly string[]) =>
  sql<boolean>`(${sql.join(prefixes.map((p) => sql`substr(stream_id, 1, ${sql.lit(p.length)}) = ${p}`), sql` OR `)})`;
