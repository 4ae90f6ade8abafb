import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintFiles } from '../src/run/api.js';
import { buildDocument } from '../src/document/index.js';
import { specFacts } from '../src/repository/facts.js';
import { referenceItems } from '../src/repository/references.js';
import { SpecIndex, seriesOf } from '../src/repository/resolve.js';
import type { SpecInSet } from '../src/engine/rule.js';
import { deriveTemplate, TemplateError } from '../src/template/derive.js';
import { NO_IDENTITY, effectiveIdentity } from '../src/template/identity.js';
import { TemplateRegistry } from '../src/template/registry.js';
import { repoWorkspace, runIn } from './cli-harness.js';
import { ROOT, SHARED } from './helpers.js';

const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
});

const SET = join(ROOT, 'fixtures/reference-resolves/invalid/broken-references');

/** The fixture set's files, copied (with their config) into a workspace. */
function setWorkspace(dir: string, extra: Record<string, string> = {}): string {
  const files: Record<string, string> = { ...extra };
  for (const name of readdirSync(dir)) if (name !== 'expected') files[`specs/${name}`] = readFileSync(join(dir, name), 'utf8');
  files['specs/speclint.config.json'] = readFileSync(join(dir, 'speclint.config.json'), 'utf8').replace('../../../id-filename/adr-template.md', '../adr-template.md');
  files['adr-template.md'] = readFileSync(join(ROOT, 'fixtures/id-filename/adr-template.md'), 'utf8');
  return repoWorkspace(files, cleanups);
}

describe('template identity', () => {
  it('is read from directives, with defaults from the metadata fields and statuses', () => {
    const adr = new TemplateRegistry().load(join(ROOT, 'fixtures/id-filename/adr-template.md'), ROOT);
    expect(adr.identity).toEqual({ idField: 'adr id', idFilename: '{id}', references: [...NO_IDENTITY.references], supersededStatus: 'Superseded' });
    const derive = (head: string) => deriveTemplate(`${head}\n# T\n\n## A\n\ntext\n`, { id: 't', source: 't.md' }).identity;
    expect(derive('<!-- speclint: id-field Spec Number; id-filename rfc-{id}; references requires, depends_on; superseded-status Obsolete -->')).toEqual({
      idField: 'spec number',
      idFilename: 'rfc-{id}',
      references: ['requires', 'depends on'],
      supersededStatus: 'Obsolete',
    });
    expect(() => derive('<!-- speclint: id-filename rfc-number -->')).toThrow('t.md: "id-filename" pattern must contain {id}');
    expect(() => derive('<!-- speclint: id-field -->')).toThrow(TemplateError);
  });

  it('is shown by templates --show and can be replaced per folder by the config', async () => {
    const run = await runIn(ROOT, ['templates', '--show', 'tech-spec']);
    expect(run.stdout).toContain("identity: id in 'tech spec id'; file names free; references in decision ref, supersedes, superseded by, replaces, replaced by, related; superseded status none\n");
    expect(effectiveIdentity(NO_IDENTITY, { idFilename: false, supersededStatus: 'Withdrawn', idField: 'RFC' })).toEqual({ ...NO_IDENTITY, idField: 'rfc', supersededStatus: 'Withdrawn' });
  });
});

describe('reference values', () => {
  it('splits ids, paths and links, keeping where each is', () => {
    const value = 'TS-0001, [TS-0002](ts-0002-login.md); ../adr/0007.md, <https://example.com/x>';
    expect(referenceItems(value).map(({ text, target, start, end }) => [text, target, value.slice(start, end)])).toEqual([
      ['TS-0001', null, 'TS-0001'],
      ['TS-0002', 'ts-0002-login.md', '[TS-0002](ts-0002-login.md)'],
      ['../adr/0007.md', null, '../adr/0007.md'],
      ['https://example.com/x', 'https://example.com/x', '<https://example.com/x>'],
    ]);
  });

  it('reads references from front matter lists, bold lines and tables, with their own spans', () => {
    const identity = { ...NO_IDENTITY, idField: 'id' };
    const facts = (text: string) => specFacts({ document: buildDocument(text, 'x.md'), template: null, identity, rules: {} });
    const yaml = facts('---\nid: TS-0003\nsupersedes:\n  - TS-0001\n  - TS-0002\nrelated: N/A\n---\n\n# T\n');
    expect(yaml.references.map((r) => [r.value, r.relation, `${r.at.line}:${r.at.column}-${r.at.endColumn}`])).toEqual([
      ['TS-0001', 'supersedes', '4:5-12'],
      ['TS-0002', 'supersedes', '5:5-12'],
    ]);
    const line = facts('# T\n\n**Superseded By**: [TS-0009](../ts-0009.md), TBD\n');
    expect(line.references.map((r) => [r.value, r.target, r.relation, r.at.column])).toEqual([['TS-0009', '../ts-0009.md', 'superseded-by', 20]]);
    const table = facts('# T\n\n| | |\n|---|---|\n| **Decision Ref** | RFC-0012 |\n');
    expect(table.references.map((r) => [r.value, r.field, r.at.line, r.at.column])).toEqual([['RFC-0012', 'Decision Ref', 5, 22]]);
    expect(yaml.id?.value).toBe('TS-0003');
  });

  it('leaves ids of series no linted spec belongs to alone, and suggests the same number written differently', () => {
    const spec = (path: string, id: string): SpecInSet => ({
      path,
      absolutePath: join('/repo', path),
      facts: { ...specFacts({ document: buildDocument(`---\nid: ${id}\n---\n`, path), template: null, identity: { ...NO_IDENTITY, idField: 'id' }, rules: {} }) },
    });
    const a = spec('a.md', 'TS-0042');
    const index = new SpecIndex([a, spec('b.md', 'TS-0007')], () => false);
    expect(seriesOf('TS-0042')).toBe('ts');
    expect(seriesOf('20')).toBe('');
    expect(index.resolve(a, { value: 'RFC-0017', target: null }).kind).toBe('outside');
    expect(index.resolve(a, { value: 'ts-7', target: null })).toEqual({ kind: 'unresolved', suggestion: 'TS-0007' });
    expect(index.resolve(a, { value: 'TS-0008', target: null })).toEqual({ kind: 'unresolved', suggestion: undefined });
    expect(index.resolve(a, { value: 'ts-0007', target: null })).toMatchObject({ kind: 'spec', spec: { path: 'b.md' } });
    expect(index.resolve(a, { value: 'x', target: 'b.md#goals' })).toMatchObject({ kind: 'spec', spec: { path: 'b.md' } });
    expect(index.resolve(a, { value: 'x', target: 'https://example.com' }).kind).toBe('external');
  });
});

