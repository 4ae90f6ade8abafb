import type { LintResponse, TemplateSelection, WorkerRequest, WorkerResponse } from './protocol.js';

type Pending = (response: WorkerResponse) => void;

/**
 * Talks to the linting worker, which boot.js started (from a Blob: browsers refuse worker scripts
 * from file:// pages) before this bundle loads, so that it compiles while the editors are set up.
 * Lint requests supersede each other: a result that arrives after a newer request was sent is dropped.
 */
export class LintClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private latestLint = 0;

  constructor(worker: Worker) {
    this.worker = worker;
    this.worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => {
      const done = this.pending.get(event.data.id);
      this.pending.delete(event.data.id);
      done?.(event.data);
    });
  }

  private send(request: WorkerRequest): Promise<WorkerResponse> {
    return new Promise((resolve) => {
      this.pending.set(request.id, resolve);
      this.worker.postMessage(request);
    });
  }

  /** Lints; resolves to null when a newer lint was asked for meanwhile. `shownTemplate`: see WorkerRequest. */
  async lint(spec: string, template: TemplateSelection, shownTemplate: string | null | undefined): Promise<LintResponse | null> {
    const id = this.nextId++;
    this.latestLint = id;
    const response = await this.send({ id, kind: 'lint', spec, template, ...(shownTemplate === undefined ? {} : { shownTemplate }) });
    if (response.kind === 'error') throw new Error(response.message);
    if (response.kind !== 'lint' || id !== this.latestLint) return null;
    return response;
  }

  async scaffold(templateId: string, date: string): Promise<string> {
    const response = await this.send({ id: this.nextId++, kind: 'scaffold', templateId, date });
    if (response.kind === 'error') throw new Error(response.message);
    return response.kind === 'scaffold' ? response.text : '';
  }
}
