import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lintSource } from '../src/engine/lint-source.js';
import { BUILTIN_TEMPLATES } from '../src/template/builtin.js';
import { repoWorkspace, runIn, workspace } from './cli-harness.js';
import { read } from './helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});
const ws = (files: Record<string, string>): string => repoWorkspace(files, cleanups);
const TODAY = { SPECLINT_TODAY: '2026-11-22' };

describe('speclint templates --show', () => {
  it('prints the derived schema as text', async () => {
    const run = await runIn(ws({}), ['templates', '--show', 'design-doc']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('design-doc — Design document');
    expect(run.stdout).toContain('title: # Technical Specification: [COMPONENT_NAME]');
    expect(run.stdout).toMatch(/^ {2}Status +required {2}status: Draft \| Review \| Approved \| Implemented$/m);
    expect(run.stdout).toMatch(/^ {2}## Goals & Non-Goals {2}\(required\)\n {4}### Goals {2}\(required\)$/m);
    expect(run.stdout).toMatch(/^ {4}### Phase 1: \[Name\] {2}\(optional, repeatable, matches \/\^phase\\s\*\\d\+:\\s\*\.\+\$\/\)$/m);
    expect(run.stdout).toMatch(/^ {4}table: Risk \| Probability \| Impact \| Mitigation$/m);
  });

  it('prints it as JSON with --format json', async () => {
    const run = await runIn(ws({}), ['templates', '--show', 'tech-spec', '--format', 'json']);
    const template = JSON.parse(run.stdout) as { id: string; metadata: { fields: { key: string; values: string[] | null }[] } };
    expect(template.id).toBe('tech-spec');
    expect(template.metadata.fields.find((f) => f.key === 'status')?.values).toEqual(['DRAFT', 'REVIEW', 'APPROVED', 'IMPLEMENTED']);
  });

  it('exits 2 for an unknown id, with a suggestion', async () => {
    const run = await runIn(ws({}), ['templates', '--show', 'featur']);
    expect(run).toMatchObject({ code: 2, stderr: "speclint: unknown template 'featur' (did you mean 'feature'?); known templates: component, feature, design-doc, numbered, tech-spec\n" });
  });
});

describe('speclint new', () => {
  it.each(BUILTIN_TEMPLATES.map((t) => t.id))('writes a %s spec that keeps only placeholders to fill in', async (id) => {
    const { dir, cleanup } = workspace({});
    cleanups.push(cleanup);
    execFileSync('git', ['init', '-q'], { cwd: dir });
    execFileSync('git', ['config', 'user.name', 'Ada Example'], { cwd: dir });
    const run = await runIn(dir, ['new', id, 'spec.md', '--title', 'Payment Gateway'], TODAY);
    expect(run).toMatchObject({ code: 0, stdout: '' });
    expect(run.stderr).toBe(`speclint: wrote spec.md from template '${id}'\n`);
    const text = readFileSync(join(dir, 'spec.md'), 'utf8');
    expect(text).not.toContain('speclint:');
    const result = lintSource(text, { template: id });
    expect(result.diagnostics.filter((d) => d.ruleId !== 'placeholder').map((d) => `${d.line}:${d.ruleId} ${d.message}`)).toEqual([]);
    expect(result.document.titles[0]?.text).toContain('Payment Gateway');
    const status = result.document.metadata.get('status');
    if (status) expect(['Draft', 'DRAFT']).toContain(status.value);
    for (const entry of result.document.metadata.entries) {
      if (/date|created|updated/.test(entry.normalizedKey)) expect(entry.value).toBe('2026-11-22');
      if (entry.normalizedKey === 'author') expect(entry.value).toBe('Ada Example');
    }
  });

  it('fills the front matter of tech-spec with YAML-safe values', async () => {
    const run = await runIn(ws({}), ['new', 'tech-spec', '--title', 'Flags: v2 #1'], TODAY);
    expect(run.stdout).toContain('title: "Flags: v2 #1"\nstatus: DRAFT\n');
    expect(run.stdout).toContain('created: 2026-11-22\nlast_updated: 2026-11-22\n');
    expect(run.stdout).toContain('# TS-XXXX: Flags: v2 #1\n');
  });

  it('writes to stdout without a file, and never overwrites without --force', async () => {
    const dir = ws({ 'spec.md': 'mine\n' });
    const out = await runIn(dir, ['new', 'component'], TODAY);
    expect(out.stdout.startsWith('---\ntemplate: component\n---\n\n# Technical Specification: [Component Name]\n')).toBe(true);
    const refused = await runIn(dir, ['new', 'component', 'spec.md'], TODAY);
    expect(refused).toEqual({ code: 2, stdout: '', stderr: 'speclint: spec.md already exists; not overwriting it (use --force to replace it)\n' });
    expect(readFileSync(join(dir, 'spec.md'), 'utf8')).toBe('mine\n');
    expect((await runIn(dir, ['new', 'component', 'spec.md', '--force'], TODAY)).code).toBe(0);
    expect(readFileSync(join(dir, 'spec.md'), 'utf8')).toContain('## Key Components');
  });

  it('exits 2 for an unknown template or a path it cannot write; creates missing folders', async () => {
    const dir = ws({ 'a-file': 'x\n' });
    expect((await runIn(dir, ['new', 'nope'])).code).toBe(2);
    expect((await runIn(dir, ['new', 'component', 'missing/dir/spec.md'])).code).toBe(0);
    expect(readFileSync(join(dir, 'missing/dir/spec.md'), 'utf8')).toContain('## Key Components');
    const run = await runIn(dir, ['new', 'component', 'a-file/spec.md']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^speclint: cannot write "a-file\/spec\.md": /);
  });

  it('fills the id from the file name where the template has an id placeholder, and records the template', async () => {
    const dir = ws({});
    expect((await runIn(dir, ['new', 'tech-spec', 'specs/ts-0042-login.md'], TODAY)).code).toBe(0);
    const text = readFileSync(join(dir, 'specs/ts-0042-login.md'), 'utf8');
    expect(text.startsWith('---\ntemplate: tech-spec\ntech_spec_id: TS-0042\n')).toBe(true);
    // A name without the id keeps the placeholder: nothing is made up.
    expect((await runIn(dir, ['new', 'tech-spec', 'specs/login.md'], TODAY)).code).toBe(0);
    expect(readFileSync(join(dir, 'specs/login.md'), 'utf8')).toContain('tech_spec_id: TS-XXXX\n');
  });

  it('starts from a config template too', async () => {
    const dir = ws({ 'speclint.config.json': '{ "templates": ["adr.md"] }', 'adr.md': '# ADR: [Title]\n\n**Date**: YYYY-MM-DD\n\n## Context\n\n[Why]\n' });
    const run = await runIn(dir, ['new', 'adr', '--title', 'Use Postgres'], TODAY);
    expect(run.stdout).toBe('---\ntemplate: adr\n---\n\n# ADR: Use Postgres\n\n**Date**: 2026-11-22\n\n## Context\n\n[Why]\n');
  });
});

describe('speclint init', () => {
  it("finds the repository's own template files, configures them, and says what changes", async () => {
    const template = '# ADR-NNNN: <Decision title>\n\n- **Status**: Proposed | Accepted\n\n## Context\n\n[Describe the forces at play.]\n\n## Decision\n\n- What this decision will NOT change\n\n## Consequences\n\n[What becomes easier or harder.]\n';
    const adr = (n: number, kept: string): string =>
      `# ADR-000${n}: Use Postgres\n\n- **Status**: Accepted\n\n## Context\n\nWe need one store.\n\n## Decision\n\n- ${kept}\n\n## Consequences\n\nOne backup job.\n`;
    const dir = ws({
      'docs/adr/0000-template.md': template,
      'docs/adr/0001-postgres.md': adr(1, 'Use Postgres for everything.'),
      'docs/adr/0002-queue.md': adr(2, 'What this decision will NOT change'),
      '.github/PULL_REQUEST_TEMPLATE.md': '# Pull request\n\n## Summary\n\n[Describe the change]\n',
      'keps/NNNN-kep-template/README.md': '# KEP-NNNN: Your short title\n\n## Summary\n\n## Motivation\n',
    });
    // Measured before proposing: the ADR template would flag 0002-queue's example text, an error that file
    // does not have today, so init leaves the template out rather than turn a clean repository red.
    const dry = await runIn(dir, ['init', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(existsSync(join(dir, 'speclint.config.json'))).toBe(false);
    expect(dry.stdout).toContain('Would write speclint.config.json after looking at 5 Markdown files:\n\n{\n');
    expect(dry.stdout).toContain('docs/adr/**/*.md: no override: 1 of its 2 files would get errors against 0000-template (docs/adr/0002-queue.md)');
    const run = await runIn(dir, ['init']);
    expect(run.code).toBe(0);
    expect(run.stdout.replace('Wrote', 'Would write')).toBe(dry.stdout);
    // The KEP template would be detected for the pull-request form, which it does not fit.
    expect(run.stdout).toContain("template 'nnnn-kep-template' not configured: .github/PULL_REQUEST_TEMPLATE.md would be detected as it and get errors it does not have now");
    expect(run.stdout).toContain("template '0000-template' not configured: docs/adr/0002-queue.md would be detected as it and get errors it does not have now");
    const config = JSON.parse(readFileSync(join(dir, 'speclint.config.json'), 'utf8')) as Record<string, unknown>;
    expect(config).toEqual({
      $schema: './node_modules/speclint/speclint.config.schema.json',
      ignore: ['docs/adr/0000-template.md', 'keps/NNNN-kep-template/README.md'],
      rules: {},
      overrides: [],
    });
    expect((await runIn(dir, ['.'])).code).toBe(0);
  });

  it('proposes an override for a folder only when all its files lint against the template without new errors', async () => {
    const template = '# ADR-NNNN: <Decision title>\n\n- **Status**: Proposed | Accepted\n\n## Context\n\n[Describe the forces at play.]\n\n## Decision\n\n[The decision.]\n\n## Consequences\n\n[What becomes easier or harder.]\n';
    const adr = (n: number): string => `# ADR-000${n}: Use Postgres\n\n- **Status**: Accepted\n\n## Context\n\nWe need one store.\n\n## Decision\n\nPostgres.\n\n## Consequences\n\nOne backup job.\n`;
    const dir = ws({ 'docs/adr/0000-template.md': template, 'docs/adr/0001-postgres.md': adr(1), 'docs/adr/0002-queue.md': adr(2) });
    const run = await runIn(dir, ['init']);
    expect(run.stdout).toContain('docs/adr/**/*.md → 0000-template (2 of 2 files fit it; all 2 files it covers linted against it: no new errors)');
    expect((JSON.parse(readFileSync(join(dir, 'speclint.config.json'), 'utf8')) as { overrides: unknown }).overrides).toEqual([{ files: ['docs/adr/**/*.md'], template: '0000-template' }]);
    expect((await runIn(dir, ['docs'])).code).toBe(0);
  });

  it('writes a starter config with overrides for folders of specs, and refuses to overwrite', async () => {
    const design = read('examples/design-doc-audit-log.md');
    const numbered = read('examples/numbered-payment-webhooks.md');
    const dir = ws({
      'docs/design/a.md': design,
      'docs/design/b.md': design,
      'docs/numbered/c.md': numbered,
      'notes/readme.md': '# Notes\n\nNothing here.\n',
      'node_modules/x/d.md': design,
    });
    const run = await runIn(dir, ['init']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('docs/design/**/*.md → design-doc (2 of 2 files fit it; all 2 files it covers linted against it: no new errors)');
    const config = JSON.parse(readFileSync(join(dir, 'speclint.config.json'), 'utf8')) as Record<string, unknown>;
    expect(config).toEqual({
      $schema: './node_modules/speclint/speclint.config.schema.json',
      rules: {},
      overrides: [
        { files: ['docs/design/**/*.md'], template: 'design-doc' },
        { files: ['docs/numbered/**/*.md'], template: 'numbered' },
      ],
    });
    const lint = await runIn(dir, ['docs']);
    expect(lint.code).toBe(0);
    writeFileSync(join(dir, 'speclint.config.json'), '{}\n');
    expect(await runIn(dir, ['init'])).toEqual({ code: 2, stdout: '', stderr: 'speclint: speclint.config.json already exists; not overwriting it\n' });
    expect(readFileSync(join(dir, 'speclint.config.json'), 'utf8')).toBe('{}\n');
    expect(existsSync(join(dir, 'speclint.config.json'))).toBe(true);
  });
});
