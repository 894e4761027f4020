/**
 * Bundles the browser console (console/web) into dist/console with esbuild: every asset
 * comes from the project's own npm dependencies, so the served pages load nothing from
 * the internet. Run by `npm run build` (`node console/build.ts`) and by the browser tests.
 * Plain TypeScript only (Node strips the types), no project imports.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
export const CONSOLE_OUT_DIR = join(here, '..', 'dist', 'console');

export const buildConsole = async (outDir: string = CONSOLE_OUT_DIR): Promise<void> => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'assets'), { recursive: true });
  await build({
    entryPoints: { app: join(here, 'web', 'app.tsx'), explorer: join(here, 'web', 'explorer.tsx') },
    outdir: join(outDir, 'assets'),
    bundle: true,
    // Splitting shares one React between the app and the lazily loaded explorer.
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: false,
    jsx: 'automatic',
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    // GraphiQL's CSS embeds its fonts and icons as data: URLs; anything else stays a file.
    loader: { '.woff2': 'file', '.woff': 'file', '.svg': 'file', '.png': 'file' },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
    legalComments: 'none',
  });
  copyFileSync(join(here, 'web', 'index.html'), join(outDir, 'index.html'));
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildConsole();
}
