import { Script } from 'node:vm';

/**
 * Where the script below finds the work to call: a global slot under a registered symbol, so that no
 * name is added to the global scope. The script runs in this context rather than a context of its own
 * (vm.createContext cost ~1.2–1.8 ms of a one-file run's ~175 ms); V8's watchdog stops it all the same.
 */
const WORK = Symbol.for('speclint.timed-work');
const CALL = new Script('globalThis[Symbol.for("speclint.timed-work")]()');

export type Timed<T> = { finished: true; value: T } | { finished: false };

type Slot = { [WORK]?: (() => void) | undefined };

/**
 * Runs `work` on this thread and stops it after `timeoutMs`: it runs through a vm script with a
 * timeout, and V8 interrupts a runaway parse or rule at the deadline. What `work` throws is thrown.
 */
export function runWithin<T>(timeoutMs: number, work: () => T): Timed<T> {
  let value: { v: T } | undefined;
  const slot = globalThis as Slot;
  const outer = slot[WORK];
  slot[WORK] = () => {
    value = { v: work() };
  };
  try {
    CALL.runInThisContext({ timeout: timeoutMs });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { finished: false };
    throw error;
  } finally {
    slot[WORK] = outer;
  }
  if (!value) throw new Error('the lint returned nothing');
  return { finished: true, value: value.v };
}
