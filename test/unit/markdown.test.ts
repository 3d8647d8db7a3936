// Replies render as Markdown with nothing live in them: no HTML, no script, no image fetched, no link to follow.
import assert from 'node:assert/strict';
import { renderMarkdown } from '../../src/workbench/tryBot/markdown';

/** Every tag name and attribute the output holds. */
function tagsAndAttributes(html: string): { tags: Set<string>; attrs: Set<string> } {
  const tags = new Set<string>();
  const attrs = new Set<string>();
  for (const m of html.matchAll(/<([a-z0-9]+)([^>]*)>/gi)) {
    tags.add(m[1]!.toLowerCase());
    for (const a of m[2]!.matchAll(/\s([a-z-]+)(?:="[^"]*")?/gi)) attrs.add(a[1]!.toLowerCase());
  }
  return { tags, attrs };
}

describe('Reply Markdown', () => {
  it('renders the usual Markdown', () => {
    const html = renderMarkdown(
      '# Title\n\n**bold** and `code`\n\n- one\n- two\n\n```js\nlet x = 1 < 2;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> quoted',
    );
    for (const tag of ['h1', 'strong', 'code', 'ul', 'li', 'pre', 'table', 'td', 'blockquote'])
      assert.match(html, new RegExp(`<${tag}[ >]`), tag);
    assert.ok(html.includes('let x = 1 &lt; 2;'), 'code is escaped');
  });

  it('keeps HTML as text: <script>, <img onerror>, <iframe>, <style>, an inline handler', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n<iframe src="https://evil"></iframe><style>*{}</style> <b onclick="x()">b</b>',
    );
    const { tags, attrs } = tagsAndAttributes(html);
    assert.deepEqual([...tags].sort(), ['p']);
    assert.deepEqual([...attrs], []);
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  });

  it('never makes an image: ![](http://remote/x.png) shows as its text', () => {
    for (const src of [
      '![](http://remote/x.png)',
      '![alt "q"](https://remote/y.png "title")',
      '![x][ref]\n\n[ref]: http://remote/z.png',
      '<img src="http://remote/w.png">',
    ]) {
      const html = renderMarkdown(src);
      const { tags, attrs } = tagsAndAttributes(html);
      assert.ok(!tags.has('img') && !attrs.has('src'), html);
    }
    assert.equal(renderMarkdown('![](http://remote/x.png)'), '<p>![](http://remote/x.png)</p>\n');
    assert.equal(renderMarkdown('![a<b](https://r/x.png)'), '<p>![a&lt;b](https://r/x.png)</p>\n');
  });

  it('makes http(s) links inert (no href, only an address the extension opens), and others plain text', () => {
    const html = renderMarkdown(
      '[poe](https://poe.com/x?a=1&b="2") <http://example.com> [js](javascript:alert(1)) [vb](vbscript:x) [data](data:text/html,<b>) [file](file:///etc/passwd) [cmd](command:workbench.action.quit) [rel](other.md)',
    );
    const { tags, attrs } = tagsAndAttributes(html);
    assert.deepEqual([...tags].sort(), ['a', 'p']);
    assert.deepEqual([...attrs].sort(), ['class', 'data-href', 'role', 'tabindex', 'title']);
    assert.deepEqual(
      [...html.matchAll(/data-href="([^"]*)"/g)].map((m) => m[1]),
      ['https://poe.com/x?a=1&amp;b=%222%22', 'http://example.com'],
    );
    for (const text of [
      '[js](javascript:alert(1))',
      '[vb](vbscript:x)',
      '[file](file:///etc/passwd)',
      '[cmd](command:workbench.action.quit)',
      '[rel](other.md)',
    ]) {
      assert.ok(html.includes(text), `${text} stays text`);
    }
  });

  it('does not link bare addresses', () => {
    assert.equal(renderMarkdown('see https://example.com now'), '<p>see https://example.com now</p>\n');
  });
});
