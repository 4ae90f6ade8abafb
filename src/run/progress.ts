/** Waits this long before showing anything: a quick run prints no progress at all. */
const SHOW_AFTER_MS = 1000;
const REDRAW_EVERY_MS = 200;

/**
 * A progress line on stderr ("speclint: 120/2892 files, 45 files/s"), redrawn in place and erased at
 * the end. The caller enables it only for a terminal and a human format.
 */
export class Progress {
  private done = 0;
  private lastDraw = 0;
  private drawn = false;
  private readonly started: number;

  constructor(
    private readonly total: number,
    private readonly write: (text: string) => void,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.started = now();
  }

  tick(): void {
    this.done++;
    const now = this.now();
    const elapsed = now - this.started;
    if (elapsed < SHOW_AFTER_MS || now - this.lastDraw < REDRAW_EVERY_MS || this.done === this.total) return;
    this.lastDraw = now;
    const rate = (this.done * 1000) / elapsed;
    this.write(`\r\u001b[Kspeclint: ${this.done}/${this.total} files, ${rate >= 10 ? Math.round(rate) : rate.toFixed(1)} files/s`);
    this.drawn = true;
  }

  finish(): void {
    if (this.drawn) this.write('\r\u001b[K');
    this.drawn = false;
  }
}
