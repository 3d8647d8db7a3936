// The command line's words for --help: every command, its options, the environment it reads and what it exits with.

import { COMMAND_NAMES, COMMANDS, type CommandName } from './table';

declare const __POE_BOTS_VERSION__: string;
export const VERSION = typeof __POE_BOTS_VERSION__ === 'string' ? __POE_BOTS_VERSION__ : '0.0.0-dev';

const ENV = `Environment:
  POE_API_KEY          your Poe API key (required for plan, push, pull, list, mcp, and tests through Poe; never a flag)
  POE_API_BASE_URL     the Poe API address (default https://api.poe.com; https only)
  POE_ACCOUNT          the name of the account POE_API_KEY belongs to ("production"): recorded in the lock file, and a
                       folder last pulled or pushed with another name is refused unless --account-change
  POE_SECRET_<NAME>    the endpoint key a file names as \${secret:NAME} (NAME upper-cased, other characters as _)
  POE_BOTS_ALLOW_ENV   NAME,NAME: variables a file may name as \${env:NAME} (never POE_API_KEY), as --allow-env
  POE_BOTS_ALLOW_HOSTS HOST[:PORT],...: hosts an endpoint key may go to, as --allow-host
  NO_COLOR             no colour even on a terminal`;

const KEYS = `--allow-env NAME     read \${env:NAME} for this run (repeatable; a file never chooses the variable)
--allow-host HOST    an endpoint key may go to HOST[:PORT] (repeatable; without a port, 443 for https). --yes
                     confirms a plan, never a key's destination: a bot whose key would go to another host is
                     refused, unless you say yes at a terminal`;

const ACCOUNT = `--account-change  POE_ACCOUNT differs from the account the lock file records, on purpose: go ahead, and
                  record the new name`;

const EXITS = `Exit codes: 0 done or nothing to do, 1 error, 2 plan found changes (drift: changes on Poe), 3 validation problems, 4 a bot test failed.`;

/** The overview: every command of the table with its summary. */
export function overview(): string {
  const width = Math.max(...COMMAND_NAMES.map((n) => COMMANDS[n].synopsis.length)) + 2;
  return `poe-bots ${VERSION}: Poe API bots as code, from a terminal or CI.

Usage: poe-bots <command> [options]

Commands:
${COMMAND_NAMES.map((n) => `  ${COMMANDS[n].synopsis.padEnd(width)} ${COMMANDS[n].summary}`).join('\n')}

Options for every command: --json (one JSON document on stdout), --help, --version.

${ENV}

${EXITS}
See docs/cli.md for the --json shapes, and docs/ci.md for a GitHub Actions workflow.`;
}

