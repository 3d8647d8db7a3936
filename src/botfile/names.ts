// The names a bot file deals in, each rule once: the file name, the handle, the secret name. The manifest
// (package.json) repeats the file pattern where it cannot import this; a unit test keeps the two in step.

export const BOT_FILE_SUFFIX = '.poebot.json';
export const BOT_FILE_GLOB = `**/*${BOT_FILE_SUFFIX}`;

export const isBotFilePath = (path: string) => path.endsWith(BOT_FILE_SUFFIX);
export const botFileName = (handle: string) => `${handle}${BOT_FILE_SUFFIX}`;

/**
 * Poe does not document which handles it accepts. This is our assumption of a safe handle, so a file that breaks it
 * gets a warning, not an error: Poe's own answer decides.
 */
export const SAFE_HANDLE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const SAFE_HANDLE_TEXT = '1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit';

/** Characters a handle cannot have because it names a file (<handle>.poebot.json) and a URL path segment. */
export const UNSAFE_IN_FILE_NAME = /[\\/:*?"<>|\s]/;

/** A name in ${secret:NAME}: the secret is stored as poeBots.endpoint.NAME. */
export const SECRET_NAME_CHARS = 'A-Za-z0-9_.-';
export const SECRET_NAME = new RegExp(`^[${SECRET_NAME_CHARS}]+$`);
export const SECRET_NAME_TEXT = 'Letters, digits, "_", "." and "-" only.';
