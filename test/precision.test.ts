import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  diffRows,
  extendJudgments,
  flaggedFiles,
  judge,
  parseTsv,
  reportRows,
  seededSample,
  summarize,
  toTsv,
  BASELINE_COLUMNS,
  JUDGMENT_COLUMNS,
} from '../bench/precision/lib.mjs';
import { ROOT, SHARED } from './helpers.js';

const row = (file: string, line: number, rule: string, message: string, severity = 'error') => ({ file, line, severity, rule, message });

describe('precision harness: baseline rows and diffs', () => {
  it('turns a JSON report into sorted rows with files relative to the set', () => {
    const report = {
      files: [
        { path: '/c/set/b.md', diagnostics: [{ ruleId: 'title', severity: 'error', message: 'Bad title', line: 1 }] },
        {
          path: '/c/set/a.md',
          diagnostics: [
            { ruleId: 'section-required', severity: 'error', message: "Missing 'Z'", line: 9 },
            { ruleId: 'section-empty', severity: 'warning', message: "'Y' is empty", line: 3 },
          ],
        },
      ],
    };
    const rows = reportRows(report, (path: string) => path.replace('/c/set/', ''));
    expect(rows).toEqual([row('a.md', 3, 'section-empty', "'Y' is empty", 'warning'), row('a.md', 9, 'section-required', "Missing 'Z'"), row('b.md', 1, 'title', 'Bad title')]);
    expect(summarize(rows, ['a.md', 'b.md', 'c.md'])).toEqual({ files: 3, clean: 1, errors: 2, warnings: 1, errorsByRule: { 'section-required': 1, title: 1 } });
  });

  it('round-trips rows through TSV, flattening tabs and newlines in messages', () => {
    const rows = [row('a.md', 2, 'placeholder', 'Leftover\t"[x]"\nhere')];
    const text = toTsv(rows, BASELINE_COLUMNS);
    expect(text).toBe('file\tline\tseverity\trule\tmessage\na.md\t2\terror\tplaceholder\tLeftover "[x]" here\n');
    expect(parseTsv(text)).toEqual([row('a.md', 2, 'placeholder', 'Leftover "[x]" here')]);
  });

  it('reports added and removed diagnostics, but not ones that only moved to another line', () => {
    const baseline = [row('a.md', 3, 'title', 'T'), row('a.md', 5, 'section-required', 'Missing X'), row('a.md', 7, 'section-required', 'Missing X'), row('b.md', 1, 'title', 'T')];
    const current = [row('a.md', 4, 'title', 'T'), row('a.md', 8, 'section-required', 'Missing X'), row('b.md', 1, 'title', 'T'), row('b.md', 2, 'link-anchor', 'L')];
    const { added, removed } = diffRows(baseline, current);
    expect(added).toEqual([row('b.md', 2, 'link-anchor', 'L')]);
    expect(removed).toEqual([row('a.md', 7, 'section-required', 'Missing X')]);
    // A change of severity is a different diagnostic.
    expect(diffRows([row('a.md', 1, 'x', 'm', 'warning')], [row('a.md', 1, 'x', 'm', 'error')]).added).toHaveLength(1);
  });
});

describe('precision harness: seeded sampling', () => {
  const files = Array.from({ length: 40 }, (_, k) => `doc-${String(k).padStart(2, '0')}.md`);

  it('is reproducible, independent of input order, and differs by seed and by set', () => {
    const first = seededSample(files, 15, 1, 'rust-rfcs');
    expect(first).toHaveLength(15);
    expect(new Set(first).size).toBe(15);
    expect(seededSample([...files].reverse(), 15, 1, 'rust-rfcs')).toEqual(first);
    expect(seededSample(files, 15, 2, 'rust-rfcs')).not.toEqual(first);
    expect(seededSample(files, 15, 1, 'madr')).not.toEqual(first);
  });

  it('extends a smaller sample: the first 5 of 15 are the sample of 5', () => {
    expect(seededSample(files, 15, 7, 's').slice(0, 5)).toEqual(seededSample(files, 5, 7, 's'));
    expect(seededSample(files.slice(0, 3), 15, 7, 's')).toHaveLength(3);
  });

  it('samples only documents with an error', () => {
    expect(flaggedFiles([row('a.md', 1, 'x', 'm', 'warning'), row('b.md', 1, 'x', 'm'), row('b.md', 2, 'y', 'n')])).toEqual(['b.md']);
  });
});

