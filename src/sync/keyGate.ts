// The one gate every endpoint key passes before it leaves: a push that sends it to Poe for a host (or makes Poe send
// the key it stores to a new host), Check Endpoint, and Try Bot's direct route; in the editor and the command line
// alike. Fixed rules first (never the Poe key, never plain http off this machine, never an address that does not
// parse), then the injected question: the editor's modal, the command line's allow lists or a terminal question.

import { isLoopbackHost } from '../poe/baseUrl';
import { redactKnown } from '../poe/redact';
import { withoutControls } from '../poe/text';
import { english, type Translate } from './types';

export type KeyPurpose = 'push' | 'checkEndpoint' | 'tryBot' | 'botTests' | 'rotateKey';

export interface KeyUse {
  handle: string;
  /** How the key is named: "${secret:NAME}", "${env:NAME}", "api_key", "the key you typed"; never the key. */
  reference: string;
  /** The key that would go; undefined when Poe already holds it (a push that moves the stored key). */
  key?: string;
  /** The address the key is for, as the bot gives it (its base_url). */
  url: unknown;
  purpose: KeyPurpose;
}

/** Where a key would go, as a person reads it. */
export interface Destination {
  origin: string;
  /** host[:port], lower-case, the port only when it is not the scheme's own. */
  host: string;
  hostname: string;
  /** The port the key goes to (443 or 80 when the address names none). */
  port: number;
  https: boolean;
  loopback: boolean;
}

export interface KeyQuestion {
  use: KeyUse;
  destination: Destination;
}

export interface KeyGate {
  /** The Poe API key in use: it is never sent as an endpoint key. */
  poeKey?(): Promise<string | undefined>;
  /** May this key go there? true, or why not (in the caller's words: which flag allows it). May ask the creator. */
  allow(q: KeyQuestion): Promise<true | string>;
}

/** A key that was not let through. Nothing was sent. */
export class KeyGateError extends Error {
  readonly userFacing = true;
  constructor(
    message: string,
    readonly use: KeyUse,
    readonly destination?: Destination,
  ) {
    super(redactKnown(message));
    this.name = 'KeyGateError';
  }
}

/** The destination of a base_url, or undefined when it does not parse as an http(s) address. */
export function destinationOf(url: unknown): Destination | undefined {
  if (typeof url !== 'string' || !url.trim()) return undefined;
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return undefined;
  }
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || !u.hostname) return undefined;
  const https = u.protocol === 'https:';
  return {
    origin: u.origin,
    host: u.host.toLowerCase(),
    hostname: u.hostname.toLowerCase(),
    port: Number(u.port) || (https ? 443 : 80),
    https,
    loopback: isLoopbackHost(u.hostname),
  };
}

/** An address as it may appear in a sentence: quoted, cut short, control characters gone. */
export const quotedAddress = (url: unknown) => JSON.stringify(withoutControls(String(url ?? '')).slice(0, 120));

/** Lets the key through, or throws KeyGateError saying why; resolves with where it goes. */
export async function passKeyGate(gate: KeyGate, use: KeyUse, t: Translate = english): Promise<Destination> {
  const d = destinationOf(use.url);
  if (!d) {
    throw new KeyGateError(
      t(
        'base_url {0} is not an address, so where the endpoint key from {1} would go cannot be shown: nothing was sent.',
        quotedAddress(use.url),
        use.reference,
      ),
      use,
    );
  }
  if (!d.https && !d.loopback) {
    throw new KeyGateError(
      t(
        'The endpoint key from {0} would cross the network unencrypted to {1}: base_url must be https:// (plain http:// only for a server on this machine). Nothing was sent.',
        use.reference,
        d.origin,
      ),
      use,
      d,
    );
  }
  if (use.key !== undefined) {
    const poeKey = await gate.poeKey?.();
    if (poeKey && use.key.trim() === poeKey.trim()) {
      throw new KeyGateError(
        t(
          'The endpoint key from {0} is your Poe API key: {1} would get it with every request, and with it your Poe account. Give the endpoint a key of its own. Nothing was sent.',
          use.reference,
          d.host,
        ),
        use,
        d,
      );
    }
  }
  const answer = await gate.allow({ use, destination: d });
  if (answer !== true) throw new KeyGateError(answer, use, d);
  return d;
}

/** Whether an allow-list entry ("host" or "host:port") names this destination; no port means the scheme's own. */
export function hostAllowed(entries: readonly string[], d: Destination): boolean {
  return entries.some((raw) => {
    const entry = raw.trim().toLowerCase();
    if (!entry) return false;
    const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry);
    if (!m) return false;
    const port = m[2] ? Number(m[2]) : d.https ? 443 : 80;
    return m[1] === d.hostname && port === d.port;
  });
}
