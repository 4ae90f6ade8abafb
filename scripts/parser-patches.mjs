// Build-time patches of the Markdown parser's libraries, applied to the bundles (CLI, worker,
// playground) by one esbuild plugin; the libraries' installed files are never changed. Each patch
// removes work the library does per event without changing what it computes, and each must match its
// library's source exactly: when a new version no longer matches, the build fails naming the patch,
// rather than ship an unpatched or half-patched parser unnoticed. test/parser-patches.test.ts checks
// that the patched parser builds the same trees as the libraries (and bench/parser-compare.mjs that
// every diagnostic on the corpus stays the same).
import { patchPlugin } from './patch-plugin.mjs';

/**
 * mdast-util-from-markdown's compile loop hands every handler a fresh copy of the compile context
 * (`{...context, sliceSerialize}`), one object per micromark event: ~a quarter of the whole parse time
 * on the corpus. No handler keeps `this` or sets a property on it (they write to `this.data`,
 * `this.stack` and `this.tokenStack`, which the copies share), so one context whose `sliceSerialize`
 * is set per event builds the same tree.
 */
const COPY = /\{\s*\.\.\.context,\s*sliceSerialize: events\[index\]\[2\]\.sliceSerialize\s*\}/g;
const HANDLER = /(\n(\s*)const handler = config\[events\[index\]\[0\]\];?)/;
/** The copies the compile loop makes per event: before enter, the handler, after exit. */
const EXPECTED_COPIES = 3;

export function patchMdastCompile(source) {
  const copies = source.match(COPY)?.length ?? 0;
  if (copies !== EXPECTED_COPIES || !HANDLER.test(source)) {
    return { error: `mdast-util-from-markdown's compile loop has changed (${copies} context copies, expected ${EXPECTED_COPIES}): update or drop its patch in scripts/parser-patches.mjs` };
  }
  const code = source.replace(COPY, 'context').replace(HANDLER, '$1\n$2context.sliceSerialize = events[index][2].sliceSerialize;');
  return { code };
}

/**
 * micromark-util-subtokenize keeps the jumps past the events it has just spliced in (event index →
 * index) in a plain object that grows to thousands of integer keys, merged with Object.assign after
 * every content token and probed with `in` before every event: V8 keeps such an object in its slow
 * dictionary mode, and the table was ~a tenth of the parse (every event is visited once per nesting
 * level). A Map holds the same entries: subcontent writes its gaps straight into it instead of
 * returning an object to merge (nothing reads the table in between), and the keys are the same
 * integers (an object turns them into their decimal strings, one-to-one).
 *
 * micromark's postprocess calls subtokenize until a pass over all the events finds no content token to
 * tokenize, so the last pass — a third of all the events walked on rust-rfcs and ethereum-ercs —
 * changes nothing: no content is left, the document's chunks went in the first pass, and each
 * container's exit was moved past its line endings when a previous pass reached it, with everything
 * before it already final. The content tokens a pass leaves are all among the events it spliced in
 * (it skips those and handles every other one), so subcontent says whether what it spliced in holds
 * any, and subtokenize asks for another pass only then.
 */
