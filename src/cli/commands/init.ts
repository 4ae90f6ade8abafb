import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createIgnore } from '../../config/ignore.js';
import { CONFIG_FILES } from '../../config/load.js';
import { buildDocument } from '../../document/index.js';
import { expandPaths } from '../../input/files.js';
import { detectTemplate } from '../../template/choose.js';
import { TemplateError } from '../../template/error.js';
import { TemplateRegistry } from '../../template/registry.js';
import type { Template } from '../../template/schema.js';
import { writeFileAtomic } from '../../util/write.js';
import { type CliIO, EXIT_OK, UsageError } from './io.js';
import { looksLikeTemplateFile } from './template-files.js';

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

interface FoundTemplate {
  /** Path relative to the repository, as written in the config. */
  path: string;
  template: Template;
}

/** The repository's own template files, derived; files that are not usable templates are reported and left out. */
function findTemplates(paths: readonly { absolutePath: string; displayPath: string }[], cwd: string, io: CliIO): FoundTemplate[] {
  const found: FoundTemplate[] = [];
  const ids = new Set<string>();
  const registry = new TemplateRegistry([]);
  for (const file of paths) {
    const path = relative(cwd, file.absolutePath).replace(/\\/g, '/');
    if (!looksLikeTemplateFile(path)) continue;
    let template: Template;
    try {
      template = registry.load(file.absolutePath, cwd);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      io.stdout(`  ${path}: named like a template but not used (${error.message.replace(/^.*?: /, '')})\n`);
      continue;
    }
    if (ids.has(template.id)) {
      io.stdout(`  ${path}: not used, another template is already named '${template.id}' (give it a template-id in its front matter)\n`);
      continue;
    }
    ids.add(template.id);
    found.push({ path, template });
  }
  return found;
}

/**
 * Writes a starter speclint.config.json: the repository's own template files (so placeholders and
 * example text are checked against the team's real wording), and an override for every folder
 * whose specs fit one template.
 */
export async function initCommand(io: CliIO): Promise<number> {
  const existing = CONFIG_FILES.find((name) => existsSync(join(io.cwd, name)));
  if (existing) throw new UsageError(`${existing} already exists; not overwriting it`);
  const target = join(io.cwd, 'speclint.config.json');

  const isIgnored = createIgnore({ cwd: io.cwd, configDir: io.cwd, configIgnore: [], patterns: [] });
  const { files: allFiles } = await expandPaths(['.'], io.cwd, isIgnored);
  const files = allFiles.slice(0, MAX_FILES);
  const own = findTemplates(files, io.cwd, io);
  const templateFiles = new Set(own.map((t) => t.path));
  const registry = new TemplateRegistry();
  for (const { template } of own) registry.add(template);
  const templates = registry.all();

  const byFolder = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  for (const file of files) {
    const path = relative(io.cwd, file.absolutePath).replace(/\\/g, '/');
    // GitHub's issue and pull-request forms are not specs.
    if (templateFiles.has(path) || path.startsWith('.github/')) continue;
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
    const [template, matched] = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? ['', 0];
    const total = totals.get(folder) ?? 0;
    if (matched >= 1 && matched / total >= FOLDER_SHARE) suggestions.push({ folder, template, matched, total });
  }
  const used = own.filter((t) => suggestions.some((s) => s.template === t.template.id));
  const config = {
    $schema: SCHEMA_REFERENCE,
    // The templates are not specs: linting them would report their own placeholders.
    ...(own.length > 0 ? { templates: own.map((t) => t.path), ignore: own.map((t) => t.path) } : {}),
    rules: {},
    overrides: suggestions.map((s) => ({ files: [globOf(s.folder)], template: s.template })),
  };
  writeFileAtomic(target, `${JSON.stringify(config, null, 2)}\n`);
  io.stdout(`Wrote speclint.config.json after looking at ${files.length} Markdown files.\n`);
  for (const t of own) {
    io.stdout(`  template ${t.path} → '${t.template.id}' (specs that use it are checked against its sections, metadata, placeholders and example text; the file itself is ignored)\n`);
  }
  for (const s of suggestions) io.stdout(`  ${globOf(s.folder)} → ${s.template} (${s.matched} of ${s.total} files fit it)\n`);
  if (suggestions.length === 0) io.stdout('  No folder fits one template well enough for an override; templates will be detected per file.\n');
  if (used.length > 0) {
    io.stdout(
      "Specs in these folders are now checked against their project's own template: documents written to an older revision of it\n" +
        'may report errors they did not before. Run `speclint` to see them, and `speclint --baseline-write` to accept the current state.\n',
    );
  }
  return EXIT_OK;
}

function globOf(folder: string): string {
  return folder === '.' ? '*.md' : `${folder}/**/*.md`;
}
