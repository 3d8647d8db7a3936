// What an endpoint says it serves (GET {base}/models): the model ids, each one's context length when it tells, and
// the id closest to a misspelt model_name.

import type { Dispatcher } from 'undici';
import { closest } from '../botfile/closest';
import { readCapped } from '../poe/body';
import { redactKnown } from '../poe/redact';
import { loadUndici } from '../poe/undici';
import { refuseInsecure } from './chat';
import { endpointUrl } from './request';

export interface ModelInfo {
  id: string;
  contextLength?: number;
}

/** The models, or undefined when the endpoint has no such list (any error, or not OpenAI's list shape). */
export async function listModels(
  baseUrl: string,
  key: string,
  o: { dispatcher?: Dispatcher; signal?: AbortSignal; timeoutMs: number },
): Promise<ModelInfo[] | undefined> {
  try {
    refuseInsecure(endpointUrl(baseUrl, 'models'), 'Your endpoint');
    const undici = await loadUndici();
    const signal = o.signal
      ? AbortSignal.any([o.signal, AbortSignal.timeout(o.timeoutMs)])
      : AbortSignal.timeout(o.timeoutMs);
    const res = await undici.request(endpointUrl(baseUrl, 'models'), {
      headers: { authorization: `Bearer ${key}`, accept: 'application/json' },
      dispatcher: o.dispatcher,
      signal,
    });
    if (res.statusCode !== 200) {
      await res.body.dump();
      return undefined;
    }
    // A list past the cap is no list (and is not read whole into memory to find out).
    const body = JSON.parse(await readCapped(res.body, undefined, res.headers['content-length'])) as { data?: unknown };
    if (!Array.isArray(body?.data)) return undefined;
    return body.data.flatMap((m): ModelInfo[] => {
      const x = m as Record<string, unknown>;
      if (typeof x?.id !== 'string') return [];
      const length = [x.context_length, x.max_model_len, x.context_window, x.max_context_length].find(
        (v) => typeof v === 'number',
      );
      return [{ id: redactKnown(x.id), contextLength: length as number | undefined }];
    });
  } catch {
    o.signal?.throwIfAborted();
    return undefined;
  }
}

/**
 * The id a model_name most likely meant: one that contains it or is contained in it ("glm-4.6" and
 * "zai-org/glm-4.6"), the shortest such; else the nearest by edit distance (model ids run long: more slack).
 */
export function closestModel(name: string, ids: readonly string[]): string | undefined {
  const n = name.toLowerCase();
  const overlapping = ids
    .filter((id) => id.toLowerCase().includes(n) || n.includes(id.toLowerCase()))
    .sort((a, b) => a.length - b.length);
  return overlapping[0] ?? closest(name, ids, (w) => Math.max(3, Math.floor(w.length / 2)));
}
