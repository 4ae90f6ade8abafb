import { safeJson } from './escape.js';
import { type Formatter, totals } from './types.js';

/** The stable machine-readable contract (version 1). */
export const json: Formatter = (results, context) => {
  const report = {
    version: 1,
    files: results.map((result) => ({
      path: result.path,
      template: result.template,
      ...(result.config === undefined ? {} : { config: result.config }),
      diagnostics: result.diagnostics.map((d) => ({
        ruleId: d.ruleId,
        severity: d.severity,
        message: d.message,
        line: d.line,
        column: d.column,
        endLine: d.endLine,
        endColumn: d.endColumn,
        ...(d.hint === undefined ? {} : { hint: d.hint }),
        ...(d.fix === undefined ? {} : { fix: d.fix }),
        ...(d.data === undefined ? {} : { data: d.data }),
        ...(d.related === undefined ? {} : { related: d.related }),
        ...(d.anchor === undefined ? {} : { anchor: { section: d.anchor.section, text: d.anchor.text } }),
        ...(d.fatal ? { fatal: true } : {}),
      })),
    })),
    summary: { ...totals(results), ...(context.baselineSuppressed === undefined ? {} : { suppressedByBaseline: context.baselineSuppressed }) },
  };
  return `${safeJson(JSON.stringify(report, null, 2))}\n`;
};
