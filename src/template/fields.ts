import type { MetadataForm } from '../document/index.js';
import type { MetadataField } from './schema.js';

/** "last updated" → "Last Updated" */
function titleCase(key: string): string {
  return key.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}

/** The field's name as a bold label: the template's spelling, or "Last Updated" for "last_updated". */
export function fieldLabel(field: MetadataField): string {
  return /[A-Z]/.test(field.key) && !field.key.includes('_') ? field.key : titleCase(field.normalizedKey);
}

/** The field's name as a YAML key: the template's spelling, or "last_updated" for "Last Updated". */
export function fieldYamlKey(field: MetadataField): string {
  return /^[a-z0-9_-]+$/.test(field.key) ? field.key : field.normalizedKey.replace(/ /g, '_');
}

/** How to write a metadata field in a given form, e.g. "**Author**: <value>". */
export function fieldExample(field: MetadataField, form: MetadataForm | null): string {
  const label = fieldLabel(field);
  switch (form) {
    case 'front-matter':
      return `${fieldYamlKey(field)}: <value>`;
    case 'list':
      return `- **${label}**: <value>`;
    case 'table':
      return `| **${label}** | <value> |`;
    default:
      return `**${label}**: <value>`;
  }
}

export function formPlace(form: MetadataForm | null): string {
  switch (form) {
    case 'front-matter':
      return 'to the front matter';
    case 'list':
      return 'to the metadata list';
    case 'table':
      return 'as a row of the metadata table';
    default:
      return 'below the title';
  }
}
