// A build-time patch of mdast-util-from-markdown's compiler, applied to the bundles (CLI, worker,
// playground); the library's installed files are never changed.
//
// Its compile loop hands every handler a fresh copy of the compile context (`{...context,
// sliceSerialize}`), one object per micromark event: ~a quarter of the whole parse time on the corpus
// (bench/parser-compare.mjs). No handler here keeps `this` or sets a property on it (they write to
// `this.data`, `this.stack` and `this.tokenStack`, which the copies share), so one context whose
// `sliceSerialize` is set per event builds the same tree; bench/parser-compare.mjs and
// test/mdast-compile-patch.test.ts check that it does.
import { readFile } from 'node:fs/promises';

const COPY = /\{\s*\.\.\.context,\s*sliceSerialize: events\[index\]\[2\]\.sliceSerialize\s*\}/g;
const HANDLER = /(\n(\s*)const handler = config\[events\[index\]\[0\]\];)/;
/** The copies the compile loop makes per event: before enter, the handler, after exit. */
const EXPECTED_COPIES = 3;

/**
 * The patched source, or an error saying why the patch no longer fits (a new version of the library):
 * the build then fails rather than ship an unpatched or half-patched compiler unnoticed.
 */
export function patchMdastCompile(source) {
  const copies = source.match(COPY)?.length ?? 0;
  if (copies !== EXPECTED_COPIES || !HANDLER.test(source)) {
    return { error: `mdast-util-from-markdown's compile loop has changed (${copies} context copies, expected ${EXPECTED_COPIES}): update or drop scripts/mdast-compile-patch.mjs` };
  }
  const code = source.replace(COPY, 'context').replace(HANDLER, '$1\n$2context.sliceSerialize = events[index][2].sliceSerialize;');
  return { code };
}

/** The esbuild plugin that applies the patch to the one file it is for. */
export const mdastCompilePatch = {
  name: 'mdast-compile-patch',
  setup(build) {
    build.initialOptions.metafile = true;
    let applied = false;
    build.onStart(() => {
      applied = false;
    });
    build.onLoad({ filter: /[\\/]mdast-util-from-markdown[\\/](?:dev[\\/])?lib[\\/]index\.js$/ }, async (args) => {
      const patched = patchMdastCompile(await readFile(args.path, 'utf8'));
      if (patched.error) return { errors: [{ text: patched.error }] };
      applied = true;
      return { contents: patched.code, loader: 'js' };
    });
    // A bundle that parses Markdown must have the patch: a moved file would otherwise slip past the filter.
    build.onEnd((result) => {
      const parses = Object.keys(result.metafile?.inputs ?? {}).some((input) => /mdast-util-from-markdown/.test(input));
      if (parses && !applied) return { errors: [{ text: 'mdast-util-from-markdown is bundled but its compile loop was not patched: update scripts/mdast-compile-patch.mjs' }] };
      return undefined;
    });
  },
};

/**
 * speclint's parser (src/input/parse.ts) bundled as the CLI's bundles have it, into one ES module at
 * `outfile`: for the benchmark's bundled-parser floor and the patch's tests. `plugins` run before the patch.
 */
export async function bundlePatchedParser(esbuild, root, outfile, plugins = []) {
  await esbuild.build({ absWorkingDir: root, entryPoints: ['src/input/parse.ts'], bundle: true, platform: 'node', format: 'esm', outfile, plugins: [...plugins, mdastCompilePatch], logLevel: 'silent' });
}
