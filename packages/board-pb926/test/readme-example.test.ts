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

describe('README L4 examples', () => {
  it('boots the L4 test suite as documented', async () => {
    const logged: string[] = [];
    const log = (...args: unknown[]): void => {
      logged.push(args.map(String).join(' '));
    };
    const { findL4Image } = await import('@codezero-ts/userland');
    const { bootL4 } = await import('@codezero-ts/board-pb926');

    const result = bootL4({ elf: findL4Image('l4-test-suite').readImage() });
    log(result.status, result.outcome);
    log(result.console.split('\n')[3]);

    expect(logged).toEqual(['0 idle', 'THREAD CONTROL:            -- PASSED --']);
  });

  it('runs a kernel of your own on the platform as documented', async () => {
    const logged: string[] = [];
    const log = (...args: unknown[]): void => {
      logged.push(args.map(String).join(' '));
    };
    const { Kernel, getMr, receive, send, setMr } = await import('@codezero-ts/kernel');
    const { PB926_ADDRESS, Pb926Platform } = await import('@codezero-ts/board-pb926');

    let uart0 = '';
    const platform = new Pb926Platform({ ramSize: 32 << 20, console: (b) => (uart0 += String.fromCharCode(b)) });
    const kernel = new Kernel(platform);
    const echo = kernel.spawnServer(function* (self) {
      for (;;) {
        yield receive();
        setMr(self, 0, getMr(self, 0) + 1);
        yield send(getMr(self, 1));
      }
    });
    const code = new Uint32Array([0xe3a03029, 0xe3a00000 | echo, 0xe1a01000, 0xe3a02000, 0xe3a0c000, 0xe24cca01, 0xe12fff3c, 0xeafffffe]);
    const client = kernel.spawnProgram({ image: new Uint8Array(code.buffer), loadAddress: 0x10000 });
    kernel.run(10_000);
    log(kernel.thread(client)?.registers[3]);
    log(uart0.split('\n')[0]);
    log(platform.memory.read32(PB926_ADDRESS.timer01));

    expect(logged).toEqual(['42', 'code0: start kernel...', '1000']);
  });
});
