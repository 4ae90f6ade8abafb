import { documentRules, repositoryRules, rules as allRules } from '../../rules/index.js';
import { runsFromSources } from '../util/from-sources.js';
import { lifecycleOf } from '../content/lifecycle.js';
import type { SpecDocument } from '../document/index.js';
import { resolveRule } from './resolve-rule.js';
import type { RelatedSpan, Report, Rule, RuleContext } from './rule.js';
import { applySuppressions, parseSuppressions } from './suppress.js';
import { type Alignment, alignmentOf } from '../template/align.js';
import type { TemplateChoice } from '../template/choose.js';
import { type IdentityConfig, effectiveIdentity } from '../template/identity.js';
import { type TableFinding, checkTables } from '../template/tables.js';
import type { Diagnostic, RelatedLocation, RuleSetting, Severity } from '../core/types.js';
import { compareCodeUnits } from '../util/compare.js';

// Every rule's id, for the directives' unknown-rule check.
const ruleIds = allRules.map((rule) => rule.meta.id);


export interface EngineOptions {
  rules?: readonly Rule[];
  /** Per-rule severity overrides; 'off' disables a rule. */
  severities?: Readonly<Record<string, RuleSetting>>;
  /** Per-rule options, validated by each rule's options schema. */
  ruleOptions?: Readonly<Record<string, unknown>>;
  /** Statuses that make lifecycle-strict rules report errors (default: Approved, Implemented, Final, Accepted). */
  finalStatuses?: readonly string[];
  /** Identity settings from the config, over the template's (id field, file names, references). */
  identity?: IdentityConfig;
  /** Report speclint-disable comments that suppressed nothing (as ESLint's --report-unused-disable-directives). */
  reportUnusedDisableDirectives?: boolean;
}

export const UNUSED_DIRECTIVE_ID = 'unused-disable-directive';

/** A rule that threw, or reported something impossible: a bug in speclint, never the spec's fault. */
class RuleFailure extends Error {}

function describeFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').slice(0, 300);
}

/** The built-in rules, whose report data TypeScript checks against their schemas when speclint is built. */
const builtInRules = new Set<Rule>(documentRules);

/**
 * Whether a report's data is checked against its rule's schema as speclint runs: a rule passed in
 * through the API may be plain JavaScript, but a built-in rule's data is typed by its schema (defineRule)
 * and checked by its tests, run from the sources. The built CLI skips the check for its own rules,
 * which would load zod (a bundle of its own) for the first report with data: 6–10 ms of a run.
 */
function checksDataOf(rule: Rule): boolean {
  return runsFromSources || !builtInRules.has(rule);
}

/** Checks what a rule reports: a span inside the text, in order, and a fix only from a fixable rule. */
function validateReport(rule: Rule, report: Report, textLength: number): void {
  const { start, end } = report.span;
  const inside = (offset: number): boolean => Number.isInteger(offset) && offset >= 0 && offset <= textLength;
  if (!inside(start.offset) || !inside(end.offset) || end.offset < start.offset || start.line < 1 || start.column < 1) {
    throw new RuleFailure(`it reported a position outside the text (offsets ${start.offset}-${end.offset} of ${textLength})`);
  }
  for (const { span } of report.related ?? []) {
    if (!inside(span.start.offset) || !inside(span.end.offset) || span.end.offset < span.start.offset) {
      throw new RuleFailure(`it reported a related position outside the text (offsets ${span.start.offset}-${span.end.offset} of ${textLength})`);
    }
  }
  if (report.data !== undefined && rule.meta.data && checksDataOf(rule) && !rule.meta.data.safeParse(report.data).success) {
    throw new RuleFailure('it reported data that does not fit its declared shape');
  }
  if (report.fix) {
    if (!rule.meta.fixable) throw new RuleFailure('it attached a fix but is not declared fixable');
    const [from, to] = report.fix.range;
    if (!inside(from) || !inside(to) || to < from) throw new RuleFailure(`it attached a fix outside the text (offsets ${from}-${to} of ${textLength})`);
  }
}

