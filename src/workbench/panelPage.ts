// Every panel's page (Try Bot, Check Endpoint): a strict Content-Security-Policy (nothing remote, no inline code or
// style, one script by nonce), the bundled script and stylesheet, and a body. Pure, so a unit test can read the policy.

import { randomBytes } from 'node:crypto';

export interface PageInput {
  /** webview.cspSource */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  title: string;
  lang: string;
  nonce?: string;
}

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  if (/["<>]/.test(cspSource + nonce)) throw new Error('not a CSP source');
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
  ].join('; ');
}

/**
 * A panel's page: the policy, its stylesheet and script (the script by nonce), and a body. Every panel's page is made
 * here, so none can loosen the policy on its own.
 */
export function panelPage(p: PageInput & { body: string }): string {
  const nonce = p.nonce ?? randomBytes(18).toString('base64');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(p.lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(p.cspSource, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${escapeHtml(p.styleUri)}">
<title>${escapeHtml(p.title)}</title>
</head>
<body>
${p.body}
<script nonce="${nonce}" src="${escapeHtml(p.scriptUri)}"></script>
</body>
</html>`;
}
