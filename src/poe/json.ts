// Plain JSON values, as a bot file or a server's answers hold them: the one isObj every floor uses.

export type Obj = Record<string, unknown>;

/** An object with keys (not an array, not null). */
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
