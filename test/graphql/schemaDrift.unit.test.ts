import { readFileSync, writeFileSync } from 'node:fs';
import { generate, loadContext } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import { buildMailroomSchema } from '../../src/graphql/schema.js';
import { SCHEMA_FILE, schemaText } from '../../src/graphql/schemaText.js';

/**
 * The committed schema and generated client types must match the code. `npm run
 * generate` runs this file with MAILROOM_WRITE_GENERATED=1 to rewrite them instead.
 */
const write = process.env.MAILROOM_WRITE_GENERATED === '1';

describe('committed GraphQL artefacts', () => {
  it('schema/schema.graphql equals the schema built from the resolvers (run `npm run generate`)', async () => {
    const built = schemaText(await buildMailroomSchema());
    if (write) writeFileSync(SCHEMA_FILE, built);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(built);
  });

  // The tests' operations, and the example client's that frontend teams copy.
  it.each(['codegen.yml', 'examples/client/codegen.yml'])('the output of %s equals what codegen makes of the operations (run `npm run generate`)', async (config) => {
    const context = await loadContext(config);
    const outputs = (await generate(context, false)) as { filename: string; content: string }[];
    expect(outputs.length).toBeGreaterThan(0);
    for (const out of outputs) {
      if (write) writeFileSync(out.filename, out.content);
      expect(readFileSync(out.filename, 'utf8'), out.filename).toBe(out.content);
    }
  });
});
