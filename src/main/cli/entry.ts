import { runCli } from './main';

/** Entry of `bin/tandem.mjs`: wires the CLI to the process. */
export async function main(argv: string[]): Promise<void> {
  const code = await runCli(argv, {
    out: (s) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`),
    err: (s) => process.stderr.write(s.endsWith('\n') || s.startsWith('\r') ? s : `${s}\n`),
    interactive: Boolean(process.stderr.isTTY),
  });
  process.exitCode = code;
}
