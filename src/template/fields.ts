import type { MetadataForm } from '../document/index.js';
import type { MetadataField } from './schema.js';

/** "last updated" → "Last Updated" */
function titleCase(key: string): string {
  return key.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}

/** How to write a metadata field in a given form, e.g. "**Author**: <value>". */
export function fieldExample(field: MetadataField, form: MetadataForm | null): string {
  const label = /[A-Z]/.test(field.key) && !/_/.test(field.key) ? field.key : titleCase(field.normalizedKey);
  switch (form) {
    case 'front-matter':
      return `${/[A-Z ]/.test(field.key) ? field.normalizedKey.replace(/ /g, '_') : field.key}: <value>`;
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
