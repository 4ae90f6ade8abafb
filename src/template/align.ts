import type { Section, SpecDocument } from '../document/index.js';
import { headingParts, headingSimilarity } from '../util/text.js';
import { boldLeads } from '../document/bold-leads.js';
import { holdsTableOfContents, isTableOfContentsKey } from '../document/toc.js';
import { type NameSignature, containsPhrase, joinedTopics, nameSignature, namesSection, ownPhrases, sameName, sameSectionName, synonymPhrases } from './section-names.js';
import type { SectionSpec, Template } from './schema.js';
import { documentTitle } from './title.js';
import { weakMemo } from '../util/memo.js';
import { subsectionsNotDue } from './unfilled.js';

/** A template section in pre-order, with the indexes the alignment needs. */
export interface Slot {
  spec: SectionSpec;
  index: number;
  /** Index of the parent slot, or -1 for a top-level section. */
  parent: number;
  /** 1 for a top-level section, 2 for its subsections, … */
  depth: number;
  /** One past the index of the last slot in this slot's subtree. */
  end: number;
  regex: RegExp | null;
  /** A pattern slot's sectionMatches answers, by section (the alignment asks for the same pairs many times over). */
  matches?: Map<Section, boolean>;
  /** The name signature of a slot's key, once looked up. */
  name?: NameSignature;
}

/** A section found away from its place, with the template slot it stands for. */
export interface Move {
  slot: Slot;
  section: Section;
}

export type StructureFinding =
  | { kind: 'missing'; slot: Slot; container: Section | null; after: Section | null; before: Section | null }
  /** Most of one parent's required sections missing (an older revision of the template): one finding. */
  | { kind: 'missing-many'; parent: Slot | null; container: Section | null; slots: Slot[]; required: number }
  /**
   * Sections that belong in one gap between sections in their place, in template order: moving
   * them there, in this order, restores the template's order whatever the other findings.
   * `section` is the first of them in the document, where the finding is reported.
   */
  | { kind: 'order'; moves: Move[]; section: Section; container: Section | null; after: Section | null; before: Section | null; misplaced: boolean }
  | { kind: 'level'; slot: Slot; section: Section }
  /**
   * Sections of one parent (or the top level) written at one wrong level, such as every section an
   * H1 or every question of a group an H4: one cause, one finding. The members, in document order,
   * include the spec's own sections beside them at that level: they are written one level off too.
   */
  | { kind: 'level-many'; container: Section | null; level: number; expected: number; members: Section[] }
  /** `reworded`: a question heading asked in other words (an older revision's wording), not misspelt. */
  | { kind: 'name'; slot: Slot; section: Section; reworded?: boolean }
  /** A heading read as the section under another common name for it ("Abstract" for Summary). */
  | { kind: 'synonym'; slot: Slot; section: Section; phrase: string }
  | { kind: 'duplicate'; slot: Slot; section: Section; other: Section }

export interface Alignment {
  slots: Slot[];
  /** Document sections taking part (all but the title). */
  sections: Section[];
  /** Sections found for each slot: in place, out of order or under a near-miss name. */
  sectionsOf: Map<Slot, Section[]>;
  slotOf: Map<Section, Slot>;
  findings: StructureFinding[];
}

export function flattenTemplate(template: Template): Slot[] {
  const slots: Slot[] = [];
  const visit = (spec: SectionSpec, parent: number): void => {
    const depth = parent < 0 ? 1 : (slots[parent]?.depth ?? 0) + 1;
    const slot: Slot = { spec, index: slots.length, parent, depth, end: 0, regex: spec.pattern ? new RegExp(spec.pattern, 'i') : null };
    slots.push(slot);
    for (const child of spec.children) visit(child, slot.index);
    slot.end = slots.length;
  };
  for (const spec of template.sections) visit(spec, -1);
  return slots;
}

function slotMatchesKey(slot: Slot, key: string): boolean {
  if (slot.regex) return slot.regex.test(key);
  return namesSection(slot.spec.key, key);
}

/** Whether a heading stands for a slot: its text, or its text without a trailing qualifier. */
export function sectionMatches(slot: Slot, section: Section): boolean {
  if (!slot.regex) {
    // The same test as slotMatchesKey's, on signatures computed once per key and section.
    const own = (slot.name ??= nameSignature(slot.spec.key));
    const names = sectionNames(section);
    return sameName(own, names.key) || (names.unqualified !== null && sameName(own, names.unqualified));
  }
  slot.matches ??= new Map();
  let matches = slot.matches.get(section);
  if (matches === undefined) {
    matches = slotMatchesKey(slot, section.key) || (section.unqualifiedKey !== null && slotMatchesKey(slot, section.unqualifiedKey));
    slot.matches.set(section, matches);
  }
  return matches;
}

function sectionNames(section: Section): { key: NameSignature; unqualified: NameSignature | null } {
  let names = NAMES_OF.get(section);
  if (!names) {
    names = { key: nameSignature(section.key), unqualified: section.unqualifiedKey === null ? null : nameSignature(section.unqualifiedKey) };
    NAMES_OF.set(section, names);
  }
  return names;
}
const NAMES_OF = new WeakMap<Section, { key: NameSignature; unqualified: NameSignature | null }>();

