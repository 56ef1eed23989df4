import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  answerCodes,
  equalityDimensions,
  equalityQuestions,
  notAnswered,
  preferNotToSay,
  reportingGroupLabel,
  reportingGroupOf,
} from './equality-monitoring.ts';

describe('equality monitoring', () => {
  it('offers “prefer not to say” on every question', () => {
    for (const dimension of equalityDimensions)
      assert.ok(answerCodes(dimension).includes(preferNotToSay), dimension);
  });

  it('counts every answer in exactly one reporting group', () => {
    for (const dimension of equalityDimensions) {
      const { options, groups } = equalityQuestions[dimension];
      for (const option of options.filter((o) => o.code !== preferNotToSay)) {
        const holding = groups.filter((g) => g.answers.includes(option.code));
        assert.equal(holding.length, 1, `${dimension}: ${option.code}`);
        assert.equal(reportingGroupOf(dimension, option.code), holding[0]!.code);
      }
      for (const group of groups)
        for (const answer of group.answers)
          assert.ok(answerCodes(dimension).includes(answer), `${dimension}: ${answer}`);
    }
  });

  it('reports broader groups: ages in five bands, disability as disabled or not', () => {
    assert.equal(reportingGroupOf('age', '25_to_34'), '25_to_44');
    assert.equal(reportingGroupOf('age', '75_and_over'), '65_and_over');
    assert.equal(reportingGroupOf('disability', 'limited_a_little'), 'disabled');
    assert.equal(reportingGroupOf('disability', 'no'), 'not_disabled');
  });

  it('tells “prefer not to say” from a question left blank', () => {
    assert.equal(reportingGroupOf('sex', preferNotToSay), preferNotToSay);
    assert.equal(reportingGroupOf('sex', null), notAnswered);
    assert.equal(reportingGroupOf('sex', undefined), notAnswered);
    assert.equal(reportingGroupOf('sex', 'a code no longer offered'), notAnswered);
    assert.equal(reportingGroupLabel('sex', preferNotToSay), 'Preferred not to say');
    assert.equal(reportingGroupLabel('sex', notAnswered), 'Did not answer');
    assert.equal(reportingGroupLabel('age', '65_and_over'), '65 and over');
  });
});
