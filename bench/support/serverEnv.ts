/**
 * The environment a bench starts the real server with: its own data dir, an ephemeral port
 * on loopback, production mode (as the Docker image runs) and no logs; `extra` adds or
 * overrides what the bench is about.
 */
export const benchServerEnv = (dataDir: string, adminPassword: string, extra: Readonly<Record<string, string>> = {}): Record<string, string> => ({
  MAILROOM_DATA_DIR: dataDir,
  PORT: '0',
  HOST: '127.0.0.1',
  MAILROOM_ADMIN_PASSWORD: adminPassword,
  NODE_ENV: 'production',
  LOG_LEVEL: 'silent',
  ...extra,
});
