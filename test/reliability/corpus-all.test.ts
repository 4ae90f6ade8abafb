import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkNesting, decodeSpec, isInputProblem } from '../../src/input/read.js';
import { DEFAULT_LIMITS } from '../../src/input/limits.js';
import { lintSource } from '../../src/engine/lint-source.js';
import { SHARED } from '../helpers.js';

const CORPUS = join(SHARED, 'corpus');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.isFile() && entry.name.endsWith('.md') ? [path] : [];
  });
}

describe.skipIf(!existsSync(CORPUS))('the whole corpus (../shared/corpus)', () => {
  it('lints every document without a crash, a refusal or a diagnostic outside the file', () => {
    const files = markdownFiles(CORPUS);
    expect(files.length).toBeGreaterThan(2500);
    const failures: string[] = [];
    for (const file of files) {
      const input = decodeSpec(readFileSync(file));
      const problem = isInputProblem(input) ? input : checkNesting(input, DEFAULT_LIMITS);
      if (problem || isInputProblem(input)) {
        failures.push(`${file}: ${problem?.code ?? 'unreadable'}`);
        continue;
      }
      try {
        const lines = input.text.split(/\r\n|\r|\n/).length;
        for (const d of lintSource(input.text, { filePath: file }).diagnostics) {
          if (d.line < 1 || d.line > lines) failures.push(`${file}: ${d.ruleId} at line ${d.line} of ${lines}`);
        }
      } catch (error) {
        failures.push(`${file}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
