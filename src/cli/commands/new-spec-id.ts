import { nameOf } from '../../../rules/id-filename.js';
import { escapeRegex } from '../../util/text.js';

/** X, N, # and 0 runs stand for the digits of an id in placeholders ("TS-XXXX", "ADR-NNNN", "RFC-0000"). */
const ID_DIGITS = /[X#N0]{2,}|[X#N]+/;

/**
 * The spec's id from the file it is written to, when the template's id value is a placeholder of the form
 * <prefix><digits placeholder>: `ts-0042-login.md` with `TS-XXXX` gives `TS-0042` (the template's case
 * for the prefix, the file's digits). Undefined when the name does not start with the prefix and digits.
 */
export function idFromFileName(path: string, placeholder: string): string | undefined {
  const m = ID_DIGITS.exec(placeholder);
  if (!m) return undefined;
  const prefix = placeholder.slice(0, m.index);
  const suffix = placeholder.slice(m.index + m[0].length);
  // Only a placeholder that is all prefix and digits: "TS-XXXX", not "Your id here".
  if (!/^[A-Za-z]*[-_ ]?$/.test(prefix) || suffix !== '') return undefined;
  const found = new RegExp(`^${escapeRegex(prefix)}(\\d+)(?=$|[-_. ])`, 'i').exec(nameOf(path));
  return found?.[1] ? `${prefix}${found[1]}` : undefined;
}
