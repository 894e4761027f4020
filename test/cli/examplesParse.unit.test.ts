import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { CLI_EXAMPLES, leafCommands } from '../../src/cli/examples.js';
import { buildProgram } from '../../src/cli/program.js';

/** Words of a shell line as the shell would pass them: quotes removed, `# comment` and `> file` cut. */
const shellWords = (line: string): string[] => {
  const words: string[] = [];
  let word: string | null = null;
  let quote: string | null = null;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = null;
      else word = (word ?? '') + ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      word ??= '';
    } else if (/\s/.test(ch)) {
      if (word !== null) words.push(word);
      word = null;
    } else if ((ch === '#' || ch === '>' || ch === '|') && word === null) {
      break;
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (word !== null) words.push(word);
  return words;
};

/**
 * Parses a command line with the real command tree, its actions replaced by a no-op: an
 * unknown option, a missing argument or required option, or a command that no longer
 * exists throws as it would for the user.
 */
const parse = (words: readonly string[]): string => {
  const program = buildProgram();
  let ran: string | null = null;
  const quiet = (c: Command) => c.exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)];
  for (const c of all(program)) quiet(c);
  for (const { path, command } of leafCommands(program)) command.action(() => void (ran = path));
  program.parse([...words], { from: 'user' });
  if (!ran) throw new Error(`no command ran for: ${words.join(' ')}`);
  return ran;
};

const readmeLines = (): string[] => {
  const text = readFileSync('README.md', 'utf8').replace(/\\\n\s*/g, ' ');
  return [...text.matchAll(/npm run -s mailroom -- ([^`\n]+)/g)].map((m) => m[1]!).filter((l) => !l.startsWith('<'));
};

describe('every documented CLI example is a valid command line', () => {
  const examples = Object.entries(CLI_EXAMPLES).flatMap(([path, lines]) => lines.map((line) => [path, line] as const));

  it.each(examples)('`%s --help`: mailroom %s', (path, line) => {
    expect(parse(shellWords(line))).toBe(path);
  });

  it('finds the README\'s command lines', () => {
    expect(readmeLines().length).toBeGreaterThanOrEqual(Object.keys(CLI_EXAMPLES).length);
  });

  it.each(readmeLines())('README: npm run -s mailroom -- %s', (line) => {
    expect(() => parse(shellWords(line))).not.toThrow();
  });

  it('the parser refuses what the user would get refused', () => {
    expect(() => parse(shellWords('audit export --mailbox 1 --no-such-option'))).toThrow(/unknown option/);
    expect(() => parse(shellWords('admin unlokc alice'))).toThrow();
    expect(() => parse(shellWords('admin access enable 1'))).toThrow();
    expect(() => parse(shellWords("admin unlock --reason 'x'"))).toThrow(/missing required argument/);
  });
});
