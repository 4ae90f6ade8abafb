import type { Section, SpecDocument, SpecTable } from '../document/index.js';
import { normalizeHeading } from '../util/text.js';
import type { Alignment, Slot } from './align.js';
import type { TableSpec } from './schema.js';

export type TableFinding =
  | { kind: 'missing-table'; slot: Slot; section: Section; spec: TableSpec }
  | { kind: 'missing-columns'; slot: Slot; section: Section; spec: TableSpec; table: SpecTable; missing: string[] }
  | { kind: 'column-order'; slot: Slot; section: Section; spec: TableSpec; table: SpecTable };

function overlap(spec: TableSpec, table: SpecTable): number {
  const header = new Set(table.header.map((cell) => normalizeHeading(cell.text)));
  return spec.columns.filter((column) => header.has(normalizeHeading(column))).length;
}

/**
 * Checks the tables of every section the alignment found against the template's tables for that
 * section: each template table is paired with the document table sharing most columns.
 */
export function checkTables(doc: SpecDocument, alignment: Alignment): TableFinding[] {
  const findings: TableFinding[] = [];
  for (const slot of alignment.slots) {
    const specs = slot.spec.tables;
    if (specs.length === 0) continue;
    for (const section of alignment.sectionsOf.get(slot) ?? []) {
      const available = [...(doc.tablesBySection.get(section) ?? [])];
      for (const spec of specs) {
        let best: SpecTable | undefined;
        let bestOverlap = -1;
        for (const table of available) {
          const o = overlap(spec, table);
          if (o > bestOverlap) {
            best = table;
            bestOverlap = o;
          }
        }
        // An optional table is only checked when a table clearly meant as it is there.
        if (!best || (!spec.required && bestOverlap * 2 < spec.columns.length)) {
          if (spec.required) findings.push({ kind: 'missing-table', slot, section, spec });
          continue;
        }
        available.splice(available.indexOf(best), 1);
        const header = best.header.map((cell) => normalizeHeading(cell.text));
        const missing = spec.columns.filter((column) => !header.includes(normalizeHeading(column)));
        if (missing.length > 0) {
          findings.push({ kind: 'missing-columns', slot, section, spec, table: best, missing });
          continue;
        }
        const positions = spec.columns.map((column) => header.indexOf(normalizeHeading(column)));
        if (positions.some((p, k) => k > 0 && p < (positions[k - 1] ?? 0))) {
          findings.push({ kind: 'column-order', slot, section, spec, table: best });
        }
      }
    }
  }
  return findings;
}
