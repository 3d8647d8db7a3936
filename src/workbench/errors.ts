// Errors whose message is already a sentence for the creator: shown as it is, with no "Something went wrong".
export class UserError extends Error {
  readonly userFacing = true;
}

/** Refused because the workspace is not trusted; the fix is to trust it. */
export class UntrustedWorkspaceError extends UserError {}

/** Anything made to be shown as it is: ours, the core's, the API client's (each marks itself userFacing). */
export const isUserFacing = (e: unknown): e is Error =>
  e instanceof Error && (e as { userFacing?: unknown }).userFacing === true;
