import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { currentHeader, ruleDocHeader } from '../src/report/rule-doc-header.js';
import { ROOT, read } from './helpers.js';

/** A diagnostic as a doc example or a fixture's expected line states it. */
interface Stated {
  at: string;
  severity: string;
  rule: string;
  message: string;
}

/**
 * The diagnostics a doc's `## Examples` section shows: lines of its code blocks written as speclint prints
 * them (`12:3  error  message  rule-id`; under a file name for repository rules). Other lines (a hint, the
 * Markdown the example is about) are context.
 */
export function docExamples(doc: string): Stated[] {
  const found: Stated[] = [];
  let inExamples = false;
  let inCode = false;
  for (const line of doc.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) {
      inCode = !inCode;
      continue;
    }
    if (!inCode && /^## /.test(line)) inExamples = /^## Examples?\s*$/.test(line);
    if (!inCode || !inExamples) continue;
    const m = /^\s*(\d+:\d+)\s+(error|warning)\s+(.*?)\s{2,}([a-z][a-z0-9-]*)\s*$/.exec(line);
    if (m?.[1] && m[2] && m[3] && m[4]) found.push({ at: m[1], severity: m[2], rule: m[4], message: m[3] });
  }
  return found;
}

function expectedFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return expectedFiles(path);
    return entry.name.endsWith('.expected') || entry.name === 'expected' ? [path] : [];
  });
}

/** Every diagnostic the rule's invalid fixtures expect (`L:C-L:C severity rule message`, after the path for a set). */
function fixtureDiagnostics(ruleId: string): Stated[] {
  return expectedFiles(join(ROOT, 'fixtures', ruleId, 'invalid')).flatMap((file) =>
    read(file.slice(ROOT.length + 1))
      .split('\n')
      .flatMap((line) => {
        const m = /^(?:\S+\.md )?(\d+:\d+)-\d+:\d+ (error|warning) ([a-z0-9-]+) (.*)$/.exec(line);
        return m?.[1] && m[2] && m[3] && m[4] !== undefined ? [{ at: m[1], severity: m[2], rule: m[3], message: m[4] }] : [];
      }),
  );
}

describe.each(rules.map((rule) => rule.meta.id))('rules/%s.md', (id) => {
  const rule = rules.find((r) => r.meta.id === id);
  const doc = read(`rules/${id}.md`);

  it("has the header generated from the rule's metadata (npm run docs:rules writes it)", () => {
    expect(currentHeader(doc), 'run npm run docs:rules').toBe(rule ? ruleDocHeader(rule.meta) : null);
  });

  it('shows examples, each one a diagnostic that one of its invalid fixtures expects', () => {
    const examples = docExamples(doc);
    expect(examples.length, 'a code block under ## Examples with lines like `12:3  error  message  rule-id`').toBeGreaterThan(0);
    const known = fixtureDiagnostics(id).map((d) => JSON.stringify(d));
    const unbacked = examples.filter((example) => !known.includes(JSON.stringify(example)));
    expect(unbacked, `examples of rules/${id}.md with no fixture in fixtures/${id}/invalid/ expecting exactly that`).toEqual([]);
  });
});
