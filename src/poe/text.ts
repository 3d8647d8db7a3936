// Text from a server or a file, made safe to show as text: without control characters (C0 but tab and newline, DEL,
// C1 with ESC and CR among them, and the bidirectional overrides that reorder what is read).

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export const withoutControls = (text: string) => text.replace(CONTROL, '');
