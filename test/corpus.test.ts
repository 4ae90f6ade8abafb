import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lintSource } from '../src/engine/lint-source.js';
import { deriveTemplate } from '../src/template/derive.js';
import { ROOT as ROOT_DIR, SHARED } from './helpers.js';

const CORPUS = join(SHARED, 'corpus');
const SETS = [
  { set: 'rust-rfcs', template: '0000-template.md', documents: 'text' },
  { set: 'k8s-keps', template: 'keps/NNNN-kep-template/README.md', documents: 'keps/sig-node' },
  { set: 'ethereum-ercs', template: 'erc-template.md', documents: 'ERCS' },
  { set: 'swift-evolution', template: 'proposal-templates/0000-swift-template.md', documents: 'proposals' },
  { set: 'go-proposals', template: 'design/TEMPLATE.md', documents: 'design' },
  { set: 'madr', template: 'template/adr-template.md', documents: 'docs/decisions' },
];
const STRUCTURE = /^(?:title|section-(?:required|order|level|name|duplicate)|table-.*)$/;
const SAMPLE = 12;

function markdownFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...markdownFiles(path));
    else if (entry.name.endsWith('.md')) found.push(path);
  }
  return found.sort();
}

/** An even spread of files across the set, so the sample covers old and new documents. */
function sample(files: string[]): string[] {
  if (files.length <= SAMPLE) return files;
  return Array.from({ length: SAMPLE }, (_, k) => files[Math.floor((k * (files.length - 1)) / (SAMPLE - 1))] as string);
}

describe.skipIf(!existsSync(CORPUS))('real-world corpora (../shared/corpus)', () => {
  describe.each(SETS)('$set', ({ set, template: templatePath, documents }) => {
    // Read inside the tests (vitest runs a skipped suite's body while collecting it).
    let templateText = '';
    let template: ReturnType<typeof deriveTemplate>;
    beforeAll(() => {
      templateText = readFileSync(join(CORPUS, set, templatePath), 'utf8');
      template = deriveTemplate(templateText, { id: set, source: templatePath });
    });

    it('derives a template from the project\'s own template file with no annotations', () => {
      expect(template.sections.length).toBeGreaterThan(3);
    });

    it('finds no structure problems in the template file itself', () => {
      const result = lintSource(templateText, { template });
      expect(result.diagnostics.filter((d) => STRUCTURE.test(d.ruleId))).toEqual([]);
    });

    it.each((existsSync(CORPUS) ? sample(markdownFiles(join(CORPUS, set, documents))) : []).map((f) => [f.slice(CORPUS.length + 1), f]))(
      'lints %s with positions inside the file',
      (_name, file) => {
        const text = readFileSync(file, 'utf8');
        const lines = text.split('\n').length;
        for (const result of [lintSource(text, { template }), lintSource(text)]) {
          for (const d of result.diagnostics) {
            expect(d.line).toBeGreaterThanOrEqual(1);
            expect(d.line).toBeLessThanOrEqual(lines);
            expect(d.column).toBeGreaterThanOrEqual(1);
            expect(d.endLine * 1e6 + d.endColumn).toBeGreaterThanOrEqual(d.line * 1e6 + d.column);
            expect(d.message.length).toBeGreaterThan(10);
          }
        }
        // None of these projects uses one of our built-in templates.
        expect(lintSource(text).template).toBeNull();
      },
    );
  });
});

describe.skipIf(!existsSync(CORPUS))('ready-made configs for real templates (examples/*/speclint.config.json)', () => {
  const EXAMPLES = [
    { name: 'rust-rfcs', template: '0000-template', documents: 'rust-rfcs/text', pattern: /^3\d{3}-.*\.md$/ },
    { name: 'k8s-keps', template: 'nnnn-kep-template', documents: 'k8s-keps/keps/sig-node', pattern: /README\.md$/ },
  ];

  it.each(EXAMPLES)('$name: the config assigns its template to every document and most recent ones pass structure checks', async ({ name, template, documents, pattern }) => {
    const { runIn } = await import('./cli-harness.js');
    const files = markdownFiles(join(CORPUS, documents)).filter((f) => pattern.test(f.slice(f.lastIndexOf('/') + 1)) || pattern.test(f));
    const recent = files.slice(-40);
    const run = await runIn(ROOT_DIR, ['--config', `examples/${name}/speclint.config.json`, '-f', 'json', ...recent]);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { files: { template: string; diagnostics: { ruleId: string }[] }[] };
    expect(report.files).toHaveLength(recent.length);
    expect(new Set(report.files.map((f) => f.template))).toEqual(new Set([template]));
    const noStructureErrors = report.files.filter((f) => !f.diagnostics.some((d) => STRUCTURE.test(d.ruleId))).length;
    expect(noStructureErrors / recent.length).toBeGreaterThan(0.25);
  });

  it('derives the KEP template with its (Optional) sections optional and its ###### questions as sections', () => {
    const kep = deriveTemplate(readFileSync(join(CORPUS, 'k8s-keps/keps/NNNN-kep-template/README.md'), 'utf8'), { id: 'kep', source: 'kep' });
    const all = (specs: typeof kep.sections): typeof kep.sections => specs.flatMap((s) => [s, ...all(s.children)]);
    const sections = all(kep.sections);
    expect(sections.find((s) => s.title === 'Infrastructure Needed')?.required).toBe(false);
    expect(sections.find((s) => s.title === 'User Stories')?.required).toBe(false);
    expect(sections.filter((s) => s.level === 6).length).toBeGreaterThan(20);
    expect(sections.find((s) => s.title === 'Story 1')).toMatchObject({ repeatable: true, required: false });
  });
});
