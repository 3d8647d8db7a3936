// One reply: the conversation sent on a route, its pieces streamed to the webview as they come, and the turn finished
// as done (with usage, cost and timing), stopped (Stop, or the panel closing) or failed (the error in the route's own
// words, or the timeout). Never throws: whatever happens ends up on the turn.

import { redactKnown } from '../../poe/redact';
import { replyMeta, timedOutMessage } from './labels';
import { renderMarkdown } from './markdown';
import type { ToWebview, TurnView } from './protocol';
import { ReplyStream } from './replyStream';
import type { TextMessage, TryResult, TryRoute } from './route';

export interface ReplyRun {
  route: TryRoute;
  messages: TextMessage[];
  params: Record<string, unknown>;
  turn: TurnView;
  /** Shared with Stop and the panel's disposal; the timeout aborts it too. */
  controller: AbortController;
  timeoutMs: number;
  post(m: ToWebview): void;
}

export async function runReply(r: ReplyRun): Promise<TryResult | undefined> {
  const timer = setTimeout(() => r.controller.abort(new DOMException('No reply in time', 'TimeoutError')), r.timeoutMs);
  const stream = new ReplyStream(r.turn, r.post, renderMarkdown);
  const started = Date.now();
  let first: number | undefined;
  const onText = (delta: string) => {
    first ??= Date.now();
    stream.push(delta);
  };
  try {
    const result = await Promise.resolve().then(() => r.route.send(r.messages, r.params, onText, r.controller.signal));
    if (result.text) r.turn.text = result.text;
    r.turn.state = 'done';
    r.turn.meta = replyMeta(result, {
      firstMs: first === undefined ? undefined : first - started,
      totalMs: Date.now() - started,
    });
    return result;
  } catch (e) {
    const timedOut = (r.controller.signal.reason as Error | undefined)?.name === 'TimeoutError';
    if (r.controller.signal.aborted && !timedOut) {
      r.turn.state = 'stopped';
    } else {
      r.turn.state = 'error';
      r.turn.error = redactKnown(timedOut ? timedOutMessage(r.timeoutMs) : e instanceof Error ? e.message : String(e));
    }
    return undefined;
  } finally {
    clearTimeout(timer);
    stream.finish();
  }
}
