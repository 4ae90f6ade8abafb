import { type Context, Script, createContext } from 'node:vm';

/** Calls the host function `work` from inside a context, so that V8's watchdog can stop it. */
const CALL = new Script('work()');

export type Timed<T> = { finished: true; value: T } | { finished: false };

/** The work the shared context calls next (a context costs ~1 ms to create, so there is one per process). */
let current: (() => void) | undefined;
let context: Context | undefined;

/**
 * Runs `work` on this thread and stops it after `timeoutMs`: it runs through a vm script with a
 * timeout, and V8 interrupts a runaway parse or rule at the deadline. What `work` throws is thrown.
 */
export function runWithin<T>(timeoutMs: number, work: () => T): Timed<T> {
  let value: { v: T } | undefined;
  context ??= createContext({ work: () => current?.() });
  const outer = current;
  current = () => {
    value = { v: work() };
  };
  try {
    CALL.runInContext(context, { timeout: timeoutMs });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { finished: false };
    throw error;
  } finally {
    current = outer;
  }
  if (!value) throw new Error('the lint returned nothing');
  return { finished: true, value: value.v };
}
