import { lazySchema } from '../src/util/lazy-schema.js';
import { defineRule } from '../src/engine/rule.js';
import { addColumnsFix } from '../src/fix/edits.js';
import { listWords, normalizeHeading } from '../src/util/text.js';

export const tableColumns = defineRule({
  meta: {
    id: 'table-columns',
    description: 'A table lacks columns the template requires, or has them in another order.',
    severity: 'error',
    needsTemplate: true,
    data: lazySchema((z) => z.union([z.object({ section: z.string(), missing: z.array(z.string()) }), z.object({ section: z.string(), expected: z.array(z.string()) })])),
    fixable: true,
  },
  check(context) {
    for (const finding of context.tableFindings()) {
      if (finding.kind === 'missing-table') continue;
      const { section, spec, table } = finding;
      const first = table.header[0];
      const last = table.header[table.header.length - 1];
      const span = first && last ? { start: first.span.start, end: last.span.end } : table.span;
      const expected = spec.columns.join(', ');
      if (finding.kind === 'missing-columns') {
        const names = finding.missing.map((c) => `'${c}'`);
        context.report({
          span,
          message: `Table in '${section.text}' is missing ${names.length === 1 ? 'column' : 'columns'} ${listWords(names)} (expected columns: ${expected})`,
          data: { section: section.text, missing: finding.missing },
          hint: `Add ${listWords(names)} to the header row and a cell to every row.`,
          fix: addColumnsFix(context.document, table, spec.columns, finding.missing, normalizeHeading),
        });
      } else {
        context.report({
          span,
          message: `Columns of the table in '${section.text}' are out of order, expected ${expected}`,
          data: { section: section.text, expected: spec.columns },
          hint: `Reorder the columns to ${expected}.`,
        });
      }
    }
  },
});
