import { alreadyExists, illegalState, notFound, validationError } from '../shared/errors.js';
import type { DomainEvent } from '../shared/decider.js';
import { requireOneOf, requirePositiveInteger, requireUuid } from '../identity/validation.js';
import { requireBoolean } from '../inbound/validation.js';
import type { MailboxSettingsWiped } from '../shared/mailboxReset.js';
import { assertNever, type Command, type Decider } from '../shared/decider.js';
import { parseUrlTemplate } from './urlTemplate.js';
import { requireText, type CheckedText } from '../shared/text.js';

/**
 * External system calls (外部システム呼び出しの設定) of one mailbox: named URL templates the
 * mail screen opens with values of the mail filled in (syntax in ./urlTemplate.ts).
 * Stream `external-calls-<mailboxNumber>`.
 *
 * Rules (all of them live here):
 * - Name 1–100 characters, unique in the mailbox (case-insensitive: the UI shows them as
 *   buttons side by side). At most 50 calls per mailbox.
 * - The URL template is http(s) with a fixed host (`javascript:` and the like are refused);
 *   placeholders are the known ones only.
 * - Method GET or POST (POST sends the query as a form body); encoding UTF_8 or SHIFT_JIS
 *   (older Japanese systems read Shift_JIS parameters).
 * - Unchanged edits append nothing; a removed call's id is never reused.
 */

export const ExternalCallMethod = { GET: 'GET', POST: 'POST' } as const;
export type ExternalCallMethod = (typeof ExternalCallMethod)[keyof typeof ExternalCallMethod];
export const ExternalCallEncoding = { UTF_8: 'UTF_8', SHIFT_JIS: 'SHIFT_JIS' } as const;
export type ExternalCallEncoding = (typeof ExternalCallEncoding)[keyof typeof ExternalCallEncoding];

export const MAX_EXTERNAL_CALLS = 50;
export const externalCallsStreamId = (mailboxNumber: number): string => `external-calls-${mailboxNumber}`;

export interface ExternalCallFields {
  readonly name: string;
  readonly urlTemplate: string;
  readonly method: ExternalCallMethod;
  readonly encoding: ExternalCallEncoding;
  readonly openInNewWindow: boolean;
}

// ---- Commands ----
interface CallRef {
  readonly mailboxNumber: number;
  readonly callId: string;
}
export type AddExternalCall = Command<'AddExternalCall', CallRef & ExternalCallFields>;
export type ChangeExternalCall = Command<'ChangeExternalCall', CallRef & Partial<ExternalCallFields>>;
export type RemoveExternalCall = Command<'RemoveExternalCall', CallRef>;
export type ExternalCallsCommand = AddExternalCall | ChangeExternalCall | RemoveExternalCall;

// ---- Events ----
/** What is stored: the name as the text rule made it, so the decider cannot store raw input (only `requireText` makes one). */
export type StoredExternalCallFields = Omit<ExternalCallFields, 'name'> & { readonly name: CheckedText<'name'> };
export type ExternalCallAdded = DomainEvent<'ExternalCallAdded', CallRef & StoredExternalCallFields>;
export type ExternalCallChanged = DomainEvent<'ExternalCallChanged', CallRef & StoredExternalCallFields & { readonly changedFields: readonly string[] }>;
export type ExternalCallRemoved = DomainEvent<'ExternalCallRemoved', CallRef & { readonly name: string }>;
export type ExternalCallsEvent = ExternalCallAdded | ExternalCallChanged | ExternalCallRemoved
  | MailboxSettingsWiped;

export const externalCallsEventTypes = ['ExternalCallAdded', 'ExternalCallChanged', 'ExternalCallRemoved', 'MailboxSettingsWiped'] as const satisfies readonly ExternalCallsEvent['type'][];

// ---- State ----
export interface ExternalCallsState {
  readonly calls: ReadonlyMap<string, ExternalCallFields>;
  readonly removed: ReadonlySet<string>;
}

export const initialExternalCallsState = (): ExternalCallsState => ({ calls: new Map(), removed: new Set() });

const fieldNames = ['name', 'urlTemplate', 'method', 'encoding', 'openInNewWindow'] as const;

