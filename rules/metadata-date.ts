import { lazySchema } from '../src/util/lazy-schema.js';
import type { MetadataEntry, SpecDocument } from '../src/document/index.js';
import { isPlaceholderValue } from '../src/content/placeholders.js';
import { defineRule, type RuleContext } from '../src/engine/rule.js';
import { fieldEntry } from '../src/template/field-variants.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
// "2026-10-40", "2023-10-3": written as year-month-day, whether or not the digits make a date.
const ISO_SHAPED = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const CREATED_KEYS = ['created', 'date created', 'created at', 'created on', 'date'];
const UPDATED_KEYS = ['last updated', 'updated', 'last modified', 'updated at', 'modified'];
/** A table column holding dates: "Date", "Target Date", "Date Approved". */
const DATE_COLUMN = /\bdate\b/i;

function dayOf(year: number, month: number, day: number): number | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.getTime() / 86_400_000;
}

/** Days since the epoch for a valid calendar date, or null. */
export function calendarDay(value: string): number | null {
  const m = ISO_DATE.exec(value.trim());
  return m ? dayOf(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** Is the value written as year-month-day but not a real date ("2026-10-40", "2026-02-30")? */
export function isImpossibleIsoDate(value: string): boolean {
  const m = ISO_SHAPED.exec(value.trim());
  return m !== null && dayOf(Number(m[1]), Number(m[2]), Number(m[3])) === null;
}

/** Dates in the Date columns of tables (history, revision, approval): ISO-shaped values must be real dates. */
function checkTableDates(document: SpecDocument, context: RuleContext): void {
  for (const table of document.tables) {
    if (document.metadata.tables.has(table.node)) continue;
    const columns = table.header.flatMap((cell, index) => (DATE_COLUMN.test(cell.text) ? [{ index, name: cell.text }] : []));
    for (const row of table.rows) {
      for (const { index, name } of columns) {
        const cell = row[index];
        if (!cell || !isImpossibleIsoDate(cell.text)) continue;
        const raw = document.source.text.slice(cell.span.start.offset, cell.span.end.offset);
        const at = cell.span.start.offset + Math.max(0, raw.indexOf(cell.text));
        context.report({
          span: document.source.span(at, at + cell.text.length),
          message: `'${cell.text}' in the ${name} column is not a real calendar date, expected YYYY-MM-DD`,
          data: { column: name, value: cell.text },
          hint: 'Correct the month (01–12) or the day (within the month), e.g. 2026-03-14.',
        });
      }
    }
  }
}

export const metadataDate = defineRule({
  meta: {
    id: 'metadata-date',
    description:
      'A date field is not a valid ISO 8601 calendar date, Last Updated is earlier than Created, or a date in a table\'s Date column is not a real date.',
    severity: 'error',
    needsTemplate: true,
    data: lazySchema((z) => z.union([
      z.object({ column: z.string(), value: z.string() }),
      z.object({ field: z.string(), value: z.string() }),
      z.object({ field: z.string(), value: z.string(), earlierThan: z.string(), earlierThanValue: z.string() }),
    ])),
  },
  check(context) {
    const { document, template } = context;
    if (!template) return;
    const days = new Map<string, { entry: MetadataEntry; day: number }>();
    for (const field of template.metadata.fields) {
      if (field.kind !== 'date') continue;
      const entry = fieldEntry(document, template, field);
      if (!entry || entry.value === '' || isPlaceholderValue(entry.value)) continue; // placeholder's business
      const day = calendarDay(entry.value);
      if (day !== null) {
        days.set(field.normalizedKey, { entry, day });
      } else if (field.format === 'free') {
        // A template that shows its date in words ("Date of initial proposal") accepts any wording,
        // but a date written as year-month-day must still be a real one.
        if (!isImpossibleIsoDate(entry.value)) continue;
        context.report({
          span: entry.span,
          message: `${entry.key} '${entry.value}' is not a real calendar date`,
          data: { field: entry.key, value: entry.value },
          hint: 'Correct the month (01–12) or the day (within the month), e.g. 2026-03-14.',
        });
      } else {
        context.report({
          span: entry.span,
          message: `${entry.key} '${entry.value}' is not a valid ISO 8601 calendar date, expected YYYY-MM-DD`,
          data: { field: entry.key, value: entry.value },
          hint: 'Write the date as YYYY-MM-DD, e.g. 2026-03-14.',
        });
      }
    }
    const created = CREATED_KEYS.map((k) => days.get(k)).find(Boolean);
    const updated = UPDATED_KEYS.map((k) => days.get(k)).find(Boolean);
    if (created && updated && updated.entry !== created.entry && updated.day < created.day) {
      context.report({
        span: updated.entry.span,
        message: `${updated.entry.key} ${updated.entry.value} is earlier than ${created.entry.key} ${created.entry.value}`,
        data: { field: updated.entry.key, value: updated.entry.value, earlierThan: created.entry.key, earlierThanValue: created.entry.value },
        related: [{ span: created.entry.span, message: `${created.entry.key} ${created.entry.value}` }],
        hint: `Set ${updated.entry.key} to ${created.entry.value} or later.`,
      });
    }
    checkTableDates(document, context);
  },
});
