// The bot tests' runner, its public face: the editor loads it (in dist/ a file of its own, tests.js) on the first
// run; discovery (load.ts, testFile.ts, matrix.ts) is imported directly and costs no network and no runner.
export { check, CHECKS, describeOutcome, matrixChecks, type Outcome, type Reply } from './assertions';
export { directSender, poeSender, POE_KEY_LABEL, RunStopped, type CaseRequest, type Sender } from './routes';
export { runCases, tally, type CaseResult, type CaseStatus, type RunResult } from './run';
export { junitXml, type JunitSuite } from './junit';
export { markdownReport } from './markdown';
