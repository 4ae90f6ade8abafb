import { lazySchema } from '../src/util/lazy-schema.js';
import { defineRule } from '../src/engine/rule.js';
import { metadataFieldFix } from '../src/fix/edits.js';
import { findField } from '../src/template/field-variants.js';
import { fieldExample, fieldLabel, fieldYamlKey, formPlace, specFieldForm, templateFieldEntries } from '../src/template/fields.js';

/** "'a', 'b' and 'c'" */
function quotedList(keys: readonly string[]): string {
  const quoted = keys.map((k) => `'${k}'`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}` : (quoted[0] ?? '');
}

export const metadataRequired = defineRule({
  meta: {
    id: 'metadata-required',
    description: 'A metadata field the template requires (Author, Status, Created, …) is absent.',
    severity: 'error',
    needsTemplate: true,
    data: lazySchema((z) => z.union([z.object({ field: z.string() }), z.object({ field: z.string(), written: z.string() }), z.object({ fields: z.array(z.string()) })])),
    fixable: true,
  },
  check(context) {
    const { document, template } = context;
    if (!template) return;
    const { metadata } = document;
    // Front matter that could not be read is reported once, by front-matter; its fields may well be there.
    if (metadata.frontMatterProblem?.unreadable || (metadata.frontMatterProblem && template.metadata.form === 'front-matter')) return;
    const known = templateFieldEntries(document, template);
    const form = specFieldForm(document, template) ?? template.metadata.form;
    const last = known[known.length - 1];
    const span = last?.keySpan ?? document.titles[0]?.span ?? document.source.span(0, 0);
    for (const field of template.metadata.fields) {
      const found = findField(document, template, field);
      if (!found?.variant) continue;
      // The field is there under another key ("Tracking Issue" for "Rust Issue"): not missing, but
      // readers and tools that look for the template's key will not find it.
      context.report({
        span: found.entry.keySpan,
        severity: 'warning',
        message: `Metadata field '${found.entry.key}' is read as the template's '${field.key}'`,
        data: { field: field.key, written: found.entry.key },
        hint: `Rename the key to '${found.entry.form === 'front-matter' ? fieldYamlKey(field) : fieldLabel(field)}' as the template writes it.`,
      });
    }
    const missing = template.metadata.fields.filter((field) => field.required && !findField(document, template, field));
    const [first] = missing;
    if (!first) return;
    if (known.length === 0 && missing.length > 1) {
      // No metadata block at all is one problem, not one per field. Its fix starts the block with
      // the first field; the others are then reported one by one, each with its own fix.
      context.report({
        span,
        message: `Missing the metadata block: none of the template's ${missing.length} required fields is present (${quotedList(missing.map((f) => f.key))})`,
        data: { fields: missing.map((f) => f.key) },
        hint: `Add the fields ${formPlace(form)}, starting with '${fieldExample(first, form)}'.`,
        fix: metadataFieldFix(document, template, first),
      });
      return;
    }
    for (const field of missing) {
      // With no metadata yet, only the first field gets a fix: it creates the block the others join next pass.
      const fixable = known.length > 0 || field === first;
      context.report({
        span,
        message: `Missing required metadata field '${field.key}'`,
        data: { field: field.key },
        hint: `Add '${fieldExample(field, form)}' ${formPlace(form)}.`,
        fix: fixable ? metadataFieldFix(document, template, field) : undefined,
      });
    }
  },
});
