import { z } from 'zod';

/** A diagnostic as the JSON report and the cache store it. */
export const diagnosticSchema = z.object({
  ruleId: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  endLine: z.number().int().positive(),
  endColumn: z.number().int().positive(),
  hint: z.string().optional(),
  fix: z.object({ range: z.tuple([z.number().int(), z.number().int()]), text: z.string() }).optional(),
  anchor: z.object({ section: z.string(), text: z.string() }).optional(),
  fatal: z.literal(true).optional(),
});

/** The JSON report (`--format json`, version 1), as read back by `speclint merge-reports`. */
export const jsonReportSchema = z.object({
  version: z.literal(1),
  files: z.array(z.object({ path: z.string(), template: z.string().nullable(), diagnostics: z.array(diagnosticSchema) })),
});
