import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { CONFIG_FILES, loadConfig } from '../src/config/load.js';
import { schemaText } from '../src/config/write-schema.js';
import { repoWorkspace, runIn } from './cli-harness.js';
import { ROOT, read } from './helpers.js';

function loadConfigText(text: string): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'speclint-schema-'));
  writeFileSync(join(dir, 'speclint.config.json'), text);
  return loadConfig(join(dir, 'speclint.config.json'), dir);
}

const SPEC = read('examples/design-doc-audit-log.md');
const WITH_TODO = SPEC.replace('- External: none.', '- External: none (TODO confirm).');
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});
const ws = (files: Record<string, string>): string => repoWorkspace(files, cleanups);
const rulesOf = (stdout: string): string[] =>
  (JSON.parse(stdout) as { files: { diagnostics: { ruleId: string; severity: string }[] }[] }).files.flatMap((f) =>
    f.diagnostics.map((d) => `${d.ruleId}:${d.severity}`),
  );

describe('config discovery', () => {
  it.each([...CONFIG_FILES])('finds %s from a subfolder', async (name) => {
    const content = name.endsWith('.json') || name === '.speclintrc' ? '{ "rules": { "placeholder": "off" } }' : 'rules:\n  placeholder: "off"\n';
    const dir = ws({ [name]: content, 'docs/specs/a.md': WITH_TODO });
    const run = await runIn(join(dir, 'docs/specs'), ['-f', 'json', 'a.md']);
    expect(run.stderr).toBe('');
    expect(rulesOf(run.stdout)).toEqual([]);
  });

  it('reads a "speclint" key in package.json, and ignores a package.json without one', async () => {
    const dir = ws({ 'package.json': '{ "name": "x", "speclint": { "rules": { "placeholder": "error" } } }', 'a.md': WITH_TODO });
    expect(rulesOf((await runIn(dir, ['-f', 'json', 'a.md'])).stdout)).toEqual(['placeholder:error']);
    const plain = ws({ 'package.json': '{ "name": "x" }', 'a.md': WITH_TODO });
    expect(rulesOf((await runIn(plain, ['-f', 'json', 'a.md'])).stdout)).toEqual(['placeholder:warning']);
  });

  it('uses the nearest config and does not look above the repository root', async () => {
    const dir = ws({ 'speclint.config.json': '{ "rules": { "placeholder": "error" } }', 'sub/.speclintrc.json': '{ "rules": { "placeholder": "off" } }', 'sub/a.md': WITH_TODO });
    expect(rulesOf((await runIn(join(dir, 'sub'), ['-f', 'json', 'a.md'])).stdout)).toEqual([]);
    const outer = ws({ 'speclint.config.json': '{ "rules": { "placeholder": "off" } }', 'repo/.git/': '', 'repo/a.md': WITH_TODO });
    expect(rulesOf((await runIn(join(outer, 'repo'), ['-f', 'json', 'a.md'])).stdout)).toEqual(['placeholder:warning']);
  });

  it('--config names a file; --no-config uses none', async () => {
    const dir = ws({ 'speclint.config.json': '{ "rules": { "placeholder": "off" } }', 'strict.yaml': 'rules:\n  placeholder: error\n', 'a.md': WITH_TODO });
    expect(rulesOf((await runIn(dir, ['-f', 'json', '--config', 'strict.yaml', 'a.md'])).stdout)).toEqual(['placeholder:error']);
    expect(rulesOf((await runIn(dir, ['-f', 'json', '--no-config', 'a.md'])).stdout)).toEqual(['placeholder:warning']);
  });
});

