import { detachKeyIndex } from './detach-key.js';
import type { MachineInput } from './machine.js';

/** The host side of the emulated console: where input comes from, and the terminal's state. */
export interface ConsoleHost {
  /** Input bytes for the console, or null when there are none. */
  readonly input: MachineInput | null;
  /**
   * True when standard input is a terminal: bytes go to the console as typed (the host
   * terminal in raw mode). False for a pipe or file: one line each time the guest waits.
   */
  readonly interactive: boolean;
  /** The host terminal's window size, if known. */
  size?(): { readonly rows: number; readonly columns: number } | undefined;
  /** Puts the host terminal in raw mode (true) or back (false). */
  setRaw?(on: boolean): void;
  /** Calls `listener` when the host window is resized; returns a function that stops. */
  onResize?(listener: (rows: number, columns: number) => void): () => void;
}

/** Signals after which the host terminal is restored before the process ends. */
const FATAL_SIGNALS = ['SIGTERM', 'SIGHUP', 'SIGINT', 'SIGQUIT'] as const;

/**
 * The process's own standard input and output as a {@link ConsoleHost}: raw mode on a
 * terminal (restored at exit, on SIGTERM/SIGHUP/SIGINT/SIGQUIT and on errors), window size
 * and resize events from standard output. On a terminal the detach key (Ctrl-]) is taken
 * out of the input and reported to `onDetach`.
 */
export function processConsoleHost(): ConsoleHost {
  const stdin = process.stdin;
  const stdout = process.stdout;
  const interactive = stdin.isTTY;
  let data: ((b: Buffer) => void) | null = null;
  let end: (() => void) | null = null;
  let raw = false;
  const restore = (): void => {
    if (raw && stdin.isTTY) stdin.setRawMode(false);
    raw = false;
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    restore();
    process.kill(process.pid, signal);
  };
  return {
    interactive,
    input: {
      start(onData, onEnd, onDetach) {
        data = (b) => {
          const bytes = new Uint8Array(b);
          const at = interactive && onDetach !== undefined ? detachKeyIndex(bytes) : -1;
          if (at < 0) {
            onData(bytes);
            return;
          }
          if (at > 0) onData(bytes.subarray(0, at));
          onDetach?.();
        };
        end = onEnd;
        stdin.on('data', data);
        stdin.on('end', end);
        stdin.resume();
      },
      stop() {
        if (data !== null) stdin.off('data', data);
        if (end !== null) stdin.off('end', end);
        stdin.pause();
      },
    },
    size() {
      return stdout.isTTY ? { rows: stdout.rows, columns: stdout.columns } : undefined;
    },
    setRaw(on) {
      if (!stdin.isTTY) return;
      if (on && !raw) {
        stdin.setRawMode(true);
        raw = true;
        process.once('exit', restore);
        for (const s of FATAL_SIGNALS) process.once(s, onSignal);
      } else if (!on && raw) {
        restore();
        process.off('exit', restore);
        for (const s of FATAL_SIGNALS) process.off(s, onSignal);
      }
    },
    onResize(listener) {
      if (!stdout.isTTY) return () => undefined;
      const h = (): void => {
        listener(stdout.rows, stdout.columns);
      };
      stdout.on('resize', h);
      return () => {
        stdout.off('resize', h);
      };
    },
  };
}
