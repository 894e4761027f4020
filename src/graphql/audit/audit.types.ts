import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { SectionChange } from '../../app/audit/auditLog.js';
import type { FieldChange as AuditFieldChange } from '../../app/audit/changes.js';
import type { ChainVerification } from '../../app/audit/chainVerification.js';
import type { HistoryEntry } from '../../app/audit/history.js';
import type { JsonValue } from '../../app/audit/sections.js';
import { connectionTypes } from '../relay.js';

@ObjectType({ description: 'One field of a configuration that changed. Secrets: both values null, `secret` true, read as "changed".' })
export class FieldChange {
  @Field(() => String, { nullable: true, description: 'Configuration section (diffs only), e.g. identity.mailbox.' })
  section!: string | null;

  @Field(() => String, { description: 'Dotted path in the section view, e.g. members.<userId>.roles.' })
  field!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Value before; null when absent or secret.' })
  before!: JsonValue | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Value after; null when absent or secret.' })
  after!: JsonValue | null;

  @Field(() => Boolean)
  secret!: boolean;

  static from(c: AuditFieldChange | SectionChange): FieldChange {
    return Object.assign(new FieldChange(), {
      section: 'section' in c ? c.section : null,
      field: c.field,
      before: c.secret ? null : c.before,
      after: c.secret ? null : c.after,
      secret: c.secret,
    });
  }
}

@InputType({ description: 'Which setting events to list. Times are business times (when the change was decided).' })
export class SettingsHistoryFilter {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => String, { nullable: true, description: 'An area (identity, outbound, …) or a section (identity.mailbox).' })
  area?: string | null;

  @Field(() => String, { nullable: true, description: 'One setting: changes of this field path or below it, e.g. name, members, members.<userId>.roles.' })
  field?: string | null;

  @Field(() => ID, { nullable: true })
  actorId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Inclusive.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Inclusive.' })
  to?: Date | null;
}

@InputType({ description: 'A moment: a global position, or a time (the last event of the mailbox at or before it). Neither: now.' })
export class AuditPointInput {
  @Field(() => Date, { nullable: true })
  at?: Date | null;

  @Field(() => Int, { nullable: true })
  position?: number | null;
}

@ObjectType({ description: 'One configuration section of a mailbox at a moment.' })
export class ConfigurationSectionView {
  @Field(() => String)
  name!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Plain JSON of the section; secrets read "(set)" or null; null when absent.' })
  value!: JsonValue | null;
}

@ObjectType({ description: 'The whole configuration of a mailbox as it was at a moment, rebuilt by replaying its events.' })
export class MailboxConfiguration {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => Int, { description: 'Global position the configuration reflects; 0 is before the first event.' })
  position!: number;

  @Field(() => [ConfigurationSectionView])
  sections!: ConfigurationSectionView[];
}

@ObjectType()
export class ConfigurationDiff {
  @Field(() => Int)
  fromPosition!: number;

  @Field(() => Int)
  toPosition!: number;

  @Field(() => [FieldChange])
  changes!: FieldChange[];
}

@ObjectType({ description: 'Result of recomputing the tamper-evident hash chain of the event store over a range.' })
export class AuditChainVerification {
  @Field(() => Boolean)
  ok!: boolean;

  @Field(() => Int)
  fromPosition!: number;

  @Field(() => Int, { description: 'Last position checked: the range end, or the first broken one.' })
  toPosition!: number;

  @Field(() => Int)
  eventsChecked!: number;

  @Field(() => Int, { nullable: true, description: 'First position whose stored hash does not match its content or predecessor.' })
  firstBrokenPosition!: number | null;

  @Field(() => String, { nullable: true, description: 'hash_mismatch, prev_hash_mismatch or position_gap.' })
  reason!: string | null;

  static from(v: ChainVerification): AuditChainVerification {
    return Object.assign(new AuditChainVerification(), v);
  }
}

@ObjectType({
  description:
    'One setting event of a mailbox with what it changed. Raw event data is not exposed: secrets live in it; changes show them as "changed".',
})
export class SettingEvent {
  @Field(() => Int, { description: 'Global position in the event store.' })
  position!: number;

  @Field(() => String)
  type!: string;

  @Field(() => String)
  streamId!: string;

  @Field(() => Int, { nullable: true })
  mailboxNumber!: number | null;

  @Field(() => String, { nullable: true, description: 'Configuration section of the stream (e.g. identity.mailbox); null when no area registered one.' })
  section!: string | null;

  @Field(() => Date, { description: 'When the store recorded the event.' })
  recordedAt!: Date;

  @Field(() => Date, { description: 'When the change was decided (the command clock).' })
  occurredAt!: Date;

  @Field(() => ID, { nullable: true, description: 'Null for changes made by the server itself.' })
  actorId!: string | null;

  @Field(() => String, { nullable: true })
  clientIp!: string | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => String)
  correlationId!: string;

  @Field(() => [FieldChange], { description: 'Before/after per field of the section view.' })
  changes!: FieldChange[];

  @Field(() => String, { description: 'The changes in one line, e.g. name: "Sales" → "Support"; secrets read "changed".' })
  summary!: string;

  static from(e: HistoryEntry): SettingEvent {
    return Object.assign(new SettingEvent(), {
      position: e.position,
      type: e.type,
      streamId: e.streamId,
      mailboxNumber: e.mailboxNumber,
      section: e.section,
      recordedAt: e.recordedAt,
      occurredAt: new Date(e.occurredAt),
      actorId: e.actorId,
      clientIp: e.clientIp,
      reason: e.reason,
      correlationId: e.correlationId,
      changes: e.changes.map(FieldChange.from),
      summary: e.summary,
    });
  }
}

export const { ConnectionType: SettingEventConnection } = connectionTypes('SettingEvent', SettingEvent);
