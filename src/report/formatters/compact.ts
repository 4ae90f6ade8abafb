import { oneLine } from './escape.js';
import type { Formatter } from './types.js';

/** `path:line:col: severity: message [rule-id]`, one per line: for editors' error formats and grep. */
export const compact: Formatter = (results) =>
  results
    .flatMap((result) =>
      result.diagnostics.map((d) => `${oneLine(result.path)}:${d.line}:${d.column}: ${d.severity}: ${oneLine(d.message)} [${d.ruleId}]\n`),
    )
    .join('');
