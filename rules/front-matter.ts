import { lazySchema } from '../src/util/lazy-schema.js';
import { defineRule } from '../src/engine/rule.js';

export const frontMatter = defineRule({
  meta: {
    id: 'front-matter',
    description: 'Front matter that is not read as front matter (blank line before it, bad fence, not closed) or cannot be read (invalid YAML, not key: value pairs, too large or deep).',
    severity: 'error',
    needsTemplate: false,
    data: lazySchema((z) => z.object({ problem: z.string() })),
  },
  check(context) {
    const problem = context.document.metadata.frontMatterProblem;
    if (!problem) return;
    context.report({
      span: problem.span,
      message: problem.message,
      data: { problem: problem.kind },
      severity: problem.unreadable ? 'error' : 'warning',
      hint: problem.unreadable ? "Fix the YAML between the two '---' lines." : "Put '---' alone on the very first line, the YAML, then a closing '---' line.",
    });
  },
});
