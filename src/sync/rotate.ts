// Rotating an endpoint key across every bot that uses it, for the editor and the command line alike: find the bot
// files of the folder whose api_key is the reference, read those bots on Poe (one GET /bots: the address Poe sends
// the key to is Poe's, not the file's), pass the key gate for each host, ask once, try the new key at each distinct
// endpoint (Check Endpoint's key row) and send nothing to Poe unless every one takes it, then one PATCH of api_key
// per bot, one read-back, and only when every bot has the new key is the stored secret replaced.

import { readBotFile } from '../botfile/read';
import { rememberSecret } from '../poe/redact';
import type { Bot } from '../poe/types';
import { KeyGateError, passKeyGate } from './keyGate';
import { eachLimited } from './limit';
import {
  RotationError,
  type BotRotation,
  type EndpointTrial,
  type RotateEnv,
  type RotationBot,
  type RotationOutcome,
  type RotationReport,
} from './rotation';
import { english, type BotFileRef, type Translate } from './types';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const hostOf = (url: unknown) => {
  try {
    return new URL(String(url)).host.toLowerCase();
  } catch {
    return undefined;
  }
};

export async function rotateKey(env: RotateEnv, reference: string, newKey: string): Promise<RotationReport> {
  const t = env.t ?? english;
  const key = newKey.trim();
  if (!key) throw new RotationError(t('The new key is empty: nothing was sent.'));
  rememberSecret(key);
  await env.baselines?.load?.();

  const using: { file: BotFileRef; handle: string }[] = [];
  for (const file of env.files) {
    const view = readBotFile((await env.read(file)) ?? '');
    if (view.handle && view.keyLabel === reference && typeof view.keyReference === 'object')
      using.push({ file, handle: view.handle });
  }
  if (!using.length) throw new RotationError(t('No bot file here has api_key {0}: nothing to rotate.', reference));

  // Poe's own copy of each bot: where Poe sends the key is its base_url, whatever the file says now.
  const onPoe = new Map((await env.client.listBots({ signal: env.signal })).map((b) => [b.handle, b]));
  const bots: RotationBot[] = using.map((u) => {
    const remote = onPoe.get(u.handle);
    return { ...u, onPoe: remote !== undefined, host: hostOf(remote?.api_bot_settings?.base_url) };
  });
  const present = bots.filter((b) => b.onPoe);
  const notOnPoe = (b: RotationBot): BotRotation => ({
    file: b.file,
    handle: b.handle,
    outcome: 'notOnPoe',
    message: t('Not on this Poe account: a push sends it the key {0} then holds.', reference),
  });
  const report = (
    outcome: RotationOutcome,
    rows: BotRotation[],
    endpoints: EndpointTrial[],
    stored: boolean,
    said: string,
  ): RotationReport => ({
    reference,
    outcome,
    bots: [...rows, ...bots.filter((b) => !b.onPoe).map(notOnPoe)],
    endpoints,
    stored,
    message: said,
  });
  const notSent = (why: string) =>
    present.map((b): BotRotation => ({
      file: b.file,
      handle: b.handle,
      host: b.host,
      outcome: 'notSent',
      message: why,
    }));
  if (!present.length)
    return report(
      'refused',
      [],
      [],
      false,
      t(
        'None of the bots that use {0} is on this Poe account: nothing was sent, the stored key is unchanged.',
        reference,
      ),
    );

  // The key gate, once per endpoint (the first bot of each stands for it): the new key goes there, through Poe too.
  const endpoints = new Map<string, { bot: Bot; rotation: RotationBot }>();
  for (const b of present) {
    const remote = onPoe.get(b.handle)!;
    const url = String(remote.api_bot_settings?.base_url ?? '');
    if (!endpoints.has(url)) endpoints.set(url, { bot: remote, rotation: b });
  }
  for (const [url, { rotation }] of endpoints) {
    try {
      await passKeyGate(env.keyGate, { handle: rotation.handle, reference, key, url, purpose: 'rotateKey' }, t);
    } catch (e) {
      if (!(e instanceof KeyGateError)) throw e;
      return report(
        'refused',
        notSent(t('Not sent: the key gate refused {0}.', rotation.host ?? url)),
        [],
        false,
        e.message,
      );
    }
  }

  const hosts = [...new Set(present.map((b) => b.host ?? '?'))].sort();
  const lines = present.map((b) => `${b.handle} (${b.file.label}) → ${b.host ?? '?'}`);
  const absent = bots.filter((b) => !b.onPoe).map((b) => `${b.handle} (${b.file.label}): ${t('not on Poe, skipped')}`);
  const ok = await env.confirm({
    title: t('Rotate the endpoint key {0} of {1} bot(s) on {2}?', reference, present.length, env.account),
    detail: [
      ...lines,
      ...absent,
      '',
      t('Hosts: {0}', hosts.join(', ')),
      t(
        'First the new key is tried at each endpoint ({0}); nothing is sent to Poe unless every one takes it. Then one update of api_key per bot, read back, and only then is {1} replaced.',
        endpoints.size,
        reference,
      ),
    ].join('\n'),
    bots: present,
    hosts,
    rotate: t('Rotate the Key of {0} Bots', present.length),
  });
  if (!ok)
    return report(
      'cancelled',
      notSent(t('Not sent: cancelled.')),
      [],
      false,
      t('Cancelled: nothing was sent, the stored key is unchanged.'),
    );

  // The new key at every endpoint before Poe hears of it.
  const trials: EndpointTrial[] = [];
  for (const { bot, rotation } of endpoints.values()) {
    trials.push({
      host: rotation.host ?? '?',
      handle: rotation.handle,
      trial: await env.tryKey(rotation.handle, bot.api_bot_settings ?? {}, key, reference),
    });
  }
  const refused = trials.filter((x) => !x.trial.ok);
  if (refused.length) {
    const why = refused.map((x) => `${x.host}: ${x.trial.summary}`).join(' ');
    return report(
      'keyRefused',
      notSent(t('Not sent: the new key did not work at {0}.', refused.map((x) => x.host).join(', '))),
      trials,
      false,
      t(
        'The new key did not work at {0}: nothing was sent to Poe, and {1} still holds the old key. {2} Have each endpoint accept the new key first, then rotate again.',
        refused.map((x) => x.host).join(', '),
        reference,
        why,
      ),
    );
  }

  // One PATCH of api_key per bot: nothing else in the body, so nothing else changes.
  const sent = await eachLimited(present, 4, async (b): Promise<BotRotation> => {
    if (env.signal?.aborted)
      return { file: b.file, handle: b.handle, host: b.host, outcome: 'notSent', message: t('Not sent: cancelled.') };
    try {
      await env.client.updateBot(b.handle, { api_bot_settings: { api_key: key } });
      env.log?.info(`PATCH ${b.handle}: api_bot_settings.api_key (the new key from ${reference})`);
      return { file: b.file, handle: b.handle, host: b.host, outcome: 'rotated' };
    } catch (e) {
      return {
        file: b.file,
        handle: b.handle,
        host: b.host,
        outcome: 'failed',
        message: t('Poe did not take the new key: {0}', message(e)),
      };
    }
  });
  const rows = await readBack(env, sent, reference, key, t);
  const failed = rows.filter((r) => r.outcome !== 'rotated');
  if (failed.length) {
    const have = rows.filter((r) => r.outcome === 'rotated').map((r) => r.handle);
    return report(
      'partial',
      rows,
      trials,
      false,
      t(
        '{0} of {1} bots have the new key; {2} kept the old key. Fix what is said for {3} and rotate again (a bot that has the new key takes it again).{4}',
        have.length,
        rows.length,
        reference,
        failed.map((r) => r.handle).join(', '),
        have.length ? t(' Until then {0} must keep working with the new key: do not revoke it.', have.join(', ')) : '',
      ),
    );
  }
  const stored = await env.replaceStored();
  return report(
    'rotated',
    rows,
    trials,
    stored === undefined,
    stored ??
      t(
        '{0} bot(s) have the new key, and {1} now holds it. Revoke the old key at your provider.',
        rows.length,
        reference,
      ),
  );
}

