import { relative } from 'node:path';
import { closest } from '../../util/text.js';
import { renderTemplate } from '../../template/render.js';
import { type ConfigOption, loadRunConfig } from './config.js';
import { type CliIO, EXIT_OK, UsageError } from './io.js';

export interface TemplatesOptions {
  show?: string;
  format?: string;
  config?: ConfigOption;
}

/** Lists the templates a run can use (built-ins and the config's), or shows one's derived schema. */
export function templatesCommand(options: TemplatesOptions, io: CliIO): number {
  const config = loadRunConfig(options.config, io);
  const registry = config.registry;
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format '${format}' for templates (choose from text, json)`);
  const where = (id: string): string => {
    const file = registry.fileOf(id);
    return file ? relative(io.cwd, file) || file : '(unknown)';
  };
  if (options.show !== undefined) {
    const template = registry.get(options.show);
    if (!template) {
      const ids = registry.all().map((t) => t.id);
      const suggestion = closest(options.show, ids, (id) => id, 0.5);
      throw new UsageError(`unknown template '${options.show}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}; known templates: ${ids.join(', ')}`);
    }
    io.stdout(format === 'json' ? `${JSON.stringify(template, null, 2)}\n` : renderTemplate(template, where(template.id)));
    return EXIT_OK;
  }
  const templates = registry.all();
  if (format === 'json') {
    io.stdout(`${JSON.stringify(templates.map((t) => ({ id: t.id, description: t.description, title: t.title?.text ?? null, file: where(t.id) })), null, 2)}\n`);
    return EXIT_OK;
  }
  const width = Math.max(...templates.map((t) => t.id.length));
  const indent = ' '.repeat(width + 2);
  for (const template of templates) {
    io.stdout(`${template.id.padEnd(width)}  ${template.description}\n`);
    if (template.title) io.stdout(`${indent}title: # ${template.title.text}\n`);
    const builtin = template.source.startsWith('templates/') && registry.fileOf(template.id)?.endsWith(`templates/${template.id}.md`);
    io.stdout(`${indent}from:  ${where(template.id)}${builtin ? ' (built-in)' : ''}\n`);
  }
  return EXIT_OK;
}
