// The address row's network half: the host resolves, a connection opens, and for https the certificate verifies.
// No HTTP request and no key: only what any client learns before it sends anything.

import { lookup } from 'node:dns/promises';
import net from 'node:net';
import tls from 'node:tls';

export interface ProbeResult {
  address?: string;
  certificate?: { subject: string; issuer: string; validTo: string };
}

export class ProbeError extends Error {
  constructor(
    readonly stage: 'dns' | 'connect' | 'tls' | 'timeout' | 'cancelled',
    message: string,
  ) {
    super(message);
  }
}

export async function probe(
  url: URL,
  o: { timeoutMs: number; ca?: string | Buffer; signal?: AbortSignal },
): Promise<ProbeResult> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let address = host;
  if (!net.isIP(host)) {
    try {
      address = (await lookup(host)).address;
    } catch (e) {
      throw new ProbeError('dns', `${host} does not resolve (${(e as { code?: string }).code ?? 'no address'}).`);
    }
  }
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  return new Promise<ProbeResult>((resolve, reject) => {
    const done = (fn: () => void) => {
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      fn();
    };
    const socket =
      url.protocol === 'https:'
        ? tls.connect({
            host: address,
            port,
            servername: net.isIP(host) ? undefined : host,
            ca: o.ca,
            rejectUnauthorized: true,
            ...(net.isIP(host)
              ? { checkServerIdentity: (_h: string, cert: tls.PeerCertificate) => tls.checkServerIdentity(host, cert) }
              : {}),
          })
        : net.connect({ host: address, port });
    const timer = setTimeout(
      () =>
        done(() =>
          reject(new ProbeError('timeout', `No connection to ${url.host} within ${Math.round(o.timeoutMs / 1000)} s.`)),
        ),
      o.timeoutMs,
    );
    const onAbort = () => done(() => reject(new ProbeError('cancelled', 'Cancelled.')));
    o.signal?.addEventListener('abort', onAbort, { once: true });
    socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
      const cert = socket instanceof tls.TLSSocket ? socket.getPeerCertificate() : undefined;
      const name = (x: unknown) =>
        x && typeof x === 'object'
          ? String((x as { CN?: unknown; O?: unknown }).CN ?? (x as { O?: unknown }).O ?? '')
          : '';
      done(() =>
        resolve({
          address,
          certificate:
            cert && cert.subject
              ? { subject: name(cert.subject), issuer: name(cert.issuer), validTo: cert.valid_to }
              : undefined,
        }),
      );
    });
    socket.once('error', (e: Error & { code?: string }) => {
      const tlsProblem =
        url.protocol === 'https:' &&
        (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|HOSTNAME|ALTNAME/i.test(e.code ?? '') ||
          /certificate/i.test(e.message));
      done(() =>
        reject(
          tlsProblem
            ? new ProbeError('tls', `The TLS certificate of ${url.host} does not verify: ${e.message}.`)
            : new ProbeError('connect', `Cannot connect to ${url.host} (${e.code ?? e.message}).`),
        ),
      );
    });
  });
}
