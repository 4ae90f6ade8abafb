import { dirname, resolve } from 'node:path';
import type { ResolvedConfig } from '../config/load.js';
import { fileLintOptions } from '../config/resolve.js';
import { type SpecDocument, buildDocument } from '../document/index.js';
import { type EngineOptions, runRules } from './run-rules.js';
import { type TemplateChoice, detectTemplate } from '../template/choose.js';
import { TemplateError } from '../template/derive.js';
import { looksLikePath } from '../util/paths.js';
import { TemplateRegistry } from '../template/registry.js';
import type { Template } from '../template/schema.js';
import type { LintResult } from '../core/types.js';

export interface LintTextOptions extends EngineOptions {
  /** Path used in results and to resolve a front matter `template:` path. */
  filePath?: string;
  /** Template to use: an id, a path to a template file, or a derived Template; detected otherwise. */
  template?: string | Template;
  registry?: TemplateRegistry;
  cwd?: string;
  /** A template assigned by a config override: used unless --template or the front matter names one. */
  override?: { template: Template; index: number };
  /** A loaded configuration (see loadConfig): its rules, overrides and templates apply to `filePath`. */
  config?: ResolvedConfig;
}

export interface DocumentLintResult extends LintResult {
  document: SpecDocument;
  choice: TemplateChoice;
}

let defaultRegistry: TemplateRegistry | undefined;

export function chooseTemplate(document: SpecDocument, options: LintTextOptions, registry: TemplateRegistry): TemplateChoice {
  const cwd = options.cwd ?? process.cwd();
  if (typeof options.template === 'object') return { template: options.template, reason: 'option', scores: [] };
  if (typeof options.template === 'string') {
    return { template: registry.resolve(options.template, cwd), reason: 'option', scores: [] };
  }
  const named = document.metadata.entries.find((e) => e.form === 'front-matter' && e.normalizedKey === 'template');
  if (named?.value) {
    // Relative to the spec's folder: filePath is relative to cwd (not to the process's folder, which a server does not share).
    const base = options.filePath ? resolve(cwd, dirname(options.filePath)) : cwd;
    const known = registry.get(named.value);
    if (known) return { template: known, reason: 'front-matter', scores: [] };
    if (looksLikePath(named.value)) {
      try {
        return { template: registry.load(named.value, base), reason: 'front-matter', scores: [] };
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
      }
    }
    return { ...detectTemplate(document, registry.all()), template: null, reason: 'unknown', unknownName: named.value };
  }
  if (options.override) return { template: options.override.template, reason: 'override', overrideIndex: options.override.index, scores: [] };
  return detectTemplate(document, registry.all());
}

/** Parses a file and decides its template, without running rules (for --print-config). */
export function templateChoiceFor(text: string, options: LintTextOptions = {}): TemplateChoice {
  const registry = options.registry ?? (defaultRegistry ??= new TemplateRegistry());
  return chooseTemplate(buildDocument(text, options.filePath ?? '<text>'), options, registry);
}

let lintedHere = 0;

/** How many documents this thread has started linting (the CLI's code-cache warm-up needs none when any). */
export function documentsLintedHere(): number {
  return lintedHere;
}

/** Lints Markdown text. Throws TemplateError when `options.template` names no usable template. */
export function lintSource(text: string, given: LintTextOptions = {}): DocumentLintResult {
  lintedHere++;
  const options = given.config ? withConfig(given, given.config) : given;
  const registry = options.registry ?? (defaultRegistry ??= new TemplateRegistry());
  const path = options.filePath ?? '<text>';
  const document = buildDocument(text, path);
  const choice = chooseTemplate(document, options, registry);
  const diagnostics = runRules(document, choice, options);
  return { path, template: choice.template?.id ?? null, diagnostics, document, choice };
}

function withConfig(options: LintTextOptions, config: ResolvedConfig): LintTextOptions {
  const cwd = options.cwd ?? process.cwd();
  const filePath = options.filePath ?? '<text>';
  const fromConfig = fileLintOptions(config, resolve(cwd, filePath), filePath, cwd);
  const { config: _config, ...rest } = options;
  return { ...fromConfig, ...rest, severities: { ...fromConfig.severities, ...rest.severities }, ruleOptions: { ...fromConfig.ruleOptions, ...rest.ruleOptions } };
}
