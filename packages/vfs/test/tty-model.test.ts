import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ttyHarness } from './support/tty-harness.js';

// A tiny model of canonical editing: the lines reads return, and the line being edited.
const WORD = /[A-Za-z0-9_]*[^A-Za-z0-9_]*$/;

function model(input: string): { reads: (string | null)[]; edit: string } {
  const reads: (string | null)[] = [];
  let line = '';
  let shown = ''; // text of lines ended by EOF, still on the screen line

  for (const ch of input) {
    if (ch === '\x7f' || ch === '\b') line = line.slice(0, -1);
    else if (ch === '\x15') line = '';
    else if (ch === '\x17') line = line.replace(WORD, '');
    else if (ch === '\n' || ch === '\r') {
      reads.push(line + '\n');
      line = shown = '';
    } else if (ch === '\x04') {
      reads.push(line === '' ? null : line);
      shown += line;
      line = '';
    } else line += ch;
  }
  return { reads, edit: shown + line };
}

/** Plays terminal output on a one-line screen: the visible text after the last line break and the cursor. */
function lastScreenLine(out: string): { text: string; cursor: number } {
  const cells: string[] = [];
  let cursor = 0;
  for (const ch of out) {
    if (ch === '\n') cells.length = 0;
    else if (ch === '\r') cursor = 0;
    else if (ch === '\b') cursor = Math.max(0, cursor - 1);
    else cells[cursor++] = ch;
  }
  return { text: cells.join('').replace(/ +$/, ''), cursor };
}

const keys = fc.constantFrom('a', 'b', 'z', '_', '9', ' ', '/', '.', '\x7f', '\b', '\x15', '\x17', '\n', '\r', '\x04');

describe('Tty canonical editing against a model', () => {
  it('reads and the echoed screen line agree with the model', () => {
    fc.assert(
      fc.property(fc.array(keys, { maxLength: 60 }), (ks) => {
        const input = ks.join('');
        const h = ttyHarness();
        h.type(input);
        const m = model(input);
        expect(h.drain()).toEqual(m.reads);
        const screen = lastScreenLine(h.screen());
        expect(screen.text).toBe(m.edit.replace(/ +$/, ''));
        expect(screen.cursor).toBe(m.edit.length);
      }),
      { numRuns: 400 },
    );
  });

  it('typing byte by byte or all at once gives the same reads and screen', () => {
    fc.assert(
      fc.property(fc.array(keys, { maxLength: 40 }), (ks) => {
        const a = ttyHarness();
        const b = ttyHarness();
        a.type(ks.join(''));
        for (const k of ks) b.type(k);
        expect(b.drain()).toEqual(a.drain());
        expect(b.screen()).toBe(a.screen());
      }),
      { numRuns: 200 },
    );
  });
});
