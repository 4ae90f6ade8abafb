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
  private readonly templates = new WeakMap<ResolvedConfig, Template | undefined>();

  /** `templateName` (--template) is looked up in each file's config, as a worker does; `template` is its resolution in the run's config. */
  constructor(
    private readonly timeoutMs: number,
    private readonly configFor: (absolutePath: string) => ResolvedConfig,
    private readonly template: Template | undefined,
    private readonly templateName?: string,
  ) {}

  private templateFor(config: ResolvedConfig, cwd: string): Template | undefined {
    if (this.templateName === undefined) return this.template;
    if (!this.templates.has(config)) this.templates.set(config, config.registry.resolve(this.templateName, cwd));
    return this.templates.get(config);
  }

  run(job: LintJob): Promise<RunOutcome> {
    try {
      const config = this.configFor(job.absolutePath);
      const template = this.templateFor(config, job.cwd);
      const timed = runWithin(this.timeoutMs, () => runLintJob(job, config, template));
      return Promise.resolve(timed.finished ? timed.value : { kind: 'timeout' });
    } catch (error) {
      return Promise.resolve({ kind: 'crashed', message: error instanceof Error ? error.message : String(error), error });
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
