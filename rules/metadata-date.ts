import type { MetadataEntry } from '../src/document/index.js';
import { isPlaceholderValue } from '../src/content/placeholders.js';
import type { Rule } from '../src/rule.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const CREATED_KEYS = ['created', 'date created', 'created at', 'created on', 'date'];
const UPDATED_KEYS = ['last updated', 'updated', 'last modified', 'updated at', 'modified'];

/** Days since the epoch for a valid calendar date, or null. */
export function calendarDay(value: string): number | null {
  const m = ISO_DATE.exec(value.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.getTime() / 86_400_000;
}

export const metadataDate: Rule = {
  meta: {
    id: 'metadata-date',
    description: 'A date field is not a valid ISO 8601 calendar date, or Last Updated is earlier than Created.',
    severity: 'error',
    needsTemplate: true,
  },
  check(context) {
    const { document, template } = context;
    if (!template) return;
    const days = new Map<string, { entry: MetadataEntry; day: number }>();
    for (const field of template.metadata.fields) {
      if (field.kind !== 'date') continue;
      const entry = document.metadata.get(field.normalizedKey);
      if (!entry || entry.value === '' || isPlaceholderValue(entry.value)) continue; // placeholder's business
      const day = calendarDay(entry.value);
      if (day === null) {
        context.report({
          span: entry.span,
          message: `${entry.key} '${entry.value}' is not a valid ISO 8601 calendar date, expected YYYY-MM-DD`,
          hint: 'Write the date as YYYY-MM-DD, e.g. 2026-03-14.',
        });
      } else {
        days.set(field.normalizedKey, { entry, day });
      }
    }
    const created = CREATED_KEYS.map((k) => days.get(k)).find(Boolean);
    const updated = UPDATED_KEYS.map((k) => days.get(k)).find(Boolean);
    if (created && updated && updated.entry !== created.entry && updated.day < created.day) {
      context.report({
        span: updated.entry.span,
        message: `${updated.entry.key} ${updated.entry.value} is earlier than ${created.entry.key} ${created.entry.value}`,
        hint: `Set ${updated.entry.key} to ${created.entry.value} or later.`,
      });
    }
  },
};
