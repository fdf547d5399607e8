import { execFileSync } from 'node:child_process';

/** True when `qemu-arm` is on the PATH. */
export function hasQemuArm(): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v qemu-arm'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Run qemu-dependent tests: qemu-arm is there, or CODEZERO_REQUIRE_TOOLS=1 demands it. */
export const runQemuTests: boolean = process.env.CODEZERO_REQUIRE_TOOLS === '1' || hasQemuArm();
