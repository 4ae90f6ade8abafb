import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import type { Root } from 'mdast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a build script (plain JavaScript, no types)
import { bundlePatchedParser, patchMdastCompile } from '../scripts/mdast-compile-patch.mjs';
import { parseMarkdown } from '../src/input/parse.js';
import { ROOT, SHARED } from './helpers.js';

const LIBRARY = join(ROOT, 'node_modules', 'mdast-util-from-markdown', 'lib', 'index.js');

function markdownUnder(dir: string, every = 1): string[] {
  const all: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) all.push(path);
    }
  };
  walk(dir);
  return all.sort().filter((_, i) => i % every === 0);
}

/** Inputs that stress the compile loop's handlers: every construct, unclosed ones, odd line ends. */
const EDGE_CASES = [
  '',
  '---\ntitle: x\n---\n# T\n',
  '# A\n\n| a | b |\n| - | :-: |\n| `x\\|y` | [l](#a) |\n\n- [ ] task\n- [x] done\n\n1. one\n\n   2. nested\n',
  'Text[^1] and ~~old~~ ~one~ **b _i_** <span>html</span> ![img](a.png "t") [ref][r]\n\n[^1]: Note\n    more\n\n[r]: https://x "T"\n',
  '```js\nunclosed fence\n',
  '> quote\n> - list\n>   ```\n>   code\n',
  'Setext\n===\n\nTwo\n---\n\n    indented code\n\n***\n',
  '* a\r\n* b\r\n\r\n  para\r\n* c\r',
  '<!-- comment\nunclosed',
  '[link](<unclosed\n\n&amp; &#35; &bogus; \\* `` a ` b ``\n',
];

describe('the bundles\' patch of mdast-util-from-markdown\'s compile loop', () => {
  let work: string;
  let patchedParse: (text: string) => Root;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'speclint-compile-patch-'));
    const out = join(work, 'parse.mjs');
    await bundlePatchedParser(esbuild, ROOT, out);
    expect(readFileSync(out, 'utf8')).toMatch(/context\d*\.sliceSerialize = events\w*\[index\w*\]\[2\]\.sliceSerialize;/);
    ({ parseMarkdown: patchedParse } = await import(pathToFileURL(out).href));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('still fits the installed version of the library', () => {
    const result = patchMdastCompile(readFileSync(LIBRARY, 'utf8'));
    expect(result.error).toBeUndefined();
    expect(result.code).not.toMatch(/\.\.\.context/);
  });

  it('fails the build, saying why, when the library\'s loop no longer matches', () => {
    const source = readFileSync(LIBRARY, 'utf8').replace(/\{\s*\.\.\.context,\s*sliceSerialize/, '{ ...context, other: 1, sliceSerialize');
    expect(patchMdastCompile(source)).toEqual({ error: expect.stringMatching(/compile loop has changed \(2 context copies, expected 3\).*mdast-compile-patch\.mjs/) });
  });

  it('fails a build that bundles the library without patching it (the file moved past the filter)', async () => {
    // A plugin ahead of the patch loads the library's file itself, as a renamed file would slip past the patch.
    const before = {
      name: 'load-first',
      setup(build: esbuild.PluginBuild) {
        build.onLoad({ filter: /mdast-util-from-markdown[\\/]lib[\\/]index\.js$/ }, (args) => ({ contents: readFileSync(args.path, 'utf8'), loader: 'js' }));
      },
    };
    const building = bundlePatchedParser(esbuild, ROOT, join(work, 'unpatched.mjs'), [before]);
    await expect(building).rejects.toThrow(/bundled but its compile loop was not patched/);
  });

  it('builds the same tree as the library on edge cases, fixtures and examples', () => {
    const files = ['fixtures', 'examples', 'templates', 'rules'].flatMap((dir) => markdownUnder(join(ROOT, dir)));
    expect(files.length).toBeGreaterThan(100);
    const texts = [...EDGE_CASES, ...files.map((file) => readFileSync(file, 'utf8'))];
    for (const text of texts) expect(patchedParse(text)).toEqual(parseMarkdown(text));
  });

  const corpus = join(SHARED, 'corpus');
  it.skipIf(!existsSync(corpus))('builds the same tree as the library on every 30th corpus document (../shared/corpus)', () => {
    const files = markdownUnder(corpus, 30);
    expect(files.length).toBeGreaterThan(80);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(patchedParse(text), file).toEqual(parseMarkdown(text));
    }
  });
});
