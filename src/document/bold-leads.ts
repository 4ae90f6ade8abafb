import type { Paragraph, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { normalizeHeading } from '../util/text.js';

/** Bold text that opens a paragraph or list item, or a label line: a heading written as emphasis ("* **Question?**", "Pros:"). */
export interface BoldLead {
  text: string;
  /** Normalized like a heading key. */
  key: string;
}

/** A paragraph that is only a short label ending in a colon ("Pros:"), the heading of the list after it. */
const LABEL_LINE = /^([^\n:]{1,40}):$/;

function leadOf(paragraph: Paragraph | undefined): BoldLead | null {
  const first = paragraph?.children[0];
  if (first?.type !== 'strong') {
    const label = paragraph ? LABEL_LINE.exec(toString(paragraph).trim())?.[1]?.trim() : undefined;
    return label ? { text: label, key: normalizeHeading(label) } : null;
  }
  const text = toString(first).replace(/\s*\n\s*/g, ' ').trim();
  return text.length > 0 ? { text, key: normalizeHeading(text) } : null;
}

/**
 * The bold leads of a section's own content: paragraphs that start with bold text, and items of
 * its lists that do. Older revisions of some templates (Kubernetes' PRR questionnaire) ask their
 * questions this way instead of as headings.
 */
export function boldLeads(nodes: readonly RootContent[]): readonly BoldLead[] {
  // The alignment asks for a section's leads once per required section missing from it.
  let leads = LEADS_OF.get(nodes);
  if (!leads) {
    leads = leadsOf(nodes);
    LEADS_OF.set(nodes, leads);
  }
  return leads;
}
const LEADS_OF = new WeakMap<readonly RootContent[], readonly BoldLead[]>();

function leadsOf(nodes: readonly RootContent[]): BoldLead[] {
  const leads: BoldLead[] = [];
  for (const node of nodes) {
    if (node.type === 'paragraph') {
      const lead = leadOf(node);
      if (lead) leads.push(lead);
    } else if (node.type === 'list') {
      for (const item of node.children) {
        const first = item.children[0];
        const lead = first?.type === 'paragraph' ? leadOf(first) : null;
        if (lead) leads.push(lead);
      }
    }
  }
  return leads;
}
