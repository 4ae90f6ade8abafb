import type { Readable } from 'node:stream';
import { AbstractMessageReader, type DataCallback, type Disposable, type Message } from './libs.js';

/** Largest frame read; a longer one is skipped (documents over the size limit are refused anyway). */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;
const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /^content-length:\s*(\d+)\s*$/im;

/**
 * Reads LSP frames ("Content-Length: n" headers, then n bytes of JSON) and survives bad ones. The
 * protocol library's own reader stops for good after one frame whose length is wrong (what follows
 * is never a header again); this one reports the bad frame and finds the next header, so that one
 * broken message costs that message, not the session.
 */
export class ResyncingMessageReader extends AbstractMessageReader {
  private buffer: Buffer = Buffer.alloc(0);
  /** Bytes of an oversized frame still to drop as they arrive. */
  private skipping = 0;
  private callback: DataCallback | undefined;

  constructor(
    private readonly input: Readable,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer): void => this.onData(chunk);
    const onError = (error: Error): void => this.fireError(error);
    const onEnd = (): void => this.fireClose();
    this.input.on('data', onData);
    this.input.on('error', onError);
    this.input.on('end', onEnd);
    this.input.on('close', onEnd);
    return {
      dispose: () => {
        this.input.off('data', onData);
        this.input.off('error', onError);
        this.input.off('end', onEnd);
        this.input.off('close', onEnd);
      },
    };
  }

  private onData(chunk: Buffer): void {
    if (this.skipping > 0) {
      const dropped = Math.min(this.skipping, chunk.length);
      this.skipping -= dropped;
      chunk = chunk.subarray(dropped);
    }
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf(HEADER_END);
      if (end < 0) {
        // A header is a few dozen bytes: this much without one is garbage; keep only a possible header start.
        if (this.buffer.length > 64 * 1024) this.resync('no frame header in 64 KB of input', this.buffer.length - 32);
        return;
      }
      const header = this.buffer.subarray(0, end).toString('ascii');
      const length = CONTENT_LENGTH.exec(header);
      if (!length?.[1]) {
        // Garbage glued to the front of a real header: keep the header.
        const inside = header.search(/content-length:\s*\d+\s*$/im);
        if (inside > 0) this.resync('bytes that are not a frame', inside);
        else this.resync('a frame without a valid Content-Length header', end + HEADER_END.length);
        continue;
      }
      const size = Number(length[1]);
      const start = end + HEADER_END.length;
      if (size > MAX_FRAME_BYTES) {
        this.log(`speclint: skipped a message of ${size.toLocaleString('en-US')} bytes (the limit is ${MAX_FRAME_BYTES.toLocaleString('en-US')})`);
        const available = this.buffer.length - start;
        this.skipping = Math.max(0, size - available);
        this.buffer = this.buffer.subarray(Math.min(this.buffer.length, start + size));
        continue;
      }
      if (this.buffer.length < start + size) return;
      const body = this.buffer.subarray(start, start + size).toString('utf8');
      this.buffer = this.buffer.subarray(start + size);
      let message: unknown;
      try {
        message = JSON.parse(body);
      } catch {
        // Usually a wrong Content-Length: the rest of the body now heads the buffer. Find the next frame.
        this.resync('a message that is not JSON (is its Content-Length right?)');
        continue;
      }
      if (typeof message !== 'object' || message === null || Array.isArray(message)) {
        this.log('speclint: ignored a message that is not a JSON-RPC object');
        continue;
      }
      this.callback?.(message as Message);
    }
  }

  /** Drops input up to the next "Content-Length:" at or after `from` (the start of a frame), after saying why. */
  private resync(reason: string, from = 0): void {
    this.log(`speclint: ignored ${reason}`);
    const next = this.buffer.toString('latin1', from).search(/content-length:/i);
    // None yet: keep a tail that may be the start of the next header.
    this.buffer = this.buffer.subarray(next < 0 ? Math.max(from, this.buffer.length - 32) : from + next);
  }
}
