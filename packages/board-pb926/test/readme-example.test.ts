import { describe, expect, it } from 'vitest';
import { PB926_ADDRESS, SignalLine, VirtualClock, createPb926Devices } from '@codezero-ts/board-pb926';

describe('README example', () => {
  it('runs as documented', () => {
    const logged: string[] = [];
    const log = (...args: unknown[]): void => {
      logged.push(args.map(String).join(' '));
    };

    const clock = new VirtualClock();
    let console0 = '';
    const board = createPb926Devices({ clock, uartOutput: [(byte) => (console0 += String.fromCharCode(byte))] });

    const irq = new SignalLine();
    board.vic.connect(irq, new SignalLine());

    const { bus } = board;
    bus.write32(PB926_ADDRESS.vic + 0x10, 1 << 4);
    bus.write32(PB926_ADDRESS.timer01 + 0x00, 1000);
    bus.write32(PB926_ADDRESS.timer01 + 0x08, 0xe2);

    const budget = clock.instructionsUntil(clock.nextEventTime());
    clock.advance(budget);
    clock.runDue();
    log(budget, irq.level);

    for (const ch of 'ok\n') bus.write32(PB926_ADDRESS.uart0, ch.charCodeAt(0));
    log(JSON.stringify(console0));
    log((bus.read32(0x10000000) >>> 0).toString(16));

    expect(logged).toEqual(['100000 true', '"ok\\n"', '41007004']);
  });
});

describe('README machine example', () => {
  it('runs as documented', async () => {
    const logged: string[] = [];
    const log = (...args: unknown[]): void => {
      logged.push(args.map(String).join(' '));
    };

    const { findBareMetalImage } = await import('@codezero-ts/userland');
    const { Pb926Machine } = await import('@codezero-ts/board-pb926');
    let text = '';
    const machine = new Pb926Machine({ semihosting: true, console: (byte) => (text += String.fromCharCode(byte)) });
    machine.loadImage(await findBareMetalImage('hello').loadImage());
    const result = machine.run(10_000_000);
    log(result.reason, result.exitCode, result.instructions);
    log(text.split('\n')[0]);

    expect(logged).toEqual(['exit 0 3152', 'hello from the Versatile PB']);
  });
});
