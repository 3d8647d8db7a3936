// Endpoint keys are written in files only as references: ${secret:NAME} (the extension's secret storage, under
// poeBots.endpoint.NAME) or ${env:NAME} (an environment variable). Resolving them happens only just before a push.

import { redactKnown, rememberSecret } from '../poe/redact';
import { SECRET_NAME_CHARS } from './names';

export type KeyReference = { kind: 'secret'; name: string } | { kind: 'env'; name: string };

const SECRET = new RegExp(`^\\$\\{secret:([${SECRET_NAME_CHARS}]+)\\}$`);
const ENV = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;

export const secretStorageName = (name: string) => `poeBots.endpoint.${name}`;

/** A reference, 'literal' for a key written out, or 'malformed' for something that looks like a broken reference. */
export function parseKeyReference(value: string): KeyReference | 'literal' | 'malformed' {
  const s = SECRET.exec(value);
  if (s) return { kind: 'secret', name: s[1]! };
  const e = ENV.exec(value);
  if (e) return { kind: 'env', name: e[1]! };
  return value.includes('${') ? 'malformed' : 'literal';
}

export function referenceText(ref: KeyReference): string {
  return `\${${ref.kind}:${ref.name}}`;
}

/** How a file's api_key is named in every message: its reference, or "api_key" for a key written out (never the key). */
export function keyLabel(apiKeyText: string): string {
  const ref = parseKeyReference(apiKeyText);
  return typeof ref === 'object' ? referenceText(ref) : 'api_key';
}

/** A secret name suggested for a handle: letters, digits, "_", "." and "-" only. */
export function suggestSecretName(handle: string): string {
  return handle.replace(new RegExp(`[^${SECRET_NAME_CHARS}]`, 'g'), '_') || 'ENDPOINT_KEY';
}

export interface KeySources {
  secret(name: string): Promise<string | undefined>;
  env(name: string): string | undefined;
  /** False in an untrusted workspace: a repository must not be able to read the machine's environment. */
  allowEnv: boolean;
  /** Why ${env:NAME} is not read for this name (the Poe key's variable; one the run did not allow), if it is not. */
  envRefusal?(name: string): string | undefined;
  /** How to store a missing secret, in the words of the tool the creator uses (the editor's command, the CLI's variable). */
  howToSetSecret?(name: string): string;
}

/** A key reference that does not resolve. Its message is redacted when made: it may quote what the file says. */
export class KeyResolutionError extends Error {
  readonly userFacing = true;
  constructor(
    message: string,
    readonly ref?: KeyReference,
  ) {
    super(redactKnown(message));
    this.name = 'KeyResolutionError';
  }
}

/** The endpoint key a file's api_key stands for; throws with a message naming what is missing. */
export async function resolveKey(value: string, sources: KeySources): Promise<string> {
  const ref = parseKeyReference(value);
  if (ref === 'literal') {
    rememberSecret(value);
    return value;
  }
  if (ref === 'malformed')
    throw new KeyResolutionError(`api_key "${value}" is not a valid reference: write \${secret:NAME} or \${env:NAME}.`);
  if (ref.kind === 'env') {
    if (!sources.allowEnv)
      throw new KeyResolutionError(
        `\${env:${ref.name}} is not read in an untrusted workspace. Trust the workspace, or use \${secret:NAME}.`,
        ref,
      );
    const refused = sources.envRefusal?.(ref.name);
    if (refused) throw new KeyResolutionError(refused, ref);
    const v = sources.env(ref.name);
    if (!v) throw new KeyResolutionError(`The environment variable ${ref.name} is not set.`, ref);
    rememberSecret(v);
    return v;
  }
  const v = await sources.secret(ref.name);
  if (!v)
    throw new KeyResolutionError(
      `No endpoint secret named "${ref.name}" is stored. ${sources.howToSetSecret?.(ref.name) ?? 'Set it with "Poe: Set Endpoint Secret".'}`,
      ref,
    );
  rememberSecret(v);
  return v;
}
