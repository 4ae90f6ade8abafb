import { type Diagnostic as EditorDiagnostic, setDiagnostics } from '@codemirror/lint';
import type { EditorView } from '@codemirror/view';
import { BUILTIN_SOURCES } from 'speclint-builtin-sources';
import { EXAMPLES } from 'speclint-examples';
import { renderDiagnosticItem } from '../../src/report/formatters/html/diagnostic.js';
import { escapeHtml } from '../../src/report/formatters/html/escape.js';
import type { Diagnostic } from '../../src/core/types.js';
import type { Template } from '../../src/template/schema.js';
import { createEditor, positionOf, setText } from './editors.js';
import type { LintResponse, TemplateSelection } from './protocol.js';
import { renderSchemaTree } from './schema-tree.js';
import { type SharedState, decodeState, encodeState } from './share.js';
import { LintClient } from './worker-client.js';

/**
 * None beyond the next task (the changes of one event are linted together): a key starts a lint at once
 * when none is running, and a burst of keys never queues lints, because one text is linted at a time
 * (keys typed during a lint are linted together right after it). A longer debounce only adds latency.
 */
const LINT_DEBOUNCE_MS = 0;
const SHARE_DEBOUNCE_MS = 300;
const DETECTION_NOTE = 'speclint picks the best-scoring template when it scores at least 0.4 (as `speclint --print-config FILE` explains).';

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found as T;
}

const ui = {
  main: element<HTMLElement>('playground'),
  start: element<HTMLSelectElement>('start'),
  choice: element<HTMLSelectElement>('template-choice'),
  copyTemplate: element<HTMLButtonElement>('copy-template'),
  share: element<HTMLButtonElement>('share'),
  shareStatus: element<HTMLElement>('share-status'),
  summary: element<HTMLElement>('summary'),
  timing: element<HTMLElement>('timing'),
  problems: element<HTMLUListElement>('problems'),
  scores: element<HTMLElement>('scores'),
  tree: element<HTMLElement>('schema-tree'),
  templateError: element<HTMLElement>('template-error'),
};

const booted = (window as unknown as { speclintWorker?: Worker }).speclintWorker;
if (!booted) throw new Error('boot.js did not start the linting worker');
const client = new LintClient(booted);
let lastEditAt = performance.now();
let lintTimer: ReturnType<typeof setTimeout> | undefined;
let shareTimer: ReturnType<typeof setTimeout> | undefined;
let latest: LintResponse | null = null;
/** The template shown (its tree, its scores row): the worker sends a template only when it changes. */
let shown: { key: string | null; template: Template | null } | undefined;
let generation = 0;
let linting = false;
let lintAgain = false;

function scheduleLint(): void {
  lastEditAt = performance.now();
  ui.main.dataset.state = 'busy';
  clearTimeout(lintTimer);
  lintTimer = setTimeout(() => void runLint(), LINT_DEBOUNCE_MS);
  clearTimeout(shareTimer);
  shareTimer = setTimeout(() => void saveToUrl(), SHARE_DEBOUNCE_MS);
}

const specView: EditorView = createEditor({
  parent: element('spec-editor'),
  label: 'Spec',
  text: '',
  hint: 'Paste a spec here, or start from a template or an example above.',
  onChange: scheduleLint,
});

const templateView: EditorView = createEditor({
  parent: element('template-editor'),
  label: 'Template',
  text: '',
  hint: "Paste your own template's Markdown here to check the spec against it.",
  onChange: () => {
    // Typing a template means checking against it.
    if (ui.choice.value !== 'custom') ui.choice.value = 'custom';
    scheduleLint();
  },
});

function selection(): TemplateSelection {
  const value = ui.choice.value;
  if (value === 'custom') return { kind: 'custom', markdown: templateView.state.doc.toString() };
  if (value === 'auto') return { kind: 'auto' };
  return { kind: 'builtin', id: value };
}

function ruleDocHref(ruleId: string): string {
  return `rules/${encodeURIComponent(ruleId)}.html`;
}

function toEditorDiagnostic(d: Diagnostic, index: number): EditorDiagnostic {
  const from = positionOf(specView, d.line, d.column);
  const to = Math.max(from, positionOf(specView, d.endLine, d.endColumn));
  const message = `${d.message}${d.hint ? `\n${d.hint}` : ''} (${d.ruleId})`;
  const actions = d.fix ? [{ name: 'Quick fix', apply: () => actOnDiagnostic(index, 'fix') }] : [];
  return { from, to, severity: d.severity, message, source: d.ruleId, actions };
}

