// A reply rendered piece by piece as it streams gives the HTML a render of the whole reply gives, whatever the chunk
// boundaries (headings, lists loose and tight, code fences with blank lines, tables, quotes), and each finished block
// is rendered once.
import assert from 'node:assert/strict';
import { LIVE_RENDER_CHARS } from '../../src/poe/bounds';
import { IncrementalMarkdown, type RenderedPiece } from '../../src/workbench/tryBot/incremental';
import { renderMarkdown } from '../../src/workbench/tryBot/markdown';
import type { TurnView } from '../../src/workbench/tryBot/protocol';

const DOCS: Record<string, string> = {
  headingsAndParagraphs:
    '# Title\n\nSome **bold** text\nwith a second line.\n\n## Part two\n\nMore `code` here.\n\nSetext\n---\n\n---\n\nend',
  fenceWithBlankLines:
    'Intro:\n\n```js\nconst a = 1;\n\n\nfunction f() {\n\n  return a;\n}\n```\n\nAfter the code.\n\n~~~\n``` not a close\n\nstill code\n~~~\n\nDone.',
  looseAndTightLists:
    '- one\n- two\n\nText after a tight list.\n\n1. first\n\n2. second\n\n3. third\n\nText after a loose list.\n\n- a\n\n  continued\n\n- b\n\nEnd.',
  nestedListWithCode: '- item\n\n    ```\n    code in a list\n\n    more\n    ```\n\n- next\n\nAfter.',
  tableAndQuote: '| a | b |\n|---|---|\n| 1 | 2 |\n\n> quoted\n> more\n\n> second quote\n\nplain',
  indentedCode: 'Para\n\n    indented code\n\n    still code\n\nback to text',
  unclosedFence: 'text\n\n```python\nprint(1)\n\nprint(2)\n',
  references: 'See [the docs][d].\n\nMore text.\n\n[d]: https://example.com/docs',
  crlf: 'Line one\r\n\r\n- a\r\n- b\r\n\r\nLast\r\n',
};

/** Feeds `text` in pieces of `size` (rendering after each, as the panel does), then the end; returns what the webview would hold. */
function stream(
  text: string,
  size: number,
  liveLimit?: number,
  step?: number,
): { page: string; own: string; rendered: string[]; streaming: string[] } {
  const rendered: string[] = [];
  const inc = new IncrementalMarkdown(
    (s) => {
      rendered.push(s);
      return renderMarkdown(s);
    },
    liveLimit,
    step,
  );
  let page = '';
  const apply = (p: RenderedPiece) => {
    page = page.slice(0, p.keep) + p.html;
  };
  // As the panel does: a step per update, and steps back to back while finished blocks wait.
  for (let i = 0; i < text.length; i += size) {
    inc.append(text.slice(i, i + size));
    if (i + size < text.length)
      do apply(inc.update());
      while (inc.behind);
  }
  const streaming = [...rendered];
  if (inc.needsWholeRender) return { page: renderMarkdown(text), own: renderMarkdown(text), rendered, streaming };
  apply(inc.update(true));
  return { page, own: inc.html, rendered, streaming };
}

describe('Try Bot: incremental Markdown', () => {
  for (const [name, text] of Object.entries(DOCS)) {
    it(`${name}: the same HTML as a whole render, for every chunk size`, () => {
      const whole = renderMarkdown(text);
      for (const size of [1, 2, 3, 5, 8, 13, 64, text.length]) {
        const { page, own } = stream(text, size);
        assert.equal(page, whole, `chunks of ${size}: what the webview holds`);
        assert.equal(own, whole, `chunks of ${size}: the turn's HTML`);
      }
      assert.equal(stream(text, 4, 0).page, whole, 'the unfinished block never rendered live');
    });
  }

  it('each finished block is rendered once: the work grows with the reply, not with the number of updates', () => {
    const text = Array.from(
      { length: 200 },
      (_, i) => `## Part ${i}\n\nA paragraph of words ${'word '.repeat(20)}\n\n\`\`\`\ncode ${i}\n\ncode\n\`\`\`\n\n`,
    ).join('');
    const { page, rendered } = stream(text, 50);
    assert.equal(page, renderMarkdown(text));
    const work = rendered.reduce((n, s) => n + s.length, 0);
    assert.ok(work < 3 * text.length, `${work} characters rendered for a ${text.length}-character reply`);
  });

  it('a reply faster than the render step is rendered in steps of about that size, each block once, the same in the end', () => {
    const text = Array.from({ length: 300 }, (_, i) => `Paragraph ${i}: ${'word '.repeat(40)}\n\n`).join('');
    const { page, rendered, streaming: steps } = stream(text, 20_000, 2000, 2000);
    assert.equal(page, renderMarkdown(text));
    assert.ok(
      steps.every((s) => s.length <= 2000 + 250),
      `a step of ${Math.max(...steps.map((s) => s.length))} characters`,
    );
    assert.ok(rendered.reduce((n, s) => n + s.length, 0) <= text.length * 1.05, 'no block rendered twice');
  });

  it('a long unfinished block is shown as text until it ends, not rendered again on every update', () => {
    const text = `Start\n\n\`\`\`\n${'line of code\n'.repeat(5000)}\`\`\`\n\nEnd`;
    const { page, rendered } = stream(text, 1000);
    assert.equal(page, renderMarkdown(text));
    assert.deepEqual(
      rendered.filter((s) => s.length > LIVE_RENDER_CHARS).map((s) => s.length),
      [text.length - 'Start\n\n'.length],
      'rendered long once, at its end',
    );
  });
});

describe('Try Bot: a streamed reply, rendered as it comes', () => {
  it('the messages the panel posts, applied as the webview applies them, add up to the whole render; the turn ends the same', async () => {
    const { ReplyStream } = await import('../../src/workbench/tryBot/replyStream');
    const { until } = await import('./helpers');
    const text = Object.values(DOCS).join('\n\n');
    const turn: TurnView = { id: 3, role: 'assistant', text: '', state: 'streaming' };
    let page = '';
    let renders = 0;
    const stream = new ReplyStream(
      turn,
      (m) => {
        if (m.type === 'rendered') {
          renders++;
          page = page.slice(0, m.keep) + m.html;
        }
      },
      renderMarkdown,
      1,
    );
    for (let i = 0; i < text.length; i += 40) {
      stream.push(text.slice(i, i + 40));
      const before = renders;
      await until('a render', () => renders > before);
    }
    stream.finish();
    assert.equal(turn.html, renderMarkdown(text));
    assert.ok(
      renderMarkdown(text).startsWith(page.slice(0, turn.stableHtml)),
      'what the page holds as finished is the start of the whole render',
    );
  });
});
