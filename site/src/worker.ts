// The playground's Web Worker: speclint's pure core (parse, derive, detect, rules), so that linting
// never blocks typing. It receives the built-in templates pre-derived by the build.
import { buildDocument } from '../../src/document/index.js';
import { runRules } from '../../src/engine/run-rules.js';
import { type TemplateChoice, detectTemplate } from '../../src/template/choose.js';
import { TemplateError, deriveTemplate } from '../../src/template/derive.js';
import { scaffoldSpec } from '../../src/template/scaffold.js';
import type { Template } from '../../src/template/schema.js';
import { BUILTINS } from 'speclint-builtins';
import type { LintResponse, TemplateSelection, WorkerRequest, WorkerResponse } from './protocol.js';

/** Milliseconds from the worker's creation to its code being ready (loading, compiling, initialising modules). */
const readyMs = performance.now();
const builtins: Template[] = BUILTINS.map((b) => b.template);
const PATH = '<playground>';

let customCache: { markdown: string; template: Template | null; error: string | null; key: string } | undefined;
let derivations = 0;

function customTemplate(markdown: string): { template: Template | null; error: string | null } {
  if (customCache?.markdown !== markdown) {
    const key = `custom#${++derivations}`;
    try {
      customCache = { markdown, template: deriveTemplate(markdown, { id: 'custom', description: 'Pasted template', source: 'custom template' }), error: null, key };
    } catch (error) {
      const message = error instanceof TemplateError ? error.message : `cannot derive the template: ${String(error)}`;
      customCache = { markdown, template: null, error: message, key };
    }
  }
  return customCache;
}

/** Names a template for the page: a built-in by its id, a pasted one by its derivation. */
function keyOf(template: Template | null): string | null {
  if (template === null) return null;
  return template === customCache?.template ? customCache.key : `builtin:${template.id}`;
}

function choose(spec: ReturnType<typeof buildDocument>, selection: TemplateSelection, custom: Template | null): TemplateChoice {
  // A pasted template is scored beside the built-ins, so its author sees how it would be detected.
  const detected = detectTemplate(spec, custom ? [...builtins, custom] : builtins);
  const { scores } = detected;
  if (selection.kind === 'custom') return { template: custom, reason: custom ? 'option' : 'unknown', scores };
  if (selection.kind === 'builtin') return { template: builtins.find((t) => t.id === selection.id) ?? null, reason: 'option', scores };
  // As the CLI: a front matter `template:` naming a built-in wins over detection.
  const named = spec.metadata.entries.find((e) => e.form === 'front-matter' && e.normalizedKey === 'template')?.value;
  if (named) {
    const known = builtins.find((t) => t.id === named);
    return known ? { template: known, reason: 'front-matter', scores } : { template: null, reason: 'unknown', unknownName: named, scores };
  }
  return detected;
}

function lint(request: Extract<WorkerRequest, { kind: 'lint' }>): LintResponse {
  const started = performance.now();
  const custom = request.template.kind === 'custom' ? customTemplate(request.template.markdown) : { template: null, error: null };
  const building = performance.now();
  const document = buildDocument(request.spec, PATH);
  const parsed = performance.now();
  const choice = choose(document, request.template, custom.template);
  const diagnostics = runRules(document, choice, {});
  const templateKey = keyOf(choice.template);
  return {
    id: request.id,
    kind: 'lint',
    diagnostics,
    templateKey,
    ...(request.shownTemplate !== undefined && templateKey === request.shownTemplate ? {} : { template: choice.template }),
    reason: choice.reason,
    scores: choice.scores,
    templateError: custom.error,
    spec: request.spec,
    ms: performance.now() - started,
    parseMs: parsed - building,
    workerReadyMs: readyMs,
  };
}

function handle(request: WorkerRequest): WorkerResponse {
  if (request.kind === 'lint') return lint(request);
  const builtin = BUILTINS.find((b) => b.template.id === request.templateId);
  if (!builtin) return { id: request.id, kind: 'error', message: `unknown template '${request.templateId}'` };
  return { id: request.id, kind: 'scaffold', text: scaffoldSpec(builtin.markdown, builtin.template, { date: request.date }) };
}

const scope = globalThis as unknown as { postMessage(message: WorkerResponse): void; addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void };
scope.addEventListener('message', (event) => {
  const request = event.data;
  try {
    scope.postMessage(handle(request));
  } catch (error) {
    scope.postMessage({ id: request.id, kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
