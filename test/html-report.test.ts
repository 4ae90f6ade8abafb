import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDocument } from '../src/document/index.js';
import { completenessOf } from '../src/report/formatters/html/completeness.js';
import { escapeHtml } from '../src/report/formatters/html/escape.js';
import { html } from '../src/report/formatters/html.js';
import { lintSource } from '../src/engine/lint-source.js';
import { builtinTemplates } from '../src/template/builtin.js';
import { repoWorkspace, runIn } from './cli-harness.js';
import { read } from './helpers.js';

const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
});

const GOOD = read('examples/feature-saved-searches.md');
const feature = (): NonNullable<ReturnType<typeof builtinTemplates>[number]> => {
  const template = builtinTemplates().find((t) => t.id === 'feature');
  if (!template) throw new Error('no feature template');
  return template;
};

function withoutSection(text: string, heading: string, next: string): string {
  return text.slice(0, text.indexOf(heading)) + text.slice(text.indexOf(next));
}

describe('completeness against the template', () => {
  it('counts a complete spec as complete', () => {
    const result = lintSource(GOOD, { template: feature() });
    const c = completenessOf(result.document, feature(), result.diagnostics);
    expect(c.required).toBeGreaterThan(5);
    expect(c).toMatchObject({ present: c.required, filled: c.required, missing: [], unfilled: [] });
  });

  it('counts a missing section as missing and a section left as placeholder as not filled', () => {
    let text = withoutSection(GOOD, '## Security Considerations', '## Performance Considerations');
    text = text.replace(/(## Risks & Mitigations\n)[\s\S]*?(\n## Open Questions)/, '$1\n[Describe the risks]\n$2');
    const result = lintSource(text, { template: feature() });
    const complete = completenessOf(buildDocument(GOOD), feature(), lintSource(GOOD, { template: feature() }).diagnostics);
    const c = completenessOf(result.document, feature(), result.diagnostics);
    expect(c.missing).toEqual(['Security Considerations']);
    expect(c.unfilled).toEqual(['Risks & Mitigations']);
    expect(c.required).toBe(complete.required);
    expect(c.present).toBe(c.required - 1);
    expect(c.filled).toBe(c.present - 1);
  });
});

describe('html formatter', () => {
  const hostile = '<script>alert(1)</script>"\' onload=x';

  it('escapes everything that comes from specs', () => {
    const report = html(
      [
        {
          path: `specs/${hostile}.md`,
          template: 'feature',
          diagnostics: [{ ruleId: 'section-required', severity: 'error', message: `Missing ${hostile}`, hint: hostile, line: 2, column: 1, endLine: 2, endColumn: 5 }],
        },
      ],
      { color: false, details: new Map([[`specs/${hostile}.md`, { lines: ['# T', hostile, 'x'], status: hostile, completeness: { required: 2, present: 1, filled: 1, missing: [hostile], unfilled: [] } }]]) },
    );
    expect(report).not.toContain('<script>alert');
    expect(report).not.toContain(hostile);
    expect(report.match(/<script>/g)).toHaveLength(1);
    expect(report).toContain(escapeHtml(hostile));
  });

  it('is self-contained: nothing is loaded from anywhere', () => {
    const report = html([{ path: 'a.md', template: null, diagnostics: [] }], { color: false });
    expect(report).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    expect(report).not.toMatch(/<link|<img|@import|url\(/);
    expect(report).toContain("default-src 'none'");
  });

  it('renders without details (as merge-reports gives none)', () => {
    const report = html([{ path: 'a.md', template: 'feature', diagnostics: [{ ruleId: 'title', severity: 'warning', message: 'm', line: 1, column: 1, endLine: 1, endColumn: 2 }] }], {
      color: false,
    });
    expect(report).toContain('data-rule="title" data-line="1"');
    expect(report).not.toContain('class="src"');
    expect(report).not.toContain('class="completeness"');
  });
});

describe('speclint --format html', () => {
  it('writes one page with counts, statuses, completeness and the source around each problem', async () => {
    const broken = withoutSection(GOOD, '## Security Considerations', '## Performance Considerations').replace('**Status**: Approved', '**Status**: Aproved');
    const dir = repoWorkspace({ 'docs/good.md': GOOD, 'docs/broken.md': broken }, cleanups);
    const json = await runIn(dir, ['-f', 'json', 'docs']);
    const run = await runIn(dir, ['-f', 'html', '-o', 'report.html', 'docs']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/html report written to report\.html/);
    const page = readFileSync(join(dir, 'report.html'), 'utf8');
    const report = JSON.parse(json.stdout) as { files: Array<{ diagnostics: Array<{ ruleId: string; line: number }> }>; summary: { errors: number; warnings: number; files: number } };
    expect(page).toContain(`data-files="2" data-errors="${report.summary.errors}" data-warnings="${report.summary.warnings}"`);
    const all = report.files.flatMap((f) => f.diagnostics);
    expect(page.match(/<li class="diagnostic /g)).toHaveLength(all.length);
    for (const d of all) expect(page).toContain(`data-rule="${d.ruleId}" data-line="${d.line}"`);
    expect(page).toMatch(/<tr data-key="Approved"><th scope="row">Approved<\/th><td data-count="errors">0<\/td><td data-count="warnings">0<\/td><td data-count="files">1<\/td>/);
    expect(page).toMatch(/<tr data-key="Aproved">/);
    expect(page).toMatch(/of \d+ required sections present, \d+ filled\. Missing: Security Considerations\./);
    // The status line, marked, among the lines around it.
    expect(page).toContain('<span class="src-line src-hit"><span class="src-no">5</span>**Status**: Aproved</span>');
  });

  it('lists a file that could not be linted, with its one fatal error and no source', async () => {
    const dir = repoWorkspace({ 'docs/good.md': GOOD, 'docs/binary.md': 'PK\u0000\u0003\u0004 not text' }, cleanups);
    const json = JSON.parse((await runIn(dir, ['-f', 'json', 'docs'])).stdout) as { files: Array<{ path: string; diagnostics: Array<{ ruleId: string }> }> };
    const run = await runIn(dir, ['-f', 'html', 'docs']);
    expect(run.code).toBe(2);
    const binary = json.files.find((f) => f.path.endsWith('binary.md'));
    expect(binary?.diagnostics).toHaveLength(1);
    expect(run.stdout).toContain(`data-path="docs/binary.md"`);
    expect(run.stdout).toMatch(new RegExp(`data-rule="${binary?.diagnostics[0]?.ruleId}" data-line="1" data-column="1" data-severity="error" data-index="0" data-fatal="true"`));
  });
});