const EXACT = 100;
const SAME_LEVEL = 20;
const SAME_PARENT = 5;
const WILDCARD = 10;
/**
 * Matches count by depth, lexicographically: one top-level section in place outweighs any number
 * of subsections, so that the sections blamed for being out of order are the fewest moves at
 * each level (a moved section takes its subsections with it), never a section in its place.
 * Up to TIER / 1.25 matches per tier keep the order exact; the sums stay far below 2^53.
 */
const TIER = 4096;
const TIERS = 4;
const tierUnit = (depth: number): number => TIER ** (TIERS - Math.min(depth, TIERS));

const alignmentsOf = weakMemo((doc: SpecDocument) => weakMemo((template: Template) => alignOutline(doc, template)));

/**
 * The document's alignment with the template, made once: the rules and the HTML report's
 * completeness read the same one (an alignment is never changed once made).
 */
export function alignmentOf(doc: SpecDocument, template: Template): Alignment {
  return alignmentsOf(doc)(template);
}

/**
 * Aligns the document's headings with the template's sections in one pass: a weighted
 * longest-common-subsequence over both outlines in document order, where a repeatable slot may
 * match again once its subtree is done. What is left over becomes out-of-order, misnamed,
 * duplicate or missing sections, so that each root cause yields one finding.
 */
export function alignOutline(doc: SpecDocument, template: Template): Alignment {
  const slots = flattenTemplate(template);
  const titleSection = documentTitle(doc, template);
  const sections = withoutPerTopicCopies(
    doc.sections.filter((s) => s !== titleSection),
    slots,
  );
  const top = (section: Section | null): Section | null =>
    section === null || section.level === 0 || section === titleSection ? null : section;

  const parentCompatible = (slot: Slot, section: Section): boolean => {
    const parentSlot = slots[slot.parent];
    const parentSection = top(section.parent);
    if (!parentSlot || !parentSection) return !parentSlot && !parentSection;
    return sectionMatches(parentSlot, parentSection);
  };

  const depthOf = (section: Section): number => {
    let depth = 1;
    for (let p = top(section.parent); p; p = top(p.parent)) depth++;
    return depth;
  };

  // A generic section one level under an instance of a sibling generic section, as a group of
  // the template's siblings: options written under the key question they answer.
  const nestedUnderSibling = (slot: Slot, section: Section): boolean => {
    const parentSection = top(section.parent);
    if (!parentSection || section.level !== slot.spec.level + 1) return false;
    return slots.some((s) => s !== slot && s.regex && s.parent === slot.parent && s.spec.level === parentSection.level && sectionMatches(s, parentSection) && parentCompatible(s, parentSection));
  };

  const weight = (slot: Slot, section: Section): number => {
    if (slot.regex) {
      if (!slot.regex.test(section.key)) return 0;
      const inPlace = slot.spec.level === section.level && parentCompatible(slot, section);
      if (!inPlace && !nestedUnderSibling(slot, section)) return 0;
      return tierUnit(slot.depth) * WILDCARD;
    }
    if (!sectionMatches(slot, section)) return 0;
    const sameLevel = slot.spec.level === section.level;
    const sameParent = parentCompatible(slot, section);
    if (!sameParent && ownSectionSharingName(slots, sections, slot, section)) return 0;
    // A subsection of a repeated group (the Pros of an Option) belongs to an instance of the group:
    // under another heading ("Considered option: …") it is that heading's own.
    if (!sameParent && slots[slot.parent]?.spec.repeatable) return 0;
    // Only a heading at its level under its parent is in place at its depth; elsewhere it counts
    // at the deeper of its two depths, below a section that is in place there.
    const unit = tierUnit(sameLevel && sameParent ? slot.depth : Math.max(slot.depth, depthOf(section)));
    return unit * (EXACT + (sameLevel ? SAME_LEVEL : 0) + (sameParent ? SAME_PARENT : 0));
  };

  const m = slots.length;
  const n = sections.length;
  const width = n + 1;
  const score = new Float64Array((m + 1) * width).fill(-1);
  const previous = new Int32Array((m + 1) * width).fill(-1);
  const matchedSlot = new Int32Array((m + 1) * width).fill(-1);
  const repeatsEndingAt = new Map<number, Slot[]>();
  for (const slot of slots) {
    if (!slot.spec.repeatable) continue;
    const list = repeatsEndingAt.get(slot.end) ?? [];
    list.push(slot);
    repeatsEndingAt.set(slot.end, list);
  }
  const relax = (from: number, i: number, j: number, value: number, slot: number): void => {
    const to = i * width + j;
    if (value > (score[to] ?? -1)) {
      score[to] = value;
      previous[to] = from;
      matchedSlot[to] = slot;
    }
  };
  score[0] = 0;
  for (let j = 0; j <= n; j++) {
    for (let i = 0; i <= m; i++) {
      const state = i * width + j;
      const s = score[state] ?? -1;
      if (s < 0) continue;
      if (i < m) relax(state, i + 1, j, s, -1);
      const section = sections[j];
      if (!section) continue;
      relax(state, i, j + 1, s, -1);
      const slot = slots[i];
      if (slot) {
        const w = weight(slot, section);
        if (w > 0) relax(state, i + 1, j + 1, s + w, i);
      }
      for (const repeated of repeatsEndingAt.get(i) ?? []) {
        const w = weight(repeated, section);
        if (w > 0) relax(state, repeated.index + 1, j + 1, s + w, repeated.index);
      }
    }
  }

  const sectionsOf = new Map<Slot, Section[]>(slots.map((slot) => [slot, []]));
  const slotOf = new Map<Section, Slot>();
  const assign = (slot: Slot, section: Section): void => {
    sectionsOf.get(slot)?.push(section);
    slotOf.set(section, slot);
  };
  for (let state = m * width + n; state > 0; ) {
    const from = previous[state] ?? -1;
    const slotIndex = matchedSlot[state] ?? -1;
    const slot = slots[slotIndex];
    const section = sections[state % width - 1];
    if (slot && section) assign(slot, section);
    if (from < 0) break;
    state = from;
  }
  for (const list of sectionsOf.values()) list.sort((a, b) => a.start - b.start);

  return { slots, sections, sectionsOf, slotOf, findings: resolveLeftovers(slots, sections, sectionsOf, slotOf, assign) };
}

