import { Chalk } from 'chalk';
import { rules, rulesById } from '../../../rules/index.js';
import { oneLine } from '../../report/formatters/escape.js';
import { docAsText, readRuleDoc } from '../../report/formatters/rule-doc.js';
import { closest } from '../../util/text.js';
import { type CliIO, EXIT_OK, UsageError } from './io.js';

/** `speclint rules`: the rule list; `speclint rules <id>` (or `--explain <id>`): that rule's doc as terminal text. */
export function rulesCommand(id: string | undefined, color: boolean | undefined, io: CliIO): number {
  if (id === undefined) {
    const width = Math.max(...rules.map((r) => r.meta.id.length));
    for (const rule of rules) io.stdout(`${rule.meta.id.padEnd(width)}  ${rule.meta.severity.padEnd(7)}  ${rule.meta.description}\n`);
    io.stdout(`\nRun 'speclint rules <rule>' for a rule's documentation.\n`);
    return EXIT_OK;
  }
  const rule = rulesById.get(id);
  if (!rule) {
    const ids = rules.map((r) => r.meta.id);
    const suggestion = closest(id, ids, (x) => x, 0.5);
    throw new UsageError(`unknown rule '${id}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}; run 'speclint rules' for the list`);
  }
  const doc = readRuleDoc(rule.meta.id);
  if (!doc) {
    io.stdout(`${rule.meta.id} (${rule.meta.severity}): ${rule.meta.description}\n`);
    return EXIT_OK;
  }
  const chalk = new Chalk({ level: (color ?? (io.isTTY && !io.env.NO_COLOR)) ? 1 : 0 });
  io.stdout(docAsText(doc.markdown, { heading: (t) => chalk.bold(oneLine(t)), code: (t) => chalk.cyan(t) }));
  return EXIT_OK;
}
