import { Script } from 'node:vm';

/**
 * The script below runs in Node's main context (vm.createContext cost ~1.2–1.8 ms of a one-file run's
 * ~175 ms), and V8's watchdog stops it all the same. It finds the work to call in a slot of that
 * context's global object, under a registered symbol so that no name is added to the global scope.
 * The global is the main context's, not this module's `globalThis`: loaded in a vm context of its
 * own (a test runner's sandbox), the module's global is the sandbox's, which the script never sees.
 */
const WORK = Symbol.for('speclint.timed-work');
const CALL = new Script(`globalThis[Symbol.for(${JSON.stringify(WORK.description)})]()`);
const host = new Script('globalThis').runInThisContext() as { [WORK]?: () => void };

export type Timed<T> = { finished: true; value: T } | { finished: false };

/**
 * Runs `work` on this thread and stops it after `timeoutMs`: it runs through a vm script with a
 * timeout, and V8 interrupts a runaway parse or rule at the deadline. What `work` throws is thrown.
 */
export function runWithin<T>(timeoutMs: number, work: () => T): Timed<T> {
  let value: { v: T } | undefined;
  const outer = host[WORK];
  host[WORK] = () => {
    value = { v: work() };
  };
  try {
    CALL.runInThisContext({ timeout: timeoutMs });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { finished: false };
    throw error;
  } finally {
    if (outer) host[WORK] = outer;
    else delete host[WORK];
  }
  if (!value) throw new Error('the lint returned nothing');
  return { finished: true, value: value.v };
}
