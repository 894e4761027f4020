import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

/**
 * Paths redacted wherever they appear in a log object: secrets must never reach logs,
 * even when a whole input or header map is logged by mistake.
 */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'privateKey',
  '*.privateKey',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'connectionParams.authorization',
];

export const createLogger = (level: LogLevel, destination?: NodeJS.WritableStream): Logger =>
  pino(
    {
      level,
      base: { service: 'mailroom' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination as pino.DestinationStream | undefined,
  );
