// The push flow, for one file or a folder of them, and the same for the editor and the command line: read and
// validate every file, resolve its key, read each bot on Poe, notice changes made on Poe since the last pull or
// push, plan, ask once, then write a few at a time (a Cancel stops before the next write) and read each back.

import { fingerprint } from '../botfile/normalize';
import type { Bot } from '../poe';
import { planPush } from '../botfile/plan';
import { isPoeApiError, type PoeErrorKind } from '../poe';
import { fetchRemote, recordPushed, serverProblem, writePlan } from './apply';
import { confirmation } from './confirmation';
import { keyChangedSince, keyRefusal, missingKey } from './pushKeys';
import { accountLines, carriesKeyLine, conflictLine } from './describe';
import { duplicateHandles, duplicateMessage, type Claim } from './duplicates';
import { parseBotFile, type ParsedBotFile } from '../botfile/parse';
import { viewOf } from '../botfile/read';
import { FileRefusedError, contentHash } from './fileGate';
import { driftOf } from './drift';
import { eachLimited } from './limit';
import { fieldDigests } from './lockFile';
import { prepareFile } from './prepare';
import {
  english,
  type BotFileRef,
  type FileResult,
  type Planned,
  type PreparedFile,
  type PushOptions,
  type PushReport,
  type SyncEnv,
} from './types';

/** Failures that no other bot of the run would escape: nothing more is asked of Poe after the first. */
const STOPS_THE_RUN: PoeErrorKind[] = ['auth', 'notEnabled', 'wrongAddress', 'network', 'timeout'];

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Reads, validates and plans every file without writing anything: the first half of a push, and all of a plan. */
export async function planFiles(
  env: SyncEnv,
  files: readonly BotFileRef[],
  o: PushOptions,
): Promise<{ work: Planned[]; results: FileResult[]; upToDate: Planned[] }> {
  const t = env.t ?? english;
  await env.baselines?.load?.();
  const results: FileResult[] = [];
  const refuse = (file: BotFileRef, e: unknown, handle?: string) =>
    results.push({ file, handle, outcome: 'refused', message: message(e), error: e });

  // Two files claiming one handle would each write the bot, the last one winning: neither is sent.
  // Each file is read and parsed once: the claims, then its preparation, take the same parse.
  const parsed = new Map<string, ParsedBotFile>();
  const claims = await Promise.all(
    files.map(async (file) => {
      const text = await env.read(file);
      if (text === undefined) return { file, handle: undefined };
      const p = parseBotFile(text);
      parsed.set(file.id, p);
      return { file, handle: viewOf(p).handle };
    }),
  );
  const twice = duplicateHandles(claims.filter((c): c is Claim => c.handle !== undefined));

  // Files first, one at a time: resolving a key may ask the creator for a missing secret.
  const prepared: PreparedFile[] = [];
  for (const [i, file] of files.entries()) {
    const others = twice.get(file.id);
    if (others) {
      refuse(
        file,
        new FileRefusedError(
          duplicateMessage(claims[i]!.handle!, others, t('nothing was sent for it; keep one file per bot.')),
        ),
        claims[i]!.handle,
      );
      continue;
    }
    try {
      prepared.push(
        await prepareFile(env, file, { askForMissingSecret: files.length === 1, parsed: parsed.get(file.id) }),
      );
    } catch (e) {
      refuse(file, e);
    }
  }

  const concurrency = env.concurrency ?? 4;
  let planning = 0;
  // A rejected key or an unreachable Poe is the same for every bot: the first one stops the run, with one error.
  let stopped: unknown;
  // List bots returns every field of every bot: a folder is planned from one GET /bots (a bot is read alone only when
  // the list does not have it: a new handle, or one another account holds).
  const listed = prepared.length > 1 ? await listAccount(env) : undefined;
  const planned = await eachLimited(prepared, concurrency, async (p): Promise<Planned | undefined> => {
    if (stopped) return undefined;
    try {
      const remote = listed?.get(p.handle) ?? (await fetchRemote(env.client, p.handle, env.signal));
      const base = env.baselines?.get(p.file, p.handle);
      const mine = base && base.handle === p.handle ? base : undefined;
      const remoteFingerprint = remote && fingerprint(remote);
      const drift = driftOf(mine, remote, p.local, remoteFingerprint);
      const conflict = drift?.kind;
      const keyChanged =
        p.key !== undefined && env.baselines !== undefined && (await keyChangedSince(env, mine, p.key, p.file));
      const plan = planPush({ verb: o.verb, local: p.local, remote, key: p.key, sendKey: o.sendKey, keyChanged });
      env.questions.progress?.({ phase: 'planning', done: ++planning, total: prepared.length, handle: p.handle });
      return { prepared: p, remote, remoteFingerprint, plan, conflict, drift };
    } catch (e) {
      if (isPoeApiError(e) && STOPS_THE_RUN.includes(e.kind)) {
        stopped ??= e;
        return undefined;
      }
      results.push({
        file: p.file,
        handle: p.handle,
        outcome: env.signal?.aborted ? 'cancelled' : 'failed',
        message: message(e),
        error: e,
      });
      return undefined;
    }
  });
  if (stopped) throw stopped;

  const work: Planned[] = [];
  const upToDate: Planned[] = [];
  for (const p of planned) {
    if (!p) continue;
    const refusal = p.plan.refusal ?? missingKey(env, p, o) ?? (await keyRefusal(env, p));
    if (refusal) {
      results.push({
        file: p.prepared.file,
        handle: p.prepared.handle,
        outcome: 'refused',
        plan: p.plan,
        message: refusal,
      });
      continue;
    }
    if (p.plan.noop) {
      results.push({ file: p.prepared.file, handle: p.prepared.handle, outcome: 'upToDate', plan: p.plan });
      upToDate.push(p);
      // Up to date with Poe as it is now: that is the memory from here on (a change on Poe the file already has is no drift).
      // A plan's store keeps nothing: no file is hashed for it.
      if (env.baselines && !env.baselines.readOnly) {
        const before = env.baselines.get(p.prepared.file, p.prepared.handle);
        const now = p.remoteFingerprint ?? fingerprint(p.remote);
        await env.baselines.set(p.prepared.file, {
          ...before,
          handle: p.prepared.handle,
          fingerprint: now,
          // The same fingerprint is the same bot: its recorded field digests are the ones it would get again.
          fields: before?.fingerprint === now && before.fields ? before.fields : fieldDigests(p.remote),
          contentHash: await contentHash(p.prepared.validated.text, p.prepared.validated),
        });
      }
      continue;
    }
    work.push(p);
  }
  return { work, results, upToDate };
}

