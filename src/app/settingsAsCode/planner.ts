import { createHash, randomUUID } from 'node:crypto';
import { diffViews, withSecretFields } from '../audit/changes.js';
import { configurationSections } from '../configurationSections.js';
import { oauthCredentialDecider, oauthCredentialStreamId, type OAuthCredentialState } from '../../domain/inbound/oauthCredential.decider.js';
import type { OAuthCredentialLookup } from '../../domain/inbound/receiveAccounts.decider.js';
import type { Command, CommandMetadata, Decider, DomainEvent } from '../../domain/shared/decider.js';
import { ErrorCode, isConcurrencyError, isMailroomError, MailroomError, validationError } from '../../domain/shared/errors.js';
import { loadDecidedState } from '../../eventstore/decidedState.js';
import { toEventMetadata } from '../../eventstore/handleCommand.js';
import { canonicalJson } from '../../eventstore/hashChain.js';
import type { EventStore, NewEvent, StreamAppend } from '../../eventstore/port.js';
import { credentialLookupOf } from '../inbound/streams.js';
import { type PlanContext, type PlannedStep, planSteps } from './areaPlans.js';
import type { ConfigurationDocument } from './document.js';
import { areaStream, areaStreams, type MailboxStates } from './mailboxStates.js';

/**
 * Plan and apply a configuration document: decide every step with the real deciders on a
 * fork of the mailbox's current states (nothing is appended while planning), then append
 * all of it at once with the stream revisions the plan saw. The deciders are called here
 * directly — decide, then evolve the fork — which is exactly what handleCommand does before
 * its append; keeping the loop here leaves the shared command path untouched.
 */

export interface PlannedCommand {
  readonly index: number;
  readonly section: string;
  readonly streamId: string;
  readonly type: string;
  readonly path: readonly string[];
  readonly summary: string;
  /** Event types the decider produced; empty when the command turned out to change nothing. */
  readonly eventTypes: readonly string[];
  readonly refusal: MailroomError | null;
}

export interface PlannedChange {
  readonly section: string;
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly secret: boolean;
}

export interface ConfigurationPlan {
  readonly planId: string;
  readonly mailboxNumber: number;
  /** Revision of every covered stream the plan decided on (-1: no stream yet). */
  readonly revisions: readonly { readonly streamId: string; readonly revision: number }[];
  readonly commands: readonly PlannedCommand[];
  /** Field by field, the sections' views (as configurationAsOf shows them) before and after. */
  readonly changes: readonly PlannedChange[];
  /** Every refusal, its path into the document; apply refuses while there is one. */
  readonly refusals: readonly MailroomError[];
  readonly warnings: readonly string[];
  /** The events to append, per stream; not shown to clients. */
  readonly appends: readonly StreamAppend[];
}

export interface LoadedStates {
  readonly states: MailboxStates;
  /** Stream id → revision the states were read at (-1: no stream yet). */
  readonly revisions: ReadonlyMap<string, number>;
}

/**
 * The mailbox's streams: one per area, and one per OAuth credential of `credentialIds`
 * (the caller lists them: the event store has no index by mailbox).
 */
export const loadStates = async (store: EventStore, mailboxNumber: number, credentialIds: readonly string[] = []): Promise<LoadedStates> => {
  const states: Record<string, unknown> = {};
  const revisions = new Map<string, number>();
  for (const a of areaStreams) {
    const loaded = await loadDecidedState(store, a.decider, a.streamId(mailboxNumber));
    states[a.key] = loaded.state;
    revisions.set(a.streamId(mailboxNumber), loaded.revision);
  }
  const credentials = new Map<string, OAuthCredentialState>();
  for (const id of [...new Set(credentialIds)].sort()) {
    const loaded = await loadDecidedState(store, oauthCredentialDecider, oauthCredentialStreamId(id));
    // A listed stream of another mailbox (a stale index) is not this mailbox's.
    if (loaded.state.status !== 'empty' && loaded.state.mailboxNumber !== mailboxNumber) continue;
    credentials.set(id, loaded.state);
    revisions.set(oauthCredentialStreamId(id), loaded.revision);
  }
  return { states: { ...(states as unknown as Omit<MailboxStates, 'oauthCredentials'>), oauthCredentials: credentials }, revisions };
};

/** Names the document field a decider's refusal is about, keeping the decider's own field path. */
const located = (err: MailroomError, path: readonly string[]): MailroomError =>
  new MailroomError(err.code, err.message, { path: ['document', ...path, ...err.fieldPath], details: err.details });

/** The document without secret values: what a plan id vouches for (a secret's hash could be guessed). */
const documentDigest = (doc: ConfigurationDocument): string =>
  createHash('sha256')
    .update(canonicalJson(JSON.parse(JSON.stringify(doc, (k, v) => (k === 'value' && typeof v === 'string' ? '(new secret)' : v)))))
    .digest('hex')
    .slice(0, 32);

