import type { DocumentNode } from 'graphql';

export interface DocumentCacheOptions {
  /** Distinct documents kept; the least recently used goes first. @default 500 */
  readonly maxEntries?: number;
  /** Longer sources are parsed every time rather than kept. @default 20 000 characters */
  readonly maxSourceLength?: number;
}

/**
 * Parsed and validated documents of the WebSocket transport, by source text. A thousand
 * clients of one application subscribe with the same few documents; parsing each
 * subscribe anew kept a private AST (with its token list, for error locations) alive per
 * open subscription, a large part of Mailroom's memory per idle subscriber. graphql-js
 * never mutates a document, so one parsed copy serves every subscription of that source.
 * Only documents that passed validation are kept: validation depends on the document, the
 * schema and the rules alone, all fixed for the server's life, so a hit skips both steps.
 */
export class DocumentCache {
  private readonly entries = new Map<string, DocumentNode>();
  private readonly maxEntries: number;
  private readonly maxSourceLength: number;

  constructor(options: DocumentCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 500;
    this.maxSourceLength = options.maxSourceLength ?? 20_000;
  }

  get size(): number {
    return this.entries.size;
  }

  get(source: string): DocumentNode | undefined {
    const document = this.entries.get(source);
    if (document) {
      // Map keeps insertion order: re-inserting marks it the most recently used.
      this.entries.delete(source);
      this.entries.set(source, document);
    }
    return document;
  }

  /** Keeps a document that parsed and validated without errors. */
  set(source: string, document: DocumentNode): void {
    if (source.length > this.maxSourceLength) return;
    this.entries.delete(source);
    this.entries.set(source, document);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
