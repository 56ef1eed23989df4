import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { paginationOf } from './pagination.ts';

/** The items as a person reads them: numbers, [current] and … */
const read = (page: number, pageCount: number) =>
  paginationOf(page, pageCount, '/list?', 'More')
    .items.map((i) => (i.ellipsis ? '…' : i.current ? `[${i.number}]` : String(i.number)))
    .join(' ');

describe('pagination', () => {
  it('shows every page of a short list', () => {
    assert.equal(read(1, 1), '[1]');
    assert.equal(read(2, 3), '1 [2] 3');
    assert.equal(read(3, 5), '1 2 [3] 4 5');
  });

  it('shows the first, the last and the pages either side of the current one, with … for skipped runs', () => {
    assert.equal(read(1, 10), '[1] 2 … 10');
    assert.equal(read(6, 10), '1 … 5 [6] 7 … 10');
    assert.equal(read(10, 10), '1 … 9 [10]');
  });

  it('shows a single skipped page rather than an ellipsis in its place', () => {
    assert.equal(read(4, 10), '1 2 3 [4] 5 … 10');
    assert.equal(read(7, 10), '1 … 6 [7] 8 9 10');
  });

  it('links each page, and to the previous and next pages only where there are some', () => {
    const first = paginationOf(1, 3, '/dashboard?block=x&', 'More targets');
    assert.deepEqual(first.items[1], { number: 2, href: '/dashboard?block=x&page=2', current: false });
    assert.equal(first.previous, undefined);
    assert.deepEqual(first.next, { href: '/dashboard?block=x&page=2' });
    const last = paginationOf(3, 3, '/dashboard?', 'More targets');
    assert.deepEqual(last.previous, { href: '/dashboard?page=2' });
    assert.equal(last.next, undefined);
    assert.equal(last.landmarkLabel, 'More targets');
  });
});
