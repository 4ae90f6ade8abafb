import { lazySchema } from '../src/util/lazy-schema.js';
import { isChoiceList, isPlaceholderValue } from '../src/content/placeholders.js';
import { defineRule } from '../src/engine/rule.js';
import { editSimilarity } from '../src/util/text.js';
import { matchStatus, statusName } from '../src/content/status.js';
import { fieldEntry } from '../src/template/field-variants.js';

/** "Implementable, Released, Dormant": the template's choices, left for the placeholder rule like "A | B". */
function isCommaChoiceList(value: string, allowed: readonly string[]): boolean {
  const parts = value.split(/\s*,\s*/).filter(Boolean);
  return parts.length >= 2 && parts.every((part) => allowed.some((a) => statusName(a) === statusName(part)));
}


export const metadataStatus = defineRule({
  meta: {
    id: 'metadata-status',
    description: "The status is not one of the template's allowed values.",
    severity: 'error',
    needsTemplate: true,
    data: lazySchema((z) => z.object({ status: z.string() })),
    fixable: true,
  },
  check(context) {
    const { document, template } = context;
    const field = template?.metadata.fields.find((f) => f.kind === 'status');
    if (!field?.values) return;
    const entry = template ? fieldEntry(document, template, field) : undefined;
    if (!entry) return;
    // "[Draft | Review]" or the template's own list of choices is left for the placeholder rule.
    if (isPlaceholderValue(entry.value) || isChoiceList(entry.value, field.values)) return;
    if (isCommaChoiceList(entry.value, field.values)) return;
    if (matchStatus(entry.value, field.values) !== undefined) return;
    const value = statusName(entry.value);
    const allowed = field.values.join(', ');
    // A suggestion (and its fix) only when one allowed value is clearly meant.
    const ranked = field.values
      .map((allowed) => ({ allowed, score: editSimilarity(value, statusName(allowed)) }))
      .sort((a, b) => b.score - a.score);
    const [best, second] = ranked;
    const suggestion = value && best && best.score >= 0.6 && (!second || best.score - second.score >= 0.15) ? best.allowed : undefined;
    context.report({
      span: entry.span,
      message: value
        ? `Status '${entry.value}' is not one of ${allowed}${suggestion ? `: did you mean '${suggestion}'?` : ''}`
        : `Status is empty, expected one of ${allowed}`,
      data: { status: entry.value },
      hint: suggestion ? `Change the status to '${suggestion}'.` : `Set the status to one of ${allowed}.`,
      fix: suggestion ? { range: [entry.span.start.offset, entry.span.end.offset], text: suggestion } : undefined,
    });
  },
});
