// The runner: each planned case sent through one route (routes.ts), a few at a time, its reply held to its
// assertions. A case the endpoint refuses has failed (the bot does not work); an error that is not the bot's (a key
// that may not go, a budget spent, out of points) stops the run, and the cases not started are skipped. One
// AbortSignal (the Testing view's Stop, Ctrl-C) ends the cases in flight.

import { eachLimited } from '../sync/limit';
import { EndpointError } from '../endpoint';
import { check, matrixChecks, type Outcome, type Reply } from './assertions';
import type { PlannedCase } from './matrix';
import { RunStopped, type CaseRequest, type Sender } from './routes';

export type CaseStatus = 'passed' | 'failed' | 'errored' | 'skipped';

export interface CaseResult {
  id: string;
  name: string;
  status: CaseStatus;
  durationMs: number;
  outcomes: Outcome[];
  reply?: Reply;
  request?: CaseRequest;
  /** Why the case failed without a reply (the endpoint's answer), or could not run (a problem of the test file). */
  message?: string;
}

export interface RunResult {
  results: CaseResult[];
  /** The error that stopped the run, when one did. */
  error?: string;
  /** The caller stopped it. */
  cancelled: boolean;
}

export interface RunOptions {
  signal?: AbortSignal;
  onStart?(c: PlannedCase): void;
  onResult?(r: CaseResult): void;
}

export async function runCases(
  planned: readonly PlannedCase[],
  sender: Sender,
  o: RunOptions = {},
): Promise<RunResult> {
  const stop = new AbortController();
  const onAbort = () => stop.abort(o.signal!.reason);
  if (o.signal?.aborted) onAbort();
  else o.signal?.addEventListener('abort', onAbort, { once: true });
  let error: string | undefined;
  const finish = (r: CaseResult) => {
    o.onResult?.(r);
    return r;
  };
  const skipped = (p: PlannedCase): CaseResult =>
    finish({ id: p.id, name: p.name, status: 'skipped', durationMs: 0, outcomes: [] });
  try {
    if (planned.some((p) => !p.case.problem)) {
      try {
        await sender.prepare(stop.signal);
      } catch (e) {
        error = (e as Error).message;
        stop.abort(e);
      }
    }
    const results = await eachLimited(planned, sender.concurrency, async (p): Promise<CaseResult> => {
      if (p.case.problem)
        return finish({
          id: p.id,
          name: p.name,
          status: 'errored',
          durationMs: 0,
          outcomes: [],
          message: p.case.problem,
        });
      if (stop.signal.aborted) return skipped(p);
      o.onStart?.(p);
      const request = sender.request(p);
      const started = performance.now();
      const took = () => Math.round(performance.now() - started);
      try {
        const reply = await sender.send(p, stop.signal);
        const outcomes = p.case.assert.map((a) => check(a, reply));
        if (p.variant) outcomes.push(...matrixChecks(reply, p.case.assert));
        return finish({
          id: p.id,
          name: p.name,
          status: outcomes.every((x) => x.pass) ? 'passed' : 'failed',
          durationMs: took(),
          outcomes,
          reply,
          request,
        });
      } catch (e) {
        if (stop.signal.aborted) return skipped(p);
        if (e instanceof EndpointError && e.kind !== 'insufficientPoints') {
          return finish({
            id: p.id,
            name: p.name,
            status: 'failed',
            durationMs: took(),
            outcomes: [],
            request,
            message: e.message,
          });
        }
        error ??= (e as Error).message;
        stop.abort(e);
        return skipped(p);
      }
    });
    return { results, error, cancelled: o.signal?.aborted === true };
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
  }
}

export { RunStopped };

/** Counts by status, for a summary line. */
export function tally(results: readonly CaseResult[]): Record<CaseStatus, number> {
  const out: Record<CaseStatus, number> = { passed: 0, failed: 0, errored: 0, skipped: 0 };
  for (const r of results) out[r.status]++;
  return out;
}
