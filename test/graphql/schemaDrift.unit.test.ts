import { readFileSync } from 'node:fs';
import { generate, loadContext } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import { buildMailroomSchema } from '../../src/graphql/schema.js';
import { SCHEMA_FILE, schemaText } from '../../src/graphql/schemaText.js';

describe('committed GraphQL artefacts', () => {
  it('schema/schema.graphql equals the schema built from the resolvers (run `npm run schema:emit`)', async () => {
    const built = schemaText(await buildMailroomSchema());
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(built);
  });

  it('test/generated/graphql.ts equals what codegen makes of the operations (run `npm run codegen`)', async () => {
    const context = await loadContext('codegen.yml');
    const outputs = await generate(context, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const out of outputs as { filename: string; content: string }[]) {
      expect(readFileSync(out.filename, 'utf8'), out.filename).toBe(out.content);
    }
  });
});
