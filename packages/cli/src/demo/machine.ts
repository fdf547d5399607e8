import { disassembleArm } from '@codezero-ts/arm-core';
import { Pb926Machine } from '@codezero-ts/board-pb926';
import { findBareMetalImage } from '@codezero-ts/userland';

/**
 * The hardware section of the tour: boots the `hello` bare-metal image on the emulated
 * Versatile PB926 (ARM926EJ-S CPU, MMU, VIC, timers, UART) and disassembles its first
 * instructions.
 */
export async function machineTour(): Promise<string[]> {
  let text = '';
  const machine = new Pb926Machine({ semihosting: true, console: (byte) => { text += String.fromCharCode(byte); } });
  const image = await findBareMetalImage('hello').loadImage();
  machine.loadImage(image);
  const entry = machine.getReg(15) >>> 0;
  const listing = [0, 4, 8, 12].map((off) => {
    const word = machine.readMemory(entry + off, 4);
    const value = (word[0]! | (word[1]! << 8) | (word[2]! << 16) | (word[3]! << 24)) >>> 0;
    return `    ${disassembleArm(value, entry + off).text}`;
  });
  const result = machine.run(10_000_000);
  const lines = [`machine: booted hello.elf at 0x${entry.toString(16)}; first instructions:`, ...listing];
  lines.push(`  console: ${JSON.stringify(text.split('\n')[0] ?? '')}`);
  lines.push(`  stopped: ${result.reason} with status ${String(result.exitCode)} after ${result.instructions} instructions`);
  return lines;
}
