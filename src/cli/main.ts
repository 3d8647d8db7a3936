#!/usr/bin/env node
// poe-bots: the command line over the same core as the editor (src/sync, src/botfile, src/poe, src/endpoint).
// Arguments in, one command run, an exit code out; undici, the validator and the endpoint checker are read only by
// the commands that need them.

import { parseArgs } from 'node:util';
import { checkEndpointCommand } from './commands/checkEndpoint';
import { list } from './commands/list';
import { plan } from './commands/plan';
import { pull } from './commands/pull';
import { push } from './commands/push';
import { validate } from './commands/validate';
import { CliError } from './env';
import { HELP, VERSION } from './help';
import { makeOut } from './output';

const COMMANDS = ['validate', 'plan', 'push', 'pull', 'list', 'check-endpoint'];

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' }, yes: { type: 'boolean', short: 'y' },
      only: { type: 'string', multiple: true }, 'send-key': { type: 'boolean' }, 'dry-run': { type: 'boolean' } },
  });
  if (values.version) { console.log(VERSION); return 0; }
  const [command, ...rest] = positionals;
  if (values.help || !command) { console.log(HELP[command && COMMANDS.includes(command) ? command : ''] ?? HELP['']); return command || values.help ? 0 : 1; }
  if (!COMMANDS.includes(command)) throw new CliError(`Unknown command "${command}". Commands: ${COMMANDS.join(', ')}. See poe-bots --help.`);
  const out = makeOut(values.json === true);
  const only = values.only ?? [];
  const sendKey = values['send-key'] === true;
  switch (command) {
    case 'validate': return validate(rest, out);
    case 'plan': return plan(rest[0], { sendKey, only }, VERSION, out);
    case 'push': return push(rest[0], { yes: values.yes === true, sendKey, only, interactive: process.stdin.isTTY === true && process.stdout.isTTY === true }, VERSION, out);
    case 'pull': return pull(rest[0], { only, dryRun: values['dry-run'] === true }, VERSION, out);
    case 'list': return list(VERSION, out);
    default: return checkEndpointCommand(rest[0], out);
  }
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: unknown) => {
  const json = process.argv.includes('--json');
  const message = e instanceof Error ? e.message : String(e);
  // Every error the core makes is already redacted; a usage error from parseArgs has no key in it.
  if (json) console.log(JSON.stringify({ error: message }, null, 2)); else console.error(`poe-bots: ${message}`);
  process.exitCode = e instanceof CliError ? e.exitCode : 1;
});
