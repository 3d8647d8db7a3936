// The lock file remembers which Poe account a folder was last pulled from or pushed to (a name, never a key), and a
// push to another account says so in its confirmation, which it then never skips.
import assert from 'node:assert/strict';
import { LockStore, parseLock, pushFiles, renderLock } from '../../src/sync';
import { startHarness, type Harness } from './helpers';
import { botFile, testEnv } from './syncHelpers';

describe('The lock file and the account', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.fake.stop();
  });

  function lockOn(disk: { text?: string }, account: string | undefined) {
    return new LockStore({
      disk: {
        label: 'poe-bots.lock.json',
        read: async () => disk.text,
        write: async (t) => {
          disk.text = t;
        },
      },
      relative: (f) => f.id,
      poeKey: async () => 'poe-demo-key-0123456789abcdef',
      account: () => account,
    });
  }
  const tutor = (description: string) => botFile({ ...h.fake.peek('ThinkingTutor')!.bot, description });

  it('records the account a push went to, and the next push from another account says "last pushed to production; you are on development"', async () => {
    const disk: { text?: string } = {};
    const prod = testEnv(h, { a: tutor('first') }, { confirm: ['push'] });
    const push = async (t: typeof prod, name: string) => {
      t.env.baselines = lockOn(disk, name);
      t.env.accountName = name;
      return pushFiles(t.env, t.refs('a'), { verb: 'auto' });
    };
    assert.equal((await push(prod, 'production')).results[0]!.outcome, 'pushed');
    assert.doesNotMatch(prod.asked[0]!.detail, /last pushed to/, 'a lock file with no account yet says nothing');
    assert.equal(parseLock(disk.text!, 'lock').account, 'production');
    assert.match(disk.text!, /^\{\n {2}"version": 1,\n {2}"account": "production",\n {2}"bots"/);

    // confirmUpdates off: a plain update would not ask, but one to another account always does.
    const dev = testEnv(h, { a: tutor('second') }, { confirm: ['cancel'], confirmUpdates: false });
    const report = await push(dev, 'development');
    assert.equal(report.cancelled, true);
    assert.match(dev.asked[0]!.detail, /^This folder was last pushed to production; you are on development\./);
    assert.equal(parseLock(disk.text!, 'lock').account, 'production', 'a cancelled push records nothing');

    const again = testEnv(h, { a: tutor('second') }, { confirm: ['push'], confirmUpdates: false });
    assert.equal((await push(again, 'development')).results[0]!.outcome, 'pushed');
    assert.equal(parseLock(disk.text!, 'lock').account, 'development');
  });

  it('reads a lock file without an account, and writes the name only when there is one', () => {
    const lock = parseLock('{"version":1,"bots":{}}', 'lock');
    assert.equal(lock.account, undefined);
    assert.doesNotMatch(renderLock(lock), /account/);
    assert.equal(parseLock(renderLock({ ...lock, account: 'ci' }), 'lock').account, 'ci');
  });
});
