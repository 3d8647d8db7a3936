// Words for a push: what the confirmation, the log and the command line say about each bot. One place, so the
// editor's dialog and the CLI's plan say exactly the same thing.

import type { Plan, Verb } from '../botfile/plan';
import { withoutControls } from '../poe/text';
import { english, type Planned, type SyncEnv, type Translate } from './types';

export function verbTitle(verb: Verb, t: Translate = english): string {
  return verb === 'create' ? t('Create') : verb === 'update' ? t('Update') : t('Replace');
}

/**
 * The lines about endpoint keys: which reference is sent and for which host, or that Poe starts sending the key it
 * stores to another host. A plan with any such line is always confirmed.
 */
export function keyLines(plan: Plan, t: Translate = english): string[] {
  const k = plan.key;
  if (k.sends) {
    return [
      k.host
        ? t('The endpoint key from {0} is sent, for Poe to use with {1}.', k.reference ?? 'api_key', k.host)
        : t('The endpoint key from {0} is sent.', k.reference ?? 'api_key'),
    ];
  }
  if (k.storedKeyMovesTo)
    return [
      t(
        'Poe will send the endpoint key it stores to {0} (until now: {1}).',
        k.storedKeyMovesTo,
        k.storedKeyWasFor ?? '?',
      ),
    ];
  return [];
}

export const carriesKeyLine = (plan: Plan) => plan.key.sends || plan.key.storedKeyMovesTo !== undefined;

export function planLines(plan: Plan, t: Translate = english): string[] {
  const lines: string[] = [];
  if (plan.verb === 'create') lines.push(t('A new bot (POST /bots) with: {0}', plan.changed.join(', ') || '—'));
  else if (plan.changed.length) lines.push(t('Changes: {0}', plan.changed.join(', ')));
  if (plan.verb === 'replace') {
    lines.push(t("PUT replaces every setting with the file's."));
    if (plan.resets.length) lines.push(t('Reset, because the file does not have them: {0}', plan.resets.join(', ')));
  }
  if (plan.keptOnPoe.length)
    lines.push(
      t('Kept on Poe (the file does not have them, and an update cannot remove them): {0}', plan.keptOnPoe.join(', ')),
    );
  if (plan.mayStayOnPoe.length) {
    lines.push(
      t(
        'Removed in the file, but Poe may keep them (its docs do not say how deep an update merges; Replace is sure): {0}',
        plan.mayStayOnPoe.join(', '),
      ),
    );
  }
  const keys = keyLines(plan, t);
  lines.push(...(keys.length ? keys : [t('The endpoint key is not sent (Poe keeps the one it has).')]));
  return lines;
}

export function conflictLine(p: Planned, t: Translate = english): string {
  return p.conflict === 'deleted'
    ? t('"{0}" was deleted on Poe since you last pulled or pushed it: pushing creates it again.', p.prepared.handle)
    : t(
        '"{0}" was changed on Poe since you last pulled or pushed it: pushing overwrites those changes.',
        p.prepared.handle,
      );
}

/** One line per bot for a list of many: the verb, the handle, what changes, and the key facts. */
export function summaryLine(p: Planned, t: Translate = english): string {
  const plan = p.plan;
  const extra = [
    ...keyLines(plan, t),
    ...(plan.mayStayOnPoe.length ? [t('may stay on Poe: {0}', plan.mayStayOnPoe.join(', '))] : []),
  ];
  return `${verbTitle(plan.verb, t)} ${plan.handle}: ${plan.changed.join(', ') || '—'}${extra.length ? ` · ${extra.join(' · ')}` : ''}`;
}

/**
 * The folders last pulled from or pushed to another account than the one in use: "last pushed to production; you are
 * on development". A push with such a line is always confirmed.
 */
export function accountLines(
  env: Pick<SyncEnv, 'accountName' | 'baselines'>,
  work: readonly Planned[],
  t: Translate = english,
): string[] {
  const current = env.accountName;
  if (!current || !env.baselines?.accountFor) return [];
  const others = new Set<string>();
  for (const p of work) {
    const recorded = env.baselines.accountFor(p.prepared.file);
    if (recorded && recorded !== current) others.add(accountName(recorded));
  }
  return [...others]
    .sort()
    .map((name) => t('This folder was last pushed to {0}; you are on {1}.', name, accountName(current)));
}

/** An account's name as a sentence may show it (a lock file is text from a file): no control characters, cut short. */
export const accountName = (name: string) => withoutControls(name).slice(0, 60);
