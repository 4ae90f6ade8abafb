import { type SpecDocument, buildDocument } from '../document/index.js';
import { bracketPlaceholders } from '../content/placeholders.js';
import { isInstruction, proseSentences, templateExampleItems } from '../content/sentences.js';

/** The text of a template that a finished spec no longer has: guidance, placeholders and example lines. */
export interface TemplateText {
  guidanceSentences: string[];
  placeholders: string[];
  exampleItems: string[];
}

function metadataLines(doc: SpecDocument): Set<number> {
  return new Set(doc.metadata.entries.map((entry) => entry.keySpan.start.line));
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/**
 * What a template asks authors to replace. `exampleText` is other wording of the same template that
 * specs copy (the seed a built-in template was written from): all of it is example text, so every
 * sentence of it counts, not only the instructions.
 */
export function templateText(doc: SpecDocument, exampleText?: string): TemplateText {
  const own = proseSentences(doc.tree).filter((s) => isInstruction(s.text));
  const extra = exampleText === undefined ? null : buildDocument(exampleText, 'example text');
  return {
    guidanceSentences: [...new Set([...own, ...(extra ? proseSentences(extra.tree) : [])].map((s) => s.normalized))],
    placeholders: unique([...bracketPlaceholders(doc), ...(extra ? bracketPlaceholders(extra) : [])]),
    exampleItems: unique([...templateExampleItems(doc.tree, doc.source.text, metadataLines(doc)), ...(extra ? templateExampleItems(extra.tree, extra.source.text, metadataLines(extra)) : [])]),
  };
}
