import { escapeHtml } from '../../src/report/formatters/html/escape.js';
import type { SectionSpec, Template } from '../../src/template/schema.js';

function badge(text: string, kind: string): string {
  return `<span class="badge badge-${kind}">${text}</span>`;
}

function sectionItem(section: SectionSpec): string {
  const badges = [
    section.required ? badge('required', 'required') : badge('optional', 'optional'),
    section.repeatable ? badge('repeatable', 'repeatable') : '',
    section.pattern ? badge('any name matching', 'pattern') : '',
    section.mustResolve ? badge('checklist must be resolved', 'resolve') : '',
  ].join('');
  const tables = section.tables.map(
    (table) =>
      `<li class="table">table ${table.required ? badge('required', 'required') : badge('optional', 'optional')}: ${table.columns.map((c) => `<code>${escapeHtml(c)}</code>`).join(' | ')}</li>`,
  );
  const children = section.children.map(sectionItem);
  const nested = tables.length + children.length > 0 ? `<ul>${tables.join('')}${children.join('')}</ul>` : '';
  return `<li class="section" data-section="${escapeHtml(section.title)}" data-required="${section.required}"><span class="h">${'#'.repeat(section.level)} ${escapeHtml(section.title)}</span> ${badges}${nested}</li>`;
}

/** What speclint understood of a template: title, metadata, statuses and the section tree. */
export function renderSchemaTree(template: Template): string {
  const parts: string[] = [];
  parts.push(`<p><strong>Template:</strong> <code>${escapeHtml(template.id)}</code> — ${escapeHtml(template.description)}</p>`);
  parts.push(
    `<p><strong>Title pattern:</strong> ${template.title ? `<code>${escapeHtml(template.title.pattern)}</code> (from “${escapeHtml(template.title.text)}”)` : 'none (no H1 required)'}</p>`,
  );
  const fields = template.metadata.fields.map(
    (field) =>
      `<li class="field" data-field="${escapeHtml(field.key)}"><code>${escapeHtml(field.key)}</code> ${field.required ? badge('required', 'required') : badge('optional', 'optional')} ${badge(field.kind, 'kind')}${
        field.values ? ` one of: ${field.values.map((v) => `<code>${escapeHtml(v)}</code>`).join(', ')}` : ''
      }</li>`,
  );
  parts.push(
    `<details open><summary>Metadata${template.metadata.form ? ` (${escapeHtml(template.metadata.form)})` : ''}: ${fields.length} fields</summary>${fields.length ? `<ul>${fields.join('')}</ul>` : '<p>none</p>'}</details>`,
  );
  const statuses = template.metadata.fields.find((f) => f.kind === 'status')?.values;
  parts.push(`<p><strong>Statuses:</strong> ${statuses ? statuses.map((s) => `<code>${escapeHtml(s)}</code>`).join(' → ') : 'any'}</p>`);
  parts.push(`<details open><summary>Sections: ${template.sections.length} top-level</summary><ul class="sections">${template.sections.map(sectionItem).join('')}</ul></details>`);
  return parts.join('');
}
