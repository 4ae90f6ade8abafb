// Types of lib.mjs for the TypeScript tests (the harness itself is plain Node ESM).
export interface Row {
  file: string;
  line: number;
  severity?: string;
  rule: string;
  message: string;
  set?: string;
}
export interface Judgment extends Row {
  set: string;
  verdict: string;
  reason: string;
}
export interface Stats {
  true: number;
  false: number;
  precision: number | null;
}
export interface JsonReport {
  files?: { path: string; diagnostics?: { ruleId: string; severity: string; message: string; line: number }[] }[];
}
export const BASELINE_COLUMNS: string[];
export const JUDGMENT_COLUMNS: string[];
export function reportRows(report: JsonReport, relativize: (path: string) => string): Row[];
export function compareRows(a: Row, b: Row): number;
export function toTsv(rows: readonly object[], columns: readonly string[]): string;
export function parseTsv(text: string): Judgment[];
export function diagnosticKey(row: Row): string;
export function diffRows<T extends Row>(baseline: readonly Row[], current: readonly T[]): { added: T[]; removed: Row[] };
export function summarize(rows: readonly Row[], files: readonly string[]): { files: number; clean: number; errors: number; warnings: number; errorsByRule: Record<string, number> };
export function seededRandom(seed: number): () => number;
export function seededSample<T extends string>(items: readonly T[], count: number, seed: number, salt?: string): T[];
export function flaggedFiles(rows: readonly Row[]): string[];
export function extendJudgments(judgments: readonly Judgment[], errors: readonly Row[], files: ReadonlySet<string>): { rows: Judgment[]; added: number };
export function parseVerdict(value: unknown): boolean | null;
export function judge(judgments: readonly Judgment[], errors: readonly Row[]): { bySet: Record<string, Stats>; byRule: Record<string, Stats>; total: Stats; unjudged: Row[]; stale: Judgment[] };
