import { readFile, writeFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';

/**
 * Module-level arrays the interpreter reads at every guest instruction (interpreter.ts).
 * esbuild writes a bundle's top-level `const` declarations as `var`; V8 embeds the value of
 * a module `const` in optimised code but loads and checks a `var` at each use, which costs
 * about a fifth of the interpreter's host instructions. The build gives them back their
 * `const`, with the same number of characters so the source map stays exact.
 */
const KEEP_CONST = ['LIVE_REGS', 'FLAGS', 'DECODED', 'COND_PASS'];

async function keepConst(file: string): Promise<void> {
  let text = await readFile(file, 'utf8');
  for (const name of KEEP_CONST) {
    const decl = `\nvar ${name} = `;
    const count = text.split(decl).length - 1;
    if (count !== 1) throw new Error(`${file}: expected one declaration "var ${name} = ", found ${String(count)}`);
    text = text.replace(decl, `\nconst ${name} =`);
  }
  await writeFile(file, text);
}

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  target: 'node20',
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  sourcemap: true,
  clean: true,
  onSuccess: () => keepConst('dist/index.js'),
});
