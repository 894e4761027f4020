/**
 * Reads the shell blocks of a README section, so a test can run what the README tells a
 * new user to type, literally, with only the documented placeholders filled in.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const repoRoot = resolve(dirname(new URL(import.meta.url).pathname), '../..');

/** The ```sh blocks under the `## heading` (up to the next `## `), in order. */
export const shellBlocks = (markdownFile: string, heading: string): string[] => {
  const text = readFileSync(join(repoRoot, markdownFile), 'utf8');
  const start = text.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`${markdownFile} has no section "## ${heading}"`);
  const end = text.indexOf('\n## ', start + 4);
  const section = text.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
};

/** Relative links `[text](target)` of a Markdown file whose target does not exist. */
export const brokenLinks = (markdownFile: string): string[] => {
  const text = readFileSync(join(repoRoot, markdownFile), 'utf8').replace(/```[\s\S]*?```/g, '');
  const broken: string[] = [];
  for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1]!.split('#')[0]!;
    if (!target || /^[a-z]+:/i.test(target)) continue;
    if (!existsSync(resolve(dirname(join(repoRoot, markdownFile)), target))) broken.push(m[1]!);
  }
  return broken;
};

/** `npm run <script>` names a Markdown file uses. */
export const npmScripts = (markdownFile: string): string[] => {
  const text = readFileSync(join(repoRoot, markdownFile), 'utf8');
  return [...new Set([...text.matchAll(/npm run (?:-s |--silent )?([a-z][\w:-]*)/g)].map((m) => m[1]!))];
};
