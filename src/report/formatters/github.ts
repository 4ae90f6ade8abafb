import { printable } from './escape.js';
import type { Formatter } from './types.js';

/** Escapes workflow command data: %, CR and LF, so spec text can never start a new command. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes workflow command properties: also ":" and ",", which separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow commands: annotations on the pull request's files. */
export const github: Formatter = (results) =>
  results
    .flatMap((result) =>
      result.diagnostics.map((d) => {
        const properties = [
          `file=${escapeProperty(printable(result.path))}`,
          `line=${d.line}`,
          `col=${d.column}`,
          `endLine=${d.endLine}`,
          `endColumn=${d.endColumn}`,
          `title=${escapeProperty(d.ruleId)}`,
        ].join(',');
        const message = d.hint ? `${d.message}\n${d.hint}` : d.message;
        // Escape sequences are escaped too: the log shows annotations' text, and ESC must not reach it raw.
        return `::${d.severity === 'error' ? 'error' : 'warning'} ${properties}::${printable(escapeData(message))}\n`;
      }),
    )
    .join('');
