import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'vitest';
import { lintText } from '../src/lint.js';
test('x', () => {
  for (const f of readdirSync('templates')) {
    const r = lintText(readFileSync('templates/' + f, 'utf8'), { filePath: f });
    console.log(f, r.template, r.choice.scores.map(s=>s.id+':'+s.score).join(' '), '\n' + r.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`).join('\n'));
  }
  for (const f of readdirSync('../shared/seeds')) {
    const r = lintText(readFileSync('../shared/seeds/' + f, 'utf8'), { filePath: f });
    console.log(f, r.template, r.choice.scores.map(s=>s.id+':'+s.score).join(' '), '\n' + r.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`).join('\n'));
  }
});
