// Build-time patches that keep work a lint run never needs from being done when the CLI's bundle
// starts: loading Node built-ins it does not use (node:child_process or node:tty compile Node's
// stream, net and dgram modules with them, ~4–6 ms of a one-file run), and making a table before a
// document needs it. Like scripts/parser-patches.mjs, each patch must match its
// library's source exactly, and a build whose library no longer matches fails naming the patch.
// test/startup-modules.test.ts checks which built-ins a one-file run loads.
import { patchPlugin } from './patch-plugin.mjs';

/**
 * commander requires node:child_process at load for one feature, executable subcommands
 * (`speclint-foo` files), which speclint does not use: its spawn calls now load the module on first
 * use instead.
 */
const COMMANDER_REQUIRE = "const childProcess = require('node:child_process');";
const COMMANDER_USE = /\bchildProcess\.spawn\(/g;
const COMMANDER_USES = 3;

export function patchCommander(source) {
  const uses = source.match(COMMANDER_USE)?.length ?? 0;
  const other = (source.match(/\bchildProcess\b/g)?.length ?? 0) - uses - 1;
  if (!source.includes(COMMANDER_REQUIRE) || uses !== COMMANDER_USES || other !== 0) {
    return { error: `commander's use of node:child_process has changed (${uses} spawn calls and ${other} other uses, expected ${COMMANDER_USES} and none): update or drop its patch in scripts/startup-patches.mjs` };
  }
  const lazy = "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };";
  return { code: source.replace(COMMANDER_REQUIRE, lazy) };
}

/**
 * chalk detects colour support when it loads (node:tty's isatty on stdout and stderr) for its default
 * instances; speclint only builds its own, with the level it decided itself (`new Chalk({ level })`),
 * so chalk's detection is replaced by "no colour" for those unused defaults.
 */
export const CHALK_DETECTION = { find: "import supportsColor from '#supports-color';", replace: 'const supportsColor = { stdout: false, stderr: false };' };

export function patchChalk(source) {
  if (!source.includes(CHALK_DETECTION.find)) {
    return { error: "chalk no longer imports '#supports-color' as it did: update or drop its patch in scripts/startup-patches.mjs" };
  }
  return { code: source.replace(CHALK_DETECTION.find, CHALK_DETECTION.replace) };
}

/**
 * character-entities is one object literal of HTML's 2,125 named character references, made as the
 * bundle starts (~100 KB of heap, and its keys and values in the code cache) for its one user,
 * decode-named-character-reference, which a document needs only at its first named reference
 * (`&copy;`): the literal is now made by a function, which the decoder calls on that first use.
 */
const ENTITIES_LITERAL = 'export const characterEntities = {';

export function patchCharacterEntities(source) {
  const literals = source.split(ENTITIES_LITERAL).length - 1;
  const exports = source.match(/^export /gm)?.length ?? 0;
  if (literals !== 1 || exports !== 1 || !source.trimEnd().endsWith('}')) {
    return { error: `character-entities is no longer one exported object literal (${literals} literals, ${exports} exports): update or drop its patch in scripts/startup-patches.mjs` };
  }
  return { code: `${source.replace(ENTITIES_LITERAL, 'export function characterEntities() {\nreturn {')}\n}\n` };
}

const DECODER_USE = 'return own.call(characterEntities, value) ? characterEntities[value] : false';

export function patchEntityDecoder(source) {
  const uses = source.match(/\bcharacterEntities\b/g)?.length ?? 0;
  if (!source.includes(DECODER_USE) || uses !== 3) {
    return { error: `decode-named-character-reference no longer reads character-entities as it did (${uses} uses, expected 3): update or drop its patch in scripts/startup-patches.mjs` };
  }
  const lazy = 'entities ??= characterEntities();\n  return own.call(entities, value) ? entities[value] : false';
  return { code: `${source.replace(DECODER_USE, lazy)}\nlet entities;\n` };
}

export const STARTUP_PATCHES = [
  { library: 'commander', file: /[\\/]commander[\\/]lib[\\/]command\.js$/, apply: patchCommander },
  { library: 'chalk', file: /[\\/]chalk[\\/]source[\\/]index\.js$/, apply: patchChalk },
  { library: 'character-entities', file: /[\\/]character-entities[\\/]index\.js$/, apply: patchCharacterEntities, onlyImportedBy: 'decode-named-character-reference' },
  { library: 'decode-named-character-reference', file: /[\\/]decode-named-character-reference[\\/]index\.js$/, apply: patchEntityDecoder },
];

/** The esbuild plugin that applies each patch to the one file it is for. */
export const startupPatches = patchPlugin('startup-patches', STARTUP_PATCHES, 'scripts/startup-patches.mjs');
