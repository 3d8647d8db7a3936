// Rooms of the extension that load on first use, each a file of its own in dist/ (see esbuild.js): activation reads
// none of them.

type Endpoint = typeof import('../endpoint');
let endpoint: Endpoint | undefined;

export function loadEndpoint(): Endpoint {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- dist/endpoint.js, read on first use
  return (endpoint ??= require('../endpoint') as Endpoint);
}

type Tests = typeof import('../tests');
let tests: Tests | undefined;

/** The bot tests' runner (dist/tests.js), read on the first run from the Testing view. */
export function loadTestRunner(): Tests {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- dist/tests.js, read on first use
  return (tests ??= require('../tests') as Tests);
}

type AgentTools = typeof import('./agentTools');
let agentTools: AgentTools | undefined;

/** The language-model tools' code and the agent tools (src/agent): dist/agentTools.js, read on the first tool call. */
export function loadAgentTools(): AgentTools {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- dist/agentTools.js, read on first use
  return (agentTools ??= require('./agentTools') as AgentTools);
}
