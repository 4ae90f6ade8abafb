import { mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { readBoundedTextSync } from '../input/read-bounded.js';
import { builtinModule } from '../util/builtin-module.js';

/**
 * The secret that signs cache entries. A cache file can come from anywhere (committed, restored from
 * a CI cache, edited by hand), and its entries name the results to report; only entries signed with
 * this machine's (or this CI's) secret are trusted, so a foreign or edited entry is simply re-linted.
 * The secret is SPECLINT_CACHE_KEY when set (for CI jobs that share a cache: keep it in a CI secret),
 * else a random key kept per user, outside any repository.
 */
export function cacheSecret(env: Readonly<Record<string, string | undefined>>): string {
  const given = env.SPECLINT_CACHE_KEY;
  if (given) return given;
  const base = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  const file = join(base, 'speclint', 'cache-key');
  try {
    const known = readBoundedTextSync(file, 1024, 'the cache key').trim();
    if (/^[0-9a-f]{64}$/.test(known)) return known;
  } catch {
    // Not there yet (or unreadable): make one.
  }
  const key = builtinModule('node:crypto').randomBytes(32).toString('hex');
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${key}\n`, { mode: 0o600 });
  } catch {
    // Nowhere to keep it: this run's results are still right, only the next run cannot reuse them.
  }
  return key;
}

/**
 * The signature of one cache entry: the run it was made in (speclint's build and the setup, see
 * runSignature in lint-targets.ts), its file and its content, under the secret.
 */
export function signEntry(secret: string, run: string, file: string, entryJson: string): string {
  return builtinModule('node:crypto').createHmac('sha256', secret).update(run).update('\u0000').update(file).update('\u0000').update(entryJson).digest('hex');
}
