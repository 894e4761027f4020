import type { Requester } from '../../domain/access/accessRestriction.decider.js';
import type { OAuthCredentialLookup } from '../../domain/inbound/receiveAccounts.decider.js';
import { canonicalJson } from '../../eventstore/hashChain.js';
import type { SecretRef } from './document.js';
import type { AreaKey } from './mailboxStates.js';

/**
 * One step of a plan (a command for one stream, with where in the document it comes from)
 * and what the area plans need to build one; shared by areaPlans.ts and the plans beside it.
 */
export interface PlannedStep {
  /** The area's stream, or (`oauthCredential`) the stream of credential `credentialId`. */
  readonly area: AreaKey | 'oauthCredential';
  readonly credentialId?: string;
  /** Said in the plan's warnings when the step is decided without a refusal. */
  readonly warning?: string;
  /** Where in the document the step comes from, e.g. ['inbound', 'receiveAccounts', '<id>']. */
  readonly path: readonly string[];
  readonly summary: string;
  readonly command: { readonly type: string; readonly data: unknown };
  /** A refusal known before any decider runs (e.g. a secret a reset destroyed). */
  readonly refusal?: Error;
}

export interface PlanContext {
  readonly mailboxNumber: number;
  /** Ciphertext for a new secret, null to keep the stored one; throws for a destroyed one. */
  readonly secret: (path: readonly string[], ref: SecretRef) => Promise<string | null>;
  readonly lookupOAuthCredential: (credentialId: string | null) => Promise<OAuthCredentialLookup | null>;
  /** A chat credential in plaintext, checked as addChatDestination checks it (shape, egress policy), then encrypted. */
  readonly chatCredential: (kind: string, plaintext: string) => Promise<string>;
  /** A message-channel secret in plaintext, checked as configureMessageChannel checks it, then encrypted. */
  readonly channelSecret: (channel: string, name: string, plaintext: string) => Promise<string>;
  /** Encrypts an already checked secret (a DKIM private key) under the mailbox's key. */
  readonly encrypt: (plaintext: string) => Promise<string>;
  readonly requester: Requester | null;
}

/** Key order does not matter (a state may hold { address, kind }, a document { kind, address }). */
export const same = (a: unknown, b: unknown): boolean => canonicalJson(a ?? null) === canonicalJson(b ?? null);
/** A kept secret equals whatever is stored; a new value or a restored ciphertext is a change. */
export const keepsSecret = (ref: SecretRef): boolean => 'secret' in ref;
/** Runs `secret` and turns a refusal into a step refusal rather than stopping the whole plan. */
export const secretOf = async (ctx: PlanContext, path: readonly string[], ref: SecretRef): Promise<{ ciphertext: string | null; refusal?: Error }> => {
  try {
    return { ciphertext: await ctx.secret(path, ref) };
  } catch (err) {
    return { ciphertext: null, refusal: err as Error };
  }
};

