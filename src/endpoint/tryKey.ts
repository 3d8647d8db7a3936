// A new endpoint key tried before it is rotated: Check Endpoint's address and key rows only (one small request),
// against the endpoint as Poe has it. Its verdict is the key row's: what was found, and what to do.

import type { ApiBotSettings } from '../poe/types';
import { checkEndpoint, type CheckOptions } from './check';

export type KeyTrialResult = { ok: true; summary: string } | { ok: false; summary: string; fix?: string };

export async function tryEndpointKey(
  handle: string,
  settings: ApiBotSettings,
  key: string,
  keyLabel: string,
  o: Pick<CheckOptions, 'signal' | 'ca' | 'stepTimeoutMs'> = {},
): Promise<KeyTrialResult> {
  const report = await checkEndpoint({ handle, settings, key, keyLabel }, { ...o, keyOnly: true });
  const failed =
    report.rows.find((r) => r.status === 'fail') ?? report.rows.find((r) => r.id === 'keyModel' && r.status !== 'pass');
  if (failed) return { ok: false, summary: failed.summary, fix: failed.fix };
  return { ok: true, summary: report.rows.find((r) => r.id === 'keyModel')!.summary };
}
