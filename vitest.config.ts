import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const ROOT = import.meta.dirname;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * Whether a test file runs the build (dist/: the bundled CLI, the language server, the package) itself
 * or through a test helper it imports. Only those suites wait for the build; the unit and rule tests run
 * the sources (their lint workers are bundled from the sources too, see src/run/worker/from-sources.ts).
 */
export function runsBuild(file: string, seen = new Set<string>()): boolean {
  if (seen.has(file)) return false;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  if (/['"/]dist\b/.test(text)) return true;
  const helpers = [...text.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)].map((m) => resolve(dirname(file), `${m[1]}.ts`));
  return helpers.some((helper) => helper.startsWith(join(ROOT, 'test')) && existsSync(helper) && runsBuild(helper, seen));
}

const all = testFiles(join(ROOT, 'test')).map((file) => relative(ROOT, file));
const built = all.filter((file) => runsBuild(join(ROOT, file)));

export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    testTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: all.filter((file) => !built.includes(file)), globalSetup: ['test/global-setup.ts'] } },
      // A project's global setup runs only when the run includes one of its files: `vitest run test/rules.test.ts` builds nothing.
      { extends: true, test: { name: 'build', include: built, globalSetup: ['test/global-setup.ts', 'test/build-setup.ts'] } },
    ],
  },
});
