#!/usr/bin/env node
// The `codezero` command: the bundle of the command and its packages, run with V8's code
// cache (launch/bundle.ts says why). The build turns this file into dist/bin.cjs, a
// CommonJS script, so `__dirname` is dist/ and Node never starts its ES module loader.
import { bundleFiles, runBundle } from './launch/bundle.js';

const files = bundleFiles(__dirname);
if (runBundle(files).missing) {
  process.stderr.write(`codezero: ${files.bundlePath} is missing: this build of @codezero-ts/cli is incomplete (run npm run build)\n`);
  process.exitCode = 1;
}
