import type { Rule } from '../src/rule.js';
import { metadataFieldFix } from '../src/fix/edits.js';
import { fieldExample, formPlace } from '../src/template/fields.js';

export const metadataRequired: Rule = {
  meta: {
    id: 'metadata-required',
    description: 'A metadata field the template requires (Author, Status, Created, …) is absent.',
    severity: 'error',
    needsTemplate: true,
    fixable: true,
  },
  check(context) {
    const { document, template } = context;
    if (!template) return;
    const { metadata } = document;
    // Front matter that could not be read is reported once, by front-matter; its fields may well be there.
    if (metadata.frontMatterProblem?.unreadable || (metadata.frontMatterProblem && template.metadata.form === 'front-matter')) return;
    const form = metadata.form ?? template.metadata.form;
    const last = metadata.entries[metadata.entries.length - 1];
    const span = last?.keySpan ?? document.titles[0]?.span ?? document.source.span(0, 0);
    let first = true;
    for (const field of template.metadata.fields) {
      if (!field.required || metadata.get(field.normalizedKey)) continue;
      // With no metadata yet, only the first field gets a fix: it creates the block the others join next pass.
      const fixable = metadata.entries.length > 0 || first;
      first = false;
      context.report({
        span,
        message: `Missing required metadata field '${field.key}'`,
        hint: `Add '${fieldExample(field, form)}' ${formPlace(form)}.`,
        fix: fixable ? metadataFieldFix(document, template, field) : undefined,
      });
    }
  },
};
