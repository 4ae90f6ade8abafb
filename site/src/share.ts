import type { TemplateSelection } from './protocol.js';

/** What the URL fragment carries: everything needed to see the same page again. */
export interface SharedState {
  spec: string;
  template: TemplateSelection;
  /** The pasted template's Markdown, kept even while a built-in is selected. */
  customTemplate: string;
}

const PREFIX = '#s=';

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** The state compressed (deflate) into a URL fragment: it never reaches a server. */
export async function encodeState(state: SharedState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(state));
  return PREFIX + toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
}

function isSelection(value: unknown): value is TemplateSelection {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.kind === 'auto' || (v.kind === 'builtin' && typeof v.id === 'string') || (v.kind === 'custom' && typeof v.markdown === 'string');
}

/** The state from a fragment; null when there is none or it is damaged (the page then starts afresh). */
export async function decodeState(hash: string): Promise<SharedState | null> {
  if (!hash.startsWith(PREFIX)) return null;
  try {
    const json = new TextDecoder().decode(await pipe(fromBase64Url(hash.slice(PREFIX.length)), new DecompressionStream('deflate-raw')));
    const value = JSON.parse(json) as Partial<SharedState>;
    if (typeof value.spec !== 'string' || typeof value.customTemplate !== 'string' || !isSelection(value.template)) return null;
    return { spec: value.spec, template: value.template, customTemplate: value.customTemplate };
  } catch {
    return null;
  }
}
