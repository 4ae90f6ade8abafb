import { Chalk } from 'chalk';
import { rulesById } from '../../../rules/index.js';
import { oneLine as printable } from './escape.js';
import { type Formatter, totals } from './types.js';

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;


/** Human-readable report grouped by file, in the style of ESLint's "stylish". */
export const stylish: Formatter = (results, context) => {
  const chalk = new Chalk({ level: context.color ? 1 : 0 });
  const lines: string[] = [];
  for (const result of results) {
    if (result.diagnostics.length === 0) continue;
    lines.push(chalk.underline(printable(result.path)) + chalk.dim(` (template: ${printable(result.template ?? 'none')})`));
    const positions = result.diagnostics.map((d) => `${d.line}:${d.column}`);
    const width = Math.max(...positions.map((p) => p.length));
    result.diagnostics.forEach((d, k) => {
      const severity = d.severity === 'error' ? chalk.red('error  ') : chalk.yellow('warning');
      lines.push(`  ${chalk.dim((positions[k] ?? '').padEnd(width))}  ${severity}  ${printable(d.message)}  ${chalk.dim(d.ruleId)}`);
      if (d.hint) lines.push(`  ${' '.repeat(width)}  ${chalk.dim(`hint: ${printable(d.hint)}`)}`);
    });
    lines.push('');
  }
  const sum = totals(results);
  const problems = sum.errors + sum.warnings;
  const suppressed = context.baselineSuppressed ? chalk.dim(` (${context.baselineSuppressed} suppressed by the baseline)`) : '';
  if (problems === 0) {
    lines.push(chalk.green(`✔ ${plural(sum.files, 'file')} checked, no problems`) + suppressed);
  } else {
    const withProblems = results.filter((r) => r.diagnostics.length > 0).length;
    const summary = `✖ ${plural(problems, 'problem')} (${plural(sum.errors, 'error')}, ${plural(sum.warnings, 'warning')}) in ${plural(withProblems, 'file')}`;
    lines.push((sum.errors > 0 ? chalk.red.bold(summary) : chalk.yellow.bold(summary)) + suppressed);
    // Where to read more, with a rule from this report as the example (unlinted files' codes are not rules).
    const example = results.flatMap((r) => r.diagnostics).find((d) => rulesById.has(d.ruleId))?.ruleId;
    if (example) lines.push(chalk.dim(`Each rule is explained by 'speclint rules <rule>', e.g. 'speclint rules ${example}'`));
  }
  return `${lines.join('\n')}\n`;
};
