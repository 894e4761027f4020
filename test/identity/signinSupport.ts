import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult } from 'graphql';
import type { Client } from 'graphql-ws';
import { base32Decode, hotp, totpStep, TOTP_STEP_SECONDS } from '../../src/domain/identity/totp.js';

/** One query or mutation over graphql-ws, as a browser client would send it. */
export const wsRun = <R, V>(client: Client, document: TypedDocumentNode<R, V>, variables: V): Promise<ExecutionResult<R>> =>
  new Promise((resolve, reject) => {
    let result: ExecutionResult<R> | null = null;
    client.subscribe<R>(
      { query: print(document), variables: variables as Record<string, unknown> },
      { next: (v) => void (result = v as ExecutionResult<R>), error: reject, complete: () => (result ? resolve(result) : reject(new Error('no result'))) },
    );
  });

/** The code an authenticator app shows for the secret, `offset` steps from now. */
export const codeFor = (secretBase32: string, offset = 0, nowMs = Date.now()): string => hotp(base32Decode(secretBase32)!, totpStep(nowMs) + offset);

/**
 * Waits until at least `marginMs` remain in the current 30 s step, so a code computed now is
 * still in the same step when the server checks it (a test about ±1 step must not drift to ±2).
 */
export const awayFromStepEdge = async (marginMs = 4000): Promise<void> => {
  const stepMs = TOTP_STEP_SECONDS * 1000;
  const left = stepMs - (Date.now() % stepMs);
  if (left < marginMs) await new Promise((r) => setTimeout(r, left + 50));
};
