// Mocha's spec output, plus the run's counts written to $POE_TEST_STATS so scripts/test-all.mjs can add up every tier.
const fs = require('node:fs');
const Mocha = require('mocha');
const { Spec } = Mocha.reporters;
const { EVENT_RUN_END, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } = Mocha.Runner.constants;

class PoeReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    const tests = [];
    runner.on(EVENT_TEST_PASS, (t) => tests.push({ title: t.fullTitle(), state: 'passed' }));
    runner.on(EVENT_TEST_PENDING, (t) => tests.push({ title: t.fullTitle(), state: 'skipped' }));
    runner.on(EVENT_TEST_FAIL, (t, err) =>
      tests.push({ title: t.fullTitle(), state: 'failed', error: String((err && (err.stack || err.message)) || err) }),
    );
    runner.once(EVENT_RUN_END, () => {
      const file = process.env.POE_TEST_STATS;
      if (!file) return;
      const s = runner.stats || {};
      fs.writeFileSync(
        file,
        JSON.stringify({ passes: s.passes || 0, failures: s.failures || 0, pending: s.pending || 0, tests }),
      );
    });
  }
}
module.exports = PoeReporter;
