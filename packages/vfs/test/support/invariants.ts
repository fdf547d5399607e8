/**
 * Structural invariants of a VFS tree, checked by the randomized tests after many steps:
 * directory link counts (2 + subdirectories), parent and name back-links of directories,
 * link counts of other files equal to the names referring to them, and the page count of
 * each superblock equal to the pages its files hold.
 */
import type { Vfs, Vnode } from '../../src/index.js';

/** Returns a list of violated invariants (empty when all hold). */
export function checkInvariants(vfs: Vfs, openNodes: readonly Vnode[] = []): string[] {
  const problems: string[] = [];
  const refs = new Map<Vnode, number>();
  const files = new Set<Vnode>(openNodes.filter((n) => n.data !== null));
  const visit = (dir: Vnode, path: string): void => {
    let subdirs = 0;
    for (const [name, e] of dir.entries!) {
      let node = e.node;
      if (node.isDir) {
        subdirs++;
        if (node.parent !== dir) problems.push(`${path}/${name}: parent link is wrong`);
        if (node.name !== name) problems.push(`${path}/${name}: name is ${node.name}`);
        while (node.mounted !== null) node = node.mounted;
        visit(node, `${path}/${name}`);
      } else {
        refs.set(node, (refs.get(node) ?? 0) + 1);
        if (node.data !== null) files.add(node);
      }
    }
    if (dir.nlink !== 2 + subdirs) problems.push(`${path || '/'}: nlink ${dir.nlink}, expected ${2 + subdirs}`);
  };
  visit(vfs.root, '');
  for (const [node, n] of refs) if (node.nlink !== n) problems.push(`inode ${node.ino}: nlink ${node.nlink}, ${n} names`);
  const pages = new Map<unknown, number>();
  for (const f of files) pages.set(f.sb, (pages.get(f.sb) ?? 0) + f.data!.allocatedPages);
  for (const [sb, n] of pages) {
    const used = (sb as { usedPages: number }).usedPages;
    if (used !== n) problems.push(`superblock: usedPages ${used}, files hold ${n}`);
  }
  return problems;
}
