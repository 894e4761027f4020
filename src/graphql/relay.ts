import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { validationError } from '../domain/shared/errors.js';

@ObjectType({ description: 'Relay cursor pagination state.' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1 to 100. Default 20.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the previous page.' })
  after?: string | null;
}

export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  readonly limit: number;
  /** Decoded sort key of the `after` cursor, or null for the first page. */
  readonly after: string | null;
}

/**
 * Cursors are opaque to clients (base64url of the sort key). Keyset pagination: the
 * repository reads `limit + 1` rows after the key to learn whether a next page exists.
 */
export const encodeCursor = (key: string): string => Buffer.from(`c:${key}`).toString('base64url');

export const decodeCursor = (cursor: string): string => {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!raw.startsWith('c:')) throw validationError(['after'], `Expected a cursor returned by this API, got ${JSON.stringify(cursor)}`);
  return raw.slice(2);
};

export const pageRequest = (args: ConnectionArgs): PageRequest => {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw validationError(['first'], `Expected first to be from 1 to ${MAX_PAGE_SIZE}, got ${first}`);
  }
  return { limit: first, after: args.after ? decodeCursor(args.after) : null };
};

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/** Builds a connection from `limit + 1` rows fetched after the cursor. */
export const toConnection = <Row, T>(
  rows: readonly Row[],
  page: PageRequest,
  keyOf: (row: Row) => string,
  toNode: (row: Row) => T,
): Connection<T> => {
  const visible = rows.slice(0, page.limit);
  const edges = visible.map((r) => ({ cursor: encodeCursor(keyOf(r)), node: toNode(r) }));
  return {
    edges,
    pageInfo: Object.assign(new PageInfo(), {
      hasNextPage: rows.length > page.limit,
      hasPreviousPage: page.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    }),
  };
};

/** `XConnection` / `XEdge` object types for a node type. */
export const connectionTypes = <T extends object>(name: string, node: ClassType<T>) => {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => String)
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return { EdgeType, ConnectionType };
};
