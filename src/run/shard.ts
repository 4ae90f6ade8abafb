import { builtinModule } from '../util/builtin-module.js';

export interface Shard {
  /** 1-based, as CI matrices count. */
  index: number;
  count: number;
}

export function parseShard(value: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) return undefined;
  return { index, count };
}

/**
 * Whether a file belongs to a shard: a stable hash of its path (with "/" separators), so every job of
 * a CI matrix, on any machine, splits the same list the same way, with no coordination.
 */
export function inShard(path: string, shard: Shard): boolean {
  const digest = builtinModule('node:crypto').createHash('sha1').update(path.split('\\').join('/')).digest();
  return digest.readUInt32BE(0) % shard.count === shard.index - 1;
}
