import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../util/paths.js';
import { runsFromSources } from '../util/from-sources.js';
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

export const isBuiltinTemplateId = (name: string): name is BuiltinTemplateId => BUILTIN_TEMPLATES.some(({ id }) => id === name);

/** Built-in templates derived at build time, each with the Markdown (and seed wording) it came from. */
const PREBUILT_FILE = join('dist', 'builtin-templates.json');

interface PrebuiltEntry {
  text: string;
  exampleText: string | null;
  template: Template;
}

let loaded: Template[] | undefined;

export function builtinTemplatePath(id: string): string {
  return join(packageRoot(), 'templates', `${id}.md`);
}

/** The wording of the seed a built-in template was written from, where it differs (templates/seed-wording/<id>.md). */
function seedWording(id: string): string | undefined {
  const path = join(packageRoot(), 'templates', 'seed-wording', `${id}.md`);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

function derive(id: string, description: string, text: string): Template {
  return deriveTemplate(text, { id, description, source: `templates/${id}.md`, exampleText: seedWording(id) });
}

/**
 * Deriving the five templates parses them (≈250 ms cold), so the build stores the result; it is used
 * only from the built package (not from sources under test) and only while each template file (and
 * its seed wording) is still the text it was derived from, compared whole: a hash would load
 * node:crypto, ~3–5 ms of a one-file run.
 */
function readPrebuilt(): Map<string, PrebuiltEntry> | undefined {
  if (runsFromSources) return undefined;
  try {
    const entries = JSON.parse(readFileSync(join(packageRoot(), PREBUILT_FILE), 'utf8')) as Record<string, PrebuiltEntry>;
    return new Map(Object.entries(entries));
  } catch {
    return undefined;
  }
}

/** Loads (once) the built-in templates, derived from templates/<id>.md. */
export function builtinTemplates(): Template[] {
  if (loaded) return loaded;
  const prebuilt = readPrebuilt();
  loaded = BUILTIN_TEMPLATES.map(({ id, description }) => {
    const text = readFileSync(builtinTemplatePath(id), 'utf8');
    const entry = prebuilt?.get(id);
    const fresh = entry && entry.text === text && entry.exampleText === (seedWording(id) ?? null) && entry.template.description === description;
    return fresh ? entry.template : derive(id, description, text);
  });
  return loaded;
}

/** Called by the build: derives every built-in template and stores it for later runs. */
export function writeBuiltinTemplateCache(): void {
  const entries: Record<string, PrebuiltEntry> = {};
  for (const { id, description } of BUILTIN_TEMPLATES) {
    const text = readFileSync(builtinTemplatePath(id), 'utf8');
    entries[id] = { text, exampleText: seedWording(id) ?? null, template: derive(id, description, text) };
  }
  writeFileSync(join(packageRoot(), PREBUILT_FILE), `${JSON.stringify(entries)}\n`);
}
