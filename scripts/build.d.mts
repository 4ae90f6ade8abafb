import type { Plugin } from 'esbuild';

export const zodEnglishOnly: Plugin;
export function zodOnFirstUse(zodBundleId: string): Plugin;
export function lspLibsOnFirstUse(libsBundleId: string): Plugin;
export function build(): Promise<number>;
