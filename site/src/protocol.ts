import type { Template } from '../../src/template/schema.js';
import type { TemplateScore } from '../../src/template/choose.js';
import type { Diagnostic } from '../../src/core/types.js';

/** Which template the spec is checked against. */
export type TemplateSelection = { kind: 'auto' } | { kind: 'builtin'; id: string } | { kind: 'custom'; markdown: string };

export type WorkerRequest =
  | {
      id: number;
      kind: 'lint';
      spec: string;
      template: TemplateSelection;
      /**
       * The key (LintResponse.templateKey) of the template the page shows, absent before the first
       * result: the worker sends the template only when its choice differs.
       */
      shownTemplate?: string | null;
    }
  | { id: number; kind: 'scaffold'; templateId: string; date: string };

export interface LintResponse {
  id: number;
  kind: 'lint';
  diagnostics: Diagnostic[];
  /**
   * The template used (null when none fit), how it was chosen, and every candidate's score. The
   * template itself (~10-20 kB of schema to copy between threads and draw as a tree) comes only when
   * it is not the one the page shows; `templateKey` names it either way.
   */
  templateKey: string | null;
  template?: Template | null;
  reason: string;
  scores: TemplateScore[];
  /** Why a pasted template could not be used. */
  templateError: string | null;
  /** The spec's text as linted (fix offsets are into it). */
  spec: string;
  /** Milliseconds the worker spent, and of them building the document (the Markdown parse, mostly). */
  ms: number;
  parseMs: number;
  /** Milliseconds the worker took to start. */
  workerReadyMs: number;
}

export type WorkerResponse = LintResponse | { id: number; kind: 'scaffold'; text: string } | { id: number; kind: 'error'; message: string };
