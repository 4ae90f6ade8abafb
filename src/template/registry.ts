import { basename, dirname, extname, isAbsolute, resolve } from 'node:path';
import { describeFsError } from '../util/fs-errors.js';
import { MAX_TEMPLATE_BYTES } from '../input/limits.js';
import { looksLikePath } from '../util/paths.js';
import { ReadRefused, readBoundedTextSync } from '../input/read-bounded.js';
import { closest } from '../util/text.js';
import { builtinTemplatePath, builtinTemplates, isBuiltinTemplateId } from './builtin.js';
import { TemplateError } from './derive.js';
import { deriveTemplateCached } from './derived-cache.js';
import type { Template } from './schema.js';

/** "accepted-0000-template" for "…/Accepted/", "0000-template" for "0000-template.md": letters, digits, ".", "_", "-". */
function idOf(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '');
}

/** The id a template file gets from its name; one kept as a folder's README.md or index.md is named after the folder. */
export function fileTemplateId(absolute: string): string {
  let name = basename(absolute, extname(absolute));
  if (/^(?:readme|index)$/i.test(name)) name = basename(dirname(absolute));
  return idOf(name) || 'template';
}

/** A registry as plain data, to hand to a lint worker so that it need not read and derive the templates again. */
export interface RegistryState {
  byId: [string, Template][];
  byPath: [string, Template][];
  files: [string, string][];
  /** The built-ins were not read yet: the registry made from this state reads them when it first needs them, as this one would have. */
  builtinsUnread?: true;
}

/**
 * The templates a run can use: the built-ins, plus any read from template files. The built-ins are
 * read when first needed (a run on a team's template file never reads them: ~2 ms of a one-file
 * run), always before anything that could replace one of them is added.
 */
export class TemplateRegistry {
  private readonly byId = new Map<string, Template>();
  private readonly byPath = new Map<string, Template>();
  private readonly files = new Map<string, string>();
  private builtins: (() => readonly Template[]) | undefined;

  constructor(templates: readonly Template[] | (() => readonly Template[]) = builtinTemplates) {
    if (typeof templates === 'function') this.builtins = templates;
    else this.register(templates);
  }

  private register(templates: readonly Template[]): void {
    for (const template of templates) {
      this.byId.set(template.id, template);
      if (template.source.startsWith('templates/')) this.files.set(template.id, builtinTemplatePath(template.id));
    }
  }

  /** The built-ins, in before anything else: reads them if not yet read. */
  private withBuiltins(): this {
    if (this.builtins) {
      // Read first: if reading them throws, the registry is as it was, and the next use tries again.
      const builtins = this.builtins();
      this.builtins = undefined;
      const added = [...this.byId];
      const files = [...this.files];
      this.byId.clear();
      this.files.clear();
      this.register(builtins);
      for (const [id, template] of added) this.byId.set(id, template);
      for (const [id, file] of files) this.files.set(id, file);
    }
    return this;
  }

  /**
   * Everything known so far, as plain data (one object per template, shared between the maps as
   * here). Built-ins not read yet are left out, marked unread: a worker linting with a team's
   * template file never needs them, and reads them from the package itself when it does.
   */
  state(): RegistryState {
    const unread = this.builtins === builtinTemplates;
    if (!unread) this.withBuiltins();
    return { byId: [...this.byId], byPath: [...this.byPath], files: [...this.files], ...(unread ? { builtinsUnread: true as const } : {}) };
  }

  /** The registry a state was taken of, without reading or deriving anything. */
  static fromState(state: RegistryState): TemplateRegistry {
    const registry = new TemplateRegistry(state.builtinsUnread ? builtinTemplates : []);
    for (const [id, template] of state.byId) registry.byId.set(id, template);
    for (const [path, template] of state.byPath) registry.byPath.set(path, template);
    for (const [id, file] of state.files) registry.files.set(id, file);
    return registry;
  }

  /** Adds a template read from `file`; one with a built-in's id replaces it. */
  add(template: Template, file?: string): void {
    this.withBuiltins();
    this.byId.set(template.id, template);
    if (file) this.files.set(template.id, file);
    else this.files.delete(template.id);
  }

