import { describe, expect, it } from 'vitest';
import { TCFLSH, TCGETS, TCSETS, TCSETSF, TCSETSW, TIOCGWINSZ, TIOCSPGRP, TIOCSWINSZ, TOSTOP, Tty, ttyIoctlChanges } from '../src/index.js';

const SIGTTIN = 21;
const SIGTTOU = 22;

function controlled(): Tty {
  const tty = new Tty();
  tty.session = 5;
  tty.foregroundPgrp = 7;
  return tty;
}

describe('Tty job control', () => {
  it('a background group of the controlling session meets SIGTTIN on read and SIGTTOU on a change', () => {
    const tty = controlled();
    expect(tty.jobControl('read', 9, 5)).toBe(SIGTTIN);
    expect(tty.jobControl('change', 9, 5)).toBe(SIGTTOU);
    // Writes pass unless TOSTOP is set.
    expect(tty.jobControl('write', 9, 5)).toBe(0);
    tty.setTermios({ ...tty.termios, lflag: tty.termios.lflag | TOSTOP });
    expect(tty.jobControl('write', 9, 5)).toBe(SIGTTOU);
  });

  it('the foreground group, other sessions and a terminal without a session are left alone', () => {
    const tty = controlled();
    tty.setTermios({ ...tty.termios, lflag: tty.termios.lflag | TOSTOP });
    for (const access of ['read', 'write', 'change'] as const) {
      expect(tty.jobControl(access, 7, 5)).toBe(0);
      expect(tty.jobControl(access, 9, 6)).toBe(0);
    }
    const free = new Tty();
    free.foregroundPgrp = 7;
    expect(free.jobControl('read', 9, 5)).toBe(0);
    tty.foregroundPgrp = 0;
    expect(tty.jobControl('read', 9, 5)).toBe(0);
  });

  it('names the ioctls that change the terminal', () => {
    expect([TCSETS, TCSETSW, TCSETSF, TIOCSPGRP, TCFLSH].every(ttyIoctlChanges)).toBe(true);
    expect([TCGETS, TIOCGWINSZ, TIOCSWINSZ].some(ttyIoctlChanges)).toBe(false);
  });
});
