import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { lintFiles } from '../src/run/api.js';
import { lintSource } from '../src/engine/lint-source.js';
import { defineRule, isRepositoryRule } from '../src/engine/rule.js';
import { compareDiagnostics, runRules } from '../src/engine/run-rules.js';
import { buildDocument } from '../src/document/index.js';
import { z } from 'zod';
import { ROOT, formatDiagnostic, read } from './helpers.js';
import type { Diagnostic } from '../src/core/types.js';

const FIXTURES = join(ROOT, 'fixtures');

function fixtureFiles(ruleId: string, kind: 'valid' | 'invalid'): string[] {
  const dir = join(FIXTURES, ruleId, kind);
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md') && !f.endsWith('.fixed.md')).sort() : [];
}

function lintFixture(path: string) {
  return lintSource(read(path), { filePath: path, cwd: ROOT }).diagnostics;
}

/** Repository rules' fixtures are folders of specs (sets), each linted as one run. */
function fixtureSets(ruleId: string, kind: 'valid' | 'invalid'): string[] {
  const dir = join(FIXTURES, ruleId, kind);
  return existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort() : [];
}

async function lintSet(relative: string): Promise<string[]> {
  const dir = join(ROOT, relative);
  const configFile = join(dir, 'speclint.config.json');
  const { results, errors } = await lintFiles(['.'], { cwd: dir, config: existsSync(configFile) ? configFile : false });
  expect(errors).toEqual([]);
  return results.flatMap((result) => result.diagnostics.map((d) => `${result.path} ${formatDiagnostic(d)}`));
}

const repositoryRuleIds = rules.filter(isRepositoryRule).map((rule) => rule.meta.id);

describe.each(repositoryRuleIds)('repository rule %s', (ruleId) => {
  it('has valid and invalid fixture sets of several files', () => {
    for (const kind of ['valid', 'invalid'] as const) {
      const sets = fixtureSets(ruleId, kind);
      expect(sets.length, `fixtures/${ruleId}/${kind}/<set>/`).toBeGreaterThan(0);
      for (const set of sets) expect(readdirSync(join(FIXTURES, ruleId, kind, set)).filter((f) => f.endsWith('.md')).length).toBeGreaterThan(1);
    }
  });

  it.each(fixtureSets(ruleId, 'valid'))('valid/%s has no diagnostics', async (set) => {
    expect(await lintSet(`fixtures/${ruleId}/valid/${set}`)).toEqual([]);
  });

  it.each(fixtureSets(ruleId, 'invalid'))('invalid/%s has exactly the expected diagnostics', async (set) => {
    const path = `fixtures/${ruleId}/invalid/${set}`;
    const expected = read(`${path}/expected`).split('\n').filter((line) => line.trim() !== '');
    const actual = await lintSet(path);
    expect(actual).toEqual(expected);
    expect(actual.some((line) => line.split(' ')[3] === ruleId), `an invalid set of ${ruleId} must trigger it`).toBe(true);
  });
});

describe.each(rules.filter((rule) => !isRepositoryRule(rule)).map((rule) => rule.meta.id))('rule %s', (ruleId) => {
  it('has a doc beside it and valid and invalid fixtures', () => {
    expect(existsSync(join(ROOT, 'rules', `${ruleId}.ts`)), `rules/${ruleId}.ts`).toBe(true);
    expect(existsSync(join(ROOT, 'rules', `${ruleId}.md`)), `rules/${ruleId}.md`).toBe(true);
    expect(fixtureFiles(ruleId, 'valid').length, `fixtures/${ruleId}/valid`).toBeGreaterThan(0);
    expect(fixtureFiles(ruleId, 'invalid').length, `fixtures/${ruleId}/invalid`).toBeGreaterThan(0);
  });

  it.each(fixtureFiles(ruleId, 'valid'))('valid/%s has no diagnostics', (file) => {
    expect(lintFixture(`fixtures/${ruleId}/valid/${file}`).map(formatDiagnostic)).toEqual([]);
  });

  it.each(fixtureFiles(ruleId, 'invalid'))('invalid/%s has exactly the expected diagnostics', (file) => {
    const path = `fixtures/${ruleId}/invalid/${file}`;
    const expectedPath = path.replace(/\.md$/, '.expected');
    expect(existsSync(join(ROOT, expectedPath)), expectedPath).toBe(true);
    const expected = read(expectedPath).split('\n').filter((line) => line.trim() !== '');
    const actual = lintFixture(path).map(formatDiagnostic);
    expect(actual).toEqual(expected);
    expect(actual.some((line) => line.split(' ')[2] === ruleId), `an invalid fixture of ${ruleId} must trigger it`).toBe(true);
  });
});

