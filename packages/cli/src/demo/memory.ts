import { Kmalloc, MemCache } from '@codezero-ts/memcache';
import type { PageSource } from '@codezero-ts/memcache';
import { IdPool, PageAllocator } from '@codezero-ts/page-alloc';

const PAGE_SIZE = 4096;

const hex = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;

/** A memcache page source over a page allocator: frames become byte addresses. */
function pagesFrom(allocator: PageAllocator): PageSource {
  return {
    pageSize: PAGE_SIZE,
    allocPages(count, alignPages = 1) {
      const frame = allocator.allocateAligned(count, alignPages);
      return frame < 0 ? -1 : frame * PAGE_SIZE;
    },
    freePages(address) {
      allocator.free(address / PAGE_SIZE);
    },
  };
}

/**
 * The memory section of the tour: a page allocator over the 128 MiB of the Versatile PB's
 * SDRAM with the kernel image reserved, page tables from memcaches, kmalloc, thread ids.
 * Returns the lines it prints.
 */
export function memoryTour(): string[] {
  const lines: string[] = [];
  const frames = (128 * 1024 * 1024) / PAGE_SIZE;
  const pages = new PageAllocator(frames, { reserved: [{ first: 0, count: 256, label: 'kernel image' }] });
  lines.push(`page-alloc: ${frames} frames of 4 KiB (128 MiB), first 1 MiB reserved for the kernel image`);
  lines.push(`  free ${pages.freeCount}, largest free block ${pages.largestFreeBlock} frames`);

  const source = pagesFrom(pages);
  const pgd = new MemCache(source, 16384, { align: 16384, name: 'pgd' });
  const pmd = new MemCache(source, 1024, { align: 1024, name: 'pmd' });
  const firstLevel = pgd.alloc();
  const secondLevel = [pmd.alloc(), pmd.alloc(), pmd.alloc()];
  lines.push(`memcache: first-level table at ${hex(firstLevel)} (16 KiB aligned), second-level tables at ${secondLevel.map(hex).join(', ')}`);

  const kmalloc = new Kmalloc(source);
  const sizes = [24, 100, 512, 3000, 20000];
  const blocks = sizes.map((size) => kmalloc.kmalloc(size));
  lines.push(`kmalloc: ${sizes.map((s, i) => `${s} B → ${hex(blocks[i] ?? -1)}`).join(', ')}`);
  lines.push(`  all 8-byte aligned: ${blocks.every((b) => b % 8 === 0)}; pages in use now ${pages.usedCount}`);

  const tids = new IdPool(1024);
  const idle = tids.allocate();
  const pager = tids.allocate();
  const first = tids.allocate();
  tids.free(pager);
  lines.push(`id pool: thread ids ${idle}, ${pager}, ${first}; after freeing ${pager} the next id is ${tids.allocate()} (lowest first)`);

  for (const b of blocks) kmalloc.kfree(b);
  for (const t of secondLevel) pmd.free(t);
  pgd.free(firstLevel);
  const stats = pages.stats();
  lines.push(`after freeing everything: ${stats.freeFrames} frames free, state equals the initial state: ${pages.equalsInitial()}`);
  return lines;
}
