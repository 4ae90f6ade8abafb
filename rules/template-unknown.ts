import { lazySchema } from '../src/util/lazy-schema.js';
import { defineRule } from '../src/engine/rule.js';
import { closest } from '../src/util/text.js';

export const templateUnknown = defineRule({
  meta: {
    id: 'template-unknown',
    description: 'No template fits the file well enough, so its structure is not checked.',
    severity: 'warning',
    needsTemplate: false,
    data: lazySchema((z) => z.union([z.object({ template: z.string() }), z.object({ closest: z.array(z.string()) })])),
  },
  check(context) {
    const { choice, document } = context;
    if (choice.reason !== 'unknown') return;
    const hint = "Pass --template <id|path>, or add 'template: <id>' to the file's front matter.";
    if (choice.unknownName !== undefined) {
      const entry = document.metadata.get('template');
      const suggestion = closest(choice.unknownName, choice.scores, (s) => s.id, 0.5)?.id;
      context.report({
        span: entry?.span ?? document.source.span(0, 0),
        message: `Front matter names unknown template '${choice.unknownName}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}; structure was not checked`,
        data: { template: choice.unknownName },
        hint: `Use one of ${choice.scores.map((s) => s.id).join(', ')}, or a path to a template file.`,
      });
      return;
    }
    const closestTwo = choice.scores
      .slice(0, 2)
      .map((s) => `'${s.id}' (${Math.round(s.score * 100)}% fit)`)
      .join(' and ');
    context.report({
      span: document.titles[0]?.span ?? document.source.span(0, 0),
      message: `No template fits this file well enough to check its structure; the closest are ${closestTwo}`,
      data: { closest: choice.scores.slice(0, 2).map((s) => s.id) },
      hint,
    });
  },
});
