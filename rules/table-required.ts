import { lazySchema } from '../src/util/lazy-schema.js';
import { defineRule } from '../src/engine/rule.js';

export const tableRequired = defineRule({
  meta: {
    id: 'table-required',
    description: 'A section the template gives a table has no such table.',
    severity: 'error',
    needsTemplate: true,
    data: lazySchema((z) => z.object({ section: z.string(), columns: z.array(z.string()) })),
  },
  check(context) {
    for (const finding of context.tableFindings()) {
      if (finding.kind !== 'missing-table') continue;
      const { section, spec } = finding;
      const columns = spec.columns.join(' | ');
      context.report({
        span: section.span,
        message: `Section '${section.text}' has no table, expected one with columns ${spec.columns.join(', ')}`,
        data: { section: section.text, columns: spec.columns },
        hint: `Add a table under '${section.text}' with the header '| ${columns} |'.`,
      });
    }
  },
});
