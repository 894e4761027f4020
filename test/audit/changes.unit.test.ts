import { describe, expect, it } from 'vitest';
import { requireText } from '../../src/domain/shared/text.js';
import { describeChanges, diffViews, withSecretFields } from '../../src/app/audit/changes.js';
import { defineSection, identityMailboxSection, validateSections } from '../../src/app/audit/sections.js';
import { decodeState, encodeState } from '../../src/app/audit/stateCodec.js';
import { evolveMailbox, initialMailboxState } from '../../src/domain/identity/mailbox.decider.js';
import { configurationSections } from '../../src/app/configurationSections.js';

describe('configuration diffs', () => {
  it('reports nested fields as dotted paths with before and after, arrays whole', () => {
    const before = { name: 'Sales', members: { u1: { roles: [] } } };
    const after = { name: 'Support', members: { u1: { roles: ['AUDITOR'] }, u2: { roles: [] } } };
    expect(diffViews(before, after)).toEqual([
      { field: 'members.u1.roles', before: [], after: ['AUDITOR'], secret: false },
      { field: 'members.u2.roles', before: null, after: [], secret: false },
      { field: 'name', before: 'Sales', after: 'Support', secret: false },
    ]);
    expect(diffViews(after, after)).toEqual([]);
  });

  it('withholds secret values, and lists a rotated secret whose view did not change', () => {
    const changes = diffViews({ password: null }, { password: '(set)' });
    expect(withSecretFields(changes, [], {})).toEqual([{ field: 'password', before: null, after: null, secret: true }]);
    const rotated = withSecretFields(diffViews({ password: '(set)' }, { password: '(set)' }), ['passwordCiphertext'], { passwordCiphertext: 'v1:abc' });
    expect(rotated).toEqual([{ field: 'passwordCiphertext', before: null, after: null, secret: true }]);
    expect(describeChanges(rotated)).toBe('passwordCiphertext: changed');
    expect(describeChanges(diffViews({ port: 25 }, { port: 587 }))).toBe('port: 25 → 587');
  });
});

describe('snapshot state codec', () => {
  it('round-trips decider states holding Maps, Sets and Dates', () => {
    let state = initialMailboxState();
    state = evolveMailbox(state, { type: 'MailboxCreated', data: { number: 3, name: requireText([], 'Ops', 'name'), address: 'ops@example.com' } });
    state = evolveMailbox(state, { type: 'MailboxMemberAdded', data: { number: 3, userId: 'u1' } });
    state = evolveMailbox(state, { type: 'MailboxRoleAssigned', data: { number: 3, userId: 'u1', role: 'AUDITOR' } });
    const decoded = decodeState<typeof state>(encodeState(state));
    expect(decoded).toEqual(state);
    expect(identityMailboxSection.toView(decoded)).toEqual(identityMailboxSection.toView(state));
    const at = new Date('2030-01-01T00:00:00Z');
    expect(decodeState(encodeState({ at, tags: new Set(['a']) }))).toEqual({ at, tags: new Set(['a']) });
  });
});

describe('section registry', () => {
  it('refuses sections whose names or stream prefixes overlap', () => {
    expect(() => validateSections(configurationSections)).not.toThrow();
    const clash = defineSection({ ...identityMailboxSection, name: 'other.mailbox', streamPrefix: 'mailbox-extra-' });
    expect(() => validateSections([identityMailboxSection, clash])).toThrow(/overlap/);
  });
});
