#!/usr/bin/env node
// poe-bots: the command line over the same core as the editor (src/sync, src/botfile, src/poe, src/endpoint).
// Arguments in, one command of the table (table.ts) run, an exit code out; undici, the validator and the endpoint
// checker are read only by the commands that need them.

import { parseArgs } from 'node:util';
import { EXIT_INTERRUPTED } from './commands/push';
import { CliError } from './env';
import { HELP, overview, VERSION } from './help';
import { keyPolicy } from './keys';
import { cliWords, makeOut, terminalText } from './output';
import { COMMAND_NAMES, COMMANDS, isCommand, OPTIONS, unexpected } from './table';

async function main(argv: string[], signal: AbortSignal): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  if (values.version) {
    console.log(VERSION);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (values.help || !command) {
    console.log(isCommand(command) ? HELP[command] : overview());
    return command || values.help ? 0 : 1;
  }
  if (!isCommand(command))
    throw new CliError(
      `Unknown command "${terminalText(command)}". Commands: ${COMMAND_NAMES.join(', ')}. See poe-bots --help.`,
    );
  const wrong = unexpected(command, paths, Object.keys(values));
  if (wrong) throw new CliError(wrong);
  if (COMMANDS[command].network) readyForShortRun();
  // A person at a terminal can answer a question (asked on stderr); a pipeline cannot.
  const interactive = process.stdin.isTTY === true && process.stderr.isTTY === true;
  const policy = keyPolicy({ allowEnv: values['allow-env'], allowHost: values['allow-host'] }, interactive);
  return COMMANDS[command].run({
    paths,
    values,
    out: makeOut(values.json === true),
    policy,
    interactive,
    signal,
    version: VERSION,
  });
}

/**
 * undici parses HTTP in WebAssembly. V8 first compiles it with its baseline compiler, then, once a response has made it
 * hot, again with its optimizing one, in the background; and a process cannot exit while that compile runs. A run of
 * the command line is over before the optimized code pays back, yet waited 40 to 60 ms at its end for it (`poe-bots
 * list` of 1,000 bots: 170 ms, 114 ms with the baseline compiler only; `plan` of 1,000 files 292 → 253 ms). Set before
 * undici is first loaded, in this process only (never in the editor's extension host, which other extensions share).
 */
function readyForShortRun(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- node:v8 is read only by the commands that talk
  (require('node:v8') as typeof import('node:v8')).setFlagsFromString('--liftoff-only');
}

// Ctrl-C: the first stops before the next write (a push then says what it wrote); a second ends at once.
const interrupt = new AbortController();
process.on('SIGINT', () => {
  if (interrupt.signal.aborted) process.exit(EXIT_INTERRUPTED);
  interrupt.abort(new Error('Interrupted.'));
  process.stderr.write('\nStopping: no further write starts (Ctrl-C again to end at once).\n');
});
// `poe-bots list | head -1`: the reader left, which is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

main(process.argv.slice(2), interrupt.signal).then(
  (code) => {
    process.exitCode = interrupt.signal.aborted && code === 0 ? EXIT_INTERRUPTED : code;
  },
  (e: unknown) => {
    const json = process.argv.includes('--json');
    // Every error the core makes is already redacted; makeOut redacts again and strips control characters.
    const message = cliWords(e instanceof Error ? e.message : String(e));
    const out = makeOut(json);
    if (json) out.result({ error: message });
    else out.note(`poe-bots: ${message}`);
    process.exitCode = interrupt.signal.aborted ? EXIT_INTERRUPTED : e instanceof CliError ? e.exitCode : 1;
  },
);
