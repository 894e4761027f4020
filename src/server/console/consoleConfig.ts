import { resolve } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/** The browser console (src/server/console, pages in console/web). */
export interface ConsoleConfig {
  /** `MAILROOM_CONSOLE`: serve the console at /console. @default true */
  readonly enabled: boolean;
  /** `MAILROOM_CONSOLE_EXPLORER`: serve the GraphiQL explorer page (production may switch it off). @default true */
  readonly explorer: boolean;
  /** `MAILROOM_CONSOLE_ASSETS_DIR`: where the built pages are. @default dist/console of this checkout (`npm run build`) */
  readonly assetsDir: string | null;
}

const flag = (env: Env, name: string, def: boolean, problems: string[]): boolean => {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (/^(true|1|yes|on)$/i.test(raw)) return true;
  if (/^(false|0|no|off)$/i.test(raw)) return false;
  problems.push(`${name} must be true or false, got ${JSON.stringify(raw)}`);
  return def;
};

/** Reads the console settings; problems are pushed for loadConfig to report together. */
export const loadConsoleConfig = (env: Env, problems: string[]): ConsoleConfig => ({
  enabled: flag(env, 'MAILROOM_CONSOLE', true, problems),
  explorer: flag(env, 'MAILROOM_CONSOLE_EXPLORER', true, problems),
  assetsDir: env.MAILROOM_CONSOLE_ASSETS_DIR ? resolve(env.MAILROOM_CONSOLE_ASSETS_DIR) : null,
});