describe('repository rules in a run', () => {
  const expected = readFileSync(join(SET, 'expected'), 'utf8').trim().split('\n');

  it('give the same answer on the main thread, in worker processes and from the cache', async () => {
    const dir = setWorkspace(SET);
    const lines = (stdout: string): string[] =>
      (JSON.parse(stdout) as { files: { path: string; diagnostics: { ruleId: string; line: number; column: number; message: string }[] }[] }).files.flatMap((f) =>
        f.diagnostics.map((d) => `${f.path.replace('specs/', '')} ${d.line}:${d.column} ${d.ruleId} ${d.message}`),
      );
    const want = expected.map((l) => l.replace(/^(\S+) (\d+:\d+)-\d+:\d+ \w+ (\S+) /, '$1 $2 $3 '));
    for (const args of [['--concurrency', 'off'], ['--concurrency', '2'], ['--cache'], ['--cache']]) {
      const run = await runIn(join(dir, 'specs'), ['.', '-f', 'json', ...args]);
      expect(run.code, args.join(' ')).toBe(1);
      expect(lines(run.stdout), args.join(' ')).toEqual(want);
    }
  });

  it('follow edits to other files even when a file\'s own result comes from the cache', async () => {
    const dir = setWorkspace(SET);
    const specs = join(dir, 'specs');
    expect((await runIn(specs, ['.', '--cache', '-f', 'compact'])).stdout).toContain("'supersedes' names 'ADR-0009'");
    // Only adr-0009 appears: adr-0002's cached result must still be checked against it.
    writeFileSync(join(specs, 'adr-0009-tracing.md'), readFileSync(join(specs, 'adr-0003-queue.md'), 'utf8').replace(/ADR-0003/g, 'ADR-0009').replace('related: adr-1; None\n', ''));
    const after = await runIn(specs, ['.', '--cache', '-f', 'compact']);
    expect(after.stdout).not.toContain("'supersedes' names 'ADR-0009'");
  });

  it('do not run with --shard, --stdin or --no-repository-rules, and say so for --shard', async () => {
    const dir = setWorkspace(SET);
    const specs = join(dir, 'specs');
    for (const shard of ['1/2', '2/2']) {
      const run = await runIn(specs, ['.', '--shard', shard, '-f', 'compact']);
      expect(run.stdout).not.toMatch(/id-unique|reference-resolves/);
      expect(run.stderr).toBe('speclint: note: id-unique and reference-resolves did not run: they compare all the specs, so they run only without --shard\n');
    }
    const stdin = await runIn(specs, ['--stdin', '--stdin-filename', 'adr-0002-aurora.md'], {}, readFileSync(join(specs, 'adr-0002-aurora.md'), 'utf8'));
    expect(stdin).toMatchObject({ code: 0, stderr: '' });
    // As the pre-commit hook runs it: only the changed file, no rules over the set.
    expect(await runIn(specs, ['adr-0002-aurora.md', '--no-repository-rules'])).toMatchObject({ code: 0, stderr: '' });
    expect((await runIn(specs, ['adr-0002-aurora.md'])).code).toBe(1);
  });

  it('follow the files\' severities and speclint-disable comments, and an override turning them off', async () => {
    const dir = setWorkspace(SET);
    const specs = join(dir, 'specs');
    const config = JSON.parse(readFileSync(join(specs, 'speclint.config.json'), 'utf8'));
    config.rules = { 'reference-resolves': 'warning' };
    config.overrides.push({ files: ['adr-0003-*.md'], rules: { 'reference-resolves': 'off' } });
    writeFileSync(join(specs, 'speclint.config.json'), JSON.stringify(config));
    const aurora = join(specs, 'adr-0002-aurora.md');
    writeFileSync(aurora, readFileSync(aurora, 'utf8').replace('related: ../missing.md', '# speclint-disable-next-line is not YAML\nrelated: ../missing.md').replace('# ADR-0002', '<!-- speclint-disable-file reference-resolves -->\n\n# ADR-0002'));
    const run = await runIn(specs, ['.', '-f', 'compact']);
    expect(run.stdout.split('\n').filter(Boolean)).toEqual([
      "adr-0001-postgres.md:3:9: warning: Status is 'Accepted', but this spec is superseded by 'ADR-0002': expected 'Superseded' [reference-resolves]",
      "adr-0001-postgres.md:5:16: warning: This spec is superseded by 'ADR-0002', but adr-0002-aurora.md does not name it in supersedes [reference-resolves]",
    ]);
    expect(run.code).toBe(0);
  });

  it('take the id field, file-name pattern and reference fields from the config', async () => {
    const erc = (id: string, requires?: string) => `---\neip: ${id}\ntitle: Token ${id}\nstatus: Final\n${requires ? `requires: ${requires}\n` : ''}---\n\n## Abstract\n\nA token standard.\n`;
    const dir = repoWorkspace(
      {
        'speclint.config.json': JSON.stringify({
          rules: { 'template-unknown': 'off' },
          overrides: [{ files: ['ERCS/*.md'], identity: { idField: 'eip', idFilename: 'erc-{id}', references: ['requires'] } }],
        }),
        'ERCS/erc-20.md': erc('20'),
        'ERCS/erc-721.md': erc('721', '20, 165'),
        'ERCS/erc-1155.md': erc('1155', '20'),
        'ERCS/erc-1156.md': erc('1155'),
      },
      cleanups,
    );
    const run = await runIn(dir, ['ERCS', '-f', 'compact']);
    expect(run.stdout.split('\n').filter(Boolean)).toEqual([
      'ERCS/erc-1155.md:2:6: error: Spec id \'1155\' is also used by ERCS/erc-1156.md:2 [id-unique]',
      "ERCS/erc-1156.md:2:6: error: Spec id '1155' does not match the file name 'erc-1156': expected a name starting with 'erc-1155' [id-filename]",
      'ERCS/erc-1156.md:2:6: error: Spec id \'1155\' is also used by ERCS/erc-1155.md:2 [id-unique]',
      "ERCS/erc-721.md:5:15: error: 'requires' names '165', which is neither the id of a linted spec nor an existing file [reference-resolves]",
    ]);
  });

  it('run through the API (lintFiles) too', async () => {
    const { results, errors } = await lintFiles(['.'], { cwd: SET, config: join(SET, 'speclint.config.json') });
    expect(errors).toEqual([]);
    expect(results.flatMap((r) => r.diagnostics.filter((d) => d.ruleId === 'reference-resolves'))).toHaveLength(5);
    const off = await lintFiles(['.'], { cwd: SET, config: join(SET, 'speclint.config.json'), repositoryRules: false });
    expect(off.results.flatMap((r) => r.diagnostics.filter((d) => d.ruleId === 'reference-resolves'))).toEqual([]);
  });
});

