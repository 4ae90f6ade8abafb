/**
 * In which order, and where, a run's files are linted: workers take them from the front of the order
 * (the largest first, so that no worker is left with a big one at the end); while no worker has started
 * yet, this thread takes them from the back (the smallest), so that the start of the workers is not
 * time lost — a worker takes longer to come up than a small file takes to lint.
 */

/** Lint work on this thread while the workers start: whether it is still wanted, and which files it may take. */
export interface ThreadHelp {
  /** False once a worker is up: from then on the workers take every file. */
  wanted(): boolean;
  /** Whether this file may be linted on this thread (a small one: this thread has no heap limit of its own). */
  fits(index: number): boolean;
}

/**
 * Runs `work` on every index in `order`, at most `lanes` at a time from the front, and with `help` also
 * on this thread from the back (`onThisThread` true) while it is wanted. After a failure no new work
 * starts, and it returns (rethrowing the first failure) only once every lane has settled, so that
 * nothing is still using a runner when the caller closes it. Returns how many files this thread took.
 */
export async function runInOrder(order: readonly number[], lanes: number, work: (index: number, onThisThread: boolean) => Promise<void>, help?: ThreadHelp): Promise<number> {
  let front = 0;
  let back = order.length;
  let failed = false;
  let helped = 0;
  const guarded = async (index: number, onThisThread: boolean): Promise<void> => {
    try {
      await work(index, onThisThread);
    } catch (error) {
      failed = true;
      throw error;
    }
  };
  const lane = async (): Promise<void> => {
    while (!failed && front < back) {
      const index = order[front++];
      if (index !== undefined) await guarded(index, false);
    }
  };
  const helper = async (): Promise<void> => {
    if (!help) return;
    for (;;) {
      // Lets the workers' messages in (linting here holds the event loop), so that a worker that has
      // come up is seen before this thread takes another file.
      await new Promise((resolve) => setImmediate(resolve));
      const index = order[back - 1];
      if (failed || front >= back || index === undefined || !help.wanted() || !help.fits(index)) return;
      back--;
      helped++;
      await guarded(index, true);
    }
  };
  const settled = await Promise.allSettled([...Array.from({ length: Math.min(lanes, order.length) }, lane), helper()]);
  const failure = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure) throw failure.reason;
  return helped;
}
