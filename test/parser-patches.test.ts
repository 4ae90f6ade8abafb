import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import type { Root } from 'mdast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a build script (plain JavaScript, no types)
import { bundlePatchedParser, patchMdastCompile, patchSubtokenize } from '../scripts/parser-patches.mjs';
import { startupPatches } from '../scripts/startup-patches.mjs';
import { parseMarkdown } from '../src/input/parse.js';
import { ROOT, SHARED, markdownUnder, projectMarkdown } from './helpers.js';

const library = (...path: string[]) => join(ROOT, 'node_modules', ...path);
const LIBRARY = library('mdast-util-from-markdown', 'lib', 'index.js');
const SUBTOKENIZE = library('micromark-util-subtokenize', 'index.js');
/** Each patch and the files it must fit: the production build and the development one. */
const PATCHED = [
  { patch: patchMdastCompile, files: [LIBRARY, library('mdast-util-from-markdown', 'dev', 'lib', 'index.js')] },
  { patch: patchSubtokenize, files: [SUBTOKENIZE, library('micromark-util-subtokenize', 'dev', 'index.js')] },
];

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
  // Named character references (their table is made on first use), in a heading, text, a link and code.
  '# R&eacute;sum&eacute; &copy;\n\n&AElig;&nbsp;&zwnj;&notanentity; [&lt;a&gt;](/u?a=1&amp;b=2 "&quot;t&quot;") `&amp;`\n',
  // Content nested in containers, with definitions: subtokenize's jumps over several levels at once.
  '> - a\n>   [d]: /u "t"\n>   text *em* [d]\n>\n>   > - [ ] b\n>   >   c\n>   >\n>   >   [e]: /v\n\n- x\n  - y\n\n    z\n',
  // Containers with nothing to tokenize inside them (one pass finds no content), and content four
  // levels down (a link title in a table cell in a quoted list item): the passes stop when no spliced-in event holds content.
  '>\n- \n  >\n\n* \n',
  '- > | h | [l](/u "t *x*") |\n  > | - | - |\n  > | `c` | [r]: y |\n\n# A [b](</c d> \'e\')\n',
];

describe('the bundles\' patches of the parser\'s libraries', () => {
  let work: string;
  let patchedParse: (text: string) => Root;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'speclint-compile-patch-'));
    const out = join(work, 'parse.mjs');
    // With the start-up patches the CLI's bundle has: the named character references' table made on first use.
    await bundlePatchedParser(esbuild, ROOT, out, [startupPatches]);
    const bundled = readFileSync(out, 'utf8');
    expect(bundled).toMatch(/context\d*\.sliceSerialize = events\w*\[index\w*\]\[2\]\.sliceSerialize;/);
    expect(bundled).toMatch(/while \(jumps\w*\.has\(index\w*\)\)/);
    expect(bundled).not.toMatch(/Object\.assign\(jumps/);
    expect(bundled).toMatch(/if \(subcontent\w*\(events\w*, index\w*, jumps\w*\)\) more\w* = true;/);
    expect(bundled).toMatch(/entities\w* \?\?= characterEntities\w*\(\);/);
    ({ parseMarkdown: patchedParse } = await import(pathToFileURL(out).href));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it.each(PATCHED.flatMap(({ patch, files }) => files.map((file) => ({ patch, file }))))('still fits $file', ({ patch, file }) => {
    const result = patch(readFileSync(file, 'utf8'));
    expect(result.error).toBeUndefined();
    expect(result.code).not.toMatch(/\.\.\.context,|Object\.assign\(jumps|index in jumps|const gaps = \{\}/);
  });

  it('fails the build, saying why, when the library\'s loop no longer matches', () => {
    const source = readFileSync(LIBRARY, 'utf8').replace(/\{\s*\.\.\.context,\s*sliceSerialize/, '{ ...context, other: 1, sliceSerialize');
    expect(patchMdastCompile(source)).toEqual({ error: expect.stringMatching(/compile loop has changed \(2 context copies, expected 3\).*parser-patches\.mjs/) });
  });

  it('fails the build, saying which part, when subtokenize no longer matches', () => {
    const source = readFileSync(SUBTOKENIZE, 'utf8');
    expect(patchSubtokenize(source.replace('while (index in jumps)', 'while (jumps[index] !== undefined)'))).toEqual({
      error: expect.stringMatching(/micromark-util-subtokenize has changed \(the jump lookup: found 0 times, expected once\).*parser-patches\.mjs/),
    });
    // A second copy of a line the patch changes is as much a change as a missing one.
    expect(patchSubtokenize(`${source}\nconst jumps = {}\n`)).toEqual({ error: expect.stringMatching(/the jump table: found 2 times/) });
    // So is a new use of the table, which would read the Map as an object.
    expect(patchSubtokenize(source.replace('while (index in jumps)', 'if (jumps[0]) more = true\n    while (index in jumps)'))).toEqual({
      error: expect.stringMatching(/subtokenize's uses of the jump table: found 6 times, expected 5/),
    });
    // And another place that asks for one more pass, however written, which the patch would overrule.
    for (const asks of ['more = true', 'more ||= event[1]._container']) {
      expect(patchSubtokenize(source.replace('lineIndex = undefined', `lineIndex = undefined\n      ${asks}`))).toEqual({
        error: expect.stringMatching(/subtokenize's uses of the flag for another pass: found 4 times, expected 3/),
      });
    }
  });

  it('fails a build that bundles the library without patching it (the file moved past the filter)', async () => {
    // A plugin ahead of the patch loads the library's file itself, as a renamed file would slip past the patch.
    const before = {
      name: 'load-first',
      setup(build: esbuild.PluginBuild) {
        build.onLoad({ filter: /(mdast-util-from-markdown[\\/]lib|micromark-util-subtokenize)[\\/]index\.js$/ }, (args) => ({ contents: readFileSync(args.path, 'utf8'), loader: 'js' }));
      },
    };
    const building = bundlePatchedParser(esbuild, ROOT, join(work, 'unpatched.mjs'), [before]);
    await expect(building).rejects.toThrow(/mdast-util-from-markdown is bundled but was not patched[\s\S]*micromark-util-subtokenize is bundled but was not patched/);
  });

  it('builds the same tree as the library on edge cases, fixtures and examples', () => {
    const files = projectMarkdown();
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
