// Which keys the command line may read and where it may send them. It runs unattended, with every secret of a
// pipeline in its environment, on files a pull request may have changed: so a file never picks the variable or the
// host. ${secret:NAME} comes from POE_SECRET_<NAME>; ${env:NAME} only for names the run allows (never POE_API_KEY); a
// key goes only to a host the run allows, or that a person at the terminal agrees to. --yes confirms a plan, never
// a key's destination.

import type { KeySources } from '../botfile/secrets';
import { hostAllowed, type KeyGate, type KeyPurpose, type KeyQuestion, type KeyUse } from '../sync/keyGate';
import { askYesNo } from './ask';

/** What this run allows, from its flags and the environment (POE_BOTS_ALLOW_ENV, POE_BOTS_ALLOW_HOSTS). */
export interface KeyPolicy {
  allowEnv: readonly string[];
  allowHosts: readonly string[];
  /** A person is at the terminal to answer a question about a key's destination. */
  interactive: boolean;
}

const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function keyPolicy(
  flags: { allowEnv?: string[]; allowHost?: string[] },
  interactive: boolean,
  env: NodeJS.ProcessEnv = process.env,
): KeyPolicy {
  return {
    allowEnv: [...(flags.allowEnv ?? []).flatMap((v) => list(v)), ...list(env.POE_BOTS_ALLOW_ENV)],
    allowHosts: [...(flags.allowHost ?? []).flatMap((v) => list(v)), ...list(env.POE_BOTS_ALLOW_HOSTS)],
    interactive,
  };
}

/** The variable that holds ${secret:NAME}: POE_SECRET_ and the name with every character outside A-Z, 0-9 and _ as _, upper-cased. */
export const secretVariable = (name: string) => `POE_SECRET_${name.replace(/[^A-Za-z0-9_]/g, '_').toUpperCase()}`;

/** Variables no file may name as an endpoint key, whatever the run allows. */
const NEVER = new Set(['POE_API_KEY']);

export function keySources(policy: KeyPolicy, env: NodeJS.ProcessEnv = process.env): KeySources {
  return {
    secret: async (name) => env[secretVariable(name)] || undefined,
    env: (name) => (envRefusal(policy, name) ? undefined : env[name] || undefined),
    envRefusal: (name) => envRefusal(policy, name),
    allowEnv: true,
    howToSetSecret: (name) => `On the command line it comes from the environment variable ${secretVariable(name)}.`,
  };
}

function envRefusal(policy: KeyPolicy, name: string): string | undefined {
  if (NEVER.has(name))
    return `\${env:${name}} names your Poe API key, which is never sent as an endpoint key. Give the endpoint a key of its own (\${secret:NAME}, read from POE_SECRET_<NAME>).`;
  if (policy.allowEnv.includes(name)) return undefined;
  return `\${env:${name}} is not read: a bot file does not choose which environment variable the command line sends. Allow it for this run with --allow-env ${name} (or POE_BOTS_ALLOW_ENV=${name}), or use \${secret:NAME}, read from POE_SECRET_<NAME>.`;
}

const PURPOSE = {
  push: 'a push',
  checkEndpoint: 'check-endpoint',
  tryBot: 'a chat',
  botTests: 'the bot tests',
  rotateKey: 'rotate-key',
} as const satisfies Record<KeyPurpose, string>;

/** The hosts the committed lock file records a key as sent for: the reference's, or (Poe's stored key) the bot's. */
export type RecordedHosts = (use: KeyUse) => readonly string[];

/**
 * The command line's answer to "may this key go there?": a host the run allows, a host the committed lock file
 * records for that reference (reviewed with the pull request that put it there), or a yes at the terminal (asked
 * once per reference and host); else a refusal naming the host and the flag.
 */
export function keyGate(
  policy: KeyPolicy,
  poeKey: string | undefined,
  ask: (question: string) => Promise<boolean> = askYesNo,
  recorded: RecordedHosts = () => [],
): KeyGate {
  const agreed = new Set<string>();
  return {
    poeKey: async () => poeKey,
    async allow({ use, destination: d }: KeyQuestion) {
      if (hostAllowed(policy.allowHosts, d) || hostAllowed(recorded(use), d)) return true;
      const id = `${use.reference} ${d.host}`;
      if (agreed.has(id)) return true;
      const flag = `--allow-host ${d.host}`;
      const what =
        use.key === undefined
          ? `Poe would send the endpoint key it stores for ${use.handle} to ${d.host}, a new host`
          : `The endpoint key from ${use.reference} would go to ${d.host} (${PURPOSE[use.purpose]} of ${use.handle})`;
      if (policy.interactive && (await ask(`${what}. Is ${d.host} yours? [y/N] `))) {
        agreed.add(id);
        return true;
      }
      return `${what}, which this run does not allow: nothing was sent for ${use.handle}. If the host is yours, pass ${flag} (or set POE_BOTS_ALLOW_HOSTS=${d.host}).`;
    },
  };
}
