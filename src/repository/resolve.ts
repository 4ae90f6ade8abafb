import { dirname, resolve } from 'node:path';
import type { RepositoryContext, SpecInSet } from '../engine/rule.js';
import type { FactReference } from './facts.js';
import { looksLikePath } from '../util/path-syntax.js';
import { isExternal, normalizeId } from './references.js';

function safeDecode(text: string): string {
  try {
    return decodeURI(text);
  } catch {
    return text;
  }
}

/** "TS-0042" → "ts", "RFC 17" → "rfc", "20" → "": what an id is numbered in. */
export function seriesOf(id: string): string {
  return (/^[^0-9]*/.exec(id.trim())?.[0] ?? '').replace(/[^a-z]/gi, '').toLowerCase();
}

export type Resolution =
  | { kind: 'spec'; spec: SpecInSet }
  | { kind: 'file' }
  | { kind: 'external' }
  /** An id of a series no linted spec belongs to ("RFC-0017" among TS- specs): a document outside the set. */
  | { kind: 'outside' }
  | { kind: 'unresolved'; suggestion: string | undefined };

/** The numbers in an id, without leading zeros: "TS-0042" → "42". */
const digitsOf = (text: string): string => (text.match(/\d+/g) ?? []).map((d) => String(Number(d))).join('.');
const lettersOf = (text: string): string => text.replace(/[^a-z]/gi, '').toLowerCase();

/**
 * Finds what references name: a linted spec (by id or path), another file, or nothing. Each lookup
 * costs the same however many specs there are (ids are indexed by their number, file checks are
 * remembered): one spec with 60,000 broken references among 2,000 specs took 20 s when each
 * reference was compared with every id.
 */
export class SpecIndex {
  private readonly byId = new Map<string, SpecInSet[]>();
  private readonly byPath = new Map<string, SpecInSet>();
  /** Ids by their number ("42" for "TS-0042"), in the order of the specs. */
  private readonly byDigits = new Map<string, string[]>();
  private readonly series = new Set<string>();
  private readonly exists = new Map<string, boolean>();

  constructor(
    readonly specs: readonly SpecInSet[],
    private readonly fileExists: RepositoryContext['fileExists'],
  ) {
    for (const spec of specs) {
      this.byPath.set(resolve(spec.absolutePath), spec);
      const id = spec.facts.id?.value;
      if (!id) continue;
      const key = normalizeId(id);
      const list = this.byId.get(key);
      if (list) list.push(spec);
      else this.byId.set(key, [spec]);
      const digits = digitsOf(id);
      const same = this.byDigits.get(digits);
      if (same) same.push(id);
      else this.byDigits.set(digits, [id]);
      this.series.add(seriesOf(id));
    }
  }

  /** Specs whose id is written `id` (ignoring case). */
  withId(id: string): readonly SpecInSet[] {
    return this.byId.get(normalizeId(id)) ?? [];
  }

  resolve(from: SpecInSet, reference: Pick<FactReference, 'value' | 'target'>): Resolution {
    for (const candidate of [reference.target, reference.value]) {
      if (!candidate) continue;
      if (isExternal(candidate)) return { kind: 'external' };
      if (looksLikePath(candidate) || candidate === reference.target) {
        const path = resolve(dirname(from.absolutePath), safeDecode(candidate.replace(/[#?].*$/, '')));
        const spec = this.byPath.get(path);
        if (spec) return { kind: 'spec', spec };
        if (this.fileExistsOnce(path)) return { kind: 'file' };
      }
      const [spec] = this.withId(candidate);
      if (spec) return { kind: 'spec', spec };
    }
    if (!reference.target && !looksLikePath(reference.value) && !this.series.has(seriesOf(reference.value))) return { kind: 'outside' };
    return { kind: 'unresolved', suggestion: this.suggest(from, reference.value) };
  }

  private fileExistsOnce(path: string): boolean {
    let known = this.exists.get(path);
    if (known === undefined) {
      known = this.fileExists(path);
      this.exists.set(path, known);
    }
    return known;
  }

  /** An id that is the same number written differently ("ts-42", "0042" for "TS-0042"); other near ids are other specs. */
  private suggest(from: SpecInSet, written: string): string | undefined {
    const wanted = digitsOf(written);
    if (!wanted) return undefined;
    const own = from.facts.id?.value;
    const letters = lettersOf(written);
    return this.byDigits.get(wanted)?.find((id) => id !== own && (letters === '' || letters === lettersOf(id)));
  }
}

