// Every command of the command line, once: how many paths it takes, which options, its line in --help, and what it
// runs. main.ts parses against it and help.ts must give every command its text (the compiler checks both).

import { checkEndpointCommand } from './commands/checkEndpoint';
import { drift } from './commands/drift';
import { list } from './commands/list';
import { plan, type PlanFormat } from './commands/plan';
import { pull } from './commands/pull';
import { push } from './commands/push';
import { rotateKeyCommand } from './commands/rotateKey';
import { testCommand } from './commands/test';
import { validate } from './commands/validate';
import { CliError } from './env';
import type { KeyPolicy } from './keys';
import type { Out } from './output';

/** Every option any command takes; --json, --help and --version go with every command. */
export const OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  yes: { type: 'boolean', short: 'y' },
  only: { type: 'string', multiple: true },
  'send-key': { type: 'boolean' },
  'allow-env': { type: 'string', multiple: true },
  'allow-host': { type: 'string', multiple: true },
  'dry-run': { type: 'boolean' },
  junit: { type: 'string' },
  format: { type: 'string' },
  'max-points': { type: 'string' },
  'allow-writes': { type: 'boolean' },
  'overwrite-changed': { type: 'boolean' },
  prune: { type: 'boolean' },
  'account-change': { type: 'boolean' },
} as const;

export type Option = keyof typeof OPTIONS;
export const COMMON_OPTIONS: readonly Option[] = ['json', 'help', 'version'];

export interface Values {
  yes?: boolean;
  only?: string[];
  'send-key'?: boolean;
  'allow-env'?: string[];
  'allow-host'?: string[];
  'dry-run'?: boolean;
  json?: boolean;
  junit?: string;
  format?: string;
  'max-points'?: string;
  'allow-writes'?: boolean;
  'overwrite-changed'?: boolean;
  prune?: boolean;
  'account-change'?: boolean;
}
export interface Run {
  paths: string[];
  values: Values;
  out: Out;
  policy: KeyPolicy;
  interactive: boolean;
  signal: AbortSignal;
  version: string;
}

/** How many paths a command takes: any number, at most one, at least one, one and at most one more, or none. */
export type Arity = 'any' | 'optionalOne' | 'someOne' | 'oneAndOptionalOne' | 'none';

export interface Command {
  /** Its paths and main options, for the overview in --help: "plan [dirs...]". */
  synopsis: string;
  summary: string;
  arity: Arity;
  options: readonly Option[];
  /** It talks to Poe or to an endpoint (main.ts then readies V8 for a short run of undici). */
  network: boolean;
  run(r: Run): Promise<number>;
}

const KEY_OPTIONS = ['allow-env', 'allow-host'] as const;
const FORMATS: readonly PlanFormat[] = ['text', 'markdown'];
function planFormat(v: string | undefined): PlanFormat {
  if (v === undefined) return 'text';
  if (!(FORMATS as readonly string[]).includes(v))
    throw new CliError(`--format takes ${FORMATS.join(' or ')}, not ${JSON.stringify(v)}.`);
  return v as PlanFormat;
}
const syncFlags = (r: Run) => ({
  sendKey: r.values['send-key'] === true,
  only: r.values.only ?? [],
  policy: r.policy,
  signal: r.signal,
  accountChange: r.values['account-change'] === true,
});

