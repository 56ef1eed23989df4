import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inLondon, londonToUtc, readTimeOfDay } from './london-time.ts';

describe('London wall-clock times', () => {
  it('are an hour ahead of UTC in summer and the same in winter', () => {
    assert.equal(londonToUtc('2026-07-01', '10:00'), '2026-07-01T09:00:00.000Z');
    assert.equal(londonToUtc('2026-01-15', '10:00'), '2026-01-15T10:00:00.000Z');
    assert.deepEqual(inLondon('2026-07-01T09:00:00.000Z'), { date: '2026-07-01', time: '10:00' });
    assert.deepEqual(inLondon('2026-01-15T10:00:00.000Z'), { date: '2026-01-15', time: '10:00' });
  });

  it('refuse the hour skipped when the clocks go forward', () => {
    // 29 March 2026: 01:00 GMT becomes 02:00 BST.
    assert.equal(londonToUtc('2026-03-29', '01:30'), null);
    assert.equal(londonToUtc('2026-03-29', '00:59'), '2026-03-29T00:59:00.000Z');
    assert.equal(londonToUtc('2026-03-29', '02:00'), '2026-03-29T01:00:00.000Z');
  });

  it('take the first of the hour repeated when the clocks go back', () => {
    // 25 October 2026: 02:00 BST becomes 01:00 GMT, so 01:30 happens twice.
    assert.equal(londonToUtc('2026-10-25', '01:30'), '2026-10-25T00:30:00.000Z');
    assert.equal(londonToUtc('2026-10-25', '02:30'), '2026-10-25T02:30:00.000Z');
  });

  it('put a late evening in summer on the next UTC day’s London date correctly', () => {
    assert.deepEqual(inLondon('2026-07-01T23:30:00.000Z'), { date: '2026-07-02', time: '00:30' });
  });

  it('read times as people type them', () => {
    assert.equal(readTimeOfDay('9:30'), '09:30');
    assert.equal(readTimeOfDay('14.05'), '14:05');
    assert.equal(readTimeOfDay(' 18:00 '), '18:00');
    for (const bad of ['24:00', '9', '9:7', '10:60', 'ten', '2pm', ''])
      assert.equal(readTimeOfDay(bad), null, bad);
  });

  it('give null for a date that cannot be read', () => {
    assert.equal(londonToUtc('2026-02-30', '10:00'), null);
    assert.equal(londonToUtc('not a date', '10:00'), null);
  });
});
