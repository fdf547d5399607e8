import type { FrameAllocator, PageMapper, PhysicalMemory } from '@codezero-ts/vm-objects';
import { PAGE_SIZE, VmSystem } from '@codezero-ts/vm-objects';

/** Stack of single frames. */
class StackFrames implements FrameAllocator {
  private readonly stack: Int32Array;
  private top: number;

  constructor(total: number) {
    this.stack = new Int32Array(total);
    for (let i = 0; i < total; i++) this.stack[i] = total - 1 - i;
    this.top = total;
  }

  allocate(count: number): number {
    if (count !== 1 || this.top === 0) return -1;
    return this.stack[--this.top]!;
  }

  free(firstFrame: number): void {
    this.stack[this.top++] = firstFrame;
  }

  get freeCount(): number {
    return this.top;
  }
}

/** Physical memory as one typed array. */
class FlatMemory implements PhysicalMemory {
  private readonly ram: Uint8Array;

  constructor(frames: number) {
    this.ram = new Uint8Array(frames * PAGE_SIZE);
  }

  copyFrame(dst: number, src: number): void {
    this.ram.copyWithin(dst * PAGE_SIZE, src * PAGE_SIZE, (src + 1) * PAGE_SIZE);
  }

  zeroFrame(frame: number): void {
    this.ram.fill(0, frame * PAGE_SIZE, (frame + 1) * PAGE_SIZE);
  }

  read(frame: number, offset: number, into: Uint8Array): void {
    const at = frame * PAGE_SIZE + offset;
    into.set(this.ram.subarray(at, at + into.length));
  }

  write(frame: number, offset: number, from: Uint8Array): void {
    this.ram.set(from, frame * PAGE_SIZE + offset);
  }
}

/** Page tables are the kernel's cost, not ours: this mapper does nothing. */
const nullMapper: PageMapper = {
  map(): void {
    /* nothing */
  },
  unmap(): void {
    /* nothing */
  },
  protect(): void {
    /* nothing */
  },
};

/** A VmSystem over `frames` frames of flat memory and a do-nothing mapper. */
export function benchVm(frames: number): VmSystem {
  return new VmSystem({ frames: new StackFrames(frames), mapper: nullMapper, memory: new FlatMemory(frames) });
}
