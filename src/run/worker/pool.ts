import type { LintJob } from '../lint-job.js';
import type { JobRunner, LintRunner, RunOutcome } from './runner.js';

interface Queued {
  job: LintJob;
  resolve: (outcome: RunOutcome) => void;
}

/**
 * A fixed number of lint workers, each running one job at a time under the time budget; jobs wait
 * in a queue for the next free worker. Workers start when first needed.
 */
export class LintPool implements JobRunner {
  private readonly idle: LintRunner[] = [];
  private readonly all: LintRunner[] = [];
  private readonly queue: Queued[] = [];

  constructor(
    readonly size: number,
    private readonly makeRunner: () => LintRunner,
  ) {}

  run(job: LintJob): Promise<RunOutcome> {
    return new Promise((resolve) => {
      this.queue.push({ job, resolve });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let runner = this.idle.pop();
      if (!runner && this.all.length < this.size) {
        runner = this.makeRunner();
        this.all.push(runner);
      }
      if (!runner) return;
      const next = this.queue.shift();
      if (!next) return;
      const worker = runner;
      void worker.run(next.job).then((outcome) => {
        this.idle.push(worker);
        next.resolve(outcome);
        this.pump();
      });
    }
  }

  /** Whether one of its workers is up (has started and not died since). */
  anyStarted(): boolean {
    return this.all.some((runner) => runner.started());
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((runner) => runner.close()));
  }
}
