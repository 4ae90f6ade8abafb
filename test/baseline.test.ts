import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Baseline, BaselineError, applyBaseline, readBaseline, serializeBaseline, updateBaseline } from '../src/report/baseline.js';
import type { Diagnostic } from '../src/core/types.js';
import { z } from 'zod';
import { withAnchors } from '../src/core/anchor.js';
import { buildDocument } from '../src/document/index.js';
import { type Rule, defineRule } from '../src/engine/rule.js';
import { runRules } from '../src/engine/run-rules.js';
import { sarif } from '../src/report/formatters/sarif.js';
import { repoWorkspace, runIn } from './cli-harness.js';
import { read } from './helpers.js';

const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
});

function diagnostic(ruleId: string, section: string, text: string, line = 1): Diagnostic {
  return { ruleId, severity: 'error', message: `${ruleId} at ${section}`, line, column: 1, endLine: line, endColumn: 2, anchor: { section, text } };
}

const never = (): boolean => false;

describe('baseline (unit)', () => {
  const file = (key: string, contentHash: string, diagnostics: Diagnostic[]) => ({ key, contentHash, diagnostics });

  it('suppresses recorded problems by rule, section and text, whatever their line', () => {
    const { baseline } = updateBaseline(null, [file('a.md', 'h1', [diagnostic('placeholder', 'Goals', 't1', 10)])], 'write', never);
    const outcome = applyBaseline(baseline, [file('a.md', 'h2', [diagnostic('placeholder', 'Goals', 't1', 42), diagnostic('placeholder', 'Goals', 't2', 43)])], never);
    expect(outcome.suppressed).toBe(1);
    expect(outcome.kept[0]?.map((d) => d.anchor?.text)).toEqual(['t2']);
  });

  it('covers a key as many times as it was recorded, and reports one more', () => {
    const twice = [diagnostic('placeholder', '', 't'), diagnostic('placeholder', '', 't')];
    const { baseline } = updateBaseline(null, [file('a.md', 'h', twice)], 'write', never);
    expect(baseline.files['a.md']?.problems).toEqual([{ rule: 'placeholder', section: '', text: 't', count: 2, message: 'placeholder at ' }]);
    const outcome = applyBaseline(baseline, [file('a.md', 'h', [...twice, diagnostic('placeholder', '', 't')])], never);
    expect([outcome.suppressed, outcome.kept[0]?.length]).toEqual([2, 1]);
  });

  it('does not carry one file\'s entries to another', () => {
    const { baseline } = updateBaseline(null, [file('a.md', 'ha', [diagnostic('title', '', 't')])], 'write', never);
    const outcome = applyBaseline(baseline, [file('a.md', 'ha', []), file('b.md', 'hb', [diagnostic('title', '', 't')])], () => true);
    expect([outcome.suppressed, outcome.kept[1]?.length]).toEqual([0, 1]);
  });

  it('follows a moved file by its content, only when the old path is gone', () => {
    const { baseline } = updateBaseline(null, [file('old/a.md', 'same', [diagnostic('title', '', 't')])], 'write', never);
    const moved = applyBaseline(baseline, [file('new/a.md', 'same', [diagnostic('title', '', 't')])], never);
    expect(moved.suppressed).toBe(1);
    const copied = applyBaseline(baseline, [file('new/a.md', 'same', [diagnostic('title', '', 't')])], (key) => key === 'old/a.md');
    expect(copied.suppressed).toBe(0);
    const edited = applyBaseline(baseline, [file('new/a.md', 'other', [diagnostic('title', '', 't')])], never);
    expect(edited.suppressed).toBe(0);
    // The next write records it under the new path only.
    const next = updateBaseline(baseline, [file('new/a.md', 'same', [diagnostic('title', '', 't')])], 'prune', never);
    expect(Object.keys(next.baseline.files)).toEqual(['new/a.md']);
  });

  it('prunes what no longer occurs and keeps entries of files outside the run while they exist', () => {
    const previous: Baseline = {
      version: 2,
      files: {
        'a.md': { content: 'ha', problems: [{ rule: 'title', section: '', text: 't', count: 3, message: 'm' }, { rule: 'placeholder', section: 'X', text: 'p', count: 1, message: 'm' }] },
        'kept.md': { content: 'hk', problems: [{ rule: 'title', section: '', text: 't', count: 1, message: 'm' }] },
        'gone.md': { content: 'hg', problems: [{ rule: 'title', section: '', text: 't', count: 1, message: 'm' }] },
      },
    };
    const pruned = updateBaseline(previous, [file('a.md', 'ha2', [diagnostic('title', '', 't'), diagnostic('section-empty', '', 'new')])], 'prune', (key) => key === 'kept.md');
    expect(pruned.baseline.files).toEqual({
      'a.md': { content: 'ha2', problems: [{ rule: 'title', section: '', text: 't', count: 1, message: 'title at ' }] },
      'kept.md': previous.files['kept.md'],
    });
    expect([pruned.recorded, pruned.removed]).toEqual([2, 4]);
  });

  it('writes sorted, indented JSON: files by path, problems by rule, section and text', () => {
    const { baseline } = updateBaseline(
      null,
      [file('z.md', 'hz', [diagnostic('title', '', 'b')]), file('a.md', 'ha', [diagnostic('title', 'B', 'x'), diagnostic('placeholder', 'A', 'y'), diagnostic('title', 'A', 'z')])],
      'write',
      never,
    );
    const text = serializeBaseline(baseline);
    expect(Object.keys(JSON.parse(text).files)).toEqual(['a.md', 'z.md']);
    expect(baseline.files['a.md']?.problems.map((p) => `${p.rule}/${p.section}`)).toEqual(['placeholder/A', 'title/A', 'title/B']);
    expect(text).toMatch(/^\{\n {2}"version": 2,\n {2}"files": \{\n/);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('refuses a corrupt or foreign baseline with a clear message, and reads a missing one as none', () => {
    const dir = repoWorkspace({ 'bad.json': '{ "version": 1, ', 'foreign.json': '{ "version": 3, "files": {} }', 'ok.json': '{ "version": 1, "files": {} }' }, cleanups);
    expect(() => readBaseline(join(dir, 'bad.json'))).toThrow(BaselineError);
    expect(() => readBaseline(join(dir, 'bad.json'))).toThrow(/not valid JSON/);
    expect(() => readBaseline(join(dir, 'foreign.json'))).toThrow(/not a speclint baseline \(version: /);
    expect(readBaseline(join(dir, 'ok.json'))).toEqual({ version: 2, files: {} });
    expect(readBaseline(join(dir, 'missing.json'))).toBeNull();
  });
});

// A spec with several problems of different rules (a level, a status, placeholders, a missing section).
const LEGACY = read('examples/design-doc-audit-log.md')
  .replace('## Security Considerations', '### Security Considerations')
  .replace('- **Status**: Review', '- **Status**: Aproved')
  .replace(/## Rollout Plan[\s\S]*?(?=\n## )/, '')
  .replace('## Dependencies', '## Dependencies\n\nOwner: [Team Name]\n');

describe('baseline round trip (CLI)', () => {
  it('write, edit unrelated lines, re-run: nothing new; add a defect: exactly it is reported', async () => {
    const dir = repoWorkspace({ 'docs/audit.md': LEGACY, 'docs/other.md': LEGACY.replace('Audit', 'Other') }, cleanups);
    const before = await runIn(dir, ['docs', '-f', 'json', '--no-baseline']);
    const total = JSON.parse(before.stdout).summary.errors + JSON.parse(before.stdout).summary.warnings;
    expect(total).toBeGreaterThan(4);

    const write = await runIn(dir, ['--baseline-write', 'docs']);
    expect(write).toMatchObject({ code: 0 });
    expect(write.stderr).toBe(`speclint: baseline written to .speclint-baseline.json: ${total} problems in 2 files\n`);
    expect(write.stdout).toBe(`✔ 2 files checked, no problems (${total} suppressed by the baseline)\n`);

    // Unrelated edits: lines added at the top and in the middle move every problem down.
    const path = join(dir, 'docs/audit.md');
    const edited = readFileSync(path, 'utf8')
      .replace(/\n## /, '\n\nA new introductory paragraph.\n\nAnd another one, to move things.\n\n## ')
      .replace('## Dependencies', 'Some more text in the previous section.\n\n## Dependencies');
    writeFileSync(path, edited);
    const again = await runIn(dir, ['docs']);
    expect(again).toMatchObject({ code: 0, stdout: `✔ 2 files checked, no problems (${total} suppressed by the baseline)\n` });

    // One new defect: exactly it is reported, the rest stay suppressed.
    writeFileSync(path, edited.replace('## Dependencies', 'Owner: [Component Name]\n\n## Dependencies'));
    const defect = await runIn(dir, ['docs', '-f', 'json']);
    const report = JSON.parse(defect.stdout);
    const found = report.files.flatMap((f: { path: string; diagnostics: Diagnostic[] }) => f.diagnostics.map((d) => `${f.path} ${d.ruleId} ${d.message}`));
    expect(found).toEqual([expect.stringMatching(/^docs\/audit\.md placeholder Placeholder '\[Component Name\]' is left from the template/)]);
    expect(report.summary.suppressedByBaseline).toBe(total);
  });

  it('keeps a moved file\'s entries, prunes fixed problems, and --no-baseline shows everything', async () => {
    const dir = repoWorkspace({ 'docs/audit.md': LEGACY }, cleanups);
    expect((await runIn(dir, ['docs', '--baseline-write'])).code).toBe(0);
    const recorded = JSON.parse(readFileSync(join(dir, '.speclint-baseline.json'), 'utf8')) as Baseline;
    const count = recorded.files['docs/audit.md']?.problems.reduce((n, p) => n + p.count, 0) ?? 0;

    mkdirSync(join(dir, 'docs/archive'));
    renameSync(join(dir, 'docs/audit.md'), join(dir, 'docs/archive/audit-2024.md'));
    expect(await runIn(dir, ['docs'])).toMatchObject({ code: 0, stdout: `✔ 1 file checked, no problems (${count} suppressed by the baseline)\n` });

    // A prune records the entry under the new path; after a fix, the next prune drops that problem.
    expect((await runIn(dir, ['docs', '--baseline-prune'])).stderr).toBe(`speclint: baseline pruned: 0 fixed problems removed, ${count} left in .speclint-baseline.json\n`);
    const rewritten = JSON.parse(readFileSync(join(dir, '.speclint-baseline.json'), 'utf8')) as Baseline;
    expect(Object.keys(rewritten.files)).toEqual(['docs/archive/audit-2024.md']);
    const moved = join(dir, 'docs/archive/audit-2024.md');
    writeFileSync(moved, readFileSync(moved, 'utf8').replace('**Status**: Aproved', '**Status**: Approved'));
    const prune = await runIn(dir, ['docs', '--baseline-prune']);
    expect(prune).toMatchObject({ code: 0, stderr: `speclint: baseline pruned: 1 fixed problem removed, ${count - 1} left in .speclint-baseline.json\n` });
    const pruned = JSON.parse(readFileSync(join(dir, '.speclint-baseline.json'), 'utf8')) as Baseline;
    expect(pruned.files['docs/archive/audit-2024.md']?.problems.some((p) => p.rule === 'metadata-status')).toBe(false);

    const all = await runIn(dir, ['docs', '--no-baseline', '-f', 'json']);
    expect(all.code).toBe(1);
    expect(JSON.parse(all.stdout).summary.suppressedByBaseline).toBeUndefined();
  });

  it('uses a baseline beside the config file, or the one --baseline names; a corrupt one is exit 2', async () => {
    const dir = repoWorkspace({ 'speclint.config.json': '{}', 'docs/audit.md': LEGACY, 'elsewhere/base.json': '' }, cleanups);
    // An unreadable baseline is replaced by a write (with a warning), never by anything else.
    expect((await runIn(dir, ['docs', '--baseline-write', 'elsewhere/base.json'])).stderr).toMatch(/^speclint: warning: "elsewhere\/base\.json": the baseline is not valid JSON .*; replacing it\n/);
    expect(existsSync(join(dir, 'elsewhere/base.json'))).toBe(true);
    expect(Object.keys(JSON.parse(readFileSync(join(dir, 'elsewhere/base.json'), 'utf8')).files)).toEqual(['../docs/audit.md']);
    expect((await runIn(dir, ['docs', '--baseline', 'elsewhere/base.json'])).code).toBe(0);
    // From a subfolder, the default baseline is still found beside the config.
    await runIn(dir, ['docs', '--baseline-write']);
    expect((await runIn(join(dir, 'docs'), ['.'])).code).toBe(0);

    writeFileSync(join(dir, '.speclint-baseline.json'), '{"version": 1, "files": {"a.md": {"content": "x", "problems": [{"rule": "title"}]}}}');
    const corrupt = await runIn(dir, ['docs']);
    expect(corrupt.code).toBe(2);
    expect(corrupt.stderr).toMatch(/^speclint: "\.speclint-baseline\.json": the baseline is not a speclint baseline \(files\.a\.md\.problems\.0\.section: .*\); write it again with --baseline-write\n$/);
  });

  it('refuses to write or prune a baseline from a partial run', async () => {
    const dir = repoWorkspace({ 'docs/audit.md': LEGACY }, cleanups);
    expect(await runIn(dir, ['docs', '--baseline-write', '--shard', '1/2'])).toMatchObject({ code: 2, stderr: 'speclint: --baseline-write needs every file: leave out --shard\n' });
    expect(await runIn(dir, ['--stdin', '--baseline-prune'], {}, LEGACY)).toMatchObject({ code: 2, stderr: 'speclint: --baseline-prune records files; it does not work with --stdin\n' });
    expect(await runIn(dir, ['docs', '--baseline-prune'])).toMatchObject({ code: 2, stderr: 'speclint: --baseline-prune: there is no baseline at ".speclint-baseline.json"\n' });
    expect((await runIn(dir, ['docs', '--baseline-write', '--no-baseline'])).code).toBe(2);
    expect(await runIn(dir, ['docs', '--baseline', 'typo.json'])).toMatchObject({ code: 2, stderr: 'speclint: --baseline: there is no baseline at "typo.json" (write one with --baseline-write)\n' });
  });
});

describe('baseline keys come from data, never from message wording', () => {
  const spec = '# Title\n\n## Goals\n\nSome text.\n';
  /** A rule whose message wording is given: same data, same place, different words. */
  const reporting = (wording: (name: string) => string): Rule =>
    defineRule({
      meta: { id: 'reworded', description: 'test', severity: 'error', needsTemplate: false, data: z.object({ section: z.string() }) },
      check(context) {
        const section = context.document.sections.find((s) => s.text === 'Goals');
        if (section) context.report({ span: section.span, message: wording(section.text), data: { section: section.text } });
      },
    });
  const lintWith = (rule: Rule): Diagnostic[] => {
    const document = buildDocument(spec, 'a.md');
    return withAnchors(document, runRules(document, { template: null, reason: 'unknown', scores: [] }, { rules: [rule] }));
  };

  it('a reworded message (other quotes, other words) keeps its baseline entry and its SARIF fingerprint', () => {
    const before = lintWith(reporting((name) => `Section '${name}' is bad`));
    const after = lintWith(reporting((name) => `The "${name}" section is bad, expected 'something else'`));
    expect(after[0]?.message).not.toBe(before[0]?.message);
    const { baseline } = updateBaseline(null, [{ key: 'a.md', contentHash: 'h', diagnostics: before }], 'write', () => true);
    const outcome = applyBaseline(baseline, [{ key: 'a.md', contentHash: 'h', diagnostics: after }], () => true);
    expect([outcome.suppressed, outcome.kept[0]]).toEqual([1, []]);
    const fingerprint = (diagnostics: Diagnostic[]): unknown =>
      JSON.parse(sarif([{ path: 'a.md', template: null, diagnostics }], { color: false })).runs[0].results[0].partialFingerprints;
    expect(fingerprint(after)).toEqual(fingerprint(before));
  });

  it('other data at the same place is another problem', () => {
    const goals = lintWith(reporting((name) => `Section '${name}' is bad`));
    const other = goals.map((d) => ({ ...d, data: { section: 'Non-Goals' } }));
    const document = buildDocument(spec, 'a.md');
    const { baseline } = updateBaseline(null, [{ key: 'a.md', contentHash: 'h', diagnostics: goals }], 'write', () => true);
    const outcome = applyBaseline(baseline, [{ key: 'a.md', contentHash: 'h', diagnostics: withAnchors(document, other) }], () => true);
    expect(outcome.suppressed).toBe(0);
  });
});

describe('a baseline of format 1 (keyed by quoted message values) keeps working', () => {
  const FORMAT_1 = 'test/data/baseline-format-1';
  const files = (): Record<string, string> => ({
    '.speclint-baseline.json': read(`${FORMAT_1}/.speclint-baseline.json`),
    'docs/audit.md': read(`${FORMAT_1}/docs/audit.md`),
    'docs/duplicate.md': read(`${FORMAT_1}/docs/duplicate.md`),
    'docs/columns.md': read(`${FORMAT_1}/docs/columns.md`),
  });

  it('suppresses what the old speclint recorded, and --baseline-prune rewrites it as format 2 that still does', async () => {
    const dir = repoWorkspace(files(), cleanups);
    expect(JSON.parse(read(`${FORMAT_1}/.speclint-baseline.json`)).version).toBe(1);
    expect(await runIn(dir, ['docs'])).toMatchObject({ code: 0, stdout: '✔ 3 files checked, no problems (6 suppressed by the baseline)\n' });

    expect(await runIn(dir, ['docs', '--baseline-prune'])).toMatchObject({ code: 0, stderr: 'speclint: baseline pruned: 0 fixed problems removed, 6 left in .speclint-baseline.json\n' });
    const rewritten = JSON.parse(readFileSync(join(dir, '.speclint-baseline.json'), 'utf8')) as Baseline;
    expect(rewritten.version).toBe(2);
    expect(Object.values(rewritten.files).some((entry) => entry.legacyKeys)).toBe(false);
    expect(await runIn(dir, ['docs'])).toMatchObject({ code: 0, stdout: '✔ 3 files checked, no problems (6 suppressed by the baseline)\n' });
  });

  it('keeps the old keys of files a run does not lint, marked, until they are linted', async () => {
    const dir = repoWorkspace(files(), cleanups);
    expect((await runIn(dir, ['docs/audit.md', '--baseline-prune'])).code).toBe(0);
    const partly = JSON.parse(readFileSync(join(dir, '.speclint-baseline.json'), 'utf8')) as Baseline;
    expect(partly.files['docs/audit.md']?.legacyKeys).toBeUndefined();
    expect(partly.files['docs/duplicate.md']?.legacyKeys).toBe(true);
    expect(await runIn(dir, ['docs'])).toMatchObject({ code: 0, stdout: '✔ 3 files checked, no problems (6 suppressed by the baseline)\n' });
  });
});
