import type { ResolvedConfig } from '../../config/load.js';
import { type LintJob, runLintJob } from '../lint-job.js';
import { runWithin } from '../time-budget.js';
import type { Template } from '../../template/schema.js';
import type { JobRunner, RunOutcome } from './runner.js';

/**
 * Lints on this thread, for runs too small to pay for starting a worker. The time budget still holds
 * (see runWithin). (There is no separate heap limit here; the pool has one.)
 */
export class InProcessRunner implements JobRunner {
  constructor(
    private readonly timeoutMs: number,
    private readonly config: ResolvedConfig,
    private readonly template: Template | undefined,
  ) {}

  run(job: LintJob): Promise<RunOutcome> {
    try {
      const timed = runWithin(this.timeoutMs, () => runLintJob(job, this.config, this.template));
      return Promise.resolve(timed.finished ? timed.value : { kind: 'timeout' });
    } catch (error) {
      return Promise.resolve({ kind: 'crashed', message: error instanceof Error ? error.message : String(error), error });
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
