import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createFileFilter } from '../../config/ignore.js';
import { CONFIG_FILES, loadConfig } from '../../config/load.js';
import { buildDocument } from '../../document/index.js';
import { expandPaths } from '../../input/files.js';
import { isInputProblem, readSpecFile } from '../../input/read.js';
import { detectTemplate } from '../../template/choose.js';
import { lintSource } from '../../engine/lint-source.js';
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
  /** Files the override's glob covers (the folder and its subfolders), all linted against the template. */
  covered: number;
}

interface SpecFile {
  path: string;
  displayPath: string;
  folder: string;
  text: string;
  /** Errors with no config (the built-in templates, detected per file): the repository as it is. */
  errorsBefore: number;
}

const errorCount = (text: string, options: Parameters<typeof lintSource>[1]): number =>
  lintSource(text, options).diagnostics.filter((d) => d.severity === 'error').length;

/** Whether `path` is covered by the override glob of `folder` (globOf). */
function inFolder(path: string, folder: string): boolean {
  return folder === '.' ? !path.includes('/') : path.startsWith(`${folder}/`);
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
export interface InitOptions {
  /** Print the config and the reasons, write nothing. */
  dryRun?: boolean;
}

export async function initCommand(io: CliIO, options: InitOptions = {}): Promise<number> {
  const existing = CONFIG_FILES.find((name) => existsSync(join(io.cwd, name)));
  if (existing && !options.dryRun) throw new UsageError(`${existing} already exists; not overwriting it`);
  const target = join(io.cwd, 'speclint.config.json');

  const none = loadConfig(null, io.cwd);
  const isIgnored = createFileFilter({ cwd: io.cwd, patterns: [], configFor: () => none });
  const { files: allFiles } = await expandPaths(['.'], io.cwd, isIgnored);
  const files = allFiles.slice(0, MAX_FILES);
  const own = findTemplates(files, io.cwd, io);
  const templateFiles = new Set(own.map((t) => t.path));
  const registry = new TemplateRegistry();
  for (const { template } of own) registry.add(template);
  const templates = registry.all();

  const specs: SpecFile[] = [];
  const byFolder = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  for (const file of files) {
    const path = relative(io.cwd, file.absolutePath).replace(/\\/g, '/');
    if (templateFiles.has(path)) continue;
    // Read as a lint run reads (size, encoding and nesting limits): a file speclint would refuse is not measured.
    const input = readSpecFile(file.absolutePath);
    if (isInputProblem(input)) continue;
    const { text } = input;
    const folder = dirname(path);
    // Every file speclint will lint is measured, but GitHub's issue and pull-request forms are no folder of specs.
    specs.push({ path, displayPath: file.displayPath, folder, text, errorsBefore: errorCount(text, { filePath: file.displayPath, cwd: io.cwd }) });
    if (path.startsWith('.github/')) continue;
    totals.set(folder, (totals.get(folder) ?? 0) + 1);
    const id = detectTemplate(buildDocument(text, file.displayPath), templates).template?.id;
    if (!id) continue;
    const counts = byFolder.get(folder) ?? new Map<string, number>();
    counts.set(id, (counts.get(id) ?? 0) + 1);
    byFolder.set(folder, counts);
  }
  const suggestions: Suggestion[] = [];
  const refused: string[] = [];
  for (const [folder, counts] of [...byFolder].sort(([a], [b]) => a.localeCompare(b))) {
    const [template, matched] = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? ['', 0];
    const total = totals.get(folder) ?? 0;
    if (matched < 1 || matched / total < FOLDER_SHARE) continue;
    // An override checks every file under the folder against the template, detected or not: proposed only
    // when linting each of them against it gives no error that file does not already have.
    const chosen = registry.get(template);
    const covered = specs.filter((spec) => inFolder(spec.path, folder));
    const worse = covered.filter((spec) => chosen && errorCount(spec.text, { filePath: spec.displayPath, cwd: io.cwd, registry, template: chosen }) > spec.errorsBefore);
    if (worse.length === 0) suggestions.push({ folder, template, matched, total, covered: covered.length });
    else refused.push(`  ${globOf(folder)}: no override: ${worse.length} of its ${covered.length} files would get errors against ${template} (${worse.slice(0, 3).map((s) => s.path).join(', ')}${worse.length > 3 ? ', …' : ''})\n`);
  }
  // A configured template is also detected for files outside the overrides: one that would give such a
  // file an error it does not have now is left out (its file stays ignored: it is not a spec).
  const ownIds = new Set(own.map((t) => t.template.id));
  const dropped = new Map<string, string>();
  for (const spec of specs) {
    if (suggestions.some((s) => inFolder(spec.path, s.folder))) continue;
    const result = lintSource(spec.text, { filePath: spec.displayPath, cwd: io.cwd, registry });
    const id = result.template;
    if (!id || !ownIds.has(id) || dropped.has(id)) continue;
    if (result.diagnostics.filter((d) => d.severity === 'error').length > spec.errorsBefore) dropped.set(id, spec.path);
  }
  const configured = own.filter((t) => !dropped.has(t.template.id));
  const overrides = suggestions.filter((s) => !dropped.has(s.template));
  for (const [id, path] of dropped) refused.push(`  template '${id}' not configured: ${path} would be detected as it and get errors it does not have now\n`);
  const used = configured.filter((t) => overrides.some((s) => s.template === t.template.id));
  const config = {
    $schema: SCHEMA_REFERENCE,
    // The templates are not specs: linting them would report their own placeholders.
    ...(configured.length > 0 ? { templates: configured.map((t) => t.path) } : {}),
    ...(own.length > 0 ? { ignore: own.map((t) => t.path) } : {}),
    rules: {},
    overrides: overrides.map((s) => ({ files: [globOf(s.folder)], template: s.template })),
  };
  const content = `${JSON.stringify(config, null, 2)}\n`;
  if (!options.dryRun) writeFileAtomic(target, content);
  io.stdout(`${options.dryRun ? 'Would write' : 'Wrote'} speclint.config.json after looking at ${files.length} Markdown files:\n\n${content}\nWhy:\n`);
  for (const t of configured) {
    io.stdout(`  template ${t.path} → '${t.template.id}' (specs that use it are checked against its sections, metadata, placeholders and example text; the file itself is ignored)\n`);
  }
  for (const s of overrides) io.stdout(`  ${globOf(s.folder)} → ${s.template} (${s.matched} of ${s.total} files fit it; all ${s.covered} files it covers linted against it: no new errors)\n`);
  for (const line of refused) io.stdout(line);
  if (overrides.length === 0) io.stdout('  No folder fits one template well enough for an override; templates will be detected per file.\n');
  if (used.length > 0) {
    io.stdout(
      "Specs in these folders are now checked against their project's own template; each was linted against it and none gets an\n" +
        'error it did not have. Run `speclint` to see the warnings, and `speclint --baseline-write` to accept the current state.\n',
    );
  }
  return EXIT_OK;
}

function globOf(folder: string): string {
  return folder === '.' ? '*.md' : `${folder}/**/*.md`;
}