  /** The Markdown file a template was derived from, when known. */
  fileOf(id: string): string | undefined {
    return this.files.get(id) ?? (isBuiltinTemplateId(id) ? this.withBuiltins().files.get(id) : undefined);
  }

  all(): Template[] {
    return [...this.withBuiltins().byId.values()];
  }

  get(id: string): Template | undefined {
    return this.byId.get(id) ?? (isBuiltinTemplateId(id) ? this.withBuiltins().byId.get(id) : undefined);
  }

  /** Every template file read so far (a config's templates and those named by specs). */
  loadedFiles(): string[] {
    return [...new Set([...this.byPath.keys(), ...this.withBuiltins().files.values()])];
  }

  /** Reads and derives a template file (cached by absolute path). */
  load(path: string, baseDir: string): Template {
    const absolute = isAbsolute(path) ? path : resolve(baseDir, path);
    const cached = this.byPath.get(absolute);
    if (cached) return cached;
    let text: string;
    try {
      text = readBoundedTextSync(absolute, MAX_TEMPLATE_BYTES, 'templates');
    } catch (error) {
      throw new TemplateError(`cannot read template ${path}: ${error instanceof ReadRefused ? error.message : describeFsError(error)}`);
    }
    const template = deriveTemplateCached(text, { id: fileTemplateId(absolute), source: path }, absolute);
    this.byPath.set(absolute, template);
    this.files.set(template.id, absolute);
    return template;
  }

  /** A template by id or path; throws a TemplateError naming the closest ids for an unknown id. */
  resolve(name: string, baseDir: string): Template {
    // A path that is no template's id is read without the built-ins.
    const known = this.get(name);
    if (known) return known;
    if (looksLikePath(name)) return this.load(name, baseDir);
    const suggestion = closest(name, [...this.withBuiltins().byId.keys()], (id) => id, 0.5);
    throw new TemplateError(
      `unknown template '${name}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}; known templates: ${[...this.byId.keys()].join(', ')}`,
    );
  }
}

export interface TemplateFile {
  template: Template;
  /** Absolute path of the template file. */
  file: string;
}

/**
 * Gives templates from different files different ids. A template's id is its file name, so two
 * files named alike (`accepted/0000-template.md`, `withdrawn/0000-template.md`) would share one and
 * the later would silently replace the earlier. Every template of such a group — not only the later
 * ones, so that the ids do not depend on the order of the list — is named after its folder as well
 * (`accepted-0000-template`, `withdrawn-0000-template`). An id the template declares itself
 * (`template-id` in its front matter) is kept; ids that still clash are returned as problems
 * naming both files.
 */
export function withUniqueIds(entries: readonly TemplateFile[], display: (file: string) => string = (file) => file): { entries: TemplateFile[]; problems: string[] } {
  const byFile = new Map<string, TemplateFile>();
  for (const entry of entries) if (!byFile.has(entry.file)) byFile.set(entry.file, entry);
  const distinct = [...byFile.values()];
  const count = new Map<string, number>();
  for (const { template } of distinct) count.set(template.id, (count.get(template.id) ?? 0) + 1);
  const renamed = distinct.map((entry) => {
    const declared = entry.template.id !== fileTemplateId(entry.file);
    if ((count.get(entry.template.id) ?? 0) < 2 || declared) return entry;
    // A README.md template is already named after its folder: qualify it with the folder above.
    const named = /^(?:readme|index)$/i.test(basename(entry.file, extname(entry.file)));
    const folder = idOf(basename(dirname(named ? dirname(entry.file) : entry.file)));
    return folder ? { ...entry, template: { ...entry.template, id: `${folder}-${entry.template.id}` } } : entry;
  });
  const problems: string[] = [];
  const owner = new Map<string, string>();
  for (const { template, file } of renamed) {
    const other = owner.get(template.id);
    if (other) problems.push(`templates: "${display(other)}" and "${display(file)}" are both named "${template.id}"; give one of them its own template-id in its front matter`);
    else owner.set(template.id, file);
  }
  return { entries: renamed, problems };
}

