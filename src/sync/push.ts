// The push flow, for one file or a folder of them, and the same for the editor and the command line: read and
// validate every file, resolve its key, read each bot on Poe, notice changes made on Poe since the last pull or
// push, plan, ask once, then write a few at a time (a Cancel stops before the next write) and read each back.

import { fingerprint } from '../botfile/normalize';
import { planPush } from '../botfile/plan';
import { isPoeApiError, type PoeErrorKind } from '../poe';
import { applyPlan, fetchRemote, serverProblem, UnverifiedWrite } from './apply';
import { carriesKeyLine, conflictLine, planLines, summaryLine, verbTitle } from './describe';
import { duplicateHandles, duplicateMessage, type Claim } from './duplicates';
import { FileRefusedError, handleInText, contentHash } from './fileGate';
import { eachLimited } from './limit';
import { KeyGateError, passKeyGate } from './keyGate';
import { prepareFile } from './prepare';
import { english, type BotFileRef, type Confirmation, type FileResult, type Planned, type PreparedFile, type PushOptions, type PushReport, type SyncEnv } from './types';

/** Failures that no other bot of the run would escape: nothing more is asked of Poe after the first. */
const STOPS_THE_RUN: PoeErrorKind[] = ['auth', 'notEnabled', 'wrongAddress', 'network', 'timeout'];

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Reads, validates and plans every file without writing anything: the first half of a push, and all of a plan. */
export async function planFiles(env: SyncEnv, files: readonly BotFileRef[], o: PushOptions): Promise<{ work: Planned[]; results: FileResult[] }> {
  const t = env.t ?? english;
  const results: FileResult[] = [];
  const refuse = (file: BotFileRef, e: unknown, handle?: string) => results.push({ file, handle, outcome: 'refused', message: message(e), error: e });

  // Two files claiming one handle would each write the bot, the last one winning: neither is sent.
  const claims = await Promise.all(files.map(async (file) => ({ file, handle: handleInText(await env.read(file) ?? '') })));
  const twice = duplicateHandles(claims.filter((c): c is Claim => c.handle !== undefined));

  // Files first, one at a time: resolving a key may ask the creator for a missing secret.
  const prepared: PreparedFile[] = [];
  for (const [i, file] of files.entries()) {
    const others = twice.get(file.id);
    if (others) { refuse(file, new FileRefusedError(duplicateMessage(claims[i]!.handle!, others, t('nothing was sent for it; keep one file per bot.'))), claims[i]!.handle); continue; }
    try { prepared.push(await prepareFile(env, file, { askForMissingSecret: files.length === 1 })); } catch (e) { refuse(file, e); }
  }

  const concurrency = env.concurrency ?? 4;
  let planning = 0;
  // A rejected key or an unreachable Poe is the same for every bot: the first one stops the run, with one error.
  let stopped: unknown;
  const planned = await eachLimited(prepared, concurrency, async (p): Promise<Planned | undefined> => {
    if (stopped) return undefined;
    try {
      const remote = await fetchRemote(env.client, p.handle, env.signal);
      const base = env.baselines?.get(p.file);
      const conflict = base && base.handle === p.handle && !(remote && fingerprint(remote) === base.fingerprint) ? (remote ? 'changed' : 'deleted') : undefined;
      // With no memory of past pushes (the command line), the key is sent on an update only when asked.
      const keyChanged = p.key !== undefined && env.baselines !== undefined && (!base?.keyHash || base.keyHash !== await env.baselines.hashKey(p.key));
      const plan = planPush({ verb: o.verb, local: p.local, remote, key: p.key, sendKey: o.sendKey, keyChanged });
      env.questions.progress?.({ phase: 'planning', done: ++planning, total: prepared.length, handle: p.handle });
      return { prepared: p, remote, plan, conflict };
    } catch (e) {
      if (isPoeApiError(e) && STOPS_THE_RUN.includes(e.kind)) { stopped ??= e; return undefined; }
      results.push({ file: p.file, handle: p.handle, outcome: env.signal?.aborted ? 'cancelled' : 'failed', message: message(e), error: e });
      return undefined;
    }
  });
  if (stopped) throw stopped;

  const work: Planned[] = [];
  for (const p of planned) {
    if (!p) continue;
    const refusal = p.plan.refusal ?? missingKey(env, p, o) ?? await keyRefusal(env, p);
    if (refusal) { results.push({ file: p.prepared.file, handle: p.prepared.handle, outcome: 'refused', plan: p.plan, message: refusal }); continue; }
    if (p.plan.noop) {
      results.push({ file: p.prepared.file, handle: p.prepared.handle, outcome: 'upToDate', plan: p.plan });
      await env.baselines?.set(p.prepared.file, { ...env.baselines.get(p.prepared.file), handle: p.prepared.handle, fingerprint: fingerprint(p.remote), contentHash: await contentHash(p.prepared.validated.text) });
      continue;
    }
    work.push(p);
  }
  return { work, results };
}