const validFields = (f: ExternalCallFields): StoredExternalCallFields => {
  const urlTemplate = f.urlTemplate;
  parseUrlTemplate(['urlTemplate'], urlTemplate);
  return {
    name: requireText(['name'], f.name, 'name'),
    urlTemplate,
    method: requireOneOf(['method'], f.method, Object.values(ExternalCallMethod)),
    encoding: requireOneOf(['encoding'], f.encoding, Object.values(ExternalCallEncoding)),
    openInNewWindow: requireBoolean(['openInNewWindow'], f.openInNewWindow),
  };
};

const requireUniqueName = (state: ExternalCallsState, callId: string, name: string): void => {
  const key = name.toLowerCase();
  for (const [id, call] of state.calls) {
    if (id !== callId && call.name.toLowerCase() === key) {
      throw alreadyExists(`An external call named "${call.name}" already exists in this mailbox; choose another name`, ['name']);
    }
  }
};

const requireCall = (state: ExternalCallsState, callId: string): ExternalCallFields => {
  const call = state.calls.get(callId);
  if (call) return call;
  if (state.removed.has(callId)) throw illegalState(`External call ${callId} was removed`, ['callId']);
  throw notFound('External call', callId, ['callId']);
};

const add = ({ data }: AddExternalCall, state: ExternalCallsState): ExternalCallAdded => {
  const callId = requireUuid(['callId'], data.callId);
  if (state.calls.has(callId) || state.removed.has(callId)) throw alreadyExists(`External call ${callId} already exists`, ['callId']);
  if (state.calls.size >= MAX_EXTERNAL_CALLS) {
    throw validationError([], `A mailbox has at most ${MAX_EXTERNAL_CALLS} external calls; remove one before adding another`);
  }
  const fields = validFields(data);
  requireUniqueName(state, callId, fields.name);
  return { type: 'ExternalCallAdded', data: { mailboxNumber: requirePositiveInteger(['mailboxNumber'], data.mailboxNumber), callId, ...fields } };
};

const change = ({ data }: ChangeExternalCall, state: ExternalCallsState): ExternalCallChanged[] => {
  const current = requireCall(state, data.callId);
  const next = validFields({
    name: data.name ?? current.name,
    urlTemplate: data.urlTemplate ?? current.urlTemplate,
    method: data.method ?? current.method,
    encoding: data.encoding ?? current.encoding,
    openInNewWindow: data.openInNewWindow ?? current.openInNewWindow,
  });
  requireUniqueName(state, data.callId, next.name);
  const changedFields = fieldNames.filter((f) => next[f] !== current[f]);
  if (changedFields.length === 0) return [];
  return [{ type: 'ExternalCallChanged', data: { mailboxNumber: data.mailboxNumber, callId: data.callId, ...next, changedFields } }];
};

export const decideExternalCalls = (command: ExternalCallsCommand, state: ExternalCallsState): ExternalCallsEvent | readonly ExternalCallsEvent[] => {
  switch (command.type) {
    case 'AddExternalCall':
      return add(command, state);
    case 'ChangeExternalCall':
      return change(command, state);
    case 'RemoveExternalCall': {
      const current = requireCall(state, command.data.callId);
      return { type: 'ExternalCallRemoved', data: { mailboxNumber: command.data.mailboxNumber, callId: command.data.callId, name: current.name } };
    }
    default:
      return assertNever(command);
  }
};

const fieldsOf = (d: ExternalCallFields): ExternalCallFields => ({
  name: d.name,
  urlTemplate: d.urlTemplate,
  method: d.method,
  encoding: d.encoding,
  openInNewWindow: d.openInNewWindow,
});

export const evolveExternalCalls = (state: ExternalCallsState, event: ExternalCallsEvent): ExternalCallsState => {
  switch (event.type) {
    case 'ExternalCallAdded':
    case 'ExternalCallChanged':
      return { ...state, calls: new Map(state.calls).set(event.data.callId, fieldsOf(event.data)) };
    case 'ExternalCallRemoved': {
      const calls = new Map(state.calls);
      calls.delete(event.data.callId);
      return { calls, removed: new Set(state.removed).add(event.data.callId) };
    }
    case 'MailboxSettingsWiped':
      return initialExternalCallsState();
    default:
      return assertNever(event);
  }
};

export const externalCallsDecider: Decider<ExternalCallsState, ExternalCallsCommand, ExternalCallsEvent> = {
  decide: decideExternalCalls,
  evolve: evolveExternalCalls,
  initialState: initialExternalCallsState,
};
