import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { duplicateWindowHours, findRepeat, fingerprintOf, normaliseForComparison } from './duplicates.ts';

describe('recognising a repeated submission', () => {
  it('tidies what does not change the meaning', () => {
    assert.equal(normaliseForComparison('  More BUSES\n\nto   Pennyfold!!  '), 'more buses to pennyfold');
    assert.equal(normaliseForComparison('Zero\u200Bwidth\uFEFF'), 'zerowidth');
    assert.equal(normaliseForComparison('ｆｕｌｌ width'), 'full width');
    assert.equal(normaliseForComparison('...'), '');
  });

  it('keeps what does change the meaning', () => {
    assert.notEqual(normaliseForComparison('More buses'), normaliseForComparison('Fewer buses'));
    assert.notEqual(normaliseForComparison('Is it safe?'), normaliseForComparison('It is safe'));
  });

  it('gives the same fingerprint to the same words however they are spaced', () => {
    assert.equal(fingerprintOf('Buses', 'More of them.'), fingerprintOf('buses ', 'more  of them'));
    assert.notEqual(fingerprintOf('Buses', 'More of them'), fingerprintOf('Buses more', 'of them'));
    assert.match(fingerprintOf('a'), /^[0-9a-f]{64}$/);
  });

  const now = '2026-03-10T12:00:00.000Z';
  const hoursAgo = (h: number) => new Date(Date.parse(now) - h * 3_600_000).toISOString();

  it('finds the same words within the window, the most recent first', () => {
    const fp = fingerprintOf('x');
    const earlier = [
      { id: 1, fingerprint: fp, submittedAt: hoursAgo(5) },
      { id: 2, fingerprint: fp, submittedAt: hoursAgo(1) },
      { id: 3, fingerprint: fingerprintOf('y'), submittedAt: hoursAgo(0.1) },
    ];
    assert.equal(findRepeat(fp, now, earlier)?.id, 2);
  });

  it('does not count the same words outside the window, or in the future', () => {
    const fp = fingerprintOf('x');
    assert.equal(
      findRepeat(fp, now, [{ fingerprint: fp, submittedAt: hoursAgo(duplicateWindowHours + 1) }]),
      null,
    );
    assert.equal(findRepeat(fp, now, [{ fingerprint: fp, submittedAt: hoursAgo(-1) }]), null);
    assert.equal(findRepeat(fp, now, [{ fingerprint: fp, submittedAt: 'not a date' }]), null);
    assert.ok(findRepeat(fp, now, [{ fingerprint: fp, submittedAt: hoursAgo(duplicateWindowHours) }]));
  });

  it('finds nothing in nothing', () => {
    assert.equal(findRepeat(fingerprintOf('x'), now, []), null);
  });

  it('takes another window', () => {
    const fp = fingerprintOf('x');
    assert.equal(findRepeat(fp, now, [{ fingerprint: fp, submittedAt: hoursAgo(2) }], 1), null);
  });
});
