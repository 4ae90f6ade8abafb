import { diagnosticSchema } from '../core/types.js';
import { lazySchema } from '../util/lazy-schema.js';

export { diagnosticSchema };

/** The JSON report (`--format json`, version 1), as read back by `speclint merge-reports`. */
export const jsonReportSchema = lazySchema((z) => z.object({
  version: z.literal(1),
  files: z.array(z.object({ path: z.string(), template: z.string().nullable(), config: z.string().nullable().optional(), diagnostics: z.array(diagnosticSchema) })),
}));
