import { lazySchema } from '../src/util/lazy-schema.js';
import { defineRule } from '../src/engine/rule.js';
import { missingSectionFix } from '../src/fix/edits.js';
import type { SpecDocument } from '../src/document/index.js';
import type { Slot } from '../src/template/align.js';
import { headingMarkdown, placement } from '../src/template/describe.js';
import { normalizeHeading } from '../src/util/text.js';

/** The section is there for a reader, but inside a code fence never closed: code-fence-unclosed reports that cause. */
function hiddenByUnclosedFence(document: SpecDocument, slot: Slot): boolean {
  return (document.unclosedFence?.hiddenHeadings ?? []).some(({ text }) => {
    const key = normalizeHeading(text);
    return slot.regex ? slot.regex.test(key) : slot.spec.key === key;
  });
}

export const sectionRequired = defineRule({
  meta: {
    id: 'section-required',
    description: 'A section the template requires is missing.',
    severity: 'error',
    needsTemplate: true,
    data: lazySchema((z) => z.union([
      z.object({ sections: z.array(z.string()) }),
      z.object({ container: z.string(), sections: z.array(z.string()) }),
      z.object({ section: z.string() }),
    ])),
    fixable: true,
  },
  check(context) {
    const { document } = context;
    for (const finding of context.alignment().findings) {
      if (finding.kind === 'missing-many') {
        const { container, required } = finding;
        const slots = finding.slots.filter((slot) => !hiddenByUnclosedFence(document, slot));
        if (slots.length === 0) continue;
        // Guess at another revision only when what a reader misses is still most of the sections.
        const guess = slots.length * 2 > required ? ' (written to another revision of the template?)' : '';
        const anchor = container ?? document.titles[0] ?? null;
        const what = container ? `'${container.text}' lacks` : 'The spec lacks';
        const kind = container ? 'subsections' : 'top-level sections';
        const shown = slots.slice(0, 3).map((slot) => `'${slot.spec.title}'`);
        const rest = slots.length - shown.length;
        context.report({
          span: anchor?.span ?? document.source.span(0, 0),
          message: `${what} ${slots.length} of its ${required} required ${kind}: ${shown.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}${guess}`,
          data: { ...(container ? { container: container.text } : {}), sections: slots.map((slot) => slot.spec.title) },
          hint: `Add, in this order${container ? ` under '${container.text}'` : ''}: ${slots.map((slot) => `'${headingMarkdown(slot)}'`).join(', ')}.`,
        });
        continue;
      }
      if (finding.kind !== 'missing' || hiddenByUnclosedFence(document, finding.slot)) continue;
      const { slot, after, before, container } = finding;
      const anchor = after ?? before ?? container ?? document.titles[0] ?? null;
      const where = placement(after, before, container);
      const span = anchor?.span ?? document.source.span(0, 0);
      const what = slot.regex ? `a section matching '${slot.spec.title}'` : `'${headingMarkdown(slot)}'`;
      context.report({
        span,
        message: `Missing required section '${slot.spec.title}' (level ${slot.spec.level}), expected ${where}`,
        data: { section: slot.spec.title },
        hint: after
          ? `Add ${what} after the '${after.text}' section (line ${after.span.start.line}).`
          : before
            ? `Add ${what} before '${before.text}' (line ${before.span.start.line}).`
            : `Add ${what} ${where}.`,
        fix: missingSectionFix(document, slot, after, before, container),
      });
    }
  },
});
