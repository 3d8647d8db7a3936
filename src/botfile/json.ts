// Plain JSON values, as a bot file holds them (the one definition lives with the lowest floor, src/poe).
export { isObj, type Obj } from '../poe/json';
