// Every limit on what a server can make us wait for, hold in memory or scan, in one place: src/poe is the lowest
// floor, so the Bots API client, the endpoint calls, sync and the workbench all read them from here.

/** The longest wait we take on a server's word (Retry-After, x-ratelimit-reset-requests): one header must not stall us for an hour. */
export const MAX_SERVER_WAIT_MS = 60_000;

/** The largest response body we read (Poe's JSON, an endpoint's whole answer or error page): a bot list is a few KB. */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** The longest single line or event of a stream: a chunk is a few hundred bytes, an endless line would grow forever. */
export const MAX_SSE_EVENT_CHARS = 1024 * 1024;

/** The longest reply text a stream may build: far past any model's output, short of filling memory or the Try Bot panel. */
export const MAX_REPLY_CHARS = 8 * 1024 * 1024;

/** How much of a refusal's sentence is searched for the field it names: real refusals are one sentence. */
export const MAX_REFUSAL_SCAN_CHARS = 4096;

/** How much of an error body is parsed or searched for its sentence (a JSON envelope, an HTML page's title). */
export const MAX_ERROR_SCAN_CHARS = 64 * 1024;

/** Try Bot renders a reply's unfinished last block again on each update only up to this size (past it: shown as text until it ends). */
export const LIVE_RENDER_CHARS = 8 * 1024;

/** Try Bot renders at most about this much newly finished reply per step (the rest a moment later): no step blocks the extension host for long. */
export const RENDER_STEP_CHARS = 32 * 1024;

/** The longest server message kept in an error (what the creator sees after "Poe said:"). */
export const MAX_SERVER_MESSAGE_CHARS = 2000;

/** "8 MB", "1 MB", "60 s": a limit in the creator's words. */
export function sizeInWords(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** "1 h", "59 min", "45 s": a wait in the creator's words. */
export function waitInWords(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s >= 3600) return `${Math.round(s / 360) / 10} h`;
  if (s >= 120) return `${Math.round(s / 60)} min`;
  return `${s} s`;
}

/** A server message cut to a size a sentence can carry. */
export function boundMessage(text: string, max = MAX_SERVER_MESSAGE_CHARS): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
}
