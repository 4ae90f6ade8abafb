import type { LintResult } from '../../core/types.js';
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

/** JUnit XML: one testsuite per file, one failing testcase per diagnostic (a passing one for a clean file). */
export const junit: Formatter = (results) => {
  const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const fatalCount = (r: LintResult): number => r.diagnostics.filter((d) => d.fatal).length;
  const errors = results.reduce((n, r) => n + fatalCount(r), 0);
  const failures = results.reduce((n, r) => n + r.diagnostics.length, 0) - errors;
  const tests = results.reduce((n, r) => n + Math.max(1, r.diagnostics.length), 0);
  lines.push(`<testsuites name="speclint" tests="${tests}" failures="${failures}" errors="${errors}">`);
  for (const result of results) {
    const path = escapeXml(result.path);
    const count = result.diagnostics.length;
    const fatal = fatalCount(result);
    lines.push(`  <testsuite name="${path}" tests="${Math.max(1, count)}" failures="${count - fatal}" errors="${fatal}" skipped="0">`);
    if (count === 0) lines.push(`    <testcase classname="${path}" name="speclint"/>`);
    for (const d of result.diagnostics) {
      const name = escapeXml(`${d.ruleId} at ${d.line}:${d.column}`);
      const body = escapeXml(`${result.path}:${d.line}:${d.column}: ${d.severity}: ${d.message}${d.hint ? `\nhint: ${d.hint}` : ''}`);
      lines.push(`    <testcase classname="${path}" name="${name}">`);
      // A file speclint could not lint is an error of the run (JUnit's <error>), not a failed check.
      const element = d.fatal ? 'error' : 'failure';
      lines.push(`      <${element} type="${escapeXml(d.ruleId)}" message="${escapeXml(d.message)}">${body}</${element}>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
};
