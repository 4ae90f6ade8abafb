import type { Rule } from '../src/rule.js';
import { fieldExample, formPlace } from '../src/template/fields.js';

export const metadataRequired: Rule = {
  meta: {
    id: 'metadata-required',
    description: 'A metadata field the template requires (Author, Status, Created, …) is absent.',
    severity: 'error',
    needsTemplate: true,
  },
  check(context) {
    const { document, template } = context;
    if (!template) return;
    const { metadata } = document;
    const form = metadata.form ?? template.metadata.form;
    const last = metadata.entries[metadata.entries.length - 1];
    const span = last?.keySpan ?? document.titles[0]?.span ?? document.source.span(0, 0);
    for (const field of template.metadata.fields) {
      if (!field.required || metadata.get(field.normalizedKey)) continue;
      context.report({
        span,
        message: `Missing required metadata field '${field.key}'`,
        hint: `Add '${fieldExample(field, form)}' ${formPlace(form)}.`,
      });
    }
  },
};
