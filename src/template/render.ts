import type { SectionSpec, Template } from './schema.js';

function sectionLines(spec: SectionSpec, depth: number, out: string[]): void {
  const flags = [spec.required ? 'required' : 'optional'];
  if (spec.repeatable) flags.push('repeatable');
  if (spec.mustResolve) flags.push('checklists must be resolved');
  if (spec.pattern) flags.push(`matches /${spec.pattern}/`);
  out.push(`${'  '.repeat(depth)}${'#'.repeat(spec.level)} ${spec.title}  (${flags.join(', ')})`);
  for (const table of spec.tables) {
    out.push(`${'  '.repeat(depth + 1)}table${table.required ? '' : ' (optional)'}: ${table.columns.join(' | ')}`);
  }
  for (const child of spec.children) sectionLines(child, depth + 1, out);
}

/** The derived schema as readable text, for `speclint templates --show <id>`. */
export function renderTemplate(template: Template, file?: string): string {
  const out: string[] = [`${template.id} — ${template.description}`];
  out.push(`from: ${file ?? template.source}`);
  out.push(template.title ? `title: # ${template.title.text}  (matches /${template.title.pattern}/)` : 'title: none (no single leading H1)');
  const fields = template.metadata.fields;
  out.push(fields.length > 0 ? `metadata (${template.metadata.form ?? 'any form'}):` : 'metadata: none');
  const width = Math.max(0, ...fields.map((f) => f.key.length));
  for (const field of fields) {
    const kind = field.kind === 'status' ? `status: ${field.values ? field.values.join(' | ') : 'any value (no set declared)'}` : field.kind;
    out.push(`  ${field.key.padEnd(width)}  ${field.required ? 'required' : 'optional'}  ${kind}`);
  }
  const { identity } = template;
  out.push(
    `identity: id ${identity.idField ? `in '${identity.idField}'` : 'none'}` +
      `; file names ${identity.idFilename ? `'${identity.idFilename}'` : 'free'}` +
      `; references in ${identity.references.join(', ')}` +
      `; superseded status ${identity.supersededStatus ? `'${identity.supersededStatus}'` : 'none'}`,
  );
  out.push('sections:');
  for (const spec of template.sections) sectionLines(spec, 1, out);
  if (template.hasTableOfContents) out.push('table of contents: every section after it must be listed');
  if (template.guidanceSentences.length > 0) out.push(`guidance sentences: ${template.guidanceSentences.length} (left verbatim in a spec, they are placeholders)`);
  return `${out.join('\n')}\n`;
}