interface PlanIdContent {
  readonly m: number;
  readonly d: string;
  readonly r: Record<string, number>;
}

/** Self-contained, so any instance can check it: the mailbox, the document digest and the revisions seen. */
const encodePlanId = (c: PlanIdContent): string => `plan1.${Buffer.from(JSON.stringify(c)).toString('base64url')}`;

export const decodePlanId = (planId: string): PlanIdContent => {
  const bad = () => validationError(['planId'], `Expected a plan id from planConfiguration or planRevert (plan1.…), got ${JSON.stringify(String(planId).slice(0, 40))}`);
  if (typeof planId !== 'string' || !planId.startsWith('plan1.')) throw bad();
  try {
    const c = JSON.parse(Buffer.from(planId.slice(6), 'base64url').toString('utf8')) as PlanIdContent;
    if (typeof c.m !== 'number' || typeof c.d !== 'string' || typeof c.r !== 'object' || c.r === null) throw bad();
    return c;
  } catch {
    throw bad();
  }
};

export interface PlanInput {
  readonly store: EventStore;
  readonly mailboxNumber: number;
  readonly document: ConfigurationDocument;
  readonly metadata: CommandMetadata;
  readonly context: Omit<PlanContext, 'mailboxNumber'>;
  readonly warnings?: readonly string[];
  /** Ids of the mailbox's OAuth credential streams (each its own stream); none when omitted. */
  readonly credentialIds?: readonly string[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDecider = Decider<any, Command, DomainEvent>;

/** The stream a step goes to, with its decider and the configuration section that shows it. */
interface StepStream {
  readonly streamId: string;
  readonly section: string;
  readonly decider: AnyDecider;
}

const OAUTH_SECTION = 'inbound.oauth_credentials';

const streamOf = (step: PlannedStep, mailboxNumber: number): StepStream => {
  if (step.area === 'oauthCredential') {
    return { streamId: oauthCredentialStreamId(step.credentialId!), section: OAUTH_SECTION, decider: oauthCredentialDecider as unknown as AnyDecider };
  }
  const area = areaStream(step.area);
  return { streamId: area.streamId(mailboxNumber), section: area.section, decider: area.decider };
};

/**
 * A receive account names its credential; the receive-accounts decider judges it by a
 * lookup. For a credential of this mailbox the lookup is taken from the fork, so an account
 * may use a credential the same plan registers (and not one it deletes or disables first).
 */
const withForkCredential = (step: PlannedStep, fork: ReadonlyMap<string, unknown>): PlannedStep['command'] => {
  const data = step.command.data as { input?: { credentialId?: string }; oauthCredential?: OAuthCredentialLookup | null };
  const id = data.input?.credentialId;
  if (step.area !== 'receive' || !id || !fork.has(oauthCredentialStreamId(id))) return step.command;
  return { ...step.command, data: { ...data, oauthCredential: credentialLookupOf(fork.get(oauthCredentialStreamId(id)) as OAuthCredentialState) } };
};

export const planConfiguration = async (input: PlanInput): Promise<ConfigurationPlan> => {
  const { store, mailboxNumber, document, metadata } = input;
  const { states, revisions } = await loadStates(store, mailboxNumber, input.credentialIds ?? []);
  const steps = await planSteps(document, states, { ...input.context, mailboxNumber });
  const before = new Map<string, unknown>(areaStreams.map((a) => [a.streamId(mailboxNumber), states[a.key]]));
  for (const [id, c] of states.oauthCredentials) before.set(oauthCredentialStreamId(id), c);
  const fork = new Map(before);
  const pending = new Map<string, { stream: StepStream; events: (DomainEvent & { command: string })[] }>();
  const commands: PlannedCommand[] = [];
  const refusals: MailroomError[] = [];
  const warnings = [...(input.warnings ?? [])];
  steps.forEach((step, index) => {
    const stream = streamOf(step, mailboxNumber);
    const base = { index, section: stream.section, streamId: stream.streamId, type: step.command.type, path: step.path, summary: step.summary };
    let refusal: MailroomError | null = null;
    let events: readonly DomainEvent[] = [];
    if (step.refusal) {
      if (!isMailroomError(step.refusal)) throw step.refusal;
      refusal = located(step.refusal, step.path);
    } else {
      try {
        const current = fork.has(stream.streamId) ? fork.get(stream.streamId) : stream.decider.initialState();
        const decided = stream.decider.decide({ ...withForkCredential(step, fork), metadata }, current);
        events = Array.isArray(decided) ? decided : [decided as DomainEvent];
        fork.set(stream.streamId, events.reduce((state, e) => stream.decider.evolve(state, e), current));
        const entry = pending.get(stream.streamId) ?? { stream, events: [] };
        entry.events.push(...events.map((e) => ({ ...e, command: step.command.type })));
        pending.set(stream.streamId, entry);
      } catch (err) {
        if (!isMailroomError(err)) throw err;
        refusal = located(err, step.path);
      }
    }
    if (refusal) refusals.push(refusal);
    else if (step.warning) warnings.push(step.warning);
    commands.push({ ...base, eventTypes: events.map((e) => e.type), refusal });
  });
  const changes: PlannedChange[] = [];
  for (const [streamId, { stream, events }] of pending) {
    const section = configurationSections.find((s) => s.name === stream.section);
    if (!section) continue;
    const initial = stream.decider.initialState();
    // A credential is one of many in its section: its fields read `<credentialId>.<field>`.
    const prefix = stream.section === OAUTH_SECTION ? streamId.slice(oauthCredentialStreamId('').length) : '';
    // A rotated secret leaves the view at "(set)": the events say it changed, as in settingsHistory.
    let diff = diffViews(section.toView(before.has(streamId) ? before.get(streamId) : initial), section.toView(fork.get(streamId)), prefix);
    for (const e of events) diff = withSecretFields(diff, section.secretFields?.[e.type] ?? [], e.data);
    for (const c of diff) changes.push({ section: stream.section, ...c, field: prefix && !c.field.startsWith(prefix) ? `${prefix}.${c.field}` : c.field });
  }
  const appends: StreamAppend[] = [...pending].map(([streamId, { events }]) => {
    const revision = revisions.get(streamId) ?? -1;
    const appendEvents: NewEvent[] = events.map((e) => {
      const { command, ...event } = e;
      return { id: randomUUID(), type: event.type, data: event.data, metadata: toEventMetadata({ type: command, data: null, metadata }) };
    });
    return { streamId, events: appendEvents, expectedRevision: revision === -1 ? ('no_stream' as const) : revision };
  }).filter((a) => a.events.length > 0);
  const streamIds = [...new Set([...revisions.keys(), ...pending.keys()])];
  const revisionList = streamIds.map((streamId) => ({ streamId, revision: revisions.get(streamId) ?? -1 }));
  const planId = encodePlanId({ m: mailboxNumber, d: documentDigest(document), r: Object.fromEntries(revisionList.map((r) => [r.streamId, r.revision])) });
  return { planId, mailboxNumber, revisions: revisionList, commands, changes, refusals, warnings, appends };
};

/** A plan id that does not belong to this mailbox and document: a different plan was reviewed. */
export const checkPlanId = (planId: string, mailboxNumber: number, document: ConfigurationDocument): PlanIdContent => {
  const c = decodePlanId(planId);
  if (c.m !== mailboxNumber || c.d !== documentDigest(document)) {
    throw validationError(['planId'], 'Expected the plan id of this document for this mailbox; the document or mailbox differs from the one planned — plan again');
  }
  return c;
};

/** Apply refused because the plan has refusals; carries the plan so every refusal can be shown. */
export class PlanRefusedError extends MailroomError {
  constructor(readonly plan: ConfigurationPlan) {
    const first = plan.refusals[0]!;
    super(first.code, `The plan has ${plan.refusals.length} refused command(s); nothing was applied. First: ${first.message}`, { path: first.fieldPath });
  }
}

export const CHANGED_SINCE_PLAN = 'The configuration changed since it was planned (another change was applied in between); plan again and review the new plan';

/**
 * Appends the plan's events to all its streams at once, each expecting the revision the
 * reviewed plan saw: a change in between refuses everything (no lost update).
 */
export interface AppliedPlan {
  /** Position of the last appended event; null when the plan changed nothing. */
  readonly position: number | null;
  /** Stream id → position of its last appended event. */
  readonly streams: ReadonlyMap<string, number>;
}

export const applyPlan = async (store: EventStore, plan: ConfigurationPlan, seen: PlanIdContent): Promise<AppliedPlan> => {
  for (const r of plan.revisions) {
    if ((seen.r[r.streamId] ?? -1) !== r.revision) throw new MailroomError(ErrorCode.CONCURRENCY, CHANGED_SINCE_PLAN, { path: ['planId'] });
  }
  if (plan.refusals.length) throw new PlanRefusedError(plan);
  if (plan.appends.length === 0) return { position: null, streams: new Map() };
  if (!store.appendToStreams) {
    throw new MailroomError(ErrorCode.ILLEGAL_STATE, `The ${store.kind} event store cannot append to several streams at once, so a configuration cannot be applied all-or-nothing here`);
  }
  try {
    const results = await store.appendToStreams(plan.appends);
    return { position: Math.max(...results.map((r) => r.position)), streams: new Map(plan.appends.map((a, i) => [a.streamId, results[i]!.position])) };
  } catch (err) {
    if (isConcurrencyError(err)) throw new MailroomError(ErrorCode.CONCURRENCY, CHANGED_SINCE_PLAN, { path: ['planId'], cause: err });
    throw err;
  }
};
