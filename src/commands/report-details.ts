import { buildDocument } from '../document/index.js';
import { fileLintOptions } from '../config/resolve.js';
import type { ResolvedConfig } from '../config/load.js';
import { completenessOf } from '../formatters/html/completeness.js';
import type { FileDetails } from '../formatters/types.js';
import { type Limits, isInputProblem, readSpecFile } from '../input.js';
import { chooseTemplate } from '../lint.js';
import type { Template } from '../template/schema.js';
import type { LintTarget, LintedFile } from './lint-run.js';

export interface ReportDetailsSettings {
  config: ResolvedConfig;
  template: Template | undefined;
  limits: Limits;
  cwd: string;
  /** The diagnostics are of fixed text the file does not hold (--fix-dry-run): its lines would not match. */
  sourceDiffers: boolean;
}

/**
 * What the HTML report needs beyond the diagnostics: each file's lines, status and completeness.
 * Only that format asks for it, so the other formats do not pay for reading and parsing files twice.
 */
export async function reportDetails(files: readonly LintedFile[], targets: readonly LintTarget[], settings: ReportDetailsSettings): Promise<Map<string, FileDetails>> {
  const textOf = new Map(targets.filter((t) => t.text !== undefined).map((t) => [t.displayPath, t.text as string]));
  const details = new Map<string, FileDetails>();
  for (const { result, absolutePath, facts } of files) {
    const status = facts.status?.value ?? null;
    let text = textOf.get(result.path);
    if (text === undefined) {
      const input = await readSpecFile(absolutePath, settings.limits).catch(() => null);
      text = input && !isInputProblem(input) ? input.text : undefined;
    }
    if (text === undefined) {
      details.set(result.path, { lines: null, status, completeness: null });
      continue;
    }
    const options = { ...fileLintOptions(settings.config, absolutePath, result.path, settings.cwd), ...(settings.template ? { template: settings.template } : {}) };
    const document = buildDocument(text, result.path);
    const { template } = chooseTemplate(document, options, settings.config.registry);
    details.set(result.path, {
      lines: settings.sourceDiffers ? null : Array.from({ length: document.source.lineCount }, (_, k) => document.source.line(k + 1)),
      status,
      completeness: template && template.id === result.template ? completenessOf(document, template, result.diagnostics) : null,
    });
  }
  return details;
}
