// The esbuild plugin behind the build's library patches (scripts/parser-patches.mjs,
// scripts/startup-patches.mjs): each patch changes the one file it is for, and a bundle that holds a
// patched library without its patch (the file moved, say) fails the build rather than ship unpatched.
import { readFile } from 'node:fs/promises';

/**
 * `patches`: { library, file (a path pattern), apply(source) → { code } or { error }, and
 * `onlyImportedBy` (a library) when the patch changes what the library exports for that importer
 * alone }; `owner` names the script to update in the build's error messages.
 */
export function patchPlugin(name, patches, owner) {
  return {
    name,
    setup(build) {
      build.initialOptions.metafile = true;
      const applied = new Set();
      build.onStart(() => {
        applied.clear();
      });
      for (const patch of patches) {
        build.onLoad({ filter: patch.file }, async (args) => {
          const patched = patch.apply(await readFile(args.path, 'utf8'));
          if (patched.error) return { errors: [{ text: patched.error }] };
          applied.add(patch.library);
          return { contents: patched.code, loader: 'js' };
        });
      }
      build.onEnd((result) => {
        const inputs = Object.entries(result.metafile?.inputs ?? {});
        const errors = patches
          .filter((patch) => !applied.has(patch.library) && inputs.some(([input]) => input.includes(`/${patch.library}/`)))
          .map((patch) => ({ text: `${patch.library} is bundled but was not patched: update its patch in ${owner}` }));
        // A patch that changes what a library exports holds only for the importers it was written for.
        for (const patch of patches.filter((p) => p.onlyImportedBy)) {
          for (const [input, { imports }] of inputs) {
            if (input.includes(`/${patch.onlyImportedBy}/`)) continue;
            if (imports.some((imported) => imported.path.includes(`/${patch.library}/`))) {
              errors.push({ text: `${input} imports ${patch.library}, whose patch in ${owner} is for ${patch.onlyImportedBy} alone: update the patch` });
            }
          }
        }
        return errors.length > 0 ? { errors } : undefined;
      });
    },
  };
}
