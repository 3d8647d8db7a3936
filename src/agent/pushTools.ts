// Plan, then push by plan id. poe_plan_push runs the push flow up to its confirmation and answers it "cancel": what
// it returns is the confirmation the editor would show, word for word, key lines included. poe_push_bot_file runs
// the flow again and answers "push" only when the confirmation it reaches is the one planned, for the same file text
// and the same bot on Poe; anything else is refused and nothing is sent.

import { fingerprint } from '../botfile/normalize';
import { keyLines, pushFiles, type Confirmation, type FileResult, type SyncEnv } from '../sync';
import { schema } from './input';
import { textHash, type PlanRecord } from './plans';
import { FILE } from './readTools';
import { short, tool } from './tool';
import type { AgentEnv, ToolResult } from './types';

/** The flow, with every push confirmed (a plain update too) and each confirmation answered by `answer`. */
async function flow(env: AgentEnv, signal: AbortSignal | undefined, answer: (c: Confirmation) => 'push' | 'cancel') {
  const base = await env.sync(signal);
  const sync: SyncEnv = { ...base, confirmUpdates: true, questions: { confirm: async (c) => answer(c) } };
  return sync;
}

/** Why nothing is planned or pushed for a file: up to date, refused (with its key lines) or failed. */
function settled(r: FileResult | undefined, label: string): ToolResult {
  if (!r) return { text: `Nothing to push for ${label}.`, data: { file: label, outcome: 'none' } };
  const keys = r.plan ? keyLines(r.plan) : [];
  if (r.outcome === 'upToDate')
    return {
      text: `"${r.handle}" is up to date on Poe: nothing to push.`,
      data: { file: label, handle: r.handle, outcome: 'upToDate' },
    };
  return {
    text: short(
      `Not pushed (${r.outcome}) ${r.handle ?? label}: ${r.message ?? r.outcome}${keys.length ? `\n${keys.join('\n')}` : ''}`,
    ),
    data: { file: label, handle: r.handle, outcome: r.outcome, reason: r.message, keyLines: keys },
    error: true,
  };
}

const remoteOf = (c: Confirmation) => (c.planned[0]?.remote ? fingerprint(c.planned[0].remote) : 'none');

export const planPush = tool({
  title: 'Plan a push of a bot file',
  description:
    'Says exactly what pushing a *.poebot.json file to Poe would do (create, update naming each changed field, or replace), ' +
    'with the key lines: which endpoint key reference is sent, for which host. Sends nothing. Returns a plan id that ' +
    "poe_push_bot_file needs; show the plan's lines to the person before pushing. Plan again after any edit: a plan is for " +
    'the file and the bot exactly as they were. Not for validating a file alone (use poe_validate_bot_file).',
  input: schema(
    {
      file: FILE,
      send_key: {
        type: 'boolean',
        description: 'Also send the endpoint key on an update (creates and replaces always send it). Default false.',
      },
    },
    ['file'],
  ),
  readOnly: true,
  async run(env, { file, send_key }, signal) {
    const ref = env.file(file);
    let shown: Confirmation | undefined;
    const report = await pushFiles(
      await flow(env, signal, (c) => {
        shown = c;
        return 'cancel';
      }),
      [ref],
      { verb: 'auto', sendKey: send_key === true },
    );
    const c = shown as Confirmation | undefined;
    const p = c?.planned[0];
    if (!c || !p) return settled(report.results[0], ref.label);
    const lines = c.detail.split('\n');
    const rec = env.plans.add({
      file: ref,
      handle: p.plan.handle,
      sendKey: send_key === true,
      textHash: textHash(p.prepared.validated.text),
      remote: remoteOf(c),
      title: c.title,
      lines,
    });
    const minutes = Math.round(env.plans.ttlMs / 60_000);
    return {
      text: [
        c.title,
        ...lines.map((l) => `  ${l}`),
        '',
        `Plan id: ${rec.id}. Nothing was sent. Pass it to poe_push_bot_file to push exactly this (it expires in ${minutes} minutes and is used once).`,
      ].join('\n'),
      data: {
        planId: rec.id,
        file: ref.label,
        handle: p.plan.handle,
        action: p.plan.verb,
        changes: p.plan.changed,
        title: c.title,
        lines,
        keyLines: keyLines(p.plan),
        conflict: p.conflict ?? null,
        expiresAt: new Date(rec.expiresAt).toISOString(),
      },
    };
  },
});

