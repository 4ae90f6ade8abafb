import type { Plugin } from 'esbuild';

type PatchResult = { code: string; error?: undefined } | { error: string; code?: undefined };
export function patchCommander(source: string): PatchResult;
export function patchChalk(source: string): PatchResult;
export function patchCharacterEntities(source: string): PatchResult;
export function patchEntityDecoder(source: string): PatchResult;
export const startupPatches: Plugin;
