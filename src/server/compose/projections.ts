import { configurationSections } from '../../app/configurationSections.js';
import { NoticeLanguageService } from '../../app/integrations/noticeLanguageService.js';
import { serverProjections } from '../../projections/all.js';
import { ProjectionRunner, type ProjectionLogger } from '../../projections/runner.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { projectionLeadership } from '../projectionLeadership.js';
import type { Storage } from './storage.js';
import { late } from './late.js';

/** A mutation waits this long for its read model before answering (read-your-writes). */
const READ_YOUR_WRITES_TIMEOUT_MS = 5_000;

export interface Projections {
  readonly runner: ProjectionRunner;
  /** Waits until the read models have applied `position` (read-your-writes after a command). */
  readonly afterAppend: (position: number) => Promise<void>;
  /** Waits up to `timeoutMs` for the read models to reach `position` (subscriptions, audit). */
  readonly settled: (position: number, timeoutMs: number) => Promise<void>;
  readonly noticeLanguage: NoticeLanguageService;
}

const projectionLogger = (logger: Logger): ProjectionLogger => ({
  info: (msg, fields) => logger.info(fields ?? {}, msg),
  warn: (msg, fields) => logger.warn(fields ?? {}, msg),
  error: (msg, fields) => logger.error(fields ?? {}, msg),
});

/**
 * The projection runner (read models, reactors, leadership across instances), started.
 * The reactors among the projections need the notice language, whose service waits for the
 * runner after its own commands: the runner is late-bound, and only mutations (after start) wait.
 */
export const startProjections = async (config: Config, logger: Logger, storage: Storage): Promise<Projections> => {
  const { store } = storage;
  const runnerCell = late<ProjectionRunner>('the projection runner');
  const afterAppend = (position: number): Promise<void> => runnerCell.get().waitForPosition(position, READ_YOUR_WRITES_TIMEOUT_MS);
  const noticeLanguage = new NoticeLanguageService({ store, deploymentDefault: config.chat.language, afterAppend });
  const log = projectionLogger(logger);
  const runner = new ProjectionRunner({
    store,
    db: storage.readModels.db,
    projections: serverProjections({ language: noticeLanguage.languageOf, sections: configurationSections }),
    logger: log,
    ...projectionLeadership(config, log),
  });
  runnerCell.set(runner);
  await runner.start();
  const settled = (position: number, timeoutMs: number) => runner.waitForPosition(position, timeoutMs);
  return { runner, afterAppend, settled, noticeLanguage };
};