/** A key that did not resolve refuses a plan that would send it; with a memory of past pushes, any plan (it may have changed). */
function missingKey(env: SyncEnv, p: Planned, o: PushOptions): string | undefined {
  const e = p.prepared.keyError;
  if (!e) return undefined;
  return p.plan.verb !== 'update' || o.sendKey || env.baselines ? e.message : undefined;
}

/** Every plan that sends an endpoint key, or makes Poe send its stored key to a new host, passes the key gate. */
async function keyRefusal(env: SyncEnv, p: Planned): Promise<string | undefined> {
  if (!env.keyGate || !carriesKeyLine(p.plan)) return undefined;
  const k = p.plan.key;
  const use = { handle: p.prepared.handle, reference: k.sends ? k.reference ?? 'api_key' : (env.t ?? english)('the key Poe stores'), key: k.sends ? p.prepared.key : undefined, url: k.url, purpose: 'push' as const };
  try { await passKeyGate(env.keyGate, use, env.t); return undefined; } catch (e) {
    if (e instanceof KeyGateError) return e.message;
    throw e;
  }
}

export async function pushFiles(env: SyncEnv, files: readonly BotFileRef[], o: PushOptions): Promise<PushReport> {
  const t = env.t ?? english;
  const { work, results } = await planFiles(env, files, o);
  if (!work.length) return { results, cancelled: false };

  const concurrency = env.concurrency ?? 4;
  let go = work;
  const conflicts = work.filter((p) => p.conflict);
  const mustAsk = env.confirmUpdates || conflicts.length > 0 || work.some((p) => p.plan.verb !== 'update' || carriesKeyLine(p.plan));
  if (mustAsk) {
    const answer = await env.questions.confirm(confirmation(env, work, conflicts, results));
    if (answer === 'cancel') {
      for (const p of work) results.push({ file: p.prepared.file, handle: p.prepared.handle, outcome: 'cancelled', plan: p.plan, message: t('Not sent: cancelled.') });
      return { results, cancelled: true };
    }
    if (answer === 'skipConflicts') {
      go = work.filter((p) => !p.conflict);
      for (const p of conflicts) results.push({ file: p.prepared.file, handle: p.prepared.handle, outcome: 'skipped', plan: p.plan, message: conflictLine(p, t) });
    }
  }

  let written = 0;
  const outcomes = await eachLimited(go, concurrency, async (p): Promise<FileResult> => {
    const base = { file: p.prepared.file, handle: p.prepared.handle, plan: p.plan };
    if (env.signal?.aborted) return { ...base, outcome: 'cancelled', message: t('Not sent: cancelled.') };
    try {
      const { notTaken } = await applyPlan(env, p);
      env.questions.progress?.({ phase: 'writing', done: ++written, total: go.length, handle: p.prepared.handle });
      return { ...base, outcome: 'pushed', notTaken };
    } catch (e) {
      if (e instanceof UnverifiedWrite) return { ...base, outcome: 'unverified', message: t('Written, but reading it back failed: {0}', e.message), error: e.readError };
      return { ...base, outcome: 'failed', message: message(e), error: e, problem: serverProblem(e, p) };
    }
  });
  results.push(...outcomes);
  return { results, cancelled: env.signal?.aborted ?? false };
}

function confirmation(env: SyncEnv, work: Planned[], conflicts: Planned[], settled: FileResult[]): Confirmation {
  const t = env.t ?? english;
  if (work.length === 1 && !settled.length) {
    const p = work[0]!;
    return {
      title: t('{0} "{1}" on {2}?', verbTitle(p.plan.verb, t), p.plan.handle, env.account),
      detail: [...(p.conflict ? [conflictLine(p, t)] : []), ...planLines(p.plan, t)].join('\n'),
      planned: work, conflicts, push: t('Push'),
    };
  }
  const lines = work.map((p) => summaryLine(p, t));
  const notSent = settled.map((r) => `${r.outcome === 'upToDate' ? '✓' : '✗'} ${r.handle ?? r.file.label}${r.outcome === 'upToDate' ? ` ${t('(up to date)')}` : `: ${r.message ?? r.outcome}`}`);
  return {
    title: t('Push {0} bot(s) to {1}?', work.length, env.account),
    detail: [
      ...(conflicts.length ? [t('Changed on Poe since you last pulled or pushed them: {0}', conflicts.map((p) => p.plan.handle).join(', ')), ''] : []),
      ...lines,
      ...(notSent.length ? ['', ...notSent] : []),
    ].join('\n'),
    planned: work, conflicts, push: t('Push {0} Bots', work.length),
  };
}