/**
 * The sections without the per-topic copies of a template section: a heading written at another
 * level than the template's under several parents ("### Motivation" under each of seven feature
 * sections) is each topic's own subsection, not the template's section misleveled. None of them
 * stands for the section, which is missing where the template puts it.
 */
function withoutPerTopicCopies(sections: Section[], slots: Slot[]): Section[] {
  const perTopic = new Set<Section>();
  for (const slot of slots) {
    if (slot.regex) continue;
    // A repeated group's subsections (each Option's Pros) are under several parents by design.
    if (slots[slot.parent]?.spec.repeatable) continue;
    const copies = sections.filter((s) => s.level !== slot.spec.level && sectionMatches(slot, s));
    for (const level of new Set(copies.map((s) => s.level))) {
      const atLevel = copies.filter((s) => s.level === level);
      if (new Set(atLevel.map((s) => s.parent)).size < 2) continue;
      // Not when the spec also has the section at the template's level: that one is the section.
      if (sections.some((s) => s.level === slot.spec.level && sectionMatches(slot, s))) continue;
      for (const copy of atLevel) perTopic.add(copy);
    }
  }
  return perTopic.size === 0 ? sections : sections.filter((s) => !perTopic.has(s));
}

/**
 * Whether a heading under another parent is the spec's own section that shares the name of a
 * template group ("### Dependencies" under Proposal, while the spec has the template's parent,
 * the PRR questionnaire, where the group belongs): it holds none of the group's subsections. With
 * the template's parent nowhere in the spec, the heading is the group moved (a Test Plan under
 * Proposal in a spec without Design Details).
 */
function ownSectionSharingName(slots: Slot[], sections: Section[], slot: Slot, section: Section): boolean {
  const parent = slots[slot.parent];
  if (!parent || parent.regex || !sections.some((s) => s !== section && !contains(s, section) && sectionMatches(parent, s))) return false;
  const children = slots.filter((s) => s.parent === slot.index && !s.regex);
  return children.length > 0 && !sections.some((s) => contains(section, s) && children.some((child) => sectionMatches(child, s)));
}

function contains(outer: Section, inner: Section): boolean {
  return inner.start >= outer.start && inner.start < outer.end && inner !== outer;
}

/** The instances of a slot's parent: the sections a slot's own sections must sit in. */
function containersOf(slot: Slot, slots: Slot[], sectionsOf: Map<Slot, Section[]>): (Section | null)[] {
  const parent = slots[slot.parent];
  return parent ? (sectionsOf.get(parent) ?? []) : [null];
}

/** Which container a section belongs to: the last container starting before it. */
function containerOf(section: Section, containers: (Section | null)[]): Section | null | undefined {
  let found: Section | null | undefined;
  for (const container of containers) {
    if (container === null || container.start <= section.start) found = container;
  }
  return found;
}

/** Fewer missing than this, or no more than half of a parent's required sections, are reported one by one. */
const MANY_MISSING = 3;

