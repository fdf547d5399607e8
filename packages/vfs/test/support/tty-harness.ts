import { Tty, WOULD_BLOCK, type TtyOptions } from '../../src/index.js';

/** A Tty with its screen output and signals collected, plus helpers to type and read. */
export interface TtyHarness {
  readonly tty: Tty;
  readonly signals: [number, number][];
  /** Everything sent to the sink so far, as a latin1 string. */
  screen(): string;
  /** Types bytes. */
  type(s: string | Uint8Array): void;
  /** Reads until the terminal would block: each read's text, null for a 0-byte read (at most `max` reads). */
  drain(size?: number, max?: number): (string | null)[];
}

const latin1 = (b: Uint8Array): string => String.fromCharCode(...b);

export function ttyHarness(options: TtyOptions = {}): TtyHarness {
  const out: string[] = [];
  const signals: [number, number][] = [];
  const tty = new Tty({
    ...options,
    sink: (b) => out.push(latin1(b)),
    onSignal: (s, p) => signals.push([s, p]),
  });
  return {
    tty,
    signals,
    screen: () => out.join(''),
    type: (s) => {
      tty.input(typeof s === 'string' ? Uint8Array.from(s, (ch) => ch.charCodeAt(0)) : s);
    },
    drain: (size = 65536, max = 200) => {
      const reads: (string | null)[] = [];
      const buf = new Uint8Array(size);
      for (let i = 0; i < max; i++) {
        const n = tty.read(buf, 0, size, false);
        if (n === WOULD_BLOCK) break;
        if (n < 0) throw new Error(`read failed: ${String(n)}`);
        reads.push(n === 0 ? null : latin1(buf.subarray(0, n)));
        if (n === 0 && tty.ended) break;
      }
      return reads;
    },
  };
}
