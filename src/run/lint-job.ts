import { documentRules, repositoryRules } from '../../rules/index.js';
import { withAnchors } from '../core/anchor.js';
import type { ResolvedConfig } from '../config/load.js';
import { fileLintOptions } from '../config/resolve.js';
import { fixText } from '../fix/apply.js';
import { type FixRefusal, unfixableReason, unsettledRefusal } from '../fix/refuse.js';
import { completenessOf } from '../report/formatters/html/completeness.js';
import type { FileDetails } from '../report/formatters/types.js';
import { stackOverflowProblem } from '../input/read.js';
import { type DocumentLintResult, lintSource } from '../engine/lint-source.js';
import { stripBom } from '../input/parse.js';
import { type SpecFacts, specFacts } from '../repository/facts.js';
import { effectiveIdentity } from '../template/identity.js';
import type { Template } from '../template/schema.js';
import { resolveRule } from '../engine/resolve-rule.js';
import type { Rule } from '../engine/rule.js';
import type { Diagnostic } from '../core/types.js';

/**
 * Test-only fault injection, so that the handling of speclint's own failures can be tested end to end
 * through a run and its workers: `rule` makes that rule throw on every file, `workerExit` makes the
 * lint worker die while linting.
 */
export interface Faults {
  rule?: string;
  workerExit?: boolean;
}

/** One file's lint (and fix) work: plain data, so that it can run in a worker. */
export interface LintJob {
  text: string;
  displayPath: string;
  absolutePath: string;
  cwd: string;
  /** The file's config file (null: none), which a worker loads itself. */
  config: string | null;
  reportUnusedDisableDirectives: boolean;
  /** Compute fixes; `fixTypes` limits them to those rules. */
  fix: boolean;
  fixTypes?: string[];
  /** Report the diagnostics of the text before fixing (a JSON dry run carries the fixes). */
  reportBeforeFix: boolean;
  /** Also return what the HTML report shows of the file; without its lines when the diagnostics are of fixed text the file does not hold. */
  details?: { sourceDiffers: boolean };
  faults?: Faults;
}

export type LintJobResult =
  | {
      kind: 'done';
      path: string;
      template: string | null;
      diagnostics: Diagnostic[];
      fixed?: string;
      /** Why the file's fixes are not applied (the run says so; a speclint bug makes it exit 2). */
      fixRefused?: FixRefusal;
      /** With `fixed`: the diagnostics of the text as it is, for when the fix cannot be written. */
      unfixedDiagnostics?: Diagnostic[];
      /** What the repository rules and the index need to know about the spec. */
      facts: SpecFacts;
      /** False when the result depends on more than the file and the config (a template file named in front matter). */
      cacheable: boolean;
      details?: FileDetails;
    }
  | { kind: 'refused'; code: string; message: string };

function injectedFaults(faults: Faults | undefined): { rules?: Rule[] } {
  const id = faults?.rule;
  if (id === undefined) return {};
  return {
    rules: documentRules.map((rule) =>
      rule.meta.id === id
        ? {
            meta: rule.meta,
            check: () => {
              throw new Error('injected fault');
            },
          }
        : rule,
    ),
  };
}

/** Lints one text (and computes its fixes) under a config: no I/O, the same in a worker or not. */
export function runLintJob(job: LintJob, config: ResolvedConfig, template: Template | undefined): LintJobResult {
  try {
    const options = {
      ...fileLintOptions(config, job.absolutePath, job.displayPath, job.cwd),
      reportUnusedDisableDirectives: job.reportUnusedDisableDirectives,
      ...(template ? { template } : {}),
      ...injectedFaults(job.faults),
    };
    const lint = (source: string) => lintSource(source, options);
    let result = lint(job.text);
    let fixed: string | undefined;
    let fixRefused: FixRefusal | undefined;
    let unfixedDiagnostics: Diagnostic[] | undefined;
    if (job.fix) {
      const accept = (d: { ruleId: string }): boolean => !job.fixTypes || job.fixTypes.includes(d.ruleId);
      const source = stripBom(job.text);
      const fixable = result.diagnostics.some((d) => d.fix !== undefined && accept(d));
      fixRefused = fixable ? unfixableReason(result.document) : undefined;
      if (fixable && fixRefused === undefined) {
        const outcome = fixText(source, (t) => lint(t).diagnostics, accept, result.diagnostics);
        if (outcome.unsettled) fixRefused = unsettledRefusal(outcome.unsettled.ruleIds);
        else if (outcome.text !== source) {
          const after = lint(outcome.text);
          fixRefused = unfixableReason(after.document);
          if (fixRefused === undefined) {
            fixed = outcome.text;
            if (!job.reportBeforeFix) {
              unfixedDiagnostics = withAnchors(result.document, result.diagnostics);
              result = after;
            }
          }
        }
      }
    }
    const { choice, document } = result;
    const facts = specFacts({
      document,
      template: choice.template,
      identity: effectiveIdentity(choice.template?.identity ?? null, options.identity),
      rules: Object.fromEntries(repositoryRules.map((rule) => [rule.meta.id, resolveRule(rule, options).setting])),
    });
    const cacheable =
      choice.unknownName === undefined &&
      (choice.reason !== 'front-matter' || (choice.template !== null && config.registry.get(choice.template.id) === choice.template));
    const diagnostics = withAnchors(document, result.diagnostics);
    const details = job.details ? detailsOf(result, job.details.sourceDiffers, facts) : undefined;
    return {
      kind: 'done',
      path: result.path,
      template: result.template,
      diagnostics,
      facts,
      cacheable,
      ...(fixed === undefined ? {} : { fixed }),
      ...(fixRefused === undefined ? {} : { fixRefused }),
      ...(unfixedDiagnostics === undefined ? {} : { unfixedDiagnostics }),
      ...(details === undefined ? {} : { details }),
    };
  } catch (error) {
    const overflow = stackOverflowProblem(error);
    if (!overflow) throw error;
    return { kind: 'refused', code: overflow.code, message: overflow.message };
  }
}

/** What the HTML report shows of a file beside its diagnostics: its lines, status and completeness. */
function detailsOf({ document, choice, diagnostics }: DocumentLintResult, sourceDiffers: boolean, facts: SpecFacts): FileDetails {
  return {
    lines: sourceDiffers ? null : Array.from({ length: document.source.lineCount }, (_, k) => document.source.line(k + 1)),
    status: facts.status?.value ?? null,
    completeness: choice.template ? completenessOf(document, choice.template, diagnostics) : null,
  };
}
