import type { ServerContext } from '../../src/index.js';
import { Kernel, VirtualPlatform, getMr, receive } from '../../src/index.js';
import type { KernelOptions, ServerBody } from '../../src/index.js';
import type { VirtualPlatformOptions } from '../../src/index.js';

/** A kernel on a virtual platform, with its log lines collected. */
export interface Machine {
  readonly platform: VirtualPlatform;
  readonly kernel: Kernel;
  readonly log: string[];
}

export function machine(p: VirtualPlatformOptions = {}, k: KernelOptions = {}): Machine {
  const platform = new VirtualPlatform(p);
  const log: string[] = [];
  const kernel = new Kernel(platform, { log: (l) => log.push(l), ...k });
  log.length = 0; // the boot lines (tested in boot.test.ts)
  return { platform, kernel, log };
}

/** One message a collector received: the receive's result and MR0..MR5 (MR1 = sender). */
export interface Received {
  readonly result: number;
  readonly mr: readonly number[];
}

/** A server that receives from anyone forever and records each message. */
export function collector(out: Received[]): ServerBody {
  return function* (self: ServerContext) {
    for (;;) {
      const r: number = yield receive();
      out.push({ result: r, mr: [0, 1, 2, 3, 4, 5].map((i) => getMr(self, i)) });
    }
  };
}