export const COMMANDS = {
  validate: {
    synopsis: 'validate [paths...]',
    summary: 'check *.poebot.json files (default: the current folder)',
    arity: 'any',
    options: [],
    network: false,
    run: (r) => validate(r.paths, r.out),
  },
  plan: {
    synopsis: 'plan [dirs...]',
    summary: 'what a push would change on Poe, bot by bot: values, key lines, changes on Poe',
    arity: 'any',
    options: ['only', 'send-key', 'format', 'account-change', ...KEY_OPTIONS],
    network: true,
    run: (r) => plan(r.paths, { ...syncFlags(r), format: planFormat(r.values.format) }, r.version, r.out),
  },
  push: {
    synopsis: 'push [dirs...] --yes',
    summary: 'push every bot file (creates, updates only what changed)',
    arity: 'any',
    options: ['yes', 'only', 'send-key', 'overwrite-changed', 'prune', 'account-change', ...KEY_OPTIONS],
    network: true,
    run: (r) =>
      push(
        r.paths,
        {
          ...syncFlags(r),
          yes: r.values.yes === true,
          interactive: r.interactive,
          overwriteChanged: r.values['overwrite-changed'] === true,
          prune: r.values.prune === true,
        },
        r.version,
        r.out,
      ),
  },
  drift: {
    synopsis: 'drift [dirs...]',
    summary: 'bots changed on Poe since the lock file (exit 2), for a scheduled job',
    arity: 'any',
    options: ['only', 'account-change'],
    network: true,
    run: (r) => drift(r.paths, r.values.only ?? [], r.version, r.out, r.values['account-change'] === true),
  },
  pull: {
    synopsis: 'pull [dir]',
    summary: 'every bot of the account into <handle>.poebot.json files',
    arity: 'optionalOne',
    options: ['only', 'dry-run', 'account-change'],
    network: true,
    run: (r) =>
      pull(
        r.paths[0],
        {
          only: r.values.only ?? [],
          dryRun: r.values['dry-run'] === true,
          accountChange: r.values['account-change'] === true,
        },
        r.version,
        r.out,
      ),
  },
  'rotate-key': {
    synopsis: 'rotate-key NAME [dir]',
    summary: 'a new endpoint key (from POE_SECRET_<NAME>) on every bot that uses ${secret:NAME}',
    arity: 'oneAndOptionalOne',
    options: ['yes', 'account-change', ...KEY_OPTIONS],
    network: true,
    run: (r) =>
      rotateKeyCommand(
        r.paths[0],
        r.paths[1],
        {
          yes: r.values.yes === true,
          interactive: r.interactive,
          policy: r.policy,
          signal: r.signal,
          accountChange: r.values['account-change'] === true,
        },
        r.version,
        r.out,
      ),
  },
  list: {
    synopsis: 'list',
    summary: "the account's bots",
    arity: 'none',
    options: [],
    network: true,
    run: (r) => list(r.version, r.out),
  },
  'check-endpoint': {
    synopsis: 'check-endpoint <files...>',
    summary: "is the bot's endpoint right, as Poe will call it?",
    arity: 'someOne',
    options: [...KEY_OPTIONS],
    network: true,
    run: (r) => checkEndpointCommand(r.paths, { policy: r.policy, signal: r.signal }, r.out),
  },
  test: {
    synopsis: 'test [paths...]',
    summary: 'run the bot tests (*.poebot-test.json): does each bot still work?',
    arity: 'any',
    options: ['junit', 'format', 'max-points', ...KEY_OPTIONS],
    network: true,
    run: (r) =>
      testCommand(
        r.paths,
        {
          junit: r.values.junit,
          format: r.values.format,
          maxPoints: r.values['max-points'],
          policy: r.policy,
          interactive: r.interactive,
          signal: r.signal,
          version: r.version,
        },
        r.out,
      ),
  },
  mcp: {
    synopsis: 'mcp [--allow-writes]',
    summary: 'the Poe tools for an agent: a stdio MCP server (read-only unless --allow-writes)',
    arity: 'none',
    options: ['allow-writes', ...KEY_OPTIONS],
    network: true,
    // dist/mcp.js, with the MCP SDK in it: read only by this command, so no other command's start pays for it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    run: (r) => (require('./mcp') as typeof import('./mcp')).serveMcp(r),
  },
} satisfies Record<string, Command>;

export type CommandName = keyof typeof COMMANDS;
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];
export const isCommand = (s: string | undefined): s is CommandName => s !== undefined && Object.hasOwn(COMMANDS, s);

/** What a command was given that it does not take: extra paths, or options of other commands. */
export function unexpected(
  command: CommandName,
  paths: readonly string[],
  given: readonly string[],
): string | undefined {
  const c: Command = COMMANDS[command];
  const extra =
    c.arity === 'none'
      ? paths
      : c.arity === 'optionalOne'
        ? paths.slice(1)
        : c.arity === 'oneAndOptionalOne'
          ? paths.slice(2)
          : [];
  if (extra.length)
    return `${command} does not take ${extra.map((p) => JSON.stringify(p)).join(', ')}. See poe-bots ${command} --help.`;
  const foreign = given.filter((o) => !COMMON_OPTIONS.includes(o as Option) && !c.options.includes(o as Option));
  if (foreign.length)
    return `${command} does not take ${foreign.map((o) => `--${o}`).join(', ')}. See poe-bots ${command} --help.`;
  return undefined;
}
