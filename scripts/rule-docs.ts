// `npm run docs:rules`: writes each rule doc's generated header (rules/<id>.md) from the rule's metadata.
// `--check` writes nothing and exits 1 when a header is stale (the test suite checks the same).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../rules/index.js';
import { ruleDocHeader, withHeader } from '../src/report/rule-doc-header.js';
import { packageRoot } from '../src/util/paths.js';

const check = process.argv.includes('--check');
const stale: string[] = [];
for (const rule of rules) {
  const file = join(packageRoot(), 'rules', `${rule.meta.id}.md`);
  const doc = readFileSync(file, 'utf8');
  const next = withHeader(doc, ruleDocHeader(rule.meta));
  if (next === doc) continue;
  stale.push(`rules/${rule.meta.id}.md`);
  if (!check) writeFileSync(file, next);
}
if (check && stale.length > 0) {
  process.stderr.write(`stale rule doc headers (run npm run docs:rules): ${stale.join(', ')}\n`);
  process.exitCode = 1;
} else {
  process.stdout.write(stale.length > 0 ? `headers written: ${stale.join(', ')}\n` : 'rule doc headers are up to date\n');
}
