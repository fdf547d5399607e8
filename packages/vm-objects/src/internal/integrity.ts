import type { IntegrityReport, VmStats } from '../api.js';
import { ObjKind } from './vm-object.js';
import type { VmObject } from './vm-object.js';
import type { VmState } from './vm-state.js';

/**
 * Checks the invariants of spec §3.3 plus the chain-shape rules this package keeps.
 * Returns every violation found; `ok` is true when there is none.
 */
export function checkState(st: VmState): IntegrityReport {
  const problems: string[] = [];
  const bad = (msg: string): void => {
    if (problems.length < 50) problems.push(msg);
  };
  const links = new Map<VmObject, number>();

  // Spaces and vmas.
  if (st.spaceCount !== st.spaces.size) bad(`task count ${st.spaceCount} != ${st.spaces.size} spaces`);
  for (const [id, space] of st.spaces) {
    let prevEnd = -1;
    for (const vma of space.vmas) {
      const where = `space ${id} vma [${vma.start.toString(16)}, ${vma.end.toString(16)})`;
      if (vma.space !== id) bad(`${where} records space ${vma.space}`);
      if (vma.start >= vma.end) bad(`${where} is empty`);
      if (vma.start < prevEnd) bad(`${where} overlaps the previous vma`);
      prevEnd = vma.end;
      const chain = vma.links;
      if (chain.length === 0) {
        bad(`${where} has no links`);
        continue;
      }
      for (let i = 0; i < chain.length; i++) {
        const obj = chain[i]!;
        links.set(obj, (links.get(obj) ?? 0) + 1);
        if (obj.dead) bad(`${where} links destroyed object ${obj.id}`);
        if (!obj.users.has(vma)) bad(`${where} links object ${obj.id} which does not list it`);
        if (i > 0 && obj.writable) bad(`${where}: writable object ${obj.id} is not first in its chain`);
        const next = chain[i + 1];
        if (obj.kind === ObjKind.SHADOW) {
          if (next === undefined) bad(`${where}: shadow ${obj.id} is last in its chain`);
          else if (obj.orig !== next) bad(`${where}: shadow ${obj.id} shadows ${obj.orig?.id} but ${next.id} follows it`);
        } else if (obj.kind === ObjKind.SHM) {
          if (next !== st.devzero || chain.length !== i + 2) bad(`${where}: shm object ${obj.id} is not followed by /dev/zero alone`);
        } else if (next !== undefined) {
          bad(`${where}: file object ${obj.id} is followed by ${next.id}`);
        }
      }
      if (vma.shared && chain[0]!.kind === ObjKind.SHADOW) bad(`${where}: shared vma has a shadow on top`);
    }
  }

  // Objects.
  let shadowObjects = 0;
  let shadowSum = 0;
  let fileObjects = 0;
  let devzeros = 0;
  const frameOwner = new Map<number, VmObject>();
  for (const obj of st.objects) {
    const counted = links.get(obj) ?? 0;
    if (counted !== obj.nlinks) bad(`object ${obj.id}: ${counted} links counted, nlinks ${obj.nlinks}`);
    if (obj.users.size !== obj.nlinks) bad(`object ${obj.id}: ${obj.users.size} users, nlinks ${obj.nlinks}`);
    if (obj.shadowers.size !== obj.shadows) bad(`object ${obj.id}: ${obj.shadowers.size} shadowers, shadows ${obj.shadows}`);
    for (const s of obj.shadowers) if (s.orig !== obj || s.dead) bad(`object ${obj.id} lists shadower ${s.id} that does not shadow it`);
    shadowSum += obj.shadows;
    if (obj.kind === ObjKind.SHADOW) {
      shadowObjects++;
      if (obj.orig === null || !st.objects.has(obj.orig)) bad(`shadow ${obj.id} shadows nothing live`);
      else if (!obj.orig.shadowers.has(obj)) bad(`shadow ${obj.id} is missing from its original's shadowers`);
      if (obj.nlinks === 0) bad(`shadow ${obj.id} has no links and was not deleted`);
      if (obj.shadows === 1) {
        const top = obj.shadowers.values().next().value!;
        if (top.nlinks === obj.nlinks) bad(`shadow ${obj.id} should have merged into ${top.id}`);
      }
      if (obj.writable) {
        for (const vma of obj.users) {
          if (vma.links[0] !== obj) bad(`writable shadow ${obj.id} is not on top`);
          if (vma.space !== obj.users.values().next().value!.space) bad(`writable shadow ${obj.id} is linked by two spaces`);
        }
      }
    } else {
      fileObjects++;
      if (obj.kind === ObjKind.DEVZERO) devzeros++;
      if (!st.vmFiles.has(obj)) bad(`file object ${obj.id} is not a registered vm file`);
      if (obj.kind === ObjKind.VFS && obj.nlinks === 0 && obj.openers === 0) bad(`file object ${obj.id} is unused and was not deleted`);
      if (obj.kind === ObjKind.SHM && obj.fileId < 0 && obj.nlinks === 0) bad(`anonymous shared object ${obj.id} is unused`);
    }
    if (obj.kind !== ObjKind.DEVZERO) {
      for (const frame of obj.pages.values()) {
        const other = frameOwner.get(frame);
        if (other !== undefined) bad(`frame ${frame} is held by objects ${other.id} and ${obj.id}`);
        if (frame === st.zeroFrame) bad(`object ${obj.id} holds the zero page`);
        frameOwner.set(frame, obj);
      }
    }
    for (const off of obj.dirty) if (!obj.pages.has(off)) bad(`object ${obj.id}: dirty page ${off} is not cached`);
  }
  for (const obj of links.keys()) if (!st.objects.has(obj)) bad(`a vma links unregistered object ${obj.id}`);
  if (shadowObjects !== shadowSum) bad(`${shadowObjects} shadow objects but shadows sum to ${shadowSum}`);
  if (st.vmFiles.size !== fileObjects) bad(`${st.vmFiles.size} vm files but ${fileObjects} file objects`);
  if (devzeros !== 1) bad(`${devzeros} /dev/zero objects`);
  return { ok: problems.length === 0, problems };
}

/** Object counts and the longest chain. */
export function collectStats(st: VmState): VmStats {
  let shadows = 0;
  let resident = 0;
  for (const obj of st.objects) {
    if (obj.kind === ObjKind.SHADOW) shadows++;
    resident += obj.pages.size;
  }
  let vmas = 0;
  let maxChainDepth = 0;
  for (const space of st.spaces.values()) {
    vmas += space.vmas.length;
    for (const vma of space.vmas) if (vma.links.length > maxChainDepth) maxChainDepth = vma.links.length;
  }
  return {
    objects: st.objects.size,
    shadows,
    files: st.vmFiles.size,
    spaces: st.spaces.size,
    vmas,
    residentFrames: resident,
    maxChainDepth,
  };
}
