import { describe, expect, it } from 'vitest';
import { maskEventData, plannedChangeOf } from '../../src/app/audit/plannedChanges.js';
import { identityMailboxSection, SECRET_SET } from '../../src/app/audit/sections.js';
import { initialMailboxState } from '../../src/domain/identity/mailbox.decider.js';
import type { PlannedEvent } from '../../src/eventstore/dryRun.js';

const CIPHERTEXT = 'v1.00000000-0000-0000-0000-000000000000.aXY.dGFn.ZGF0YQ';

const planned = (over: Partial<PlannedEvent>): PlannedEvent => ({
  streamId: 'user-1',
  type: 'Tested',
  data: {},
  metadata: { actorId: null, correlationId: 'c' },
  expectedRevision: -1,
  stateBefore: null,
  stateAfter: null,
  ...over,
});

describe('maskEventData', () => {
  it('masks declared secret fields, secret-named keys and ciphertext- or hash-shaped values at any depth', () => {
    const masked = maskEventData(
      {
        host: 'smtp.example.com',
        token: 'declared',
        auth: { user: 'u', passwordCiphertext: CIPHERTEXT },
        passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
        oddlyNamed: CIPHERTEXT,
        list: [CIPHERTEXT, 'plain'],
        cleared: null,
      },
      ['token'],
    );
    expect(masked).toEqual({
      host: 'smtp.example.com',
      token: SECRET_SET,
      auth: { user: 'u', passwordCiphertext: SECRET_SET },
      passwordHash: SECRET_SET,
      oddlyNamed: SECRET_SET,
      list: [SECRET_SET, 'plain'],
      cleared: null,
    });
  });
});

describe('plannedChangeOf', () => {
  it('given a stream with a section, then before/after come from the section views of the states around the event', () => {
    const before = identityMailboxSection.evolve(initialMailboxState(), { type: 'MailboxCreated', data: { number: 3, name: 'Sales', address: 'sales@example.com' } });
    const after = identityMailboxSection.evolve(before, { type: 'MailboxRenamed', data: { number: 3, name: 'Support' } });
    const change = plannedChangeOf(planned({ streamId: 'mailbox-3', type: 'MailboxRenamed', data: { number: 3, name: 'Support' }, stateBefore: before, stateAfter: after, expectedRevision: 0 }));
    expect(change).toMatchObject({ section: 'identity.mailbox', expectedRevision: 0, summary: 'name: "Sales" → "Support"', changes: [{ field: 'name', before: 'Sales', after: 'Support', secret: false }] });
  });

  it('given a stream without a section, then the event fields are the change and secrets read "changed"', () => {
    const change = plannedChangeOf(planned({ type: 'UserRegistered', data: { username: 'erin', passwordHash: '$argon2id$v=19$x' } }));
    expect(change.section).toBeNull();
    expect(change.changes).toEqual([
      { field: 'username', before: null, after: 'erin', secret: false },
      { field: 'passwordHash', before: null, after: null, secret: true },
    ]);
    expect(change.summary).toBe('username: (none) → "erin"; passwordHash: changed');
    expect(JSON.stringify(change)).not.toContain('argon2');
  });
});