function resolveLeftovers(
  slots: Slot[],
  sections: Section[],
  sectionsOf: Map<Slot, Section[]>,
  slotOf: Map<Section, Slot>,
  assign: (slot: Slot, section: Section) => void,
): StructureFinding[] {
  const findings: StructureFinding[] = [];
  // Sections that stay where they are: the anchors of every "after"/"before".
  const inPlace = new Set(slotOf.keys());
  const unmatched = (): Section[] => sections.filter((s) => !slotOf.has(s));
  // Sections answered as a bold lead instead of a heading ("* **Question?**"), by slot and container.
  const answered = new Set<string>();
  const answerKey = (slot: Slot, container: Section | null): string => `${slot.index}:${container?.start ?? -1}`;
  const present = (slot: Slot, container: Section | null): boolean => {
    if (answered.has(answerKey(slot, container))) return true;
    const found = sectionsOf.get(slot) ?? [];
    const containers = containersOf(slot, slots, sectionsOf);
    if (container === null || containers.length === 1) return found.length > 0;
    return found.some((s) => containerOf(s, containers) === container);
  };

  preferEarlierCopies(slots, sections, sectionsOf, slotOf, inPlace);

  // Right text, wrong level: decided once the missing sections are known (see the end).
  const levelCandidates = [...slotOf].filter(([section, slot]) => section.level !== slot.spec.level && !slot.regex);

  const neighbours = (slot: Slot, container: Section | null): { after: Section | null; before: Section | null } => {
    const siblings = slots.filter((s) => s.parent === slot.parent);
    const position = siblings.indexOf(slot);
    const placed = (s: Slot): Section | undefined =>
      (sectionsOf.get(s) ?? []).filter((x) => inPlace.has(x) && (container === null || contains(container, x))).at(-1);
    let after: Section | null = null;
    for (let k = position - 1; k >= 0 && !after; k--) after = placed(siblings[k] as Slot) ?? null;
    let before: Section | null = null;
    for (let k = position + 1; k < siblings.length && !before; k++) before = placed(siblings[k] as Slot) ?? null;
    return { after, before };
  };

  // A moved section takes its matching subsections with it, without further findings.
  const adoptSubtree = (slot: Slot, section: Section): void => {
    for (const child of slots.slice(slot.index + 1, slot.end).filter((s) => s.parent === slot.index)) {
      for (const candidate of unmatched()) {
        if (contains(section, candidate) && sectionMatches(child, candidate) && candidate.level === child.spec.level) {
          assign(child, candidate);
          adoptSubtree(child, candidate);
          if (!child.spec.repeatable) break;
        }
      }
    }
  };

  // Present but elsewhere: out of order, or under another parent. Moves into one gap between
  // sections in place are one finding, listed in template order.
  const gaps = new Map<string, Extract<StructureFinding, { kind: 'order' }>>();
  const ids = new Map<Section | null, number>([[null, -1]]);
  const idOf = (section: Section | null): number => ids.get(section) ?? (section as Section).start;
  for (const slot of slots) {
    if (slot.regex) continue;
    for (const container of containersOf(slot, slots, sectionsOf)) {
      if (present(slot, container)) continue;
      const candidates = unmatched().filter((s) => sectionMatches(slot, s));
      const section = candidates.find((s) => container === null || contains(container, s)) ?? candidates[0];
      if (!section) continue;
      const actualParent = section.parent && section.parent.level > 0 ? section.parent : null;
      const misplaced = container !== null ? !contains(container, section) : actualParent !== null && actualParent.level > 1;
      // An optional section the template has under another parent is, where it stands, an extra
      // section of its own parent, not a misplaced one of the template's.
      if (misplaced && !slot.spec.required) continue;
      // A subsection of a repeated group outside every instance is another heading's own (see weight).
      if (misplaced && slots[slot.parent]?.spec.repeatable) continue;
      if (misplaced && ownSectionSharingName(slots, sections, slot, section)) continue;
      const { after, before } = neighbours(slot, container);
      assign(slot, section);
      adoptSubtree(slot, section);
      const gap = `${idOf(container)}:${after ? `a${idOf(after)}` : before ? `b${idOf(before)}` : 'end'}:${misplaced}`;
      const group = gaps.get(gap);
      if (group) {
        group.moves.push({ slot, section });
        if (section.start < group.section.start) group.section = section;
      } else {
        const finding = { kind: 'order' as const, moves: [{ slot, section }], section, container, after, before, misplaced };
        gaps.set(gap, finding);
        findings.push(finding);
      }
      if (section.level !== slot.spec.level && !misplaced) findings.push({ kind: 'level', slot, section });
    }
  }

  // The same non-repeatable section twice under one parent.
  for (const slot of slots) {
    if (slot.spec.repeatable) continue;
    for (const kept of sectionsOf.get(slot) ?? []) {
      for (const extra of unmatched()) {
        if (sectionMatches(slot, extra) && extra.parent === kept.parent) {
          slotOf.set(extra, slot);
          findings.push({ kind: 'duplicate', slot, section: extra, other: kept });
        }
      }
    }
  }

  // A joined heading ("Rationale and alternatives") written as one or more of its parts, in its
  // place: the parts are the section, a reviewer accepts them.
  const notAnotherSlot = (candidate: Section): boolean => !slots.some((s) => sectionMatches(s, candidate));
  const partsOf = (candidate: Section): string[] => headingParts(candidate.unqualifiedKey ?? candidate.key);
  const topLevel = (candidate: Section): boolean => !sections.some((s) => contains(s, candidate));
  for (const slot of slots) {
    if (slot.regex) continue;
    const slotParts = new Set(headingParts(slot.spec.key));
    if (slotParts.size < 2) continue;
    const isPart = (candidate: Section): boolean =>
      candidate.level === slot.spec.level && !slotOf.has(candidate) && notAnotherSlot(candidate) && partsOf(candidate).every((p) => slotParts.has(p));
    for (const container of containersOf(slot, slots, sectionsOf)) {
      if (present(slot, container)) continue;
      const { after, before } = neighbours(slot, container);
      const lower = after?.start ?? container?.start ?? -1;
      const upper = before?.start ?? container?.end ?? Number.POSITIVE_INFINITY;
      const first = sections.find(
        (s) => s.start > lower && s.start < upper && (container ? contains(container, s) : topLevel(s)) && isPart(s),
      );
      if (!first) continue;
      const covered = new Set(partsOf(first));
      assign(slot, first);
      adoptSubtree(slot, first);
      inPlace.add(first);
      // The next heading, a sibling right after this part, naming other parts: the rest of the section.
      for (let last = first; ; ) {
        const next = sections.find((s) => s.start >= last.end);
        if (!next || next.start >= upper || next.parent !== first.parent || !isPart(next) || partsOf(next).some((p) => covered.has(p))) break;
        for (const p of partsOf(next)) covered.add(p);
        assign(slot, next);
        adoptSubtree(slot, next);
        inPlace.add(next);
        last = next;
      }
    }
  }

  findings.push(...matchVariantHeadings(slots, sections, sectionsOf, slotOf, assign, inPlace, present, neighbours, adoptSubtree));

  // A heading that nearly matches a section that is not there.
  // (One of the section's own parts there, "### Alternatives" for 'Rationale and Alternatives', stays a near miss.)
  const underAnotherSlot = (candidate: Section, slot: Slot): boolean => {
    const parentSlot = candidate.parent ? slotOf.get(candidate.parent) : undefined;
    if (parentSlot === undefined || parentSlot.index === slot.parent) return false;
    const slotParts = new Set(headingParts(slot.spec.key));
    return !partsOf(candidate).every((part) => slotParts.has(part));
  };
  const nearMisses: Section[] = [];
  // Questions are matched anywhere in their group, so such a near miss may itself be out of order.
  const looseNearMisses = new Set<Section>();
  for (const slot of slots) {
    if (slot.regex) continue;
    for (const container of containersOf(slot, slots, sectionsOf)) {
      if (present(slot, container)) continue;
      const { after, before } = neighbours(slot, container);
      // A question is one of its group's questions wherever it stands in the group: revisions of a
      // questionnaire reword and reorder them.
      const question = isQuestion(slot.spec.title) && container !== null;
      const lower = question ? container.start : (after?.start ?? container?.start ?? -1);
      const upper = question ? container.end : (before?.start ?? container?.end ?? Number.POSITIVE_INFINITY);
      const threshold = slot.spec.required ? NEAR_MISS_SIMILARITY : 0.85;
      let best: Section | undefined;
      let bestScore = threshold;
      for (const candidate of unmatched()) {
        if (candidate.start <= lower || candidate.start >= upper) continue;
        if (Math.abs(candidate.level - slot.spec.level) > 1) continue;
        if (slots.some((s) => sectionMatches(s, candidate) && !s.regex)) continue;
        // A subsection of another template section, at another level, is that section's own
        // ("### Implementation Details/Design" under Proposal), not this one misspelt.
        if (candidate.level !== slot.spec.level && underAnotherSlot(candidate, slot)) continue;
        const similarity = headingSimilarity(candidate.unqualifiedKey ?? candidate.key, slot.spec.key);
        if (similarity >= bestScore) {
          best = candidate;
          bestScore = similarity;
        }
      }
      if (best) {
        assign(slot, best);
        nearMisses.push(best);
        if (question) looseNearMisses.add(best);
        adoptSubtree(slot, best);
        findings.push({ kind: 'name', slot, section: best, reworded: question && isQuestion(best.text) });
      }
    }
  }

  // A near miss stands where its section belongs: it places the sections missing around it.
  for (const section of nearMisses) inPlace.add(section);

  // Sections found in place since the order findings were made (parts of a joined heading,
  // variants, near misses) bound their gaps too: a hint must name the nearest section in place,
  // or following it would leave the section out of order.
  for (const finding of findings) {
    if (finding.kind !== 'order' || finding.misplaced) continue;
    const first = finding.moves[0];
    const last = finding.moves.at(-1);
    if (!first || !last) continue;
    const { after } = neighbours(first.slot, finding.container);
    const { before } = neighbours(last.slot, finding.container);
    if (after && !looseNearMisses.has(after)) finding.after = after;
    if (before && !looseNearMisses.has(before)) finding.before = before;
  }

  for (const { slot, container } of answeredAsBoldLeads(slots, sections, sectionsOf, present, neighbours)) answered.add(answerKey(slot, container));

  // Required and nowhere: reported once per missing section, where it belongs; a parent that
  // lacks most of its required sections gets one finding for all of them.
  const missingBy = new Map<string, { parent: Slot | null; container: Section | null; slots: Slot[] }>();
  for (const slot of slots) {
    if (!slot.spec.required) continue;
    for (const container of containersOf(slot, slots, sectionsOf)) {
      if (present(slot, container)) continue;
      const parentSlot = slots[slot.parent];
      if (container && parentSlot && subsectionsNotDue(parentSlot.spec, container)) continue;
      const key = `${slot.parent}:${idOf(container)}`;
      const group = missingBy.get(key) ?? { parent: slots[slot.parent] ?? null, container, slots: [] };
      group.slots.push(slot);
      missingBy.set(key, group);
    }
  }
  for (const { parent, container, slots: missing } of missingBy.values()) {
    const required = slots.filter((s) => s.parent === (parent?.index ?? -1) && s.spec.required).length;
    if (missing.length >= MANY_MISSING && missing.length * 2 > required) {
      findings.push({ kind: 'missing-many', parent, container, slots: missing, required });
      continue;
    }
    for (const slot of missing) findings.push({ kind: 'missing', slot, container, ...neighbours(slot, container) });
  }
  const levels: StructureFinding[] = levelCandidates
    .filter(([section, slot]) => section.level !== expectedLevel(slots, sectionsOf, slotOf, slot, section))
    .map(([section, slot]) => ({ kind: 'level', slot, section }));
  return groupLevelFindings([...levels, ...findings], sections, slotOf);
}

