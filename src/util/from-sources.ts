/**
 * Whether speclint runs from its TypeScript sources (the tests, `npm run dev`) rather than a build:
 * what the build prepares (derived built-ins, the worker's bundle) is then made on the spot, and
 * checks the type checker keeps in a build are made as it runs. The browser's bundle has no
 * import.meta.url.
 */
export const runsFromSources: boolean = typeof import.meta.url === 'string' && import.meta.url.endsWith('.ts');
