// Build step: writes dist/codezero-bundle.v8-cache, V8's code cache for the command's
// bundle (src/launch/bundle.ts says why). It runs `codezero boot --init test0` from the
// bundle, its console silenced, and saves the cache when the boot has ended, so that it
// holds every function such a boot compiles. The build fails if that boot does not pass.
import { fileURLToPath } from 'node:url';
import { bundleFiles, runBundle } from '../dist/bin-launch.js';

const files = bundleFiles(fileURLToPath(new URL('../dist/', import.meta.url)));

process.argv = [process.argv[0], 'codezero', 'boot', '--init', 'test0'];
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = () => true;
const load = runBundle({ ...files, ignoreCache: true });
if (load.missing) {
  process.stderr.write('write-code-cache: dist/codezero-bundle.cjs is missing (run tsup first)\n');
  process.exit(1);
}
process.once('exit', () => {
  process.stdout.write = write;
  const status = process.exitCode ?? 0;
  if (status !== 0) {
    process.stderr.write(`write-code-cache: the bundled 'codezero boot --init test0' exited with status ${String(status)}\n`);
    process.exitCode = 1;
    return;
  }
  load.saveCache();
  process.stdout.write(`write-code-cache: wrote ${files.cachePath}\n`);
});
