// Field values as a reviewer reads them in a plan: short, quoted, prices also in $ per 1M tokens. Never a key: the
// api_key field is never shown by value (its reference and host are the key lines' job).

import { isObj } from '../botfile/json';
import { perMillion } from '../botfile/prices';
import { withoutControls } from '../poe/text';
import { fieldValues } from './lockFile';
import type { Drift } from './drift';
import type { Planned } from './types';

const LIMIT = 120;
const cut = (s: string) => (s.length > LIMIT ? `${s.slice(0, LIMIT - 1)}…` : s);

function price(key: string, v: unknown): string {
  const m = perMillion(v);
  return `${key} ${JSON.stringify(v)}${m ? ` (${m.replace(' per 1M tokens', '')} per 1M tokens)` : ''}`;
}

export function shownValue(path: string, v: unknown): string {
  if (v === undefined) return '(none)';
  if (path.endsWith('.pricing') && isObj(v)) {
    return cut(
      Object.entries(v)
        .map(([k, x]) => (k === 'context_pricing' ? `${k} ${JSON.stringify(x)}` : price(k, x)))
        .join(', '),
    );
  }
  return cut(withoutControls(JSON.stringify(v) ?? String(v)));
}

export const changeLine = (path: string, from: unknown, to: unknown) =>
  `${path}: ${shownValue(path, from)} → ${shownValue(path, to)}`;

/** One line per field a push changes: as Poe has it → as the file has it. */
export function valueLines(p: Planned): string[] {
  const before = p.remote ? fieldValues(p.remote) : new Map<string, unknown>();
  const after = fieldValues(p.prepared.local);
  return p.plan.changed
    .filter((path) => path !== 'api_bot_settings.api_key')
    .map((path) =>
      p.remote ? changeLine(path, before.get(path), after.get(path)) : `${path}: ${shownValue(path, after.get(path))}`,
    );
}

/** One line per field changed on Poe since the last pull or push: then → now. */
export function driftLines(d: Drift): string[] {
  return d.fields.map(
    (f) => `${f.path}: ${f.wasKnown ? shownValue(f.path, f.was) : '(an earlier value)'} → ${shownValue(f.path, f.now)}`,
  );
}

/** Fields Poe has that the file does not, with Poe's values: never called up to date in silence. */
export function onPoeNotInFile(p: Planned): string[] {
  const paths = [...p.plan.keptOnPoe, ...p.plan.resets];
  if (!p.remote || !paths.length) return [];
  const remote = fieldValues(p.remote);
  return paths.map((path) => `${path}: ${shownValue(path, remote.get(path))}`);
}
