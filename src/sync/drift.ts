// Drift, as Terraform and Pulumi users know it: what changed on Poe since the last pull or push, field by field with
// its values, told apart from what the creator changed in the file.

import { fingerprint } from '../botfile/normalize';
import type { Bot } from '../poe';
import { fieldValues, valueDigest } from './lockFile';
import type { Baseline } from './types';

export interface FieldDrift {
  path: string;
  /** The value before the change on Poe: known when the file still holds it, or when the field was not there. */
  was?: unknown;
  wasKnown: boolean;
  /** The value on Poe now (undefined: removed on Poe). */
  now?: unknown;
}

/** 'deleted': the bot is gone from Poe. 'changed' with no fields: an older memory that kept only a fingerprint. */
export interface Drift {
  kind: 'changed' | 'deleted';
  fields: FieldDrift[];
}

/**
 * `remoteFingerprint`: the remote's fingerprint when the caller has it already (a plan hashes each bot once). When it
 * is the recorded one, Poe's copy is the one last pulled or pushed: no field is compared.
 */
export function driftOf(
  base: Baseline | undefined,
  remote: Bot | undefined,
  local?: Record<string, unknown>,
  remoteFingerprint = remote && fingerprint(remote),
): Drift | undefined {
  if (!base) return undefined;
  if (!remote) return { kind: 'deleted', fields: [] };
  if (remoteFingerprint === base.fingerprint) return undefined;
  if (!base.fields) return { kind: 'changed', fields: [] };
  const now = fieldValues(remote);
  const inFile = local ? fieldValues(local) : new Map<string, unknown>();
  const fields: FieldDrift[] = [];
  for (const path of new Set([...Object.keys(base.fields), ...now.keys()])) {
    const recorded = base.fields[path];
    if ((now.has(path) ? valueDigest(now.get(path)) : undefined) === recorded) continue;
    const fileKnowsIt = recorded !== undefined && inFile.has(path) && valueDigest(inFile.get(path)) === recorded;
    fields.push({
      path,
      now: now.get(path),
      wasKnown: recorded === undefined || fileKnowsIt,
      was: fileKnowsIt ? inFile.get(path) : undefined,
    });
  }
  return { kind: 'changed', fields: fields.sort((a, b) => a.path.localeCompare(b.path)) };
}

/** The fields the creator changed in the file since the last pull or push (undefined: the memory cannot tell). */
export function localChanges(base: Baseline | undefined, local: Record<string, unknown>): string[] | undefined {
  if (!base?.fields) return undefined;
  const inFile = fieldValues(local);
  return [...inFile].filter(([path, v]) => base.fields![path] !== valueDigest(v)).map(([path]) => path);
}
