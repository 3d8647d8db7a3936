// Plain JSON values, as a bot file or Poe's answers hold them.

export type Obj = Record<string, unknown>;

/** An object with keys (not an array, not null). */
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
