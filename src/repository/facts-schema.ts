import { z } from 'zod';
import type { SpecFacts } from './facts.js';

const point = z.object({ line: z.number().int(), column: z.number().int(), offset: z.number().int() });
const span = z.object({ start: point, end: point });
const factSpan = z.object({ line: z.number().int(), column: z.number().int(), endLine: z.number().int(), endColumn: z.number().int() });
const factValue = z.object({ value: z.string(), at: factSpan, section: z.string() });

/** SpecFacts as the cache stores them: checked when read back, never trusted. */
export const specFactsSchema: z.ZodType<SpecFacts> = z.object({
  idField: z.string().nullable(),
  id: factValue.nullable(),
  title: z.string().nullable(),
  status: factValue.nullable(),
  created: z.string().nullable(),
  updated: z.string().nullable(),
  references: z.array(
    factValue.extend({ field: z.string(), relation: z.enum(['supersedes', 'superseded-by', 'refers']), target: z.string().nullable() }),
  ),
  hasField: z.object({ supersedes: z.string().nullable(), supersededBy: z.string().nullable() }),
  supersededStatus: z.string().nullable(),
  rules: z.record(z.string(), z.enum(['off', 'warning', 'error'])),
  suppressions: z.array(
    z.object({ kind: z.enum(['disable', 'enable', 'disable-next-line', 'disable-file']), rules: z.array(z.string()), span, ruleSpans: z.array(span) }),
  ),
});
