import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../readme/readmeCommands.js';

/**
 * scripts/build-if-stale.mjs, which `npm start` and the CLI scripts run first, on a small
 * project laid out like this one: the project's own script and TypeScript, a source file,
 * and a console/build.ts that records each time it runs. The questions are which runs
 * build (a change, a deletion, --force) and which do not (nothing changed).
 */
describe('npm start builds only when a source changed (scripts/build-if-stale.mjs)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailroom-stale-'));
  const builds = () => (existsSync(join(dir, 'dist', 'console-builds.log')) ? readFileSync(join(dir, 'dist', 'console-builds.log'), 'utf8').split('\n').filter(Boolean).length : 0);
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['scripts/build-if-stale.mjs', ...args], { cwd: dir, encoding: 'utf8' });
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
  };
  /**
   * Marks a path as changed now: later than the stamp, which holds the time its build
   * started, seconds ago. (A future mtime would count as a change on every start.)
   */
  const touch = (path: string) => {
    const now = new Date();
    expect(now.getTime()).toBeGreaterThan(statSync(join(dir, 'dist', '.build-stamp')).mtimeMs);
    utimesSync(join(dir, path), now, now);
  };

  beforeAll(() => {
    mkdirSync(join(dir, 'scripts'));
    copyFileSync(join(repoRoot, 'scripts', 'build-if-stale.mjs'), join(dir, 'scripts', 'build-if-stale.mjs'));
    symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, outDir: 'dist', rootDir: '.', types: [] } }));
    writeFileSync(join(dir, 'tsconfig.build.json'), JSON.stringify({ extends: './tsconfig.json', include: ['src'] }));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'a.ts'), 'export const a: number = 1;\n');
    writeFileSync(join(dir, 'src', 'b.ts'), 'export const b: number = 2;\n');
    mkdirSync(join(dir, 'console'));
    writeFileSync(
      join(dir, 'console', 'build.ts'),
      "import { appendFileSync, mkdirSync } from 'node:fs';\nconst line: string = 'built\\n';\nmkdirSync('dist', { recursive: true });\nappendFileSync('dist/console-builds.log', line);\n",
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds a fresh checkout (tsc and the console pages), then skips while nothing changes', () => {
    expect(run()).toMatchObject({ status: 0 });
    expect(builds()).toBe(1);
    expect(readFileSync(join(dir, 'dist', 'src', 'a.js'), 'utf8')).toContain('a = 1');
    expect(run()).toMatchObject({ status: 0 });
    expect(run()).toMatchObject({ status: 0 });
    expect(builds()).toBe(1);
  });

  it('rebuilds after a source is edited, and only once', () => {
    writeFileSync(join(dir, 'src', 'a.ts'), 'export const a: number = 3;\n');
    touch('src/a.ts');
    expect(run()).toMatchObject({ status: 0 });
    expect(builds()).toBe(2);
    expect(readFileSync(join(dir, 'dist', 'src', 'a.js'), 'utf8')).toContain('a = 3');
    expect(run()).toMatchObject({ status: 0 });
    expect(builds()).toBe(2);
  });

  it('rebuilds after a source is deleted (its folder changed) or a config file changed', () => {
    rmSync(join(dir, 'src', 'b.ts'));
    touch('src');
    expect(run()).toMatchObject({ status: 0 });
    expect(builds()).toBe(3);
    touch('tsconfig.build.json');
    expect(run()).toMatchObject({ status: 0 });
    expect(builds()).toBe(4);
  });

  it('a failed build leaves no stamp, so the next start tries again; --force always builds', () => {
    writeFileSync(join(dir, 'src', 'a.ts'), 'export const a: number = "not a number";\n');
    touch('src/a.ts');
    const failed = run();
    expect(failed.status).not.toBe(0);
    expect(failed.output).toMatch(/TS2322/);
    expect(run().status).not.toBe(0);
    writeFileSync(join(dir, 'src', 'a.ts'), 'export const a: number = 4;\n');
    expect(run()).toMatchObject({ status: 0 });
    expect(builds()).toBe(5);
    expect(run('--force')).toMatchObject({ status: 0 });
    expect(builds()).toBe(6);
  });
});
