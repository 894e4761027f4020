import { describe, it } from 'vitest';
import {
  externalCallsDecider,
  MAX_EXTERNAL_CALLS,
  type AddExternalCall,
  type ExternalCallAdded,
  type StoredExternalCallFields,
} from '../../../src/domain/integrations/externalCalls.decider.js';
import { requireText } from '../../../src/domain/shared/text.js';
import { given, testMetadata } from '../../support/given.js';

/** A name as the decider stores it (only the text rule makes one). */
const checked = (name: string) => requireText([], name, 'name');

const CALL = '5b1c2f9e-4a61-4c39-9e0a-0d7d3f4b2a10';
const OTHER = '0f3e1d2c-1b2a-4c3d-8e4f-5a6b7c8d9e0f';
const metadata = testMetadata();
const fields: StoredExternalCallFields = {
  name: checked('CRM'),
  urlTemplate: 'https://crm.example.com/search?from={senderAddress}&subject={subject}',
  method: 'GET',
  encoding: 'UTF_8',
  openInNewWindow: true,
};
const add = (data: Partial<AddExternalCall['data']> = {}): AddExternalCall => ({
  type: 'AddExternalCall',
  data: { mailboxNumber: 1, callId: CALL, ...fields, ...data },
  metadata,
});
const added = (data: Partial<ExternalCallAdded['data']> = {}): ExternalCallAdded => ({
  type: 'ExternalCallAdded',
  data: { mailboxNumber: 1, callId: CALL, ...fields, ...data },
});

describe('external calls decider', () => {
  it('adds a call with a trimmed name', () => {
    given(externalCallsDecider).when(add({ name: '  CRM ' })).then(added());
  });

  it('refuses a javascript: template', () => {
    given(externalCallsDecider).when(add({ urlTemplate: 'javascript:alert(1)' })).thenThrows('VALIDATION', ['urlTemplate']);
  });

  it('refuses unknown methods and encodings', () => {
    given(externalCallsDecider).when(add({ method: 'PUT' as never })).thenThrows('VALIDATION', ['method']);
    given(externalCallsDecider).when(add({ encoding: 'EUC_JP' as never })).thenThrows('VALIDATION', ['encoding']);
  });

  it('refuses a second call with the same name, whatever the case', () => {
    given(externalCallsDecider, [added()]).when(add({ callId: OTHER, name: 'crm' })).thenThrows('ALREADY_EXISTS', ['name']);
  });

  it('refuses more than the maximum number of calls', () => {
    const many = Array.from({ length: MAX_EXTERNAL_CALLS }, (_, i) =>
      added({ callId: `5b1c2f9e-4a61-4c39-9e0a-${String(i).padStart(12, '0')}`, name: checked(`Call ${i}`) }),
    );
    given(externalCallsDecider, many).when(add({ callId: OTHER, name: 'One more' })).thenThrows('VALIDATION', 'at most 50');
  });

  it('changes only what differs and lists it', () => {
    given(externalCallsDecider, [added()])
      .when({ type: 'ChangeExternalCall', data: { mailboxNumber: 1, callId: CALL, encoding: 'SHIFT_JIS', method: 'POST' }, metadata })
      .then({ type: 'ExternalCallChanged', data: { mailboxNumber: 1, callId: CALL, ...fields, encoding: 'SHIFT_JIS', method: 'POST', changedFields: ['method', 'encoding'] } });
  });

  it('appends nothing for an unchanged edit', () => {
    given(externalCallsDecider, [added()]).when({ type: 'ChangeExternalCall', data: { mailboxNumber: 1, callId: CALL, name: 'CRM' }, metadata }).thenNothing();
  });

  it('refuses to change an unknown call, and a removed one', () => {
    given(externalCallsDecider).when({ type: 'ChangeExternalCall', data: { mailboxNumber: 1, callId: CALL, name: 'x' }, metadata }).thenThrows('NOT_FOUND', ['callId']);
    given(externalCallsDecider, [added(), { type: 'ExternalCallRemoved', data: { mailboxNumber: 1, callId: CALL, name: 'CRM' } }])
      .when({ type: 'ChangeExternalCall', data: { mailboxNumber: 1, callId: CALL, name: 'x' }, metadata })
      .thenThrows('ILLEGAL_STATE', ['callId']);
  });

  it('removes a call, frees its name, and never reuses its id', () => {
    const removed = { type: 'ExternalCallRemoved' as const, data: { mailboxNumber: 1, callId: CALL, name: 'CRM' } };
    given(externalCallsDecider, [added()]).when({ type: 'RemoveExternalCall', data: { mailboxNumber: 1, callId: CALL }, metadata }).then(removed);
    given(externalCallsDecider, [added(), removed]).when(add({ callId: OTHER })).then(added({ callId: OTHER }));
    given(externalCallsDecider, [added(), removed]).when(add()).thenThrows('ALREADY_EXISTS', ['callId']);
  });
});