describe('precision harness: judgments', () => {
  const withSet = (r: ReturnType<typeof row>) => ({ ...r, set: 's' });
  const errors = [withSet(row('a.md', 5, 'section-required', 'Missing A')), withSet(row('a.md', 9, 'title', 'Bad title')), withSet(row('b.md', 2, 'title', 'Bad title'))];

  it('adds empty rows for the sampled documents only and keeps existing verdicts', () => {
    const existing = [{ set: 's', file: 'a.md', line: 4, rule: 'section-required', message: 'Missing A', verdict: 'true', reason: 'really missing' }];
    const { rows, added } = extendJudgments(existing, errors, new Set(['s\u0000a.md']));
    expect(added).toBe(1);
    expect(rows).toEqual([existing[0], { set: 's', file: 'a.md', line: 9, rule: 'title', message: 'Bad title', verdict: '', reason: '' }]);
    expect(parseTsv(toTsv(rows, JUDGMENT_COLUMNS))).toEqual(rows);
  });

  it('computes precision per set and rule from judgments matched by file, rule and message, whatever the line', () => {
    const judgments = [
      { set: 's', file: 'a.md', line: 1, rule: 'section-required', message: 'Missing A', verdict: 'true', reason: '' },
      { set: 's', file: 'a.md', line: 9, rule: 'title', message: 'Bad title', verdict: 'false', reason: 'title is fine' },
      { set: 's', file: 'b.md', line: 2, rule: 'title', message: 'Bad title', verdict: '', reason: '' },
      { set: 's', file: 'a.md', line: 3, rule: 'link-anchor', message: 'Gone', verdict: 'false', reason: '' },
    ];
    const result = judge(judgments, errors);
    expect(result.bySet).toEqual({ s: { true: 1, false: 1, precision: 0.5 } });
    expect(result.byRule).toEqual({ 'section-required': { true: 1, false: 0, precision: 1 }, title: { true: 0, false: 1, precision: 0 } });
    expect(result.total.precision).toBe(0.5);
    expect(result.unjudged).toEqual([errors[2]]);
    expect(result.stale).toEqual([judgments[3]]);
  });

  it('has no precision before anything is judged', () => {
    expect(judge([], errors).total).toEqual({ true: 0, false: 0, precision: null });
  });
});

const CORPUS = join(SHARED, 'corpus');

describe('precision harness: a run on the smallest set (madr)', () => {
  it.skipIf(!existsSync(CORPUS))('lints madr against its template and finds its baseline', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'bench/precision/run.mjs'), '--set', 'madr'], { cwd: ROOT, encoding: 'utf8' });
    const baseline = parseTsv(readFileSync(join(ROOT, 'bench/precision/baseline/madr.tsv'), 'utf8'));
    expect(out).toMatch(/^madr: 19 files, \d+ clean, \d+ errors, \d+ warnings/m);
    expect(out).toMatch(/vs baseline: \+\d+ added/);
    expect(out).not.toContain('!!!');
    expect(baseline.every((r) => r.file.startsWith('docs/decisions/'))).toBe(true);
  });

  it('says so loudly and exits 0 without ../shared', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'bench/precision/run.mjs'), '--set', 'madr'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, SPECLINT_PRECISION_CORPUS: join(ROOT, 'no-such-corpus') },
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/corpus .* is ABSENT/);
  });
});
