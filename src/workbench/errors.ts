// An error whose message is already a sentence for the creator: shown as it is, with no "Something went wrong".
export class UserError extends Error {}

/** A file with problems: nothing was sent; the fix is in the Problems panel. */
export class FileProblemsError extends UserError {}

/** Refused because the workspace is not trusted; the fix is to trust it. */
export class UntrustedWorkspaceError extends UserError {}
