import { createRequire } from 'node:module';

const requireBuiltin = createRequire(import.meta.url);

/**
 * A Node built-in module loaded when first needed rather than at start-up (see hash.ts for why):
 * process.getBuiltinModule where Node has it (20.16+), else require — VS Code runs the language
 * server on its own Node, which before VS Code 1.94 is older than that.
 */
export const builtinModule: typeof process.getBuiltinModule = ((id: string) =>
  typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule(id) : requireBuiltin(id)) as typeof process.getBuiltinModule;