describe('rule registry', () => {
  it('has a rule for every fixture folder and rule doc', () => {
    const ids = new Set(rules.map((rule) => rule.meta.id));
    for (const dir of readdirSync(FIXTURES)) expect(ids.has(dir), `fixtures/${dir} has no rule`).toBe(true);
    const docs = readdirSync(join(ROOT, 'rules')).filter((f) => f.endsWith('.md'));
    for (const doc of docs) expect(ids.has(doc.replace(/\.md$/, '')), `rules/${doc} has no rule`).toBe(true);
  });

  it('has unique ids that match their module names', () => {
    const ids = rules.map((rule) => rule.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    const modules = readdirSync(join(ROOT, 'rules')).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    expect(modules.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual([...ids].sort());
  });

  it('documents each rule with its id, default severity and an example', () => {
    for (const rule of rules) {
      const doc = read(`rules/${rule.meta.id}.md`);
      expect(doc.startsWith(`# ${rule.meta.id}`), `rules/${rule.meta.id}.md title`).toBe(true);
      expect(doc).toContain(`Default severity: ${rule.meta.severity}`);
      expect(doc).toMatch(/## Examples?/);
    }
  });
});

describe('fixable rules are documented', () => {
  it.each(rules.filter((r) => r.meta.fixable).map((r) => r.meta.id))('%s says in its doc and the README how it fixes', (id) => {
    expect(read(`rules/${id}.md`)).toContain('## Fix');
    expect(read('README.md')).toMatch(new RegExp(`\\| \`${id}\` \\| [^|]+ \\|`));
  });
});

describe('structured diagnostics: data and related locations', () => {
  it('every rule declares the shape of its data, and the engine refuses data of another shape', () => {
    for (const rule of rules) expect(rule.meta.data, `${rule.meta.id} meta.data`).toBeDefined();
    const misshapen = defineRule({
      meta: { id: 'misshapen', description: 'test', severity: 'error', needsTemplate: false, data: z.object({ section: z.string() }) },
      check(context) {
        context.report({ span: context.document.source.span(0, 1), message: 'bad', data: { section: 3 } as unknown as { section: string } });
      },
    });
    const document = buildDocument('# Title\n', 'a.md');
    expect(runRules(document, { template: null, reason: 'unknown', scores: [] }, { rules: [misshapen] })).toEqual([
      expect.objectContaining({ ruleId: 'misshapen', fatal: true, message: "Rule 'misshapen' failed on this file: it reported data that does not fit its declared shape; please report it" }),
    ]);
  });

  it('a duplicate section reports its name as data and the first copy as a related location', () => {
    const found = lintFixture('fixtures/section-duplicate/invalid/dependencies-twice.md').filter((d) => d.ruleId === 'section-duplicate');
    expect(found).toEqual([
      expect.objectContaining({ line: 136, data: { section: 'Dependencies' }, related: [{ message: "First copy of 'Dependencies'", line: 130, column: 1, endLine: 130, endColumn: 16 }] }),
    ]);
  });

  it('an id clash points at the other spec, by its path', async () => {
    const dir = join(ROOT, 'fixtures/id-unique/invalid/duplicate-ids');
    const { results } = await lintFiles(['.'], { cwd: dir, config: join(dir, 'speclint.config.json') });
    const clash = results.find((r) => r.path === 'adr-0001-postgres.md')?.diagnostics.find((d) => d.ruleId === 'id-unique');
    expect(clash).toMatchObject({
      data: { id: 'ADR-0001' },
      related: [{ path: 'adr-0002-queue.md', message: "'ADR-0001' is also the id of adr-0002-queue.md", line: 2, column: 9, endLine: 2, endColumn: 17 }],
    });
  });
});

describe('diagnostic order', () => {
  it('orders ties on one position by rule id as ICU does for every rule id, without ICU', () => {
    const at = (ruleId: string): Diagnostic => ({ ruleId, severity: 'error', message: '', line: 3, column: 1, endLine: 3, endColumn: 2 });
    const ids = rules.map((rule) => rule.meta.id);
    const ours = ids.map(at).sort(compareDiagnostics).map((d) => d.ruleId);
    expect(ours).toEqual([...ids].sort(new Intl.Collator('en').compare));
    expect(ours).toEqual([...ids].sort(new Intl.Collator('tr').compare));
    expect([at('b'), { ...at('a'), line: 4 }, at('a')].sort(compareDiagnostics).map((d) => `${d.line}:${d.ruleId}`)).toEqual(['3:a', '3:b', '4:a']);
  });
});