function renderScores(response: LintResponse, template: Template | null): string {
  const chosen = template?.id ?? null;
  const reason =
    response.reason === 'detected'
      ? `detected: <code>${escapeHtml(chosen ?? '')}</code> scores highest.`
      : response.reason === 'front-matter'
        ? `named by the spec's front matter (<code>template:</code>).`
        : response.reason === 'option'
          ? 'chosen above.'
          : response.templateError !== null
            ? 'not usable (see below), so only the rules that need no template ran.'
            : 'unknown: no template scores 0.4 or more, so only the rules that need no template ran.';
  const rows = response.scores.map(
    (s) =>
      `<tr${s.id === chosen ? ' class="chosen" aria-current="true"' : ''}><td><code>${escapeHtml(s.id)}</code></td><td>${s.score.toFixed(3)}</td><td>${s.id === chosen ? 'used' : ''}</td></tr>`,
  );
  return `<p>Template ${reason} ${escapeHtml(DETECTION_NOTE)}</p><table><caption>Detection scores</caption><thead><tr><th scope="col">Template</th><th scope="col">Score</th><th scope="col"></th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function render(response: LintResponse): void {
  latest = response;
  const { diagnostics } = response;
  specView.dispatch(setDiagnostics(specView.state, diagnostics.map(toEditorDiagnostic)));
  ui.problems.innerHTML = diagnostics.map((d, index) => renderDiagnosticItem(d, { ruleDocHref, index, editorButtons: true })).join('');
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  ui.summary.textContent =
    diagnostics.length === 0 ? 'No problems.' : `${plural(diagnostics.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  if (response.template !== undefined) {
    shown = { key: response.templateKey, template: response.template };
    ui.tree.innerHTML = response.template ? renderSchemaTree(response.template) : '<p>No template: nothing to show.</p>';
  }
  ui.scores.innerHTML = renderScores(response, shown?.template ?? null);
  ui.templateError.textContent = response.templateError ?? '';
  ui.templateError.hidden = response.templateError === null;
  const latency = performance.now() - lastEditAt;
  ui.timing.textContent = `linted in ${response.ms.toFixed(0)} ms, of which parsing ${response.parseMs.toFixed(0)} ms (${latency.toFixed(0)} ms after the last edit)`;
  ui.main.dataset.lintMs = response.ms.toFixed(1);
  ui.main.dataset.parseMs = response.parseMs.toFixed(1);
  ui.main.dataset.latencyMs = latency.toFixed(1);
  ui.main.dataset.generation = String(++generation);
  // Milliseconds from the start of navigation to the first diagnostics shown (the first-load figure).
  if (generation === 1) {
    ui.main.dataset.firstShownMs = performance.now().toFixed(0);
    ui.main.dataset.workerReadyMs = response.workerReadyMs.toFixed(0);
  }
  ui.main.dataset.state = 'idle';
}

async function runLint(): Promise<void> {
  if (linting) {
    lintAgain = true;
    return;
  }
  linting = true;
  try {
    const response = await client.lint(specView.state.doc.toString(), selection(), shown?.key);
    // A text edited meanwhile is linted next (below).
    if (response && response.spec === specView.state.doc.toString() && !lintAgain) render(response);
  } catch (error) {
    ui.summary.textContent = `speclint failed: ${error instanceof Error ? error.message : String(error)}`;
    ui.main.dataset.state = 'idle';
  } finally {
    linting = false;
    if (lintAgain) {
      lintAgain = false;
      void runLint();
    }
  }
}

/**
 * Moves the spec editor's cursor to a listed diagnostic; with `fix`, applies its quick fix there
 * instead (fix offsets are into the text as linted, so a text edited since waits for its own lint).
 */
function actOnDiagnostic(index: number, action: 'goto' | 'fix'): void {
  const d = latest?.diagnostics[index];
  if (!d || !latest) return;
  if (action === 'fix') {
    if (!d.fix || latest.spec !== specView.state.doc.toString()) return;
    const bom = latest.spec.startsWith('\uFEFF') ? 1 : 0;
    const [from, to] = d.fix.range;
    specView.dispatch({ changes: { from: from + bom, to: to + bom, insert: d.fix.text }, selection: { anchor: from + bom + d.fix.text.length }, scrollIntoView: true });
  } else {
    specView.dispatch({ selection: { anchor: positionOf(specView, d.line, d.column) }, scrollIntoView: true });
  }
  specView.focus();
}

ui.problems.addEventListener('click', (event) => {
  const target = event.target instanceof HTMLElement ? event.target : null;
  const action = target?.closest<HTMLElement>('[data-action]')?.dataset.action;
  const item = target?.closest<HTMLElement>('li.diagnostic');
  if (item && (action === 'goto' || action === 'fix')) actOnDiagnostic(Number(item.dataset.index), action);
});

function currentState(): SharedState {
  return { spec: specView.state.doc.toString(), template: selection(), customTemplate: templateView.state.doc.toString() };
}

async function saveToUrl(): Promise<string> {
  const state = currentState();
  // The selection's Markdown is the template editor's; no need to carry it twice.
  const fragment = await encodeState(state.template.kind === 'custom' ? { ...state, template: { kind: 'custom', markdown: '' } } : state);
  history.replaceState(null, '', fragment);
  return location.href;
}

ui.share.addEventListener('click', () => {
  void saveToUrl().then(async (url) => {
    try {
      await navigator.clipboard.writeText(url);
      ui.shareStatus.textContent = 'Link copied: it holds the whole state, compressed in the part after #.';
    } catch {
      ui.shareStatus.textContent = 'The address bar now holds the link to share (the state is in the part after #).';
    }
  });
});

ui.choice.addEventListener('change', scheduleLint);

ui.copyTemplate.addEventListener('click', () => {
  const id = ui.choice.value;
  const source = BUILTIN_SOURCES.find((b) => b.id === id) ?? BUILTIN_SOURCES.find((b) => b.id === shown?.template?.id);
  if (!source) return;
  setText(templateView, source.markdown);
  ui.choice.value = 'custom';
  scheduleLint();
});

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

ui.start.addEventListener('change', () => {
  const [kind, name] = ui.start.value.split(':');
  ui.start.value = '';
  if (kind === 'new' && name) {
    void client.scaffold(name, today()).then((text) => {
      setText(specView, text);
      ui.choice.value = name;
      scheduleLint();
    });
  } else if (kind === 'example' && name) {
    const example = EXAMPLES.find((e) => e.name === name);
    if (example) {
      setText(specView, example.text);
      ui.choice.value = 'auto';
      scheduleLint();
    }
  }
});

function fillSelects(): void {
  const option = (value: string, label: string): string => `<option value="${escapeHtml(value)}">${escapeHtml(label)}</option>`;
  ui.start.innerHTML = [
    option('', 'Start from…'),
    `<optgroup label="A new spec from a built-in template">${BUILTIN_SOURCES.map((b) => option(`new:${b.id}`, `New ${b.id} spec`)).join('')}</optgroup>`,
    `<optgroup label="An example with defects">${EXAMPLES.map((e) => option(`example:${e.name}`, e.name)).join('')}</optgroup>`,
  ].join('');
  ui.choice.innerHTML = [
    option('auto', 'Detect automatically'),
    ...BUILTIN_SOURCES.map((b) => option(b.id, `${b.id}: ${b.description}`)),
    option('custom', 'My template (the Template editor)'),
  ].join('');
}

async function start(): Promise<void> {
  fillSelects();
  const shared = await decodeState(location.hash);
  if (shared) {
    setText(templateView, shared.customTemplate);
    setText(specView, shared.spec);
    ui.choice.value = shared.template.kind === 'builtin' ? shared.template.id : shared.template.kind;
  } else {
    const first = EXAMPLES[0];
    if (first) setText(specView, first.text);
    ui.choice.value = 'auto';
  }
  scheduleLint();
}

// For scripts and tests: the editors' whole texts (the page shows only the lines in view), the cursor's
// line and the diagnostics shown (as the worker sent them, to compare with the CLI's).
Object.assign(window, {
  speclintPlayground: {
    spec: () => specView.state.doc.toString(),
    template: () => templateView.state.doc.toString(),
    cursorLine: () => specView.state.doc.lineAt(specView.state.selection.main.head).number,
    diagnostics: () => latest?.diagnostics ?? [],
  },
});

void start();
