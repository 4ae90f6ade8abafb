import { lifecycleReason } from '../src/content/lifecycle.js';
import type { Rule } from '../src/rule.js';

export const sectionEmpty: Rule = {
  meta: {
    id: 'section-empty',
    description: 'A section has no content of its own and no subsections.',
    severity: 'warning',
    needsTemplate: false,
    lifecycle: true,
  },
  check(context) {
    const reason = lifecycleReason(context.lifecycle, 'empty section');
    for (const section of context.document.sections) {
      if (section.hasOwnContent || section.children.length > 0) continue;
      context.report({
        span: section.span,
        message: `Section '${section.text}' is empty${reason}`,
        hint: "Write the section's content, or remove the heading if the template allows it.",
      });
    }
  },
};
