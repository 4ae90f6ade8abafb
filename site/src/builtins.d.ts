// Provided by scripts/build-site.mjs: the built-in templates, derived at build time, with their Markdown.
declare module 'speclint-builtins' {
  import type { Template } from '../../src/template/schema.js';
  export const BUILTINS: ReadonlyArray<{ template: Template; markdown: string }>;
}

// The built-in templates' Markdown (for "Start from" and "Edit a copy").
declare module 'speclint-builtin-sources' {
  export const BUILTIN_SOURCES: ReadonlyArray<{ id: string; description: string; markdown: string }>;
}

// site/examples/*.md: specs with planted defects.
declare module 'speclint-examples' {
  export const EXAMPLES: ReadonlyArray<{ name: string; text: string }>;
}
