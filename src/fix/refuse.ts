import type { SpecDocument } from '../document/index.js';

export interface FixRefusal {
  message: string;
  /** A speclint bug rather than something in the file (the run exits 2). */
  bug: boolean;
}

/**
 * Why a document must not be fixed: its structure, as the parser reads it, is not what a reader
 * sees, so edits computed from it would land in the wrong place (a missing section appended inside
 * an unclosed code fence is missing again on the next run, and the file grows each time).
 */
export function unfixableReason(document: SpecDocument): FixRefusal | undefined {
  const fence = document.unclosedFence;
  if (!fence) return undefined;
  const message = `the code fence '${fence.marker}' opened at line ${fence.span.start.line} is never closed, so the rest of the file reads as code; close it and run --fix again`;
  return { message, bug: false };
}

/** The message for fixes that never settle: a speclint bug, reported rather than written. */
export function unsettledRefusal(ruleIds: readonly string[]): FixRefusal {
  const message = `its fixes do not settle (${ruleIds.join(', ')} would fix it again on every run); the file is left unchanged. This is a speclint bug: please report it`;
  return { message, bug: true };
}