/** From this many sections of one parent at the same wrong level, they are one finding. */
const MANY_AT_ONE_LEVEL = 3;

function groupLevelFindings(findings: StructureFinding[], sections: Section[], slotOf: Map<Section, Slot>): StructureFinding[] {
  // The title (not among the aligned sections) is no parent: its sections are the top level.
  const taking = new Set(sections);
  const parentOf = (section: Section): Section | null => (section.parent && taking.has(section.parent) ? section.parent : null);
  const groups = new Map<string, Extract<StructureFinding, { kind: 'level' }>[]>();
  for (const finding of findings) {
    if (finding.kind !== 'level') continue;
    const key = `${parentOf(finding.section)?.start ?? -1}:${finding.section.level}:${finding.slot.spec.level}`;
    const group = groups.get(key) ?? [];
    group.push(finding);
    groups.set(key, group);
  }
  const grouped = new Map<StructureFinding, StructureFinding | null>();
  for (const group of groups.values()) {
    if (group.length < MANY_AT_ONE_LEVEL) continue;
    const [first] = group;
    if (!first) continue;
    const container = parentOf(first.section);
    const level = first.section.level;
    const beside = sections.filter((s) => s.level === level && parentOf(s) === container);
    // Siblings at that level that are in place there: the spec does not write this parent's sections one level off.
    if (beside.some((s) => slotOf.get(s)?.spec.level === level)) continue;
    // The spec's own sections beside them move along only where the parent is the template's (or the top level).
    const own = container === null || slotOf.has(container) ? beside.filter((s) => !slotOf.has(s)) : [];
    const members = [...group.map((finding) => finding.section), ...own].sort((a, b) => a.start - b.start);
    const many: StructureFinding = { kind: 'level-many', container, level, expected: first.slot.spec.level, members };
    group.forEach((finding, i) => grouped.set(finding, i === 0 ? many : null));
  }
  const result: StructureFinding[] = [];
  for (const finding of findings) {
    const replacement = grouped.get(finding);
    if (replacement === undefined) result.push(finding);
    else if (replacement !== null) result.push(replacement);
  }
  return result;
}

