import { lazySchema } from '../src/util/lazy-schema.js';
import { defineRule } from '../src/engine/rule.js';

export const codeFenceUnclosed = defineRule({
  meta: {
    id: 'code-fence-unclosed',
    description: 'A fenced code block is never closed, so the rest of the document (headings too) is read as code.',
    severity: 'error',
    needsTemplate: false,
    data: lazySchema((z) => z.object({ marker: z.string() })),
  },
  check(context) {
    const fence = context.document.unclosedFence;
    if (!fence) return;
    const [first] = fence.hiddenHeadings;
    const count = fence.hiddenHeadings.length;
    const what = first
      ? `the rest of the document is read as code, including ${count === 1 ? 'a line that looks like a heading' : `${count} lines that look like headings`} (first: '${first.markdown}', line ${first.line})`
      : `the rest of the document (${fence.lines === 1 ? '1 line' : `${fence.lines} lines`}) is read as code`;
    context.report({
      span: fence.span,
      message: `Code fence '${fence.marker}' is never closed, so ${what}; expected a closing '${fence.marker}' line`,
      data: { marker: fence.marker },
      hint: `Add a line with '${fence.marker}' where the code ends; --fix leaves this file alone until then.`,
    });
  },
});
