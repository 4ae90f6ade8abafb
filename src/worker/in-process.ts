import { Script, createContext } from 'node:vm';
import type { ResolvedConfig } from '../config/load.js';
import { type LintJob, type LintJobResult, runLintJob } from '../lint-job.js';
import type { Template } from '../template/schema.js';
import type { JobRunner, RunOutcome } from './runner.js';

/** Calls the host function `lint` from inside a context, so that V8's watchdog can stop it. */
const CALL = new Script('lint()');

/**
 * Lints on this thread, for runs too small to pay for starting a worker. The time budget still holds:
 * the job runs through a vm script with a timeout, and V8 stops a runaway parse at the deadline.
 * (There is no separate heap limit here; the pool has one.)
 */
export class InProcessRunner implements JobRunner {
  private readonly context = createContext({ lint: () => undefined });

  constructor(
    private readonly timeoutMs: number,
    private readonly config: ResolvedConfig,
    private readonly template: Template | undefined,
  ) {}

  run(job: LintJob): Promise<RunOutcome> {
    let result: LintJobResult | undefined;
    this.context.lint = () => {
      result = runLintJob(job, this.config, this.template);
    };
    try {
      CALL.runInContext(this.context, { timeout: this.timeoutMs });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return Promise.resolve({ kind: 'timeout' });
      return Promise.resolve({ kind: 'crashed', message: error instanceof Error ? error.message : String(error), error });
    }
    return Promise.resolve(result ?? { kind: 'crashed', message: 'the lint returned nothing' });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
