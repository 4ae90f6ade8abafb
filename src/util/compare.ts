/**
 * Strings in code-unit order: the same on every machine, whatever its locale, and without loading
 * ICU's collation data as localeCompare and Intl.Collator do. For ids, keys and paths whose order only
 * has to be stable.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
