// The tree's states are the account's (account.ts): one value, mirrored into the context key poeBots.state that
// drives the welcome views.
export { publishState, stateForError, type AccountState as TreeState } from '../account';