function relatedLocation({ span, message }: RelatedSpan): RelatedLocation {
  return { message, line: span.start.line, column: span.start.column, endLine: span.end.line, endColumn: span.end.column };
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  // Stable: ties keep the order rules reported them in (template order for structure rules). Rule ids
  // compare by code unit, not localeCompare, whose collator took ~25 ms of a worker's run on go-proposals.
  return a.line - b.line || a.column - b.column || compareCodeUnits(a.ruleId, b.ruleId);
}

/** Runs every enabled rule over one document and returns its diagnostics, sorted. */
export function runRules(document: SpecDocument, choice: TemplateChoice, options: EngineOptions = {}): Diagnostic[] {
  const template = choice.template;
  let tableFindings: TableFinding[] | undefined;
  const getAlignment = (): Alignment => {
    if (!template) throw new Error('alignment needs a template');
    return alignmentOf(document, template);
  };
  const diagnostics: Diagnostic[] = [];
  const lifecycle = lifecycleOf(document, options.finalStatuses);
  const identity = effectiveIdentity(template?.identity ?? null, options.identity);
  for (const rule of options.rules ?? documentRules) {
    const configured = options.severities?.[rule.meta.id];
    if (configured === 'off') continue;
    if (rule.meta.needsTemplate && !template) continue;
    const resolved = resolveRule(rule, options, lifecycle);
    const setting = resolved.setting as Severity;
    const context: RuleContext = {
      document,
      options: resolved.options,
      template,
      choice,
      lifecycle,
      identity,
      ruleIds,
      alignment: getAlignment,
      tableFindings: () => {
        tableFindings ??= checkTables(document, getAlignment());
        return tableFindings;
      },
      report: (report: Report) => {
        validateReport(rule, report, document.source.text.length);
        const diagnostic: Diagnostic = {
          ruleId: rule.meta.id,
          severity: configured ?? report.severity ?? setting,
          message: report.message,
          line: report.span.start.line,
          column: report.span.start.column,
          endLine: report.span.end.line,
          endColumn: report.span.end.column,
        };
        if (report.hint) diagnostic.hint = report.hint;
        if (report.fix) diagnostic.fix = report.fix;
        if (report.data) diagnostic.data = report.data;
        if (report.related?.length) diagnostic.related = report.related.map(relatedLocation);
        diagnostics.push(diagnostic);
      },
    };
    const reportedBefore = diagnostics.length;
    try {
      rule.check(context);
    } catch (error) {
      // One rule's bug must not cost the other rules or files: drop what it reported and say so.
      diagnostics.length = reportedBefore;
      diagnostics.push({
        ruleId: rule.meta.id,
        severity: 'error',
        message: `Rule '${rule.meta.id}' failed on this file: ${describeFailure(error)}; please report it`,
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        hint: `This is a bug in speclint, not a problem in the spec. Until it is fixed, turn the rule off for this file ("${rule.meta.id}": "off" in an override).`,
        fatal: true,
      });
    }
  }
  const directives = parseSuppressions(document);
  if (directives.length === 0) return diagnostics.sort(compareDiagnostics);
  const { kept, unused } = applySuppressions(diagnostics, directives);
  if (options.reportUnusedDisableDirectives) {
    for (const { directive, rule } of unused) {
      // Repository rules run after all files, so whether their directives are used is not known here.
      if (rule && repositoryRules.some((r) => r.meta.id === rule)) continue;
      const { start, end } = directive.span;
      kept.push({
        ruleId: UNUSED_DIRECTIVE_ID,
        severity: 'error',
        message: rule
          ? `Unused speclint-${directive.kind} directive (no '${rule}' problem was reported here)`
          : `Unused speclint-${directive.kind} directive (no problem was reported here)`,
        data: { kind: directive.kind, ...(rule ? { rule } : {}) },
        line: start.line,
        column: start.column,
        endLine: end.line,
        endColumn: end.column,
        hint: 'Remove the comment (or the rule id from it).',
      });
    }
  }
  return kept.sort(compareDiagnostics);
}
