import { describe, expect, it } from 'vitest';

describe('README example', () => {
  it('runs as documented', async () => {
    const logged: string[] = [];
    const log = (...args: unknown[]): void => {
      logged.push(args.map(String).join(' '));
    };
    const { runCli } = await import('@codezero-ts/cli');

    let out = '';
    const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (out += t) };
    const { exitCode } = await runCli(['boot', '--l4', 'hello', '--memory', '16M'], io);
    log(exitCode);
    log(out.split('\n')[3]);

    expect(logged).toEqual(['0', 'Hello world from hello_world0!']);
  });
});