const SUBTOKENIZE_EDITS = [
  { what: 'the jump table', find: /\bconst jumps = \{\}/g, replace: 'const jumps = new Map()' },
  { what: 'the jump lookup', find: /while \(index in jumps\) \{(\s*)index = jumps\[index\]/g, replace: 'while (jumps.has(index)) {$1index = jumps.get(index)' },
  {
    what: 'the merge of the gaps',
    find: /Object\.assign\(jumps, subcontent\(events, index\)\);?(\s*)index = jumps\[index\];?\s*more = true;?/g,
    replace: 'if (subcontent(events, index, jumps)) more = true;$1index = jumps.get(index);',
  },
  { what: "subcontent's signature", find: /function subcontent\(events, eventIndex\) \{/g, replace: 'function subcontent(events, eventIndex, gaps) {' },
  { what: "subcontent's own gaps", find: /\n\s*const gaps = \{\};?/g, replace: '' },
  { what: 'the gaps written', find: /gaps\[adjust \+ jumps\[index\]\[0\]\] = adjust \+ jumps\[index\]\[1\]/g, replace: 'gaps.set(adjust + jumps[index][0], adjust + jumps[index][1])' },
  // What subcontent returns: whether the events it spliced in hold content of their own.
  { what: "subcontent's child events", find: /(\n(\s*)const childEvents = tokenizer\.events;?)/g, replace: '$1\n$2let nested = false;' },
  {
    what: "subcontent's walk of the child events",
    find: /(\n(\s*)while \(\+\+index < childEvents\.length\) \{)/g,
    replace: "$1\n$2  if (childEvents[index][0] === 'enter' && childEvents[index][1].contentType) nested = true;",
  },
  { what: "subcontent's result", find: /\breturn gaps\b/g, replace: 'return nested' },
];

/**
 * Every use, once patched, of what the patch changes the meaning of. The jump table: in subtokenize,
 * the Map made, probed, read twice and handed to subcontent; in subcontent, the parameter and the
 * writes. The flag asking for another pass: declared, set when subcontent says so, returned. A new use
 * in a new version (which would read a Map as an object, or ask for a pass the patch would overrule)
 * fails the build like a missing one. `to: null`: to the end of the file.
 */
const USES = [
  { what: "subtokenize's uses of the jump table", from: /export function subtokenize\(/, to: /function subcontent\(/, word: /\bjumps\b/g, expected: 5 },
  { what: "subcontent's uses of the gaps", from: /function subcontent\(/, to: null, word: /\bgaps\b/g, expected: 2 },
  { what: "subtokenize's uses of the flag for another pass", from: /export function subtokenize\(/, to: /function subcontent\(/, word: /\bmore\b/g, expected: 3 },
];

export function patchSubtokenize(source) {
  const changed = (what, found, expected) => ({ error: `micromark-util-subtokenize has changed (${what}: found ${found} times, expected ${expected === 1 ? 'once' : expected}): update or drop its patch in scripts/parser-patches.mjs` });
  let code = source;
  for (const edit of SUBTOKENIZE_EDITS) {
    const found = code.match(edit.find)?.length ?? 0;
    if (found !== 1) return changed(edit.what, found, 1);
    code = code.replace(edit.find, edit.replace);
  }
  for (const use of USES) {
    const start = code.search(use.from);
    const rest = start < 0 ? '' : code.slice(start);
    const end = use.to === null ? rest.length : rest.search(use.to);
    const found = end < 0 ? 0 : rest.slice(0, end).match(use.word)?.length ?? 0;
    if (found !== use.expected) return changed(use.what, found, use.expected);
  }
  return { code };
}

/** Each patch: the library it is for, the one file it changes (production or development build), and how. */
export const PATCHES = [
  { library: 'mdast-util-from-markdown', file: /[\\/]mdast-util-from-markdown[\\/](?:dev[\\/])?lib[\\/]index\.js$/, apply: patchMdastCompile },
  { library: 'micromark-util-subtokenize', file: /[\\/]micromark-util-subtokenize[\\/](?:dev[\\/])?index\.js$/, apply: patchSubtokenize },
];

/** The esbuild plugin that applies each patch to the one file it is for. */
export const parserPatches = patchPlugin('parser-patches', PATCHES, 'scripts/parser-patches.mjs');

/**
 * speclint's parser (src/input/parse.ts) bundled as the CLI's bundles have it, into one ES module at
 * `outfile`: for the benchmark's bundled-parser floor and the patches' tests. `plugins` run before the patches.
 */
export async function bundlePatchedParser(esbuild, root, outfile, plugins = []) {
  await esbuild.build({ absWorkingDir: root, entryPoints: ['src/input/parse.ts'], bundle: true, platform: 'node', format: 'esm', outfile, plugins: [...plugins, parserPatches], logLevel: 'silent' });
}
