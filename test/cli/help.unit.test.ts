import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLI_EXAMPLES, leafCommands } from '../../src/cli/examples.js';
import { buildProgram } from '../../src/cli/program.js';

const helpOf = (path: string): string => {
  const leaf = leafCommands(buildProgram()).find((l) => l.path === path)!;
  let out = '';
  leaf.command.configureOutput({ writeOut: (s) => (out += s) });
  leaf.command.outputHelp();
  return out;
};

describe('mailroom --help', () => {
  const leaves = leafCommands(buildProgram()).map((l) => l.path);

  it('knows the commands', () => {
    expect(leaves).toEqual(expect.arrayContaining(['migrate', 'audit export', 'admin unlock', 'store copy']));
  });

  it.each(leaves)('`%s --help` ends with an example, and the README shows one', (path) => {
    expect(CLI_EXAMPLES[path], `add ${path} to CLI_EXAMPLES in src/cli/examples.ts`).toBeDefined();
    expect(helpOf(path)).toMatch(new RegExp(`Examples?:\\n  \\$ npm run -s mailroom -- ${path}`));
    expect(readFileSync('README.md', 'utf8')).toContain(`npm run -s mailroom -- ${path}`);
  });

  it('every example names a command that exists', () => {
    for (const path of Object.keys(CLI_EXAMPLES)) expect(leaves).toContain(path);
  });
});
