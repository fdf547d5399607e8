import { expect, it } from 'vitest';
import { Kernel, VirtualPlatform, getMr, receive, send, setMr } from '../src/index.js';

it('runs the README example', () => {
  // --- README example begins
  const platform = new VirtualPlatform(); // or a board's Platform
  const kernel = new Kernel(platform);

  // A TypeScript server thread: answers every request with MR0 + 1.
  const echo = kernel.spawnServer(
    function* (self) {
      for (;;) {
        yield receive(); // from any thread: the sender's id lands in MR1
        setMr(self, 0, getMr(self, 0) + 1);
        yield send(getMr(self, 1));
      }
    },
    { name: 'echo' },
  );

  // An ARM thread calls it through the syscall page (MR0 travels in r3).
  const code = new Uint32Array([
    0xe3a03029, //        mov r3, #41          MR0
    0xe3a00000 | echo, // mov r0, #echo        to
    0xe1a01000, //        mov r1, r0           from = to: a call (send, then wait for the reply)
    0xe3a02000, //        mov r2, #0           short IPC
    0xe3a0c000, //        mov ip, #0
    0xe24cca01, //        sub ip, ip, #0x1000  ip = 0xFFFFF000, the ipc slot
    0xe12fff3c, //        blx ip
    0xeafffffe, //        b .
  ]);
  const client = kernel.spawnProgram({ image: new Uint8Array(code.buffer), loadAddress: 0x10000 });
  kernel.run(10_000);
  console.log(kernel.thread(client)?.registers[3]); // 42
  // --- README example ends
  expect(kernel.thread(client)?.registers[3]).toBe(42);
  expect(kernel.thread(client)?.registers[0]).toBe(0);
});