/**
 * The level a section's heading should have where it stands. A parent at another level than the
 * template's (itself reported, or a generic section nested one level deeper) carries its
 * subsections along: they are expected at the same distance below it. A section standing in the
 * place of its required parent that is missing (Graduation Criteria at H2 when the spec has no
 * Design Details) is explained by that missing parent, reported once.
 */
function expectedLevel(slots: Slot[], sectionsOf: Map<Slot, Section[]>, slotOf: Map<Section, Slot>, slot: Slot, section: Section): number {
  const parentSlot = slots[slot.parent];
  if (!parentSlot) return slot.spec.level;
  const parentSection = section.parent;
  if (parentSection && slotOf.get(parentSection) === parentSlot) return slot.spec.level + parentSection.level - parentSlot.spec.level;
  const reportedWhenMissing = parentSlot.spec.required && !parentSlot.regex && containersOf(parentSlot, slots, sectionsOf).length > 0;
  const parentMissing = reportedWhenMissing && (sectionsOf.get(parentSlot) ?? []).length === 0;
  if (parentMissing && section.level === parentSlot.spec.level) return section.level;
  return slot.spec.level;
}

/**
 * When a section is there twice, the copy in place is the first one that could be: a later copy
 * the longest-common-subsequence happened to pick is swapped for an earlier copy under the same
 * parent with no section in place between them, so that the later copy is the duplicate.
 */
function preferEarlierCopies(slots: Slot[], sections: Section[], sectionsOf: Map<Slot, Section[]>, slotOf: Map<Section, Slot>, inPlace: Set<Section>): void {
  for (const slot of slots) {
    if (slot.spec.repeatable || slot.regex) continue;
    const list = sectionsOf.get(slot) ?? [];
    const [kept] = list;
    if (list.length !== 1 || !kept) continue;
    const earlier = sections.find((s) => s.start < kept.start && !slotOf.has(s) && s.parent === kept.parent && sectionMatches(slot, s));
    if (!earlier) continue;
    // Not when a section in place stands between them, nor when the later copy holds sections in place.
    const between = sections.some((s) => inPlace.has(s) && s.start > earlier.start && s.start < kept.end && !contains(earlier, s) && s !== kept);
    if (between) continue;
    list[0] = earlier;
    slotOf.delete(kept);
    slotOf.set(earlier, slot);
    inPlace.delete(kept);
    inPlace.add(earlier);
  }
}

type Neighbours = (slot: Slot, container: Section | null) => { after: Section | null; before: Section | null };

/**
 * Headings that name a missing template section among other words, or under another common name:
 * "Alternatives Considered" and "Compatibility and impact" are the Alternatives and Compatibility
 * sections; "Drawbacks, Alternatives and Unknowns" is each section it names; "Abstract" is the
 * Summary. A heading that contains the section's own name (or one topic of a joined name) as a
 * whole phrase is that section, silently, as a trailing qualifier is; a heading that only says a
 * synonym is accepted with a warning to rename it. Either must be at the section's level under
 * its parent, and not be the exact heading of another template section. A synonym must stand
 * where the section belongs (between its neighbours in place); a heading with the section's own
 * name elsewhere under its parent is the section out of order. A heading taken for one section
 * also stands for the other sections it names, wherever it is: its place was judged once.
 */
