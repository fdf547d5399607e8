import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { disassembleArm, disassembleThumb } from '../src/index.js';

interface Line {
  readonly thumb: boolean;
  readonly address: number;
  readonly hex: string;
  readonly text: string;
}

const corpus: Line[] = gunzipSync(readFileSync(new URL('./data/disasm/corpus.txt.gz', import.meta.url)))
  .toString('utf8')
  .split('\n')
  .flatMap((line) => {
    const m = /^([at]) ([0-9a-f]+) ([0-9a-f]+) (.*)$/.exec(line);
    return m ? [{ thumb: m[1] === 't', address: parseInt(m[2]!, 16), hex: m[3]!, text: m[4]! }] : [];
  });

const FPU_COPROCESSORS = new Set([1, 2, 4, 5, 6, 8, 9, 10, 11]);

/**
 * The documented classes of difference (see the README): encodings outside ARMv5TE that
 * objdump decodes anyway. Returns the class name, or null for an unexplained difference.
 */
function differenceClass(line: Line): string | null {
  if (line.thumb) return line.hex.length === 8 ? 'thumb-2 32-bit encoding' : null;
  const w = parseInt(line.hex, 16) >>> 0;
  const cond = w >>> 28;
  const coproc = ((w >>> 25) & 7) === 6 || ((w >>> 24) & 15) === 14;
  if (coproc && FPU_COPROCESSORS.has((w >>> 8) & 15)) return 'fpa/vfp/maverick coprocessor';
  if (coproc && ((w >>> 8) & 15) === 15 && (w & 0x80) !== 0) return 'armv8.1-m system-register vldr/vstr';
  if (cond === 15 && ((w >>> 24) & 15) <= 4) return 'neon/armv8 unconditional space';
  if ((w & 0x0e0000f0) === 0x00000090 && ((w >>> 8) & 15) >= 0xc) return 'armv8 load-acquire/store-release';
  return null;
}

function ours(line: Line): { text: string; bytes: number } {
  if (!line.thumb) return { text: disassembleArm(parseInt(line.hex, 16), line.address).text, bytes: 4 };
  const halfwords = line.hex.length === 8 ? [parseInt(line.hex.slice(0, 4), 16), parseInt(line.hex.slice(4), 16)] : [parseInt(line.hex, 16)];
  const insn = disassembleThumb(halfwords, line.address);
  return { text: insn.text, bytes: insn.length };
}

describe('disassembler against the objdump corpus', () => {
  it('holds a corpus of both instruction sets', () => {
    expect(corpus.filter((l) => !l.thumb).length).toBeGreaterThan(30000);
    expect(corpus.filter((l) => l.thumb).length).toBeGreaterThan(15000);
  });

  it('differs on under 1% of lines, each difference in a documented class', () => {
    const unexplained: string[] = [];
    let differences = 0;
    for (const line of corpus) {
      const got = ours(line);
      if (got.bytes * 2 !== line.hex.length) unexplained.push(`${line.hex}: length ${got.bytes}`);
      if (got.text === line.text) continue;
      differences++;
      if (differenceClass(line) === null) unexplained.push(`${line.hex}: expected ${JSON.stringify(line.text)}, got ${JSON.stringify(got.text)}`);
    }
    expect(unexplained.slice(0, 20)).toEqual([]);
    expect(differences / corpus.length).toBeLessThan(0.01);
  });
});
