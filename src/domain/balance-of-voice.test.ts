import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { balanceAgainstPopulation, percentWords, sourcesOf, type BalanceGroup } from './balance-of-voice.ts';

const ward = (key: string, populationShare: number | null, count: number): BalanceGroup => ({
  key,
  label: key,
  who: key,
  populationShare,
  count,
});
const wardWords = { noun: 'ideas and concerns', verb: 'has' as const };

describe('balance of voice', () => {
  it('says in plain words where a ward has fewer voices than residents', () => {
    const balance = balanceAgainstPopulation(
      [ward('Pennyfold', 0.12, 30), ward('Harlowen', 0.5, 500), ward('Brindlemoor', 0.38, 470)],
      [],
      wardWords,
    );
    assert.equal(balance.answered, 1000);
    assert.equal(balance.total, 1000);
    assert.deepEqual(balance.findings, ['Pennyfold has 12% of residents but 3% of ideas and concerns.']);
    const pennyfold = balance.rows[0]!;
    assert.equal(pennyfold.representation, 'under');
    assert.equal(pennyfold.share, 0.03);
    assert.equal(balance.rows[1]!.representation, 'in_line');
  });

  it('says where a group has more voices than residents, after the gaps in voice', () => {
    const balance = balanceAgainstPopulation(
      [ward('A', 0.2, 100), ward('B', 0.2, 400), ward('C', 0.6, 500)],
      [],
      wardWords,
    );
    assert.deepEqual(balance.findings, [
      'A has 20% of residents but 10% of ideas and concerns.',
      'B has 20% of residents but 40% of ideas and concerns.',
    ]);
    // C's 50% against 60% is within a quarter of its share: in line.
    assert.deepEqual(
      balance.rows.map((r) => r.representation),
      ['under', 'over', 'in_line'],
    );
  });

  it('orders the gaps largest first', () => {
    const balance = balanceAgainstPopulation(
      [ward('Small gap', 0.3, 200), ward('Big gap', 0.3, 50), ward('Rest', 0.4, 750)],
      [],
      wardWords,
    );
    assert.equal(balance.findings[0], 'Big gap has 30% of residents but 5% of ideas and concerns.');
  });

  it('leaves small differences unsaid', () => {
    const balance = balanceAgainstPopulation([ward('A', 0.015, 5), ward('B', 0.985, 995)], [], wardWords);
    // 0.5% against 1.5%: less than a third, but only one percentage point apart.
    assert.deepEqual(balance.findings, []);
  });

  it('judges a hidden count only on what "fewer than 10" allows', () => {
    const balance = balanceAgainstPopulation(
      [ward('Pennyfold', 0.08, 4), ward('Harlowen', 0.92, 408)],
      [],
      wardWords,
    );
    const pennyfold = balance.rows[0]!;
    assert.equal(pennyfold.count, null);
    assert.equal(pennyfold.share, null);
    assert.equal(pennyfold.hidden, 'small');
    assert.equal(
      balance.rows[1]!.hidden,
      'complementary',
      'the other is hidden so the small one is not the total minus it',
    );
    assert.deepEqual(balance.findings, [
      'Pennyfold has 8% of residents but fewer than 10 of the 412 ideas and concerns (under 3%).',
    ]);
  });

  it('says nothing of a hidden count that could be in line', () => {
    const balance = balanceAgainstPopulation(
      [ward('A', 0.08, 5), ward('B', 0.02, 5), ward('C', 0.9, 90)],
      [],
      wardWords,
    );
    // Fewer than 10 of 100 could be anything up to 9%: no claim about A or B.
    assert.deepEqual(
      balance.rows.map((r) => r.representation),
      ['unknown', 'unknown', 'in_line'],
    );
    assert.deepEqual(balance.findings, []);
  });

  it('sets aside input that names no group, and suppresses it with the rest', () => {
    const balance = balanceAgainstPopulation(
      [ward('A', 0.5, 50), ward('B', 0.5, 50)],
      [
        { key: 'prefer_not_to_say', label: 'Preferred not to say', count: 3 },
        { key: 'not_answered', label: 'Did not answer', count: 40 },
      ],
      wardWords,
    );
    assert.equal(balance.total, 143);
    assert.equal(balance.answered, 100);
    assert.equal(balance.rows[0]!.share, 0.5, 'shares are of the input that named a group');
    assert.deepEqual(
      balance.others.map((o) => [o.count, o.hidden]),
      [
        [null, 'small'],
        [null, 'complementary'],
      ],
    );
  });

  it('makes no comparison without a population share, or with too little input', () => {
    const noShare = balanceAgainstPopulation([ward('A', null, 50), ward('B', 0.5, 50)], [], wardWords);
    assert.equal(noShare.rows[0]!.representation, 'unknown');
    assert.equal(noShare.rows[0]!.populationShare, null);
    const tooLittle = balanceAgainstPopulation([ward('A', 0.9, 1), ward('B', 0.1, 8)], [], wardWords);
    assert.deepEqual(tooLittle.findings, []);
    assert.ok(tooLittle.rows.every((r) => r.representation === 'unknown'));
  });

  it('handles no input at all', () => {
    const balance = balanceAgainstPopulation([ward('A', 0.5, 0), ward('B', 0.5, 0)], [], wardWords);
    assert.equal(balance.total, 0);
    assert.deepEqual(balance.findings, []);
    assert.ok(balance.rows.every((r) => r.share === null));
  });

  it('speaks of people for equality groups', () => {
    const balance = balanceAgainstPopulation(
      [
        { key: 'disabled', label: 'Disabled', who: 'Disabled people', populationShare: 0.18, count: 20 },
        {
          key: 'not_disabled',
          label: 'Not disabled',
          who: 'People who are not disabled',
          populationShare: 0.82,
          count: 380,
        },
      ],
      [],
      { noun: 'ideas and concerns', base: 'those who told us whether they are disabled', verb: 'are' },
    );
    assert.deepEqual(balance.findings, [
      'Disabled people are 18% of residents but 5% of those who told us whether they are disabled.',
    ]);
  });

  it('counts a hidden equality group in the people who answered', () => {
    const balance = balanceAgainstPopulation(
      [
        { key: 'young', label: '16 to 24', who: 'People aged 16 to 24', populationShare: 0.2, count: 3 },
        {
          key: 'old',
          label: '65 and over',
          who: 'People aged 65 and over',
          populationShare: 0.8,
          count: 197,
        },
      ],
      [],
      { noun: 'ideas', base: 'those who told us their age', countNoun: 'who told us their age', verb: 'are' },
    );
    assert.equal(
      balance.findings[0],
      'People aged 16 to 24 are 20% of residents but fewer than 10 of the 200 who told us their age (under 5%).',
    );
  });

  it('says shares as whole percentages', () => {
    assert.equal(percentWords(0.123), '12%');
    assert.equal(percentWords(0.004), 'less than 1%');
    assert.equal(percentWords(0), '0%');
    assert.equal(percentWords(1), '100%');
  });

  it('gives sources their share, suppressed', () => {
    const { rows, total } = sourcesOf([
      { key: 'individual', label: 'Individual residents', count: 90 },
      { key: 'faith', label: 'Faith', count: 4 },
      { key: 'voluntary_community', label: 'Voluntary and community', count: 26 },
    ]);
    assert.equal(total, 120);
    assert.deepEqual(
      rows.map((r) => [r.count, r.hidden, r.share]),
      [
        [90, false, 0.75],
        [null, 'small', null],
        [null, 'complementary', null],
      ],
    );
  });
});
