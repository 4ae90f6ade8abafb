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
    if (metadata.frontMatterError) {
      context.report({
        span: metadata.frontMatterError.span,
        message: `Front matter is not valid YAML, so its fields cannot be read: ${metadata.frontMatterError.message}`,
        hint: 'Fix the YAML syntax between the two --- lines.',
      });
      return; // one root cause: the fields may well be there
    }
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
