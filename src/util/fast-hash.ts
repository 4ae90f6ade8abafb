/**
 * 80 bits of three FNV-1a lanes (each its own offset basis and mixing): a cache file's name and
 * checksum where node:crypto would cost more than the hashing. Loading node:crypto compiles Node's
 * stream and crypto modules (~3–5 ms of a one-file run on the main thread; in a lint worker, whose heap
 * flags make V8 reject Node's own code cache, ~15–20 ms). Not for anything an attacker chooses: inputs
 * that differ collide with odds of ~2^-80 only by chance, so whatever a cache keys by it is checked
 * again on reading where a collision would matter.
 */
export function fastHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  let c = 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b ^ unit, 0x01000193) ^ (b >>> 15);
    c = Math.imul((c ^ unit) + i, 0x01000193) ^ (c >>> 13);
  }
  const hex = (lane: number): string => (lane >>> 0).toString(16).padStart(8, '0');
  return `${hex(a)}${hex(b)}${hex(c).slice(0, 4)}`;
}
