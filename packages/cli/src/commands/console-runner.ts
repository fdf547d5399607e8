import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { CliIo } from '../api.js';
import type { ConsoleText } from './console-text.js';
import type { MachineInput } from './machine.js';
import { hostMilliseconds } from './host-clock.js';

/** What one step of a {@link SteppedGuest} ended with. */
export type StepOutcome =
  /** The run is over (the guest exited, or nothing can ever run again). */
  | 'done'
  /** The budget ran out with work left: step again after a look at the host event loop. */
  | 'running'
  /** Everything waits for an interrupt: step again after the next timer event or input. */
  | 'waiting';

/** A guest system the console runner drives in steps (`machine`, `boot --l4`). */
export interface SteppedGuest {
  /** Guest instructions executed so far. */
  readonly instructions: number;
  /** Runs at most `budget` instructions. */
  step(budget: number): StepOutcome;
  /** After `'waiting'`: host milliseconds until the next timer event (Infinity: only input wakes it). */
  millisecondsToNextEvent(): number;
  /** Queues input bytes for the console UART. */
  sendInput(bytes: Uint8Array): void;
}

/** Settings of {@link runConsole}. */
export interface ConsoleRunOptions {
  /** The command's name for stderr notes (`codezero machine`). */
  readonly command: string;
  /** Instructions per step between looks at the host event loop. */
  readonly chunk: number;
  /** Stop after this many instructions (Infinity for none). */
  readonly maxInstructions: number;
  /** Note printed when the guest waits for an interrupt that nothing can raise. */
  readonly stuckNote: string;
}

/** How {@link runConsole} ended, and the wall seconds the run took. */
export interface ConsoleRunResult {
  /** `done`: the guest ended; `limit`: the instruction limit; `stuck`: waiting for nothing. */
  readonly reason: 'done' | 'limit' | 'stuck';
  /** Wall seconds from the first step to the end. */
  readonly seconds: number;
}

/**
 * The streaming run loop shared by `codezero machine` and `codezero boot --l4`: runs the
 * guest in steps, writes its console output after each step, yields to the host event loop
 * between steps (so input arrives and ^C works), and while the guest waits for an
 * interrupt sleeps until the next timer event or the next input, whichever comes first.
 * Stops at the instruction limit or when the guest waits and no input can ever come, with
 * a note on stderr.
 */
export async function runConsole(guest: SteppedGuest, text: ConsoleText, io: CliIo, input: MachineInput | null, options: ConsoleRunOptions): Promise<ConsoleRunResult> {
  let inputOpen = input !== null;
  let wake: (() => void) | null = null;
  input?.start(
    (bytes) => {
      guest.sendInput(bytes);
      wake?.();
    },
    () => {
      inputOpen = false;
      wake?.();
    },
  );
  const started = hostMilliseconds();
  let reason: ConsoleRunResult['reason'] = 'done';
  try {
    for (;;) {
      const left = options.maxInstructions - guest.instructions;
      if (left <= 0) {
        io.stderr(`${options.command}: stopped at the instruction limit (${String(options.maxInstructions)})\n`);
        reason = 'limit';
        break;
      }
      const outcome = guest.step(Math.min(options.chunk, left));
      text.flush();
      if (outcome === 'done') break;
      if (outcome === 'waiting') {
        const ms = guest.millisecondsToNextEvent();
        if (ms === Infinity && !inputOpen) {
          io.stderr(`${options.command}: ${options.stuckNote}\n`);
          reason = 'stuck';
          break;
        }
        await Promise.race([
          sleep(Math.min(ms, 50)),
          new Promise<void>((resolve) => {
            wake = resolve;
          }),
        ]);
        wake = null;
        continue;
      }
      await nextTurn();
    }
  } finally {
    input?.stop();
    text.end();
  }
  return { reason, seconds: (hostMilliseconds() - started) / 1000 };
}
