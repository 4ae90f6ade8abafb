import { isChoiceList, isPlaceholderValue } from '../src/content/placeholders.js';
import type { Rule } from '../src/rule.js';
import { closest, editSimilarity } from '../src/text.js';

const normalizeStatus = (value: string): string => value.trim().replace(/\s+/g, ' ').toLowerCase();

export const metadataStatus: Rule = {
  meta: {
    id: 'metadata-status',
    description: "The status is not one of the template's allowed values.",
    severity: 'error',
    needsTemplate: true,
  },
  check(context) {
    const { document, template } = context;
    const field = template?.metadata.fields.find((f) => f.kind === 'status');
    if (!field?.values) return;
    const entry = document.metadata.get(field.normalizedKey);
    if (!entry) return;
    // "[Draft | Review]" or the template's own list of choices is left for the placeholder rule.
    if (isPlaceholderValue(entry.value) || isChoiceList(entry.value, field.values)) return;
    const value = normalizeStatus(entry.value);
    if (field.values.some((allowed) => normalizeStatus(allowed) === value)) return;
    const allowed = field.values.join(', ');
    const suggestion = value ? closest(value, field.values, normalizeStatus, 0.6, editSimilarity) : undefined;
    context.report({
      span: entry.span,
      message: value
        ? `Status '${entry.value}' is not one of ${allowed}${suggestion ? `: did you mean '${suggestion}'?` : ''}`
        : `Status is empty, expected one of ${allowed}`,
      hint: suggestion ? `Change the status to '${suggestion}'.` : `Set the status to one of ${allowed}.`,
    });
  },
};
