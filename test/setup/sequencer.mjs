// Jest's own order (failed first, then slowest first), except that the invariant checks
// (test/e2e/zz-invariants.e2e-spec.ts) run after every other suite of the run, over the
// database the others left behind (with --runInBand, as `npm test` runs).
import Sequencer from '@jest/test-sequencer';

const LAST = /zz-invariants\.e2e-spec\.ts$/;

export default class InvariantsLastSequencer extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    return [...sorted.filter((test) => !LAST.test(test.path)), ...sorted.filter((test) => LAST.test(test.path))];
  }
}
