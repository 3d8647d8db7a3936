// The lazy boundary: activation (dist/extension.js) reads none of the files that load on first use. The list is the
// one esbuild.js builds from (scripts/siblings.js); the proof is the build's own record of what went into each file.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the build's own list, plain CommonJS
const { SIBLINGS } = require(path.join(ROOT, 'scripts/siblings.js')) as {
  SIBLINGS: { file: string; entry: string; inputs: RegExp; cliOnly?: boolean }[];
};

describe('The lazy boundary', () => {
  const meta = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/meta.json'), 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, unknown> }>;
  };
  const inputs = Object.keys(meta.outputs['dist/extension.js']!.inputs);
  const ours = ['extension.js', 'cli.js', ...SIBLINGS.map((s) => s.file)].map((f) =>
    fs.readFileSync(path.join(ROOT, 'dist', f), 'utf8'),
  );

  for (const s of SIBLINGS) {
    it(`dist/extension.js inlines nothing of ${s.file}, which is required by name`, () => {
      assert.deepEqual(
        inputs.filter((f) => s.inputs.test(f) || f === s.entry),
        [],
      );
      assert.ok(
        ours.some((text) => text.includes(`require("${s.file}")`)),
        `no file of dist/ requires ${s.file}`,
      );
    });
  }

  it('dist/cli.js inlines nothing of the MCP server: only `poe-bots mcp` reads it', () => {
    const mcp = SIBLINGS.find((s) => s.file === './mcp.js')!;
    const cli = Object.keys(meta.outputs['dist/cli.js']!.inputs);
    assert.deepEqual(
      cli.filter((f) => mcp.inputs.test(f)),
      [],
    );
  });

  it("no file of dist/ holds the MCP SDK or zod: the SDK is the tests' client, and the judge of the server", () => {
    for (const [file, out] of Object.entries(meta.outputs))
      assert.deepEqual(
        Object.keys(out.inputs).filter((f) => /node_modules[\\/](@modelcontextprotocol|zod)[\\/]/.test(f)),
        [],
        file,
      );
  });

  it('the list is what the build made: every sibling is a file of dist/', () => {
    for (const s of SIBLINGS) assert.ok(fs.existsSync(path.join(ROOT, 'dist', s.file)), s.file);
  });

  it('the .vsix ships every file the extension loads on first use, and every schema package.json names', () => {
    const shipped = fs
      .readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('!'))
      .map((l) => l.slice(1).trim());
    for (const s of SIBLINGS.filter((x) => !x.cliOnly))
      assert.ok(shipped.includes(`dist/${s.file.replace(/^\.\//, '')}`), `.vscodeignore leaves out dist/${s.file}`);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      contributes: { jsonValidation: { url: string }[] };
    };
    for (const v of pkg.contributes.jsonValidation)
      assert.ok(shipped.includes(v.url.replace(/^\.\//, '')), `.vscodeignore leaves out ${v.url}`);
  });
});