describe('config settings', () => {
  it('applies rule options, validated by each rule', async () => {
    const spec = SPEC.replace('- External: none.', '- External: none (WIP, ask Legal).').replace('## Dependencies\n', '### Open Risks\n\n## Dependencies\n');
    const dir = ws({
      'speclint.config.json': JSON.stringify({
        rules: { placeholder: { options: { markers: ['WIP'], literals: ['ask Legal'] } }, 'section-empty': { severity: 'error', options: { allow: [] } } },
      }),
      'a.md': spec,
    });
    const run = await runIn(dir, ['-f', 'json', 'a.md']);
    const report = JSON.parse(run.stdout) as { files: { diagnostics: { ruleId: string; severity: string; message: string }[] }[] };
    expect(report.files[0]?.diagnostics.map((d) => `${d.ruleId}:${d.severity}:${d.message}`)).toEqual([
      "section-empty:error:Section 'Open Risks' is empty",
      "placeholder:warning:'WIP' marker left in the spec",
      "placeholder:warning:Placeholder 'ask Legal' (configured)",
    ]);
    const allowed = ws({ 'speclint.config.json': '{ "rules": { "section-empty": { "options": { "allow": ["open risks"] } } } }', 'a.md': spec.replace(' (WIP, ask Legal)', '') });
    expect(rulesOf((await runIn(allowed, ['-f', 'json', 'a.md'])).stdout)).toEqual([]);
  });

  it('takes final statuses and extra placeholders from the config', async () => {
    const spec = SPEC.replace('- **Status**: Review', '- **Status**: Signed Off').replace('- External: none.', '- External: none, see ACME-PLACEHOLDER.');
    const dir = ws({ 'speclint.config.json': '{ "finalStatuses": ["Signed Off"], "placeholders": ["ACME-PLACEHOLDER"] }', 'a.md': spec });
    const run = await runIn(dir, ['-f', 'json', 'a.md']);
    expect(rulesOf(run.stdout)).toEqual(['metadata-status:error', 'placeholder:error']);
  });

  it('assigns templates and rules by override globs, later entries winning', async () => {
    const dir = ws({
      'speclint.config.json': JSON.stringify({
        rules: { placeholder: 'off' },
        overrides: [
          { files: ['docs/**/*.md'], template: 'numbered', rules: { placeholder: 'error' } },
          { files: ['docs/design/*.md'], template: 'design-doc' },
        ],
      }),
      'docs/design/a.md': WITH_TODO,
      'docs/other/b.md': WITH_TODO,
      'c.md': WITH_TODO,
    });
    const run = await runIn(dir, ['-f', 'json', '.']);
    const report = JSON.parse(run.stdout) as { files: { path: string; template: string; diagnostics: { ruleId: string }[] }[] };
    expect(report.files.map((f) => [f.path, f.template, f.diagnostics.some((d) => d.ruleId === 'placeholder')])).toEqual([
      ['c.md', 'design-doc', false],
      ['docs/design/a.md', 'design-doc', true],
      ['docs/other/b.md', 'numbered', true],
    ]);
  });

  it('loads templates from files and folders, by file name or template-id, replacing a built-in', async () => {
    const dir = ws({
      'speclint.config.json': '{ "templates": ["tpl", "adr.md"], "overrides": [{ "files": ["adr/*.md"], "template": "adr" }, { "files": ["rfc/*.md"], "template": "rfc" }] }',
      'adr.md': '# ADR: [Title]\n\n## Context\n\n## Decision\n',
      'tpl/rfc-template.md': '---\ntemplate-id: rfc\n---\n# RFC: [Title]\n\n## Summary\n\n## Design\n',
      'tpl/design-doc.md': '# Design: [Name]\n\n## Why\n',
      'adr/1.md': '# ADR: Postgres\n\n## Context\n\nWe need a database.\n',
      'rfc/1.md': '# RFC: Exports\n\n## Summary\n\nExports.\n\n## Design\n\nA job.\n',
    });
    const run = await runIn(dir, ['-f', 'json', 'adr', 'rfc']);
    const report = JSON.parse(run.stdout) as { files: { template: string; diagnostics: { message: string }[] }[] };
    expect(report.files.map((f) => [f.template, f.diagnostics.map((d) => d.message)])).toEqual([
      ['adr', ["Missing required section 'Decision' (level 2), expected after 'Context'"]],
      ['rfc', []],
    ]);
    const listing = await runIn(dir, ['templates']);
    expect(listing.stdout).toMatch(/^design-doc {2}Design: \[Name\]\n {12}title: # Design: \[Name\]\n {12}from: {2}tpl\/design-doc\.md\n/m);
  });
});

describe('ignore files and patterns', () => {
  it('skips what .gitignore, .speclintignore, the config and --ignore-pattern exclude in walks and globs', async () => {
    const dir = ws({
      '.gitignore': 'build/\n',
      '.speclintignore': 'drafts/\n',
      'speclint.config.json': '{ "ignore": ["archive/**"] }',
      'build/a.md': SPEC,
      'drafts/b.md': SPEC,
      'archive/c.md': SPEC,
      'vendor/d.md': SPEC,
      'docs/e.md': SPEC,
    });
    const paths = async (args: string[]): Promise<string[]> =>
      (JSON.parse((await runIn(dir, ['-f', 'json', ...args])).stdout) as { files: { path: string }[] }).files.map((f) => f.path);
    expect(await paths(['.', '--ignore-pattern', 'vendor/'])).toEqual(['docs/e.md']);
    expect(await paths(['**/*.md'])).toEqual(['docs/e.md', 'vendor/d.md']);
    // A file named explicitly but ignored is skipped with a warning (as in ESLint), the run still a success.
    const named = await runIn(dir, ['-f', 'json', 'drafts/b.md']);
    expect(named.code).toBe(0);
    expect((JSON.parse(named.stdout) as { files: unknown[] }).files).toEqual([]);
    expect(named.stderr).toContain('"drafts/b.md" is ignored');
    const none = await runIn(dir, ['build']);
    expect(none).toMatchObject({ code: 2, stderr: "speclint: no Markdown files in directory 'build' (all are ignored)\n" });
  });
});

describe('template ids', () => {
  const TEMPLATE_A = '# Proposal: [Title]\n\n## Summary\n\nWhat it does.\n\n## Design\n\nHow it works.\n';
  const TEMPLATE_B = '# Withdrawal: [Title]\n\n## Reason\n\nWhy it is withdrawn.\n';

  it('names two template files with the same name after their folders, so neither replaces the other', async () => {
    const dir = ws({
      'speclint.config.json': JSON.stringify({
        templates: ['accepted/0000-template.md', 'withdrawn/0000-template.md'],
        overrides: [
          { files: ['accepted/*.md'], template: 'accepted-0000-template' },
          { files: ['withdrawn/*.md'], template: 'withdrawn-0000-template' },
        ],
        ignore: ['**/0000-template.md'],
      }),
      'accepted/0000-template.md': TEMPLATE_A,
      'withdrawn/0000-template.md': TEMPLATE_B,
      'accepted/0001-uploads.md': '# Proposal: Uploads\n\n## Summary\n\nChunked uploads.\n\n## Design\n\nEight MiB chunks.\n',
      'withdrawn/0002-uploads.md': '# Withdrawal: Uploads\n\n## Reason\n\nResumable uploads replace it.\n',
    });
    const run = await runIn(dir, ['-f', 'json', '.']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { files: { path: string; template: string | null; diagnostics: unknown[] }[] };
    expect(report.files.map((f) => `${f.path} ${f.template} ${f.diagnostics.length}`)).toEqual([
      'accepted/0001-uploads.md accepted-0000-template 0',
      'withdrawn/0002-uploads.md withdrawn-0000-template 0',
    ]);
    // The plain name is no longer either of them: a config that still uses it gets a clear error.
    const old = ws({
      'speclint.config.json': JSON.stringify({ templates: ['accepted/0000-template.md', 'withdrawn/0000-template.md'], overrides: [{ files: ['a.md'], template: '0000-template' }] }),
      'accepted/0000-template.md': TEMPLATE_A,
      'withdrawn/0000-template.md': TEMPLATE_B,
      'a.md': SPEC,
    });
    expect((await runIn(old, ['a.md'])).stderr).toContain('overrides[0].template: unknown template "0000-template"');
  });

  it('reports ids that still clash as a config error naming both files', async () => {
    const dir = ws({
      'speclint.config.json': JSON.stringify({ templates: ['a/x.md', 'b/x.md'] }),
      'a/x.md': `---\ntemplate-id: same\n---\n\n${TEMPLATE_A}`,
      'b/x.md': `---\ntemplate-id: same\n---\n\n${TEMPLATE_B}`,
      'a.md': SPEC,
    });
    expect(await runIn(dir, ['a.md'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'speclint: speclint.config.json: templates: "a/x.md" and "b/x.md" are both named "same"; give one of them its own template-id in its front matter\n',
    });
  });
});

describe('ignore outside the config folder', () => {
  it('matches config ignore globs that start with ../ against files beyond the config, as overrides do', async () => {
    const dir = ws({
      'config/speclint.config.json': JSON.stringify({ ignore: ['../specs/*-template.md', 'drafts/'] }),
      'specs/0000-template.md': SPEC,
      'specs/a.md': SPEC,
    });
    const run = await runIn(dir, ['-f', 'json', '--config', 'config/speclint.config.json', 'specs']);
    expect((JSON.parse(run.stdout) as { files: { path: string }[] }).files.map((f) => f.path)).toEqual(['specs/a.md']);
  });
});

describe('config errors', () => {
  it.each([
    ['speclint.config.json', '{ "rules": { "section-requird": "off" } }', 'speclint.config.json: rules.section-requird: unknown rule (did you mean "section-required"?)'],
    ['speclint.config.json', '{ "overrides": [{ "files": ["a"] }, { "files": ["b"], "template": "rcf" }] }', 'speclint.config.json: overrides[1].template: unknown template "rcf"'],
    ['speclint.config.json', '{\n  "rules": {\n    "title": "off",\n  }\n}', 'speclint.config.json: line 4, column 3: Expected double-quoted property name'],
    ['.speclintrc.yaml', 'rules:\n  title: off\n  bad: [\n', '.speclintrc.yaml: line 4, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['speclint.config.json', '{ "rulez": {} }', 'speclint.config.json: rulez: unknown property (did you mean "rules"?)'],
    ['speclint.config.json', '{ "rules": { "title": "eror" } }', 'speclint.config.json: rules.title: expected "off", "warning" or "error", got "eror"'],
    ['speclint.config.json', '{ "rules": { "placeholder": { "options": { "markrs": [] } } } }', 'speclint.config.json: rules.placeholder.options.markrs: unknown property (did you mean "markers"?)'],
    ['speclint.config.json', '{ "rules": { "placeholder": { "options": { "guidance": "yes" } } } }', 'speclint.config.json: rules.placeholder.options.guidance: expected boolean, received string'],
    ['speclint.config.json', '{ "rules": { "title": { "options": {} } } }', 'speclint.config.json: rules.title.options: rule "title" has no options'],
    ['speclint.config.json', '{ "overrides": [{ "template": "numbered" }] }', 'speclint.config.json: overrides[0].files: required property is missing'],
    ['speclint.config.json', '{ "templates": ["missing.md"] }', 'speclint.config.json: templates[0]: no such file or folder "missing.md"'],
    ['speclint.config.json', '[1, 2]', 'speclint.config.json: (root): expected an object of settings'],
    ['speclint.config.json', '{ "identity": { "idFilename": "ts-number" } }', 'speclint.config.json: identity.idFilename: must contain {id}'],
    ['speclint.config.json', '{ "overrides": [{ "files": ["a"], "identity": { "idFeild": "eip" } }] }', 'speclint.config.json: overrides[0].identity.idFeild: unknown property (did you mean "idField"?)'],
    ['speclint.config.json', '{ "overrides": [{ "files": ["a"], "identiy": {} }] }', 'speclint.config.json: overrides[0].identiy: unknown property (did you mean "identity"?)'],
  ])('%s %s → exit 2 and one line per problem', async (name, content, message) => {
    const dir = ws({ [name]: content, 'a.md': SPEC });
    const run = await runIn(dir, ['a.md']);
    expect(run).toEqual({ code: 2, stdout: '', stderr: `speclint: ${message}\n` });
  });

  it('lists every problem of a config at once', async () => {
    const dir = ws({ 'speclint.config.json': '{ "ignor": [], "rules": { "titel": "off", "placeholder": "loud" } }', 'a.md': SPEC });
    const run = await runIn(dir, ['a.md']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      'speclint: speclint.config.json: ignor: unknown property (did you mean "ignore"?)',
      'speclint: speclint.config.json: rules.titel: unknown rule (did you mean "title"?)',
      'speclint: speclint.config.json: rules.placeholder: expected "off", "warning" or "error", got "loud"',
    ]);
  });

  it('names a missing --config file', async () => {
    const dir = ws({ 'a.md': SPEC });
    expect(await runIn(dir, ['--config', 'nope.json', 'a.md'])).toEqual({ code: 2, stdout: '', stderr: 'speclint: nope.json: no such file\n' });
  });
});

describe('--print-config', () => {
  it('explains the template choice: flag, front matter, override or detection with scores', async () => {
    const dir = ws({
      'speclint.config.json': '{ "overrides": [{ "files": ["rfcs/*.md"], "template": "numbered", "rules": { "title": "off" }, "identity": { "idField": "RFC", "idFilename": "rfc-{id}" } }] }',
      'rfcs/a.md': SPEC,
      'b.md': SPEC,
      'c.md': `---\ntemplate: feature\n---\n${SPEC}`,
    });
    const print = async (args: string[]) => JSON.parse((await runIn(dir, args)).stdout) as Record<string, unknown> & { template: Record<string, unknown>; rules: Record<string, { severity: string }> };
    const override = await print(['--print-config', 'rfcs/a.md']);
    expect(override).toMatchObject({ file: 'rfcs/a.md', config: 'speclint.config.json', ignored: false, template: { id: 'numbered', reason: 'override', override: 0, files: ['rfcs/*.md'] }, matchedOverrides: [0] });
    expect(override.rules.title).toEqual({ severity: 'off' });
    expect(override.identity).toEqual({ idField: 'rfc', idFilename: 'rfc-{id}', references: ['decision ref', 'supersedes', 'superseded by', 'replaces', 'replaced by', 'related'], supersededStatus: null });
    expect(override.rules.placeholder).toEqual({ severity: 'warning (error in a final status)', options: { markers: ['TBD', 'TODO', 'FIXME'], literals: [], guidance: true } });
    const detected = await print(['--print-config', 'b.md']);
    expect(detected.template).toMatchObject({ id: 'design-doc', reason: 'detection' });
    expect((detected.template.scores as { id: string }[])[0]?.id).toBe('design-doc');
    expect((await print(['--print-config', 'c.md'])).template).toEqual({ id: 'feature', reason: 'front matter' });
    expect((await print(['--print-config', 'b.md', '--template', 'component'])).template).toEqual({ id: 'component', reason: 'flag' });
  });
});

describe('JSON Schema', () => {
  it('ships speclint.config.schema.json generated from the zod schema', () => {
    expect(readFileSync(join(ROOT, 'speclint.config.schema.json'), 'utf8'), 'run npm run schema').toBe(schemaText());
  });

  it('describes every rule with its options', () => {
    const schema = JSON.parse(schemaText()) as { $defs: { rules: { properties: Record<string, unknown> } } };
    expect(Object.keys(schema.$defs.rules.properties)).toContain('placeholder');
    expect(JSON.stringify(schema.$defs.rules.properties.placeholder)).toContain('markers');
  });

  it('is the schema loading enforces: a limit the loader checks is in the JSON Schema too (one schema, not two)', () => {
    const schema = JSON.parse(schemaText()) as { properties: { placeholders: { items: { maxLength?: number } } } };
    expect(schema.properties.placeholders.items.maxLength).toBe(200);
    const tooLong = 'x'.repeat(201);
    expect(() => loadConfigText(JSON.stringify({ placeholders: [tooLong] }))).toThrow(/placeholders\[0\]: .*at most 200 characters/);
  });
});
