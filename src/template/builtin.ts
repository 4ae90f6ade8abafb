import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';
import { deriveTemplate } from './derive.js';
import type { Template } from './schema.js';

export const BUILTIN_TEMPLATES = [
  { id: 'component', seed: '000', description: 'Component specification: key components, data model, API endpoints, document history' },
  { id: 'feature', seed: '001', description: 'Feature specification: Date/Author/Status lines, detailed design, approval and revision history' },
  { id: 'design-doc', seed: '002', description: 'Design document: Document Info list, goals & non-goals, implementation and rollout plans' },
  { id: 'numbered', seed: '003', description: 'Numbered specification: Document Information table, sections 1–11 and approval' },
  { id: 'tech-spec', seed: '004', description: 'TS-XXXX tech spec: YAML front matter, table of contents, implementation checklist' },
] as const;

export type BuiltinTemplateId = (typeof BUILTIN_TEMPLATES)[number]['id'];

const cache = new Map<string, Template>();

export function builtinTemplatePath(id: string): string {
  return join(packageRoot(), 'templates', `${id}.md`);
}

/** Loads (and caches) the built-in templates, derived from templates/<id>.md. */
export function builtinTemplates(): Template[] {
  return BUILTIN_TEMPLATES.map(({ id, description }) => {
    let template = cache.get(id);
    if (!template) {
      const path = builtinTemplatePath(id);
      template = deriveTemplate(readFileSync(path, 'utf8'), { id, description, source: `templates/${id}.md` });
      cache.set(id, template);
    }
    return template;
  });
}