function matchVariantHeadings(
  slots: Slot[],
  sections: Section[],
  sectionsOf: Map<Slot, Section[]>,
  slotOf: Map<Section, Slot>,
  assign: (slot: Slot, section: Section) => void,
  inPlace: Set<Section>,
  present: (slot: Slot, container: Section | null) => boolean,
  neighbours: Neighbours,
  adoptSubtree: (slot: Slot, section: Section) => void,
): StructureFinding[] {
  const findings: StructureFinding[] = [];
  const taken = new Set<Section>();
  const exactlyAnother = (slot: Slot, candidate: Section): boolean => slots.some((s) => s !== slot && !s.regex && sectionMatches(s, candidate));
  // "Detail Design" is a misspelt 'Detailed design', not the synonym 'design' of Proposal: a near miss of another section wins.
  const nearlyAnother = (slot: Slot, candidate: Section): boolean =>
    slots.some((s) => s !== slot && !s.regex && headingSimilarity(candidate.unqualifiedKey ?? candidate.key, s.spec.key) >= NEAR_MISS_SIMILARITY);
  const topLevel = (candidate: Section): boolean => !sections.some((s) => contains(s, candidate));
  const says = (candidate: Section, phrases: string[]): string | undefined => {
    const key = candidate.unqualifiedKey ?? candidate.key;
    return phrases.find((phrase) => containsPhrase(key, phrase));
  };
  // A heading joining several topics, one of them this section: "Drawbacks, Alternatives and Unknowns".
  const combinedNaming = (candidate: Section, phrases: string[]): boolean => {
    const parts = joinedTopics(candidate.unqualifiedKey ?? candidate.key);
    return parts.length > 1 && parts.some((part) => phrases.some((phrase) => sameSectionName(part, phrase)));
  };
  // A required section's heading elsewhere under its parent, at its level, taken by no section:
  // one that says the section's own name ("Go 1 backwards compatibility" after Implementation) or
  // is, as a whole, another name for it ("Discussion" before Proposal): the section out of order.
  const elsewhereGaps = new Map<string, Extract<StructureFinding, { kind: 'order' }>>();
  // Not for a joined name: one of its parts away from its place is not the whole section.
  const elsewhereNaming = (slot: Slot, candidate: Section): string | undefined => {
    if (joinedTopics(slot.spec.key).length > 0) return undefined;
    const own = says(candidate, [slot.spec.key]);
    if (own !== undefined) return own;
    const names = [candidate.key, candidate.unqualifiedKey, ...joinedTopics(candidate.unqualifiedKey ?? candidate.key)];
    return synonymPhrases(slot.spec.key).find((phrase) => names.some((name) => name !== null && sameSectionName(name, phrase)));
  };
  // Headings in place first, so that a heading elsewhere is not taken for a section that has one in place.
  // Last, the other sections a heading taken out of place names.
  for (const pass of ['own', 'synonym', 'own elsewhere', 'variant elsewhere', 'rest of combined'] as const) {
    for (const slot of slots) {
      if (slot.regex) continue;
      if (pass === 'variant elsewhere') {
        if (slot.spec.required) findings.push(...takeVariantElsewhere(slot));
        continue;
      }
      const phrases =
        pass === 'synonym'
          ? synonymPhrases(slot.spec.key)
          : pass === 'rest of combined'
            ? [...ownPhrases(slot.spec.key), ...synonymPhrases(slot.spec.key)]
            : ownPhrases(slot.spec.key);
      if (phrases.length === 0) continue;
      for (const container of containersOf(slot, slots, sectionsOf)) {
        if (present(slot, container)) continue;
        const { after, before } = neighbours(slot, container);
        // The last subsection of the section before where this one belongs, one level too deep
        // ("### Future work" ending Proposal, for '## Future Milestones'): in its place, at the wrong level.
        const endsPrevious = (s: Section): boolean =>
          after !== null && s.parent === after && s.level === slot.spec.level + 1 && !sections.some((x) => x.start >= s.end && contains(after, x));
        // A spec that writes this section's siblings one level off (every section an H1) writes it there too.
        const siblingLevel = (after ?? before)?.level ?? slot.spec.level;
        const candidates = sections.filter(
          (s) =>
            (pass === 'synonym' ? s.level === slot.spec.level || s.level === siblingLevel || endsPrevious(s) : Math.abs(s.level - slot.spec.level) <= 1) &&
            (container ? contains(container, s) : topLevel(s) || endsPrevious(s)) &&
            (pass === 'rest of combined' ? taken.has(s) : !slotOf.has(s) || taken.has(s)) &&
            // Cheapest first: few headings say the phrases; the other two tests compare with every slot.
            says(s, phrases) !== undefined &&
            !exactlyAnother(slot, s) &&
            !(pass === 'synonym' && nearlyAnother(slot, s)),
        );
        if (candidates.length === 0) continue;
        const lower = after?.start ?? container?.start ?? -1;
        const upper = before?.start ?? container?.end ?? Number.POSITIVE_INFINITY;
        const inGap = (s: Section): boolean => s.start > lower && s.start < upper;
        // A combined heading already taken for another section; else one where this section belongs;
        // else one elsewhere under the parent that names it as one of its topics, out of order.
        const section =
          candidates.find((s) => taken.has(s)) ??
          (pass === 'own elsewhere'
            ? candidates.find((s) => s.level === slot.spec.level && combinedNaming(s, phrases))
            : (candidates.find((s) => inGap(s) && s.level === slot.spec.level) ?? candidates.find(inGap)));
        if (!section) continue;
        if (taken.has(section)) {
          sectionsOf.get(slot)?.push(section);
          sectionsOf.get(slot)?.sort((a, b) => a.start - b.start);
          continue;
        }
        taken.add(section);
        assign(slot, section);
        adoptSubtree(slot, section);
        if (inGap(section)) {
          inPlace.add(section);
          if (pass === 'synonym') findings.push({ kind: 'synonym', slot, section, phrase: says(section, phrases) ?? '' });
          if (section.level !== slot.spec.level) findings.push({ kind: 'level', slot, section });
        } else {
          findings.push({ kind: 'order', moves: [{ slot, section }], section, container, after, before, misplaced: false });
        }
      }
    }
  }
  return findings;

  // Sections taken elsewhere that belong in one gap are one move of a block, in template order.
  function takeVariantElsewhere(slot: Slot): StructureFinding[] {
    const found: StructureFinding[] = [];
    for (const container of containersOf(slot, slots, sectionsOf)) {
      if (present(slot, container)) continue;
      let section: Section | undefined;
      let phrase = '';
      for (const s of sections) {
        if (s.level !== slot.spec.level || !(container ? contains(container, s) : topLevel(s))) continue;
        if (slotOf.has(s)) continue;
        const naming = elsewhereNaming(slot, s);
        if (naming === undefined || exactlyAnother(slot, s) || nearlyAnother(slot, s)) continue;
        [section, phrase] = [s, naming];
        break;
      }
      if (!section) continue;
      taken.add(section);
      assign(slot, section);
      adoptSubtree(slot, section);
      if (!ownPhrases(slot.spec.key).includes(phrase)) found.push({ kind: 'synonym', slot, section, phrase });
      const { after, before } = neighbours(slot, container);
      const gap = `${container?.start ?? -1}:${after?.start ?? -1}:${before?.start ?? -1}`;
      const block = elsewhereGaps.get(gap);
      if (block) {
        block.moves.push({ slot, section });
        if (section.start < block.section.start) block.section = section;
        continue;
      }
      const finding = { kind: 'order' as const, moves: [{ slot, section }], section, container, after, before, misplaced: false };
      elsewhereGaps.set(gap, finding);
      found.push(finding);
    }
    return found;
  }
}

