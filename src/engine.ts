import { rules as allRules } from '../rules/index.js';
import type { SpecDocument } from './document/index.js';
import type { Report, Rule, RuleContext } from './rule.js';
import { type Alignment, alignOutline } from './template/align.js';
import type { TemplateChoice } from './template/choose.js';
import { type TableFinding, checkTables } from './template/tables.js';
import type { Diagnostic, Severity } from './types.js';

export type RuleSetting = Severity | 'off';

export interface EngineOptions {
  rules?: readonly Rule[];
  /** Per-rule severity overrides; 'off' disables a rule. */
  severities?: Readonly<Record<string, RuleSetting>>;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  // Stable: ties keep the order rules reported them in (template order for structure rules).
  return a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);
}

/** Runs every enabled rule over one document and returns its diagnostics, sorted. */
export function runRules(document: SpecDocument, choice: TemplateChoice, options: EngineOptions = {}): Diagnostic[] {
  const template = choice.template;
  let alignment: Alignment | undefined;
  let tableFindings: TableFinding[] | undefined;
  const getAlignment = (): Alignment => {
    if (!template) throw new Error('alignment needs a template');
    alignment ??= alignOutline(document, template);
    return alignment;
  };
  const diagnostics: Diagnostic[] = [];
  for (const rule of options.rules ?? allRules) {
    const setting = options.severities?.[rule.meta.id] ?? rule.meta.severity;
    if (setting === 'off') continue;
    if (rule.meta.needsTemplate && !template) continue;
    const context: RuleContext = {
      document,
      template,
      choice,
      alignment: getAlignment,
      tableFindings: () => {
        tableFindings ??= checkTables(document, getAlignment());
        return tableFindings;
      },
      report: (report: Report) => {
        const diagnostic: Diagnostic = {
          ruleId: rule.meta.id,
          severity: setting,
          message: report.message,
          line: report.span.start.line,
          column: report.span.start.column,
          endLine: report.span.end.line,
          endColumn: report.span.end.column,
        };
        if (report.hint) diagnostic.hint = report.hint;
        diagnostics.push(diagnostic);
      },
    };
    rule.check(context);
  }
  return diagnostics.sort(compareDiagnostics);
}