describe.skipIf(!existsSync(join(SHARED, 'corpus/ethereum-ercs/ERCS')))('repository rules on a real corpus (ethereum-ercs)', () => {
  it('find no duplicated ERC numbers, and the one file named for another series', async () => {
    const cwd = join(SHARED, 'corpus/ethereum-ercs');
    const registry = new TemplateRegistry();
    registry.add(registry.load(join(cwd, 'erc-template.md'), cwd), join(cwd, 'erc-template.md'));
    const config = {
      path: null,
      dir: cwd,
      rules: {},
      overrides: [{ files: ['ERCS/*.md'], template: 'erc-template', identity: { idField: 'eip', idFilename: 'erc-{id}' } }],
      ignore: [],
      placeholders: [],
      registry,
    };
    const { results, errors } = await lintFiles(['ERCS'], { cwd, config });
    expect(errors).toEqual([]);
    expect(results.length).toBeGreaterThan(600);
    const found = results.flatMap((r) => r.diagnostics.filter((d) => d.ruleId === 'id-unique' || d.ruleId === 'id-filename').map((d) => `${r.path} ${d.message}`));
    // eip-1.md (EIP-1, the process document) is the only file not named erc-<number>.
    expect(found).toEqual(["ERCS/eip-1.md Spec id '1' does not match the file name 'eip-1': expected a name starting with 'erc-1'"]);
  }, 300_000);
});
