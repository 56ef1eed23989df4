import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hiddenCountWords, smallNumberThreshold, suppressSmallNumbers } from './small-numbers.ts';

const groups = (...counts: number[]) => counts.map((count, i) => ({ key: `g${i}`, count }));
const hiddenKeys = (shown: ReturnType<typeof suppressSmallNumbers<string>>) =>
  shown.filter((s) => s.hidden).map((s) => s.key);

describe('small-number suppression', () => {
  it('hides groups under 10 and nothing else when two or more are hidden', () => {
    assert.deepEqual(suppressSmallNumbers(groups(40, 3, 9, 10)), [
      { key: 'g0', count: 40, hidden: false },
      { key: 'g1', count: null, hidden: 'small' },
      { key: 'g2', count: null, hidden: 'small' },
      { key: 'g3', count: 10, hidden: false },
    ]);
  });

  it('shows every group of 10 or more, with its count', () => {
    const shown = suppressSmallNumbers(groups(10, 11, 250));
    assert.deepEqual(
      shown.map((s) => s.count),
      [10, 11, 250],
    );
    assert.ok(shown.every((s) => s.hidden === false));
  });

  it('counts 0 as under 10 (nobody is shown as a number under 10)', () => {
    assert.deepEqual(hiddenKeys(suppressSmallNumbers(groups(0, 0, 30))), ['g0', 'g1']);
  });

  it('hides the next smallest group when only one is small, so it cannot be worked out from the total', () => {
    const shown = suppressSmallNumbers(groups(50, 4, 20, 30));
    assert.deepEqual(shown[1], { key: 'g1', count: null, hidden: 'small' });
    assert.deepEqual(shown[2], { key: 'g2', count: null, hidden: 'complementary' });
    assert.equal(shown[0]!.count, 50);
    assert.equal(shown[3]!.count, 30);
  });

  it('picks the first of equal smallest groups for the complementary hiding', () => {
    assert.deepEqual(hiddenKeys(suppressSmallNumbers(groups(20, 2, 20, 20))), ['g0', 'g1']);
  });

  it('does not hide another group when the total is not shown', () => {
    assert.deepEqual(hiddenKeys(suppressSmallNumbers(groups(50, 4, 20), { totalShown: false })), ['g1']);
  });

  it('hides both groups of a pair when one is small', () => {
    assert.deepEqual(hiddenKeys(suppressSmallNumbers(groups(5, 500))), ['g0', 'g1']);
  });

  it('hides a single small group with nothing to pair it with, and leaves a single large one', () => {
    assert.deepEqual(suppressSmallNumbers(groups(3)), [{ key: 'g0', count: null, hidden: 'small' }]);
    assert.deepEqual(suppressSmallNumbers(groups(12)), [{ key: 'g0', count: 12, hidden: false }]);
  });

  it('hides everything when every group is small', () => {
    assert.deepEqual(hiddenKeys(suppressSmallNumbers(groups(1, 2, 3))), ['g0', 'g1', 'g2']);
  });

  it('returns nothing for no groups', () => {
    assert.deepEqual(suppressSmallNumbers([]), []);
  });

  it('keeps the order and the keys given', () => {
    const shown = suppressSmallNumbers([
      { key: { ward: 'b' }, count: 30 },
      { key: { ward: 'a' }, count: 31 },
    ]);
    assert.deepEqual(
      shown.map((s) => s.key.ward),
      ['b', 'a'],
    );
  });

  it('takes another threshold', () => {
    assert.deepEqual(hiddenKeys(suppressSmallNumbers(groups(4, 5, 6), { threshold: 5 })), ['g0', 'g1']);
  });

  it('refuses counts and thresholds that cannot be', () => {
    assert.throws(() => suppressSmallNumbers(groups(-1)), RangeError);
    assert.throws(() => suppressSmallNumbers(groups(1.5)), RangeError);
    assert.throws(() => suppressSmallNumbers(groups(Number.NaN)), RangeError);
    assert.throws(() => suppressSmallNumbers(groups(1), { threshold: 0 }), RangeError);
  });

  it('never reveals a hidden count, whatever the counts (every split of 0–12 in three groups)', () => {
    for (let a = 0; a <= 12; a++)
      for (let b = 0; b <= 12; b++)
        for (let c = 0; c <= 12; c++) {
          const shown = suppressSmallNumbers(groups(a, b, c));
          const hidden = shown.filter((s) => s.hidden);
          // Never exactly one hidden group: the total minus the others would give it away.
          assert.notEqual(hidden.length, 1, `${a}, ${b}, ${c}`);
          for (const [i, s] of shown.entries()) {
            const count = [a, b, c][i]!;
            if (count < smallNumberThreshold) assert.equal(s.count, null, `${a}, ${b}, ${c}`);
            else if (!s.hidden) assert.equal(s.count, count);
          }
        }
  });

  it('says a hidden count in words', () => {
    assert.equal(hiddenCountWords(), 'fewer than 10');
  });
});
