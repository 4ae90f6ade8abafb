import type { SpecDocument } from '../document/index.js';
import type { Template } from './schema.js';
import { flattenTemplate } from './align.js';
import { documentTitle } from './title.js';

export interface TemplateScore {
  id: string;
  /** 0–1: how well the document's headings, metadata and title fit the template. */
  score: number;
}

export interface TemplateChoice {
  template: Template | null;
  reason: 'option' | 'front-matter' | 'override' | 'detected' | 'unknown';
  /** For reason 'override': the index of the config override that assigned the template. */
  overrideIndex?: number;
  /** Every candidate's score, best first (empty when the template was named). */
  scores: TemplateScore[];
  /** A front matter `template:` that names no known template. */
  unknownName?: string;
}

/** Below this score no template is assumed, and the file gets one `template-unknown` warning. */
export const DETECTION_THRESHOLD = 0.4;

const keysByTemplate = new WeakMap<Template, { top: Set<string>; all: Set<string> }>();

/** A template's fixed heading keys, top-level and all, computed once per template. */
function headingKeys(template: Template): { top: Set<string>; all: Set<string> } {
  let keys = keysByTemplate.get(template);
  if (!keys) {
    const slots = flattenTemplate(template).filter((slot) => !slot.regex);
    keys = { top: new Set(slots.filter((slot) => slot.parent < 0).map((slot) => slot.spec.key)), all: new Set(slots.map((slot) => slot.spec.key)) };
    keysByTemplate.set(template, keys);
  }
  return keys;
}

export function scoreTemplate(doc: SpecDocument, template: Template): number {
  const { top: templateKeys, all: allTemplateKeys } = headingKeys(template);
  // A spec's title is not one of its sections, whether or not the template has a title to match.
  const title = documentTitle(doc, template);
  const topSections = doc.sections.filter((s) => s !== title && (s.parent === null || s.parent.level === 0 || s.parent === title));
  const docKeys = new Set(doc.sections.map((s) => s.key));
  const found = [...templateKeys].filter((key) => docKeys.has(key)).length;
  const recall = templateKeys.size > 0 ? found / templateKeys.size : 0;
  const topKnown = topSections.filter((s) => allTemplateKeys.has(s.key)).length;
  const precision = topSections.length > 0 ? topKnown / topSections.length : 0;
  const f1 = recall + precision > 0 ? (2 * recall * precision) / (recall + precision) : 0;

  const titleFits = template.title && title ? (new RegExp(template.title.pattern, 'i').test(title.key) ? 1 : 0) : 0;
  const fields = template.metadata.fields;
  const present = fields.length > 0 ? fields.filter((field) => doc.metadata.get(field.normalizedKey) !== undefined).length / fields.length : 0;
  if (template.title) {
    if (fields.length === 0) return 0.8 * f1 + 0.2 * titleFits;
    return 0.65 * f1 + 0.2 * present + 0.15 * titleFits;
  }
  // A template with no title: the title neither counts for nor against a document.
  return fields.length === 0 ? f1 : (0.65 * f1 + 0.2 * present) / 0.85;
}

export function rankTemplates(doc: SpecDocument, templates: readonly Template[]): TemplateScore[] {
  return templates
    .map((template) => ({ id: template.id, score: Math.round(scoreTemplate(doc, template) * 1000) / 1000 }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

/** Detects the template a document follows; null when none scores above the threshold. */
export function detectTemplate(doc: SpecDocument, templates: readonly Template[]): TemplateChoice {
  const scores = rankTemplates(doc, templates);
  const best = scores[0];
  const template = best && best.score >= DETECTION_THRESHOLD ? templates.find((t) => t.id === best.id) ?? null : null;
  return { template, reason: template ? 'detected' : 'unknown', scores };
}
