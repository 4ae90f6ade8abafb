import { lazySchema } from '../src/util/lazy-schema.js';
import { defineRule } from '../src/engine/rule.js';

export const sectionDuplicate = defineRule({
  meta: {
    id: 'section-duplicate',
    description: 'A section the template allows once appears more than once.',
    severity: 'error',
    needsTemplate: true,
    data: lazySchema((z) => z.object({ section: z.string() })),
  },
  check(context) {
    for (const finding of context.alignment().findings) {
      if (finding.kind !== 'duplicate') continue;
      const { section, other } = finding;
      const line = other.span.start.line;
      context.report({
        span: section.span,
        message: `Duplicate section '${section.text}': the template allows it once (${other.start < section.start ? 'first' : 'also'} at line ${line})`,
        data: { section: section.text },
        related: [{ span: other.span, message: `${other.start < section.start ? 'First' : 'Other'} copy of '${other.text}'` }],
        hint: `Merge this section into the one at line ${line}.`,
      });
    }
  },
});