/** What differs between the plan and the confirmation the flow reached now, or undefined when they are the same. */
function changedSince(rec: PlanRecord, c: Confirmation): string | undefined {
  const p = c.planned[0];
  if (c.planned.length !== 1 || !p) return 'the plan no longer holds one bot';
  if (textHash(p.prepared.validated.text) !== rec.textHash) return `${rec.file.label} changed`;
  if (remoteOf(c) !== rec.remote) return `"${rec.handle}" changed on Poe`;
  if (c.title !== rec.title || c.detail !== rec.lines.join('\n')) return 'what the push would do changed';
  return undefined;
}

async function pushByPlan(env: AgentEnv, planId: string, signal?: AbortSignal): Promise<ToolResult> {
  const rec = env.plans.get(planId);
  if (rec === 'unknown')
    return {
      text: `No plan has the id "${planId}": call poe_plan_push first, and show its lines to the person.`,
      data: { planId, outcome: 'unknownPlan' },
      error: true,
    };
  if (rec === 'expired')
    return {
      text: `Plan "${planId}" expired: call poe_plan_push again, and show the new plan to the person.`,
      data: { planId, outcome: 'expiredPlan' },
      error: true,
    };
  env.plans.take(planId);
  let changed: string | undefined;
  const report = await pushFiles(
    await flow(env, signal, (c) => {
      changed = changedSince(rec, c);
      return changed ? 'cancel' : 'push';
    }),
    [rec.file],
    { verb: 'auto', sendKey: rec.sendKey },
  );
  const r = report.results[0];
  const refusal =
    changed ??
    (r?.outcome === 'upToDate'
      ? `"${rec.handle}" is up to date now, so the file or the bot on Poe changed`
      : undefined);
  if (refusal) {
    return {
      text: `Not pushed: ${refusal} since plan ${planId}. Nothing was sent. Call poe_plan_push again and show the new plan.`,
      data: { planId, file: rec.file.label, handle: rec.handle, outcome: 'changedSincePlan', reason: refusal },
      error: true,
    };
  }
  if (!r || (r.outcome !== 'pushed' && r.outcome !== 'unverified')) return settled(r, rec.file.label);
  const keys = r.plan ? keyLines(r.plan) : [];
  const head =
    r.outcome === 'pushed'
      ? `Pushed "${rec.handle}" to Poe (${r.plan?.method} ${r.plan?.changed.join(', ') || 'no field changes'}).`
      : `Written "${rec.handle}", but ${r.message}`;
  const notShown = r.notTaken?.length ? [`But reading it back, Poe does not show: ${r.notTaken.join(', ')}.`] : [];
  return {
    text: [head, ...rec.lines.map((l) => `  ${l}`), ...notShown].join('\n'),
    data: {
      planId,
      file: rec.file.label,
      handle: rec.handle,
      outcome: r.outcome,
      changes: r.plan?.changed ?? [],
      notTaken: r.notTaken ?? [],
      lines: rec.lines,
      keyLines: keys,
    },
    error: r.outcome !== 'pushed' || notShown.length > 0 ? true : undefined,
  };
}

export const pushBotFile = tool({
  title: 'Push a bot file to Poe',
  description:
    'Pushes a bot file to Poe exactly as a plan from poe_plan_push said (create, update or replace, with its key lines). ' +
    'Takes only a plan id: call poe_plan_push first and show its lines to the person. Refuses, sending nothing, when the file ' +
    'or the bot on Poe changed since that plan, or the plan expired. Not for previewing (that is poe_plan_push).',
  input: schema({ plan_id: { type: 'string', description: 'The plan id poe_plan_push returned.', minLength: 1 } }, [
    'plan_id',
  ]),
  readOnly: false,
  async confirm(env, { plan_id }) {
    const rec = env.plans.get(plan_id);
    if (typeof rec === 'string')
      return {
        title: `Push with plan "${plan_id}"?`,
        lines: [`There is no such plan (${rec}): the push will be refused and nothing sent.`],
      };
    return { title: rec.title, lines: rec.lines };
  },
  run: (env, { plan_id }, signal) => pushByPlan(env, plan_id, signal),
});
