import { lazySchema } from '../src/util/lazy-schema.js';
import type { Section } from '../src/document/index.js';
import { defineRule } from '../src/engine/rule.js';

const NUMBER = /^(\d+(?:\.\d+)*)\.?\s+\S/;

function numberOf(text: string): number[] | null {
  const m = NUMBER.exec(text);
  return m?.[1] ? m[1].split('.').map(Number) : null;
}

export const sectionNumbering = defineRule({
  meta: {
    id: 'section-numbering',
    description: 'Numbered sections (## 1. Overview, ### 1.1 Summary) skip, repeat, or do not match their parent.',
    severity: 'error',
    needsTemplate: false,
    data: lazySchema((z) => z.object({ section: z.string() })),
  },
  check(context) {
    const { document } = context;
    const title = document.titles.length === 1 ? document.titles[0] : undefined;
    const top = title ? title.children : document.root.children;
    // Only a spec that numbers its sections is held to numbering: two numbered top-level sections.
    if (top.filter((s) => numberOf(s.text)?.length === 1).length < 2) return;
    // A gap left by a section that section-required already reports missing is not reported again.
    const missing = new Set(
      context.template
        ? context
            .alignment()
            .findings.flatMap((f) => (f.kind === 'missing' ? [f.slot] : f.kind === 'missing-many' ? f.slots : []))
            .map((slot) => numberOf(slot.spec.title)?.join('.'))
            .filter((n): n is string => n !== undefined)
        : [],
    );
    const explained = (prefix: number[], from: number, to: number): boolean => {
      if (to <= from) return false;
      for (let n = from; n < to; n++) if (!missing.has([...prefix, n].join('.'))) return false;
      return true;
    };

    // Sections already checked as part of another sequence (the subsections of a misleveled heading that continue its numbering).
    const checked = new Set<Section>();
    const numberedUnder = (parent: number[]) => (s: Section): boolean => {
      const n = numberOf(s.text);
      return n !== null && n.length === parent.length + 1 && n.slice(0, -1).join('.') === parent.join('.');
    };
    const checkSiblings = (siblings: readonly Section[], prefix: number[]): void => {
      let previous = 0;
      const numbered = siblings.filter((s) => numberOf(s.text) !== null && !checked.has(s));
      for (const [k, section] of numbered.entries()) {
        const number = numberOf(section.text);
        if (number) {
          const expected = [...prefix, previous + 1];
          const written = number.join('.');
          const previousSibling = numbered[k - 1];
          // "### 6.9.1" right after "### 6.9": numbered as 6.9's subsection, written at 6.9's level.
          // One level mistake: reported once, and the numbers after it still count from 6.9.
          if (previousSibling && previous > 0 && numberedUnder([...prefix, previous])(section)) {
            const level = previousSibling.level + 1;
            context.report({
              span: section.span,
              message: `Section '${section.text}' is numbered as a subsection of ${[...prefix, previous].join('.')} but is a level-${section.level} heading like ${[...prefix, previous].join('.')}: expected level ${level}`,
              data: { section: section.text },
              hint: `Write the heading as '${'#'.repeat(level)} ${section.text}'.`,
            });
            const sequence = [section, ...section.children.filter(numberedUnder([...prefix, previous]))];
            for (const s of sequence) checked.add(s);
            checkSequence(sequence, [...prefix, previous]);
            continue;
          }
          if (number.length !== expected.length || number.slice(0, -1).join('.') !== prefix.join('.')) {
            context.report({
              span: section.span,
              message: `Section '${section.text}' is numbered ${written}, expected ${expected.join('.')}${prefix.length > 0 ? ` (it is under ${prefix.join('.')})` : ''}`,
              data: { section: section.text },
              hint: `Renumber it to ${expected.join('.')}.`,
            });
          } else if (number[number.length - 1] !== previous + 1 && !explained(prefix, previous + 1, number[number.length - 1] ?? 0)) {
            const last = number[number.length - 1] ?? 0;
            context.report({
              span: section.span,
              message: `Section '${section.text}' is numbered ${written}, expected ${expected.join('.')}${last <= previous ? ` (${prefix.length > 0 ? `${prefix.join('.')}.` : ''}${last} is used above)` : ' (numbers skip)'}`,
              data: { section: section.text },
              hint: `Renumber it to ${expected.join('.')} (and the sections after it).`,
            });
          }
          const last = number[number.length - 1] ?? previous;
          // One wrong number between right ones is one typo: the next section continues from the
          // expected number, not from the typo.
          const next = numbered[k + 1] ? numberOf((numbered[k + 1] as Section).text) : null;
          previous = last !== previous + 1 && next && next[next.length - 1] === previous + 2 ? previous + 1 : last;
          // Subsections follow the parent's written number, or the number it should have had:
          // "## 7. Testing" (should be 6) with "### 6.1" under it is one mistake, reported once.
          const firstChild = section.children.map((c) => numberOf(c.text)).find((n) => n !== null);
          const childPrefix = firstChild && firstChild.slice(0, -1).join('.') === expected.join('.') ? expected : number;
          checkSiblings(section.children, childPrefix);
        }
      }
    };
    /** Numbers of one sequence whose headings the outline does not nest as siblings; each one's subsections as usual. */
    const checkSequence = (sequence: readonly Section[], prefix: number[]): void => {
      let previous = 0;
      for (const section of sequence) {
        const last = numberOf(section.text)?.at(-1) ?? previous + 1;
        if (last !== previous + 1 && !explained(prefix, previous + 1, last)) {
          const expected = [...prefix, previous + 1].join('.');
          context.report({
            span: section.span,
            message: `Section '${section.text}' is numbered ${[...prefix, last].join('.')}, expected ${expected}${last <= previous ? ` (${prefix.join('.')}.${last} is used above)` : ' (numbers skip)'}`,
            data: { section: section.text },
            hint: `Renumber it to ${expected} (and the sections after it).`,
          });
        }
        previous = last;
        checkSiblings(section.children, [...prefix, last]);
      }
    };
    checkSiblings(top, []);
  },
});
