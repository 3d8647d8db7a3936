// The lazy boundary, in one place: the modules that live in a file of their own under dist/, by the import that names
// them, so activation (dist/extension.js) reads none of them. esbuild.js builds from this list, and a unit test
// (test/unit/lazy.test.ts) reads it to prove extension.js inlines none of them.
//
// Code of ours that is a sibling (endpoint.js) may share only stateless modules with extension.js: anything with
// state that both need (the registry of keys to redact) is kept on globalThis.

/** cliOnly: read by the command line only, so not shipped in the .vsix (.vscodeignore lists every other one).
 * filter: the import it replaces; file: the sibling in dist/; entry: what the sibling is built from; inputs: the
 * source files that belong to the sibling and must never be bundled into extension.js. */
const SIBLINGS = [
  {
    filter: /^undici$/,
    file: './undici.js',
    entry: 'scripts/entries/undici.js',
    vendor: true,
    inputs: /node_modules[\\/]undici[\\/]/,
  },
  {
    filter: /^markdown-it$/,
    file: './markdown.js',
    entry: 'scripts/entries/markdown.js',
    vendor: true,
    inputs: /node_modules[\\/](markdown-it|mdurl|linkify-it|uc\.micro|punycode\.js|entities)[\\/]/,
  },
  {
    filter: /[\\/]generated[\\/]validateSchema(\.js)?$/,
    file: './validator.js',
    entry: 'src/botfile/generated/validateSchema.js',
    vendor: true,
    inputs: /generated[\\/]validateSchema/,
  },
  {
    filter: /[\\/]endpoint(?:[\\/]index(\.ts)?)?$/,
    file: './endpoint.js',
    entry: 'src/endpoint/index.ts',
    inputs: /^src[\\/]endpoint[\\/]/,
  },
  // The bot tests' runner: discovery (the file's read, the matrix, the load of a file and its bot) and Save as Test stay in
  // activation.
  {
    filter: /[\\/]tests(?:[\\/]index(\.ts)?)?$/,
    file: './tests.js',
    entry: 'src/tests/index.ts',
    inputs: /^src[\\/]tests[\\/](?!testFile\.ts$|matrix\.ts$|load\.ts$|kinds\.ts$|saveCase\.ts$)/,
  },
  // The panels (workbench/panels.ts gathers them from their feature folders); activation keeps only their doors: the
  // loader that opens and revives them (panelLoader.ts), Try Bot's view type and its words.
  {
    filter: /[\\/]panels(?:[\\/]index(\.ts)?)?$/,
    file: './panels.js',
    entry: 'src/workbench/panels.ts',
    inputs:
      /^src[\\/]workbench[\\/](panels\.ts$|panelPage\.ts$|checkEndpoint[\\/](panel|html)\.ts$|tryBot[\\/](?!viewType|labels|command|routes|source)[^\\/]+\.ts$)/,
  },
  // The language-model tools: their doors (register.ts) stay in activation; their code and src/agent load on first call.
  {
    filter: /[\\/]agentTools(?:[\\/]index(\.ts)?)?$/,
    file: './agentTools.js',
    entry: 'src/workbench/agentTools/index.ts',
    inputs: /^src[\\/](agent[\\/]|workbench[\\/]agentTools[\\/](?!register\.ts$))/,
  },
  // The MCP server: read only by `poe-bots mcp`, never by the other commands (nor by the extension).
  {
    filter: /[\\/]cli[\\/]mcp(?:[\\/]index(\.ts)?)?$|^\.\/mcp$/,
    file: './mcp.js',
    cliOnly: true,
    entry: 'src/cli/mcp/index.ts',
    inputs: /^src[\\/]cli[\\/]mcp[\\/]/,
  },
];

module.exports = { SIBLINGS };
