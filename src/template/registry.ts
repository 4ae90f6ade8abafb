import { basename, dirname, extname, isAbsolute, resolve } from 'node:path';
import { describeFsError } from '../fs-errors.js';
import { MAX_TEMPLATE_BYTES } from '../limits.js';
import { looksLikePath } from '../paths.js';
import { ReadRefused, readBoundedTextSync } from '../read-bounded.js';
import { closest } from '../text.js';
import { builtinTemplatePath, builtinTemplates } from './builtin.js';
import { TemplateError, deriveTemplate } from './derive.js';
import type { Template } from './schema.js';

/** The templates a run can use: the built-ins, plus any read from template files. */
export class TemplateRegistry {
  private readonly byId = new Map<string, Template>();
  private readonly byPath = new Map<string, Template>();
  private readonly files = new Map<string, string>();

  constructor(templates: readonly Template[] = builtinTemplates()) {
    for (const template of templates) {
      this.byId.set(template.id, template);
      if (template.source.startsWith('templates/')) this.files.set(template.id, builtinTemplatePath(template.id));
    }
  }

  /** Adds a template read from `file`; one with a built-in's id replaces it. */
  add(template: Template, file?: string): void {
    this.byId.set(template.id, template);
    if (file) this.files.set(template.id, file);
    else this.files.delete(template.id);
  }

  /** The Markdown file a template was derived from, when known. */
  fileOf(id: string): string | undefined {
    return this.files.get(id);
  }

  all(): Template[] {
    return [...this.byId.values()];
  }

  get(id: string): Template | undefined {
    return this.byId.get(id);
  }

  /** Every template file read so far (a config's templates and those named by specs). */
  loadedFiles(): string[] {
    return [...new Set([...this.byPath.keys(), ...this.files.values()])];
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
    // A template kept as a folder's README.md or index.md is named after the folder.
    let name = basename(absolute, extname(absolute));
    if (/^(?:readme|index)$/i.test(name)) name = basename(dirname(absolute));
    const fileId = name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '') || 'template';
    const template = deriveTemplate(text, { id: fileId, source: path });
    this.byPath.set(absolute, template);
    this.files.set(template.id, absolute);
    return template;
  }

  /** A template by id or path; throws a TemplateError naming the closest ids for an unknown id. */
  resolve(name: string, baseDir: string): Template {
    const known = this.byId.get(name);
    if (known) return known;
    if (looksLikePath(name)) return this.load(name, baseDir);
    const suggestion = closest(name, [...this.byId.keys()], (id) => id, 0.5);
    throw new TemplateError(
      `unknown template '${name}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}; known templates: ${[...this.byId.keys()].join(', ')}`,
    );
  }
}
