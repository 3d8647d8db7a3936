// Plain JSON values, as a bot file holds them (the one definition lives with the lowest floor, src/poe).
export { isObj, type Obj } from '../poe/json';

/** A number JSON can hold (not NaN, not infinite). */
export const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
