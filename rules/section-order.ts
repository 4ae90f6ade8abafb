import { lazySchema } from '../src/util/lazy-schema.js';
import { defineRule } from '../src/engine/rule.js';
import { placement } from '../src/template/describe.js';
import { listWords } from '../src/util/text.js';

export const sectionOrder = defineRule({
  meta: {
    id: 'section-order',
    description: 'A section is present but not where the template puts it.',
    severity: 'error',
    needsTemplate: true,
    data: lazySchema((z) => z.object({ sections: z.array(z.string()) })),
  },
  check(context) {
    for (const finding of context.alignment().findings) {
      if (finding.kind !== 'order') continue;
      const { section, moves, after, before, container, misplaced } = finding;
      const names = listWords(moves.map((move) => `'${move.section.text}'`));
      const several = moves.length > 1;
      const subject = several ? `Sections ${names} are` : `Section ${names} is`;
      // A section already after its 'after' anchor is misplaced relative to its 'before' anchor: name that one.
      const where = !misplaced && after && before && section.start > after.start ? placement(null, before, container) : placement(after, before, container);
      const within = after || before ? `, ${placement(after, before, null)}` : '';
      const message = misplaced
        ? `${subject} misplaced, expected ${container ? `under '${container.text}'` : 'at the top level'}${within}`
        : `${subject} out of order, expected ${where}`;
      const destination = misplaced && container ? `into '${container.text}'${within}` : where;
      context.report({
        span: section.span,
        message,
        data: { sections: moves.map((move) => move.section.text) },
        hint: several
          ? `Move ${names} (with their subsections), in this order, ${destination}.`
          : `Move ${names} (with its subsections) ${destination}.`,
      });
    }
  },
});
