import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { lintFiles } from '../src/run/api.js';
import { lintSource } from '../src/engine/lint-source.js';
import { isRepositoryRule } from '../src/engine/rule.js';
import { ROOT, formatDiagnostic, read } from './helpers.js';

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
