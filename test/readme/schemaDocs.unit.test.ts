import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './readmeCommands.js';

/** The schema's descriptions point at the product documentation in docs/ where a rule applies. */
const schema = readFileSync(join(repoRoot, 'schema', 'schema.graphql'), 'utf8');
const references = [...schema.matchAll(/(docs\/[\w.-]+\.md)(?: §(\d+))?/g)].map((m) => ({ file: m[1]!, section: m[2] ?? null }));

describe('schema descriptions → docs/', () => {
  it('cite the product rules and how Mailroom reads the manual', () => {
    const files = new Set(references.map((r) => r.file));
    expect([...files]).toEqual(expect.arrayContaining(['docs/product-rules.md', 'docs/readings.md']));
  });

  it.each(references.map((r) => [`${r.file}${r.section ? ` §${r.section}` : ''}`, r] as const))('%s exists in the repository', (_, { file, section }) => {
    expect(existsSync(join(repoRoot, file)), file).toBe(true);
    if (section) expect(readFileSync(join(repoRoot, file), 'utf8')).toMatch(new RegExp(`^#+ ${section}\\. `, 'm'));
  });
});
