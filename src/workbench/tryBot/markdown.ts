// Replies rendered as Markdown on the extension side, safely: no HTML passes through, no image is ever fetched, and a
// link is only an http(s) address the webview asks the extension to open (it has no href to follow). markdown-it is
// read with the first reply (in dist/ it is a file of its own), not when the extension starts.

type MarkdownItModule = typeof import('markdown-it');
type MarkdownIt = ReturnType<MarkdownItModule>;

let md: MarkdownIt | undefined;

function markdownIt(): MarkdownIt {
  if (md) return md;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a sibling file in dist/, read on first use
  const create = require('markdown-it') as MarkdownItModule;
  const m = create({ html: false, linkify: false, typographer: false });
  // A remote image would tell its server who read the reply, and when: "![x](url)" is shown as the text it is.
  m.renderer.rules.image = (tokens, idx) => {
    const t = tokens[idx]!;
    return m.utils.escapeHtml(`![${t.content}](${String(t.attrGet('src') ?? '')})`);
  };
  m.validateLink = (url) => /^https?:\/\//i.test(url.trim());
  m.renderer.rules.link_open = (tokens, idx) => {
    const href = m.utils.escapeHtml(String(tokens[idx]!.attrGet('href') ?? ''));
    return `<a class="link" role="link" tabindex="0" data-href="${href}" title="${href}">`;
  };
  return (md = m);
}

export function renderMarkdown(text: string): string {
  return markdownIt().render(text);
}
