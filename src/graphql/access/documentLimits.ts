import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';

/**
 * Limits on the GraphQL document text, enforced before graphql-js parses it. The parser is
 * recursive: a list literal nested a few thousand levels deep (6 KB of `[`) overflows the
 * call stack, which surfaced as an INTERNAL error with a stack trace in the log. Counting
 * with graphql-js's own lexer (strings, block strings and comments are skipped exactly as
 * the parser skips them) is iterative and bounded by the body size limit.
 */
export interface DocumentLimits {
  /** Lexical tokens per document (graphql-js `maxTokens`). The largest operation the clients send has under 100. @default 5000 */
  readonly maxTokens: number;
  /** Open `{`, `[` and `(` at any point. Selection depth is capped at 12 by validation; arguments and input literals add a few. @default 40 */
  readonly maxNesting: number;
}

export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = { maxTokens: 5000, maxNesting: 40 };

const OPENING = new Set<TokenKind>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<TokenKind>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/** `{`, `[` and `(` in the text, counting stops just past `stopAfter`. */
const openingCharacters = (source: string, stopAfter: number): number => {
  let n = 0;
  for (let i = 0; i < source.length && n <= stopAfter; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x7b || c === 0x5b || c === 0x28) n += 1;
  }
  return n;
};

/** Apollo's code for a document that cannot be parsed; the same on HTTP and WebSocket. */
export const PARSE_FAILED = 'GRAPHQL_PARSE_FAILED';

const refused = (message: string): GraphQLError => new GraphQLError(message, { extensions: { code: PARSE_FAILED } });

/**
 * The reason `source` is refused, or null when it is within the limits. A lexical error is
 * not reported here (null): the parser reports it with its position.
 */
export const documentLimitError = (source: string, limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS): GraphQLError | null => {
  // Fast path for the usual small operation: every token takes at least one character and
  // nesting never exceeds the number of opening characters (those in strings included).
  if (source.length <= limits.maxTokens && openingCharacters(source, limits.maxNesting) <= limits.maxNesting) return null;
  const lexer = new Lexer(new Source(source));
  let tokens = 0;
  let nesting = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      tokens += 1;
      if (tokens > limits.maxTokens) return refused(`Document has more than ${limits.maxTokens} tokens; expected at most ${limits.maxTokens}`);
      if (OPENING.has(token.kind)) {
        nesting += 1;
        if (nesting > limits.maxNesting) return refused(`Document nests brackets more than ${limits.maxNesting} levels deep (at line ${token.line}, column ${token.column}); expected at most ${limits.maxNesting}`);
      } else if (CLOSING.has(token.kind)) nesting -= 1;
    }
  } catch (error) {
    if (error instanceof GraphQLError) return null;
    throw error;
  }
  return null;
};

/**
 * graphql-js lists what it knows when a name is wrong ("Did you mean "login"?"): a map
 * of the schema for whoever probes it. Removed from every message outside development
 * (the same pattern as Apollo's hideSchemaDetailsFromClientErrors, which covers HTTP only).
 */
export const withoutSuggestions = (message: string): string => message.replace(/ ?Did you mean .+?\?$/, '');
