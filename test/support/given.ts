import { expect } from 'vitest';
import type { Command, CommandMetadata, Decider, DomainEvent } from '../../src/domain/shared/decider.js';
import { isMailroomError, type ErrorCode } from '../../src/domain/shared/errors.js';
import type { CheckedText } from '../../src/domain/shared/text.js';

/**
 * Decider specifications that read like the rule they pin:
 *
 *   given(mailboxDecider, [created]).when(rename).then([renamed]);
 *   given(mailboxDecider).when(create).thenThrows('VALIDATION', ['name']);
 *
 * `thenThrows` checks the stable error code, plus the field path (array), a message
 * fragment (string) or a message pattern (RegExp).
 */

/**
 * An event as a test writes it: checked texts (src/domain/shared/text.ts) as plain string
 * literals. Only the type is loosened; `then` still compares the values exactly.
 */
export type Unchecked<T> = T extends CheckedText ? string : T extends readonly (infer U)[] ? readonly Unchecked<U>[] : T extends object ? { [K in keyof T]: Unchecked<T[K]> } : T;

export const FIXED_NOW = new Date('2030-01-02T03:04:05.000Z');

export const testMetadata = (overrides: Partial<CommandMetadata> = {}): CommandMetadata => ({
  now: FIXED_NOW,
  actorId: null,
  correlationId: 'test-correlation',
  ...overrides,
});

const toArray = <E>(decided: E | readonly E[]): readonly E[] => (Array.isArray(decided) ? decided : [decided as E]);

export type ErrorMatcher = readonly string[] | string | RegExp;

export const given = <S, C extends Command, E extends DomainEvent>(decider: Decider<S, C, E>, events: readonly NoInfer<Unchecked<E>>[] = []) => {
  const state = (events as readonly E[]).reduce(decider.evolve, decider.initialState());
  return {
    when: (command: C) => {
      const run = () => toArray(decider.decide(command, state));
      return {
        then: (expected: Unchecked<E> | readonly Unchecked<E>[]): void => {
          expect(run()).toEqual(toArray(expected));
        },
        thenNothing: (): void => {
          expect(run()).toEqual([]);
        },
        thenThrows: (code: ErrorCode, matcher?: ErrorMatcher): void => {
          let thrown: unknown;
          try {
            const produced = run();
            thrown = new Error(`Expected ${code} but the decider produced ${JSON.stringify(produced)}`);
          } catch (e) {
            thrown = e;
          }
          if (!isMailroomError(thrown)) throw thrown;
          expect(thrown.code, thrown.message).toBe(code);
          if (Array.isArray(matcher)) expect(thrown.fieldPath).toEqual(matcher);
          else if (typeof matcher === 'string') expect(thrown.message).toContain(matcher);
          else if (matcher instanceof RegExp) expect(thrown.message).toMatch(matcher);
        },
      };
    },
  };
};
