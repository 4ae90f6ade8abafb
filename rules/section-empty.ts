import { lifecycleReason } from '../src/content/lifecycle.js';
import { lazySchema } from '../src/util/lazy-schema.js';
import { defineRule } from '../src/engine/rule.js';
import { normalizeHeading } from '../src/util/text.js';
import { documentTitle } from '../src/template/title.js';

const Options = lazySchema((z) => z
  .object({ allow: z.array(z.string().min(1)).default([]).describe('Headings that may be empty (compared like template headings)') })
  .strict());

/**
 * A heading that is itself a statement, such as a user story written whole in its heading ("As an
 * operator, I would like to … so that …"), says what the section has to say. Questions and lead-ins
 * ending in ':' still ask for an answer, and short headings name a topic.
 */
const STATEMENT_MIN_WORDS = 8;
function isStatementHeading(text: string): boolean {
  const trimmed = text.trim();
  if (/[?:]$/.test(trimmed)) return false;
  return trimmed.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length >= STATEMENT_MIN_WORDS;
}

export const sectionEmpty = defineRule({
  meta: {
    id: 'section-empty',
    description: 'A section has no content of its own and no subsections.',
    severity: 'warning',
    needsTemplate: false,
    data: lazySchema((z) => z.object({ section: z.string() })),
    lifecycle: true,
    options: Options,
    defaults: { allow: [] },
  },
  check(context) {
    const allowed = new Set(context.options.allow.map(normalizeHeading));
    const reason = lifecycleReason(context.lifecycle, 'empty section');
    // A "heading" made of front matter read as Markdown is front-matter's finding, not an empty section.
    const notFrontMatter = context.document.metadata.frontMatterProblem?.unreadable === false ? context.document.metadata.frontMatterProblem.end : 0;
    // A title written as an H2 (templates that title specs that way) holds nothing of its own.
    const title = context.template ? documentTitle(context.document, context.template) : undefined;
    for (const section of context.document.sections) {
      if (section.start < notFrontMatter || section === title) continue;
      if (section.hasOwnContent || section.children.length > 0 || allowed.has(section.key) || isStatementHeading(section.text)) continue;
      context.report({
        span: section.span,
        message: `Section '${section.text}' is empty${reason}`,
        data: { section: section.text },
        hint: "Write the section's content, or remove the heading if the template allows it.",
      });
    }
  },
});
