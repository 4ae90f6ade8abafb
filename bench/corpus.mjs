// The benchmark corpus: the real documents under ../shared/corpus, one set per project, each linted
// against the template its project ships (see ../shared/corpus/README.md).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CORPUS = join(ROOT, '..', 'shared', 'corpus');

export const SETS = [
  { name: 'rust-rfcs', template: '0000-template.md' },
  { name: 'k8s-keps', template: 'keps/NNNN-kep-template/README.md' },
  { name: 'ethereum-ercs', template: 'erc-template.md' },
  { name: 'swift-evolution', template: 'proposal-templates/0000-swift-template.md' },
  { name: 'go-proposals', template: 'design/TEMPLATE.md' },
  { name: 'madr', template: 'template/adr-template.md' },
];

/** Every Markdown file under a folder (shared by the benchmark and the precision harness). */
export function markdownUnder(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...markdownUnder(path));
    else if (entry.isFile() && entry.name.endsWith('.md')) out.push(path);
  }
  return out;
}

/**
 * The corpus sets present, each with its template file and documents (sorted; every `every`-th one
 * when sampling), or [] when ../shared is absent.
 */
export function corpusSets({ every = 1 } = {}) {
  if (!existsSync(CORPUS)) return [];
  return SETS.filter((set) => existsSync(join(CORPUS, set.name, set.template))).map((set) => {
    const dir = join(CORPUS, set.name);
    const template = join(dir, set.template);
    const all = markdownUnder(dir)
      .filter((path) => path !== template && !/^LICENSE/i.test(relative(dir, path)))
      .sort();
    const files = all.filter((_, index) => index % every === 0);
    const bytes = files.reduce((sum, path) => sum + statSync(path).size, 0);
    return { ...set, dir, template, files, bytes };
  });
}
