import type { Rule } from '../src/rule.js';

export const templateUnknown: Rule = {
  meta: {
    id: 'template-unknown',
    description: 'No template fits the file well enough, so its structure is not checked.',
    severity: 'warning',
    needsTemplate: false,
  },
  check(context) {
    const { choice, document } = context;
    if (choice.reason !== 'unknown') return;
    const closest = choice.scores
      .slice(0, 2)
      .map((s) => `'${s.id}' (${Math.round(s.score * 100)}%)`)
      .join(' and ');
    const span = document.titles[0]?.span ?? document.source.span(0, 0);
    const named = choice.unknownName ? `Front matter names template '${choice.unknownName}', which is not known; ` : '';
    context.report({
      span,
      message: `${named}No template fits this file well enough; the closest are ${closest}`,
      hint: "Pass --template <id|path>, or add 'template: <id>' to the file's front matter.",
    });
  },
};
