#!/usr/bin/env node
// poe-bots: the command line over the same core as the editor (src/sync, src/botfile, src/poe, src/endpoint).
// Arguments in, one command run, an exit code out; undici, the validator and the endpoint checker are read only by
// the commands that need them.

import { parseArgs } from 'node:util';
import { checkEndpointCommand } from './commands/checkEndpoint';
import { list } from './commands/list';
import { plan } from './commands/plan';
import { pull } from './commands/pull';
import { EXIT_INTERRUPTED, push } from './commands/push';
import { validate } from './commands/validate';
import { CliError } from './env';
import { HELP, VERSION } from './help';
import { keyPolicy, type KeyPolicy } from './keys';
import { cliWords, makeOut, terminalText, type Out } from './output';

const OPTIONS = {
  json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' }, yes: { type: 'boolean', short: 'y' },
  only: { type: 'string', multiple: true }, 'send-key': { type: 'boolean' },
  'allow-env': { type: 'string', multiple: true }, 'allow-host': { type: 'string', multiple: true }, 'dry-run': { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

interface Run { paths: string[]; values: Values; out: Out; policy: KeyPolicy; interactive: boolean; signal: AbortSignal }

/** How many paths a command takes: any number, at most one, at least one, or none. */
type Arity = 'any' | 'optionalOne' | 'someOne' | 'none';

interface Command { arity: Arity; run(r: Run): Promise<number> }

const COMMANDS = {
  validate: { arity: 'any', run: (r) => validate(r.paths, r.out) },
  plan: { arity: 'any', run: (r) => plan(r.paths, syncFlags(r), VERSION, r.out) },
  push: { arity: 'any', run: (r) => push(r.paths, { ...syncFlags(r), yes: r.values.yes === true, interactive: r.interactive }, VERSION, r.out) },
  pull: { arity: 'optionalOne', run: (r) => pull(r.paths[0], { only: r.values.only ?? [], dryRun: r.values['dry-run'] === true }, VERSION, r.out) },
  list: { arity: 'none', run: (r) => list(VERSION, r.out) },
  'check-endpoint': { arity: 'someOne', run: (r) => checkEndpointCommand(r.paths, { policy: r.policy, signal: r.signal }, r.out) },
} satisfies Record<string, Command>;

type CommandName = keyof typeof COMMANDS;
const NAMES = Object.keys(COMMANDS) as CommandName[];
const isCommand = (s: string | undefined): s is CommandName => s !== undefined && (NAMES as string[]).includes(s);

const syncFlags = (r: Run) => ({ sendKey: r.values['send-key'] === true, only: r.values.only ?? [], policy: r.policy, signal: r.signal });

function checkArity(command: CommandName, paths: string[]): void {
  const arity: Arity = COMMANDS[command].arity;
  const extra = arity === 'none' ? paths : arity === 'optionalOne' ? paths.slice(1) : [];
  if (extra.length) throw new CliError(`${command} does not take ${extra.map((p) => JSON.stringify(p)).join(', ')}. See poe-bots ${command} --help.`);
}

async function main(argv: string[], signal: AbortSignal): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  if (values.version) { console.log(VERSION); return 0; }
  const [command, ...paths] = positionals;
  if (values.help || !command) { console.log(HELP[isCommand(command) ? command : ''] ?? HELP['']); return command || values.help ? 0 : 1; }
  if (!isCommand(command)) throw new CliError(`Unknown command "${terminalText(command)}". Commands: ${NAMES.join(', ')}. See poe-bots --help.`);
  checkArity(command, paths);
  // A person at a terminal can answer a question (asked on stderr); a pipeline cannot.
  const interactive = process.stdin.isTTY === true && process.stderr.isTTY === true;
  const policy = keyPolicy({ allowEnv: values['allow-env'], allowHost: values['allow-host'] }, interactive);
  return COMMANDS[command].run({ paths, values, out: makeOut(values.json === true), policy, interactive, signal });
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
  stream.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); throw e; });
}

main(process.argv.slice(2), interrupt.signal).then((code) => { process.exitCode = interrupt.signal.aborted && code === 0 ? EXIT_INTERRUPTED : code; }, (e: unknown) => {
  const json = process.argv.includes('--json');
  // Every error the core makes is already redacted; makeOut redacts again and strips control characters.
  const message = cliWords(e instanceof Error ? e.message : String(e));
  const out = makeOut(json);
  if (json) out.result({ error: message }); else out.note(`poe-bots: ${message}`);
  process.exitCode = interrupt.signal.aborted ? EXIT_INTERRUPTED : e instanceof CliError ? e.exitCode : 1;
});
