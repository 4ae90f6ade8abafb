import type { Diagnostic } from '../../core/types.js';
import type { Formatter } from './types.js';

/** XML-escapes text and drops characters XML 1.0 cannot carry at all. */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // A carriage return as a reference: the same value, and it cannot rewrite a terminal line.
      .replace(/\r/g, '&#13;')
      // Legal in XML but raw in a terminal or a CI log: C1 controls and bidirectional overrides as references.
      .replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`)
  );
}

const seconds = (value: number | undefined): string => (value === undefined ? '' : ` time="${value.toFixed(3)}"`);

/**
 * JUnit XML: one testsuite per file, one testcase per diagnostic (a passing one for a clean file).
 * Errors are failures; a file that could not be linted is an error of the run; warnings are failures only
 * when there are more than --max-warnings of them (the run fails for them then), and otherwise passing
 * testcases whose text is in <system-out>, so that a report never fails a build the exit code passes.
 */
export const junit: Formatter = (results, context) => {
  const warnings = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 'warning').length, 0);
  const warningsFail = context.maxWarnings !== undefined && warnings > context.maxWarnings;
  const kind = (d: Diagnostic): 'error' | 'failure' | 'pass' => (d.fatal ? 'error' : d.severity === 'error' || warningsFail ? 'failure' : 'pass');
  const count = (list: readonly Diagnostic[], k: ReturnType<typeof kind>): number => list.filter((d) => kind(d) === k).length;
  const all = results.flatMap((r) => r.diagnostics);
  const tests = results.reduce((n, r) => n + Math.max(1, r.diagnostics.length), 0);
  const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  lines.push(`<testsuites name="speclint" tests="${tests}" failures="${count(all, 'failure')}" errors="${count(all, 'error')}"${seconds(context.seconds?.total)}>`);
  for (const result of results) {
    const path = escapeXml(result.path);
    const { diagnostics } = result;
    const time = seconds(context.seconds?.files.get(result.path) ?? (context.seconds ? 0 : undefined));
    lines.push(`  <testsuite name="${path}" tests="${Math.max(1, diagnostics.length)}" failures="${count(diagnostics, 'failure')}" errors="${count(diagnostics, 'error')}" skipped="0"${time}>`);
    if (diagnostics.length === 0) lines.push(`    <testcase classname="${path}" name="speclint"/>`);
    for (const d of diagnostics) {
      const name = escapeXml(`${d.ruleId} at ${d.line}:${d.column}`);
      const body = escapeXml(`${result.path}:${d.line}:${d.column}: ${d.severity}: ${d.message}${d.hint ? `\nhint: ${d.hint}` : ''}`);
      lines.push(`    <testcase classname="${path}" name="${name}">`);
      const k = kind(d);
      if (k === 'pass') lines.push(`      <system-out>${body}</system-out>`);
      else lines.push(`      <${k} type="${escapeXml(d.ruleId)}" message="${escapeXml(d.message)}">${body}</${k}>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
};
