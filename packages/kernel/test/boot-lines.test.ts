import { describe, expect, it } from 'vitest';
import { Kernel, VirtualPlatform } from '../src/index.js';

describe('boot', () => {
  it("prints the original's boot lines on the platform console", () => {
    const platform = new VirtualPlatform();
    new Kernel(platform);
    expect(platform.consoleOutput).toBe('code0: start kernel...\ncode0: Init kernel mappings...\ncode0: Virtual memory enabled.\n');
  });

  it('sends them to the log option instead when one is given', () => {
    const platform = new VirtualPlatform();
    const log: string[] = [];
    new Kernel(platform, { log: (l) => log.push(l) });
    expect(log).toEqual(['code0: start kernel...', 'code0: Init kernel mappings...', 'code0: Virtual memory enabled.']);
    expect(platform.consoleOutput).toBe('');
  });
});