async function listAccount(env: SyncEnv): Promise<Map<string, Bot>> {
  return new Map((await env.client.listBots({ signal: env.signal })).map((b) => [b.handle, b]));
}

export async function pushFiles(env: SyncEnv, files: readonly BotFileRef[], o: PushOptions): Promise<PushReport> {
  const t = env.t ?? english;
  const { work, results } = await planFiles(env, files, o);
  if (!work.length) return { results, cancelled: false };

  const concurrency = env.concurrency ?? 4;
  let go = work;
  const conflicts = work.filter((p) => p.conflict);
  const otherAccount = accountLines(env, work, t);
  const mustAsk =
    env.confirmUpdates ||
    conflicts.length > 0 ||
    otherAccount.length > 0 ||
    work.some((p) => p.plan.verb !== 'update' || carriesKeyLine(p.plan));
  if (mustAsk) {
    const answer = await env.questions.confirm(confirmation(env, work, conflicts, results, otherAccount));
    if (answer === 'cancel') {
      for (const p of work)
        results.push({
          file: p.prepared.file,
          handle: p.prepared.handle,
          outcome: 'cancelled',
          plan: p.plan,
          message: t('Not sent: cancelled.'),
        });
      return { results, cancelled: true };
    }
    if (answer === 'skipConflicts') {
      go = work.filter((p) => !p.conflict);
      for (const p of conflicts)
        results.push({
          file: p.prepared.file,
          handle: p.prepared.handle,
          outcome: 'skipped',
          plan: p.plan,
          message: conflictLine(p, t),
        });
    }
  }

  let written = 0;
  const sent: Planned[] = [];
  const outcomes = await eachLimited(go, concurrency, async (p): Promise<FileResult | undefined> => {
    const base = { file: p.prepared.file, handle: p.prepared.handle, plan: p.plan };
    if (env.signal?.aborted) return { ...base, outcome: 'cancelled', message: t('Not sent: cancelled.') };
    try {
      // Read again right before writing: the plan may be minutes old (a person read it), and a change on Poe since
      // is not overwritten unseen.
      const now = await fetchRemote(env.client, p.prepared.handle, env.signal);
      if (fingerprint(now) !== fingerprint(p.remote) || (now === undefined) !== (p.remote === undefined)) {
        return {
          ...base,
          outcome: 'skipped',
          message: t(
            '"{0}" changed on Poe after the plan was made: nothing was sent for it; plan again.',
            p.prepared.handle,
          ),
        };
      }
      await writePlan(env, p);
      env.questions.progress?.({ phase: 'writing', done: ++written, total: go.length, handle: p.prepared.handle });
      sent.push(p);
      return undefined;
    } catch (e) {
      return { ...base, outcome: 'failed', message: message(e), error: e, problem: serverProblem(e, p) };
    }
  });
  const verified = new Map((await verifyWrites(env, sent)).map((r) => [r.file.id, r]));
  results.push(...outcomes.map((r, i) => r ?? verified.get(go[i]!.prepared.file.id)!));
  return { results, cancelled: env.signal?.aborted ?? false };
}

/** Every write read back: one GET /bots for several (the list has every field), a GET for one. */
async function verifyWrites(env: SyncEnv, sent: Planned[]): Promise<FileResult[]> {
  const t = env.t ?? english;
  if (!sent.length) return [];
  let after: Map<string, Bot>;
  try {
    // Not cancelled with the push: what was written is read back even after a Ctrl-C.
    after =
      sent.length > 1
        ? await listAccount({ ...env, signal: undefined })
        : new Map([[sent[0]!.plan.handle, await env.client.getBot(sent[0]!.plan.handle)]]);
  } catch (e) {
    return sent.map((p) => ({
      file: p.prepared.file,
      handle: p.prepared.handle,
      plan: p.plan,
      outcome: 'unverified',
      message: t('Written, but reading it back failed: {0}', message(e)),
      error: e,
    }));
  }
  const out: FileResult[] = [];
  for (const p of sent) {
    const base = { file: p.prepared.file, handle: p.prepared.handle, plan: p.plan };
    const bot = after.get(p.plan.handle);
    if (!bot) {
      out.push({
        ...base,
        outcome: 'unverified',
        message: t('Written, but reading it back failed: {0}', t('Poe does not list it yet.')),
      });
      continue;
    }
    out.push({ ...base, outcome: 'pushed', notTaken: await recordPushed(env, p, bot) });
  }
  return out;
}
