import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

export const SCHEMA_FILE = 'schema/schema.graphql';

const HEADER = '# Generated from the resolvers by `npm run schema:emit`. Do not edit by hand.\n\n';

/** Sorted, so the committed file changes only when the schema does. */
export const schemaText = (schema: GraphQLSchema): string => HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