function isQuestion(heading: string): boolean {
  return heading.trim().endsWith('?');
}

/** How close a heading must be to a required section's name to be read as that section misspelt. */
const NEAR_MISS_SIMILARITY = 0.7;

/** How close a bold lead's wording must be to a template heading: an older revision's rewording, not another question. */
const BOLD_LEAD_SIMILARITY = 0.8;

/**
 * Required sections written as the bold lead of a paragraph or list item in their parent's own
 * text instead of as a heading, as older revisions of some templates ask their questions
 * ("* **How can an operator determine if the feature is in use?**"): the section is there. A
 * table of contents counts when its list of links is there without the heading. A
 * top-level section counts when the lead is in the preamble (before the first section) and no
 * earlier sibling stands in place, so it is where the section belongs.
 */
function answeredAsBoldLeads(
  slots: Slot[],
  sections: Section[],
  sectionsOf: Map<Slot, Section[]>,
  present: (slot: Slot, container: Section | null) => boolean,
  neighbours: Neighbours,
): { slot: Slot; container: Section | null }[] {
  const found: { slot: Slot; container: Section | null }[] = [];
  const used = new Set<string>();
  // Without a container, the preamble: what holds the first section (the title, and what holds it).
  const first = sections[0];
  const preamble = [first?.parent ?? null, first?.parent?.parent ?? null].filter((s): s is Section => s !== null);
  for (const slot of slots) {
    if (!slot.spec.required || slot.regex) continue;
    for (const container of containersOf(slot, slots, sectionsOf)) {
      if (present(slot, container)) continue;
      if (container === null && neighbours(slot, null).after !== null) continue;
      const owners = container ? [container] : preamble;
      for (const owner of owners) {
        if (isTableOfContentsKey(slot.spec.key) && holdsTableOfContents(owner.ownNodes)) {
          found.push({ slot, container });
          break;
        }
        let best: { key: string; score: number } | undefined;
        for (const lead of boldLeads(owner.ownNodes)) {
          const id = `${owner.start}:${lead.key}`;
          if (used.has(id)) continue;
          const score = slotMatchesKey(slot, lead.key) ? 1 : headingSimilarity(lead.key, slot.spec.key);
          if (score >= BOLD_LEAD_SIMILARITY && (!best || score > best.score)) best = { key: id, score };
        }
        if (best) {
          used.add(best.key);
          found.push({ slot, container });
          break;
        }
      }
    }
  }
  return found;
}
