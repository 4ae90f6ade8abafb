import type { ListItem, Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { lifecycleReason } from '../src/content/lifecycle.js';
import { isPlaceholderValue } from '../src/content/placeholders.js';
import type { Section } from '../src/document/index.js';
import { lazySchema } from '../src/util/lazy-schema.js';
import { defineRule } from '../src/engine/rule.js';
import { normalizeHeading } from '../src/util/text.js';

const Options = lazySchema((z) => z
  .object({ sections: z.array(z.string().min(1)).default([]).describe('More sections whose checklists must be resolved') })
  .strict());

function openItems(nodes: readonly Nodes[]): ListItem[] {
  const found: ListItem[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === 'listItem' && node.checked === false) found.push(node);
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  for (const node of nodes) visit(node);
  return found;
}

function withSubsections(section: Section): Section[] {
  return [section, ...section.children.flatMap(withSubsections)];
}

export const checklistOpen = defineRule({
  meta: {
    id: 'checklist-open',
    description: 'Unticked "- [ ]" items in a section that must be resolved (Open Questions).',
    severity: 'warning',
    needsTemplate: true,
    data: lazySchema((z) => z.object({ section: z.string(), item: z.string() })),
    lifecycle: true,
    options: Options,
    defaults: { sections: [] },
  },
  check(context) {
    const { document } = context;
    const extra = new Set(context.options.sections.map(normalizeHeading));
    const reason = lifecycleReason(context.lifecycle, 'open item');
    const alignment = context.alignment();
    for (const slot of alignment.slots) {
      if (!slot.spec.mustResolve && !extra.has(slot.spec.key)) continue;
      for (const section of alignment.sectionsOf.get(slot) ?? []) {
        for (const part of withSubsections(section)) {
          for (const item of openItems(part.ownNodes)) {
            const text = toString(item.children[0] ?? item).trim();
            if (isPlaceholderValue(text)) continue; // an unfilled template item is a placeholder, not an open question
            const start = item.position?.start.offset ?? 0;
            const lineEnd = document.source.text.indexOf('\n', start);
            const end = lineEnd < 0 ? (item.position?.end.offset ?? start) : Math.min(lineEnd, item.position?.end.offset ?? lineEnd);
            context.report({
              span: document.source.span(start, end),
              message: `Open item in '${section.text}' is not resolved: '${text.length > 60 ? `${text.slice(0, 59)}…` : text}'${reason}`,
              data: { section: section.text, item: text },
              hint: 'Answer it and tick the box (- [x]), or move it out of the spec.',
            });
          }
        }
      }
    }
  },
});
