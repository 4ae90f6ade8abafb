import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createIgnore } from '../config/ignore.js';
import { CONFIG_FILES } from '../config/load.js';
import { buildDocument } from '../document/index.js';
import { expandPaths } from '../files.js';
import { detectTemplate } from '../template/choose.js';
import { TemplateRegistry } from '../template/registry.js';
import { writeFileAtomic } from '../write.js';
import { type CliIO, EXIT_OK, UsageError } from './io.js';

export const SCHEMA_REFERENCE = './node_modules/speclint/speclint.config.schema.json';
const MAX_FILES = 5_000;
/** A folder gets an override when at least this share of its specs fit one template. */
const FOLDER_SHARE = 0.6;

interface Suggestion {
  folder: string;
  template: string;
  matched: number;
  total: number;
}

/** Writes a starter speclint.config.json, suggesting a template for folders whose specs fit one. */
export async function initCommand(io: CliIO): Promise<number> {
  const existing = CONFIG_FILES.find((name) => existsSync(join(io.cwd, name)));
  if (existing) throw new UsageError(`${existing} already exists; not overwriting it`);
  const target = join(io.cwd, 'speclint.config.json');

  const isIgnored = createIgnore({ cwd: io.cwd, configDir: io.cwd, configIgnore: [], patterns: [] });
  const { files } = await expandPaths(['.'], io.cwd, isIgnored);
  const templates = new TemplateRegistry().all();
  const byFolder = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  for (const file of files.slice(0, MAX_FILES)) {
    let text: string;
    try {
      text = readFileSync(file.absolutePath, 'utf8');
    } catch {
      continue;
    }
    const folder = dirname(file.displayPath.replace(/^\.\//, ''));
    totals.set(folder, (totals.get(folder) ?? 0) + 1);
    const id = detectTemplate(buildDocument(text, file.displayPath), templates).template?.id;
    if (!id) continue;
    const counts = byFolder.get(folder) ?? new Map<string, number>();
    counts.set(id, (counts.get(id) ?? 0) + 1);
    byFolder.set(folder, counts);
  }
  const suggestions: Suggestion[] = [];
  for (const [folder, counts] of [...byFolder].sort(([a], [b]) => a.localeCompare(b))) {
    const [template, matched] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    const total = totals.get(folder) ?? 0;
    if (matched >= 1 && matched / total >= FOLDER_SHARE) suggestions.push({ folder, template, matched, total });
  }
  const config = {
    $schema: SCHEMA_REFERENCE,
    rules: {},
    overrides: suggestions.map((s) => ({ files: [s.folder === '.' ? '*.md' : `${s.folder}/**/*.md`], template: s.template })),
  };
  writeFileAtomic(target, `${JSON.stringify(config, null, 2)}\n`);
  io.stdout(`Wrote speclint.config.json after looking at ${Math.min(files.length, MAX_FILES)} Markdown files.\n`);
  for (const s of suggestions) io.stdout(`  ${s.folder === '.' ? '*.md' : `${s.folder}/**/*.md`} → ${s.template} (${s.matched} of ${s.total} files fit it)\n`);
  if (suggestions.length === 0) io.stdout('  No folder fits one template well enough for an override; templates will be detected per file.\n');
  return EXIT_OK;
}
