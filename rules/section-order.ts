import type { Rule } from '../src/rule.js';
import { placement } from '../src/template/describe.js';

export const sectionOrder: Rule = {
  meta: {
    id: 'section-order',
    description: 'A section is present but not where the template puts it.',
    severity: 'error',
    needsTemplate: true,
  },
  check(context) {
    for (const finding of context.alignment().findings) {
      if (finding.kind !== 'order') continue;
      const { section, after, before, container, misplaced } = finding;
      const where = placement(after, before, container);
      const message = misplaced
        ? `Section '${section.text}' is misplaced, expected ${container ? `under '${container.text}'` : 'at the top level'}${after || before ? `, ${placement(after, before, null)}` : ''}`
        : `Section '${section.text}' is out of order, expected ${where}`;
      context.report({
        span: section.span,
        message,
        hint: `Move '${section.text}' (with its subsections) ${misplaced && container ? `into '${container.text}'` : where}.`,
      });
    }
  },
};
