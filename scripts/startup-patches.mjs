// Build-time patches that keep Node built-ins a lint run never uses from loading when the CLI's bundle
// starts. Loading node:child_process or node:tty compiles Node's stream, net and dgram modules with
// them (~4–6 ms of a one-file run). Like scripts/parser-patches.mjs, each patch must match its
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

export const STARTUP_PATCHES = [
  { library: 'commander', file: /[\\/]commander[\\/]lib[\\/]command\.js$/, apply: patchCommander },
  { library: 'chalk', file: /[\\/]chalk[\\/]source[\\/]index\.js$/, apply: patchChalk },
];

/** The esbuild plugin that applies each patch to the one file it is for. */
export const startupPatches = patchPlugin('startup-patches', STARTUP_PATCHES, 'scripts/startup-patches.mjs');
