import { Kernel, getMr, receive, send, setMr } from '@codezero-ts/kernel';
import { describe, expect, it } from 'vitest';
import { L4System, PB926_ADDRESS, Pb926Platform, bootL4 } from '../src/index.js';
import { LOAD, guestOutput, uart3IrqProgram, clientProgram, echoServerProgram, helloProgram, sp804IrqProgram, spinner } from './l4-programs.js';

const MiB = 1024 * 1024;

describe('Pb926Platform drivers', () => {
  it('program the VIC/SIC, the tick SP804 and UART0 through their registers', () => {
    let text = '';
    const platform = new Pb926Platform({ ramSize: 16 * MiB, console: (b) => (text += String.fromCharCode(b)) });
    new Kernel(platform, { ticksPerSecond: 250 });
    const { vic, timers, uarts } = platform.devices;
    expect(vic.read(0x10) >>> 0).toBe(0x80000010); // cascade + timer 0/1
    expect(timers[0].read(0x00)).toBe(4000); // 1 MHz / 250
    expect(timers[0].read(0x08)).toBe(0xe2);
    expect(uarts[0].read(0x30)).toBe(0x301);
    expect(uarts[0].read(0x2c)).toBe(0x70);
    expect(text.startsWith('code0: start kernel...\n')).toBe(true); // the kernel's boot lines went through UART0
    text = '';
    platform.console.write(0x41);
    expect(text).toBe('A');
    expect(platform.console.read()).toBe(-1);
    platform.sendInput([0x7a]);
    expect(platform.console.read()).toBe(0x7a);
  });

  it('report the SP804 tick through the VIC, and SIC sources as 32 + n', () => {
    const platform = new Pb926Platform({ ramSize: 16 * MiB, instructionsPerSecond: 1_000_000 });
    const { interrupts, timer, clock } = platform;
    interrupts.enable(timer.irq);
    timer.start(1000);
    expect(interrupts.pending()).toBe(-1);
    expect(clock.instructionsUntilEvent()).toBe(1000);
    expect(clock.idle()).toBe(true);
    expect(platform.idleInstructions).toBe(1000);
    expect(interrupts.pending()).toBe(4);
    timer.acknowledge();
    expect(interrupts.pending()).toBe(-1);
    // UART3 sits on SIC 6: raise its RX interrupt and route it.
    const uart3 = PB926_ADDRESS.uart3;
    platform.memory.write32(uart3 + 0x38, 0x10);
    platform.devices.uarts[3].receive([1]);
    expect(interrupts.pending()).toBe(-1);
    interrupts.enable(32 + 6);
    expect(interrupts.pending()).toBe(38);
    interrupts.disable(38);
    expect(interrupts.pending()).toBe(-1);
  });
});

