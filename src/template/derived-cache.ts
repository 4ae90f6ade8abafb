/**
 * Derived templates reused across runs: a template file is read, parsed and derived on every run
 * that names it (a commit hook on one spec spends a fifth of its time there), so the result is kept
 * in speclint's per-user start-up cache, keyed by the running build, the derivation's options and
 * the template's whole text. A cache file is the template's JSON after its hash: one that is not
 * exactly as this build wrote it (cut short, corrupt, edited) is not used, and the template is derived
 * again. The hash, not the template schema, is what is checked on reading: the same build wrote the
 * file from a derivation, and checking the schema took ~6 ms of the commit hook's ~200 ms run. Off
 * where speclint runs from its sources (no build id).
 */
import { hashOf } from '../util/hash.js';
import { buildId, readUserCacheFile, userCacheFile, writeUserCacheFile } from '../util/user-cache.js';
import { type DeriveOptions, deriveTemplate } from './derive.js';
import type { Template } from './schema.js';

function cacheFileFor(markdown: string, options: DeriveOptions): string | undefined {
  const build = buildId();
  if (build === undefined) return undefined;
  const key = hashOf(build, JSON.stringify(options), markdown).slice(0, 24);
  return userCacheFile(`template-${key}.json`);
}

/** The cached template, if the file is exactly what was written: its hash, a newline, the JSON. */
function readCached(data: string): Template | undefined {
  const newline = data.indexOf('\n');
  const json = data.slice(newline + 1);
  if (newline < 0 || data.slice(0, newline) !== hashOf(json)) return undefined;
  try {
    return JSON.parse(json) as Template;
  } catch {
    // Only a file made by hand gets here (its hash is right): derived again like any bad file.
    return undefined;
  }
}

export function deriveTemplateCached(markdown: string, options: DeriveOptions): Template {
  const file = cacheFileFor(markdown, options);
  const cached = file ? readUserCacheFile(file) : undefined;
  const template = cached ? readCached(cached.toString('utf8')) : undefined;
  if (template) return template;
  const derived = deriveTemplate(markdown, options);
  if (file) {
    const json = JSON.stringify(derived);
    writeUserCacheFile(file, `${hashOf(json)}\n${json}`);
  }
  return derived;
}