/** One GET /bots after the writes: a bot Poe no longer lists is not known to have the key. Its memory learns the new key. */
async function readBack(
  env: RotateEnv,
  sent: BotRotation[],
  reference: string,
  key: string,
  t: Translate,
): Promise<BotRotation[]> {
  const written = sent.filter((r) => r.outcome === 'rotated');
  if (!written.length) return sent;
  let after: Map<string, Bot>;
  try {
    after = new Map((await env.client.listBots()).map((b) => [b.handle, b]));
  } catch (e) {
    return sent.map((r) =>
      r.outcome === 'rotated'
        ? { ...r, outcome: 'unverified', message: t('Sent, but reading it back failed: {0}', message(e)) }
        : r,
    );
  }
  const out: BotRotation[] = [];
  for (const r of sent) {
    if (r.outcome !== 'rotated') {
      out.push(r);
      continue;
    }
    if (!after.has(r.handle)) {
      out.push({ ...r, outcome: 'unverified', message: t('Sent, but Poe does not list it now.') });
      continue;
    }
    const base = env.baselines?.get(r.file, r.handle);
    if (env.baselines && base?.handle === r.handle) {
      await env.baselines.set(r.file, {
        ...base,
        keyHash: await env.baselines.hashKey(key, r.file),
        keyReference: reference,
        keyHost: r.host ?? base.keyHost,
      });
    }
    out.push(r);
  }
  return out;
}