describe('the kernel on the PB926 platform', () => {
  it('runs a hand-assembled client that calls an ARM echo server in another space and reads its ids', () => {
    const system = new L4System({ ramSize: 16 * MiB, image: clientProgram(2), countTraps: true });
    const server = system.kernel.spawnProgram({ image: echoServerProgram(), loadAddress: LOAD });
    expect(server).toBe(2);
    expect(system.run(200_000)).toBe('budget');
    const r = system.kernel.thread(system.firstThread)!.registers;
    expect(r[8]).toBe(0); // ipc result
    expect(r[9]).toBe(42); // MR0 + 1
    expect(r[4]).toBe(0); // getid result
    expect([r[5], r[6], r[7]]).toEqual([1, 1, 1]);
    // client call, server receive, reply, receive again: four ipc calls; one getid.
    expect(system.platform.traps).toMatchObject({ ipcCalls: 4, syscalls: 5, aborts: 0, undefinedInstructions: 0, otherSwis: 0 });
  });

  it('runs an ARM client against a TypeScript server', () => {
    const system = new L4System({ ramSize: 16 * MiB, image: clientProgram(2) });
    system.kernel.spawnServer(function* (self) {
      for (;;) {
        yield receive();
        setMr(self, 0, getMr(self, 0) * 2);
        yield send(getMr(self, 1));
      }
    });
    system.run(100_000);
    expect(system.kernel.thread(1)!.registers[9]).toBe(82);
  });

  it('preempts two looping ARM threads by SP804 ticks in proportion to their priority', () => {
    const scenario = () => {
      const platform = new Pb926Platform({ ramSize: 16 * MiB, instructionsPerSecond: 1_000_000 });
      const kernel = new Kernel(platform);
      const a = kernel.spawnProgram({ image: spinner(), loadAddress: LOAD, priority: 4 });
      const b = kernel.spawnProgram({ image: spinner(), loadAddress: LOAD, priority: 8 });
      expect(kernel.run(2_000_000)).toBe('budget');
      const ra = kernel.thread(a)!.registers[1]!;
      const rb = kernel.thread(b)!.registers[1]!;
      return { ra, rb, instructions: kernel.instructions, ticks: kernel.scheduler.now };
    };
    const first = scenario();
    expect(first.instructions).toBe(2_000_000);
    expect(first.ticks).toBeGreaterThanOrEqual(1990);
    expect(first.ra + first.rb).toBeGreaterThan(990_000);
    expect(first.rb / first.ra).toBeGreaterThan(1.7);
    expect(first.rb / first.ra).toBeLessThan(2.3);
    expect(scenario()).toEqual(first);
  });

  it('prints a program’s output and the kernel’s lines through the PL011', () => {
    const result = bootL4({ ramSize: 16 * MiB, image: helloProgram('hello from L4 on the PB926\n') });
    expect(result).toMatchObject({ status: 0, outcome: 'idle' });
    expect(result.console).toMatch(/^code0: start kernel\.\.\.\n(code0: .*\n)*hello from L4 on the PB926\n$/);
    const faulty = bootL4({ ramSize: 16 * MiB, image: new Uint8Array([0xf0, 0x00, 0xf0, 0xe7]) }); // udf
    expect(faulty.status).toBe(0);
    expect(guestOutput(faulty.console)).toBe('Thread (1) raised exception 1 at 0x10000 with no pager; destroyed.\n');
  });

  it('delivers the spare SP804 (VIC 5) to a user-level driver through irq_control', () => {
    const system = new L4System({ ramSize: 16 * MiB, image: sp804IrqProgram(5, 1000, false) });
    system.run(500_000);
    const r = system.kernel.thread(1)!.registers;
    expect(r[7]).toBe(0); // register
    expect(r[8]).toBe(1); // one notification per wait
    expect(r[9]).toBe(5);
    // Five periods of 1 ms at 100 M instructions per second, slept through by the idle loop.
    expect(system.platform.idleInstructions).toBeGreaterThanOrEqual(5 * 100_000 - 5_000);
    expect(system.platform.devices.timers[1].read(0x08)).toBe(0);
    const done = bootL4({ ramSize: 16 * MiB, image: sp804IrqProgram(3) });
    expect(done.status).toBe(0);
    expect(guestOutput(done.console)).toBe('irq done\n');
  });

  it('delivers a SIC source (UART3 receive, interrupt 38) to a user-level driver through the cascade', () => {
    const system = new L4System({ ramSize: 16 * MiB, image: uart3IrqProgram() });
    expect(system.run(100_000)).toBe('budget');
    const before = system.kernel.thread(1)!.registers;
    expect(before[7]).toBe(0);
    expect(before[9]).toBe(0); // still waiting
    system.platform.devices.uarts[3].receive([0x41]);
    system.run(100_000);
    const r = system.kernel.thread(1)!.registers;
    expect(r[8]).toBe(1);
    expect(r[9]).toBe(0x41);
  });

  it('gives identical console output and instruction counts on every run', () => {
    const once = () => {
      // 1 M instructions per second: a 1 ms tick is 1000 instructions, so the run spans 3000 ticks.
      const system = new L4System({ ramSize: 16 * MiB, instructionsPerSecond: 1_000_000, image: sp804IrqProgram(4, 700) });
      system.kernel.spawnProgram({ image: spinner(), loadAddress: LOAD, priority: 2 });
      system.kernel.spawnProgram({ image: helloProgram('second\n'), loadAddress: LOAD });
      const outcome = system.run(3_000_000);
      return { outcome, console: system.console, instructions: system.instructions, ticks: system.ticks, r1: system.kernel.thread(2)?.registers[1] };
    };
    const first = once();
    expect(first.console).toContain('irq done\n');
    expect(first.console).toContain('second\n');
    expect(once()).toEqual(first);
  });
});