/** Each command's --help: a command without its text is a type error. */
export const HELP = {
  validate: `Usage: poe-bots validate [paths...] [--json]

Checks every *.poebot.json under the paths (files or folders; default .) with the editor's schema and cross-field
rules. Prints each problem as file:line:col severity message. Exits 3 when any file has an error, else 0.`,
  plan: `Usage: poe-bots plan [dirs...] [--only HANDLE...] [--format text|markdown] [--send-key] [--account-change] [--allow-env NAME] [--allow-host HOST] [--json]

For every bot file under the folders (default .), reads the account once (one GET /bots) and says what a push with
the same flags would do: create, update or replace with each changed field's values (as Poe has it → as the file has
it; prices also in $ per 1M tokens), up to date, or refused and why, with every key line (which reference is sent,
for which host; never a key). With the lock file (poe-bots.lock.json, see docs/cli.md) it also marks each bot
changed on Poe since it was last pulled or pushed, with the fields and values, apart from the local changes, and
lists the bots the lock file knows whose file is gone. Fields on Poe the file does not have are listed.
Exits 2 when something would change, 1 when a file cannot be pushed, 0 when everything is up to date.
--format markdown  the plan as a pull-request comment or $GITHUB_STEP_SUMMARY: first line <!-- poe-bots plan -->,
               a summary table, one collapsible section per bot, the key lines; the summary alone when the whole
               would pass 60,000 characters
--send-key     count the endpoint key as sent on an update (the lock file tells a changed key and sends it then;
               without a recorded key an update sends it only when asked; creates and replaces always send it)
${ACCOUNT}
${KEYS}`,
  push: `Usage: poe-bots push [dirs...] (--yes | on a terminal) [--only HANDLE...] [--overwrite-changed] [--prune] [--send-key] [--account-change] [--allow-env NAME] [--allow-host HOST] [--json]

Pushes every bot file under the folders (default .), as the editor's folder push does: prints the plan with its key
lines, asks once (or takes --yes), reads each bot again right before writing it, writes a few at a time under Poe's
rate limit, never writes twice after a fault, verifies with one list at the end, and records what was pushed in the
lock file (poe-bots.lock.json). Without --yes and without a terminal it refuses. Ctrl-C stops before the next write
and lists what was written (exit 130). Exits 0 when every bot was pushed or up to date, else 1.
--yes          push without asking (CI). A bot changed on Poe since the lock file is not pushed (exit 1, naming it
               and the fields), the others are
--overwrite-changed  push bots changed on Poe since the lock file too, overwriting those changes
--prune        delete from Poe the bots the lock file knows whose file is gone (never another bot), each backed up
               first into .poe-bots/deleted/ beside the lock file; shown in the confirmation
--only H       only the bot with handle H (repeatable)
--send-key     also send the endpoint key on updates (see plan --help)
${ACCOUNT}
${KEYS}`,
  drift: `Usage: poe-bots drift [dirs...] [--only HANDLE...] [--account-change] [--json]

Compares Poe now with the lock file (poe-bots.lock.json) and nothing else: which bots were changed or deleted on Poe
since they were last pulled or pushed, each field with its value then → now. One GET /bots; no key is read or sent.
Meant for a scheduled job. Exits 0 when nothing changed on Poe, 2 when something did, 1 on an error (no lock file).
${ACCOUNT}`,
  pull: `Usage: poe-bots pull [dir] [--only HANDLE...] [--dry-run] [--account-change] [--json]

Writes every bot of the account (or the handles named) into dir (default .): an existing file for a handle anywhere
under dir is edited in place (its comments and key reference stay); a new one is <handle>.poebot.json. Never writes
an endpoint key: Poe never returns it. Refuses, naming the file and the line, a file with syntax errors or merge-
conflict markers, a handle two files claim (ignoring case), and a handle that is not a plain file name; when
<handle>.poebot.json holds another bot, writes <handle>.pulled.poebot.json and says so. Keeps a file's BOM and line
endings; writes each file whole (a temporary file, then a rename). Exits 1 when a bot was refused, else 0.
--dry-run      say what would change (new, edited in place with the fields, up to date, refused and why); write
               nothing; exits 0
${ACCOUNT}`,
  'rotate-key': `Usage: poe-bots rotate-key NAME [dir] (--yes | on a terminal) [--account-change] [--allow-env NAME] [--allow-host HOST] [--json]

Puts a new endpoint key on every bot under dir (default .) whose file names it as \${secret:NAME} (or the
\${env:NAME} given as NAME). The new key is read from POE_SECRET_<NAME> (or the allowed variable). Reads the bots on
Poe (one GET /bots: the key goes to the base_url Poe has), prints every bot, file and host, and asks once (or takes
--yes; a host still needs --allow-host or the lock file's record). Then tries the new key at each distinct endpoint
(Check Endpoint's key row) and sends nothing to Poe unless every one takes it; then one PATCH of api_key per bot
and one read-back. The lock file learns the new key's digest. Once every bot has it, replace the secret's value
where this run's secrets are kept; a bot that failed is listed with what to do, and the old key must stay valid
until it is fixed. Exits 0 when every bot has the new key, else 1.
${ACCOUNT}
${KEYS}`,
  list: `Usage: poe-bots list [--json]

The account's bots: handle, model, API type, private or public.`,
  'check-endpoint': `Usage: poe-bots check-endpoint <files or folders...> [--allow-env NAME] [--allow-host HOST] [--json]

Checks each bot's endpoint as Poe will call it: the address (DNS, connection, TLS), the key and model, a stream as
Poe reads it, the usage Poe bills from, and what the file declares (images, tools, parameter defaults, context
size). The key comes from the file's reference (POE_SECRET_<NAME>, or an allowed variable), and goes only to a host
this run allows (or that you agree to at a terminal). Exits 1 when a check fails or a key is refused.
${KEYS}`,
  test: `Usage: poe-bots test [paths...] [--junit FILE] [--json] [--format markdown] [--max-points N] [--allow-env NAME] [--allow-host HOST]

Runs every *.poebot-test.json under the paths (files or folders; default .) as the editor's Testing view does: each
case (a matrix case once per control value) sent to its bot, a few at a time, its reply held to its assertions.
"direct" cases call the bot file's endpoint as Poe would, with the key its reference names (POE_SECRET_<NAME>, or an
allowed variable), only to a host this run allows; "poe" cases go through Poe's API with POE_API_KEY and cost points.
Prints a line per case and, for a failure, what was expected and what came back.
Exits 0 when every case passed, 4 when a case failed, 1 when an error stopped the run or a test file (or a case in
it) cannot run.
--junit FILE        also write the results as JUnit XML (GitHub's and GitLab's test reports read it)
--format markdown   print the results as Markdown instead (for $GITHUB_STEP_SUMMARY)
--max-points N      a run through Poe spends at most N points: no case starts once they are spent. Without it a
                    run through Poe asks at a terminal, and is refused elsewhere
${KEYS}`,
  mcp: `Usage: poe-bots mcp [--allow-writes] [--allow-env NAME] [--allow-host HOST]

A Model Context Protocol server on stdin and stdout, for an agent (VS Code's agent mode, or any MCP client): the Poe
tools poe_list_bots, poe_get_bot, poe_validate_bot_file, poe_plan_push, poe_check_endpoint, poe_get_balance and
poe_run_bot_tests, over the bot files of the current folder. Logs go to stderr. The Poe key comes from POE_API_KEY, endpoint keys as for
push; there is no terminal to ask, so an endpoint key goes only to a host this run allows. See docs/agents.md.
--allow-writes also offer poe_push_bot_file (only by a plan id from poe_plan_push), poe_pull_bot and poe_try_bot
               (spends points)
${KEYS}`,
} satisfies Record<CommandName, string>;
