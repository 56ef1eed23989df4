import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  compareIssuerNumbers,
  endorsementProblem,
  inIssuerOrder,
  individualResponse,
  organisationsToTellOfEdit,
  resolutionSummary,
  resolveCompositeResponse,
  reviseStatement,
  revisionProblem,
  staleRevisionProblem,
  type CompositeInputs,
  type ConsultationQuestion,
  type DraftStatement,
  type EndorsementRecord,
  type PartnerView,
  type SilenceRule,
  type Stance,
} from './composite-response.ts';

// Four partners, as in seed 004's steering group.
const council = 1;
const police = 2;
const nhs = 3;
const vcs = 4;
const partners = [council, police, nhs, vcs];
const outsider = 9;

const deadline = '2006-02-25T17:00:00.000Z';
const beforeDeadline = '2006-02-20T09:00:00.000Z';
const afterDeadline = '2006-02-27T09:00:00.000Z';
const drafted = '2006-02-13T10:00:00.000Z';

function question(
  id: number,
  number: string,
  position = id,
  section: string | null = null,
  sectionPosition = 0,
) {
  return { id, number, section, sectionPosition, position } satisfies ConsultationQuestion;
}

function statement(id: number, questionId: number, extra: Partial<DraftStatement> = {}): DraftStatement {
  return {
    id,
    questionId,
    text: `Statement ${id}`,
    revision: 1,
    revisedAt: drafted,
    position: id,
    viewIds: [],
    ...extra,
  };
}

let nextRecord = 1;

function record(
  statementId: number,
  organisationId: number,
  stance: Stance,
  extra: Partial<EndorsementRecord> = {},
): EndorsementRecord {
  return {
    id: nextRecord++,
    statementId,
    organisationId,
    stance,
    reason: stance === 'cannot_endorse' ? `Reason of ${organisationId}` : null,
    revision: 1,
    recordedAt: '2006-02-15T12:00:00.000Z',
    ...extra,
  };
}

/** Every partner endorses the statement. */
function allEndorse(statementId: number, extra: Partial<EndorsementRecord> = {}): EndorsementRecord[] {
  return partners.map((org) => record(statementId, org, 'endorse', extra));
}

function inputs(overrides: Partial<CompositeInputs> & { silenceRule?: SilenceRule } = {}): CompositeInputs {
  const { silenceRule = 'abstain', ...rest } = overrides;
  return {
    questions: [question(1, '1'), question(2, '2'), question(3, '3')],
    statements: [statement(11, 1), statement(12, 1), statement(21, 2), statement(31, 3)],
    records: [],
    round: { respondingOrganisationIds: partners, deadline, silenceRule },
    now: afterDeadline,
    ...rest,
  };
}

/** The ids of the statements in the final response, question by question. */
function includedIds(input: CompositeInputs): number[] {
  return resolveCompositeResponse(input).questions.flatMap((q) => q.included.map((o) => o.statement.id));
}

function outcomeOf(input: CompositeInputs, statementId: number) {
  const outcome = resolveCompositeResponse(input)
    .questions.flatMap((q) => [...q.included, ...q.removed])
    .find((o) => o.statement.id === statementId);
  assert.ok(outcome, `statement ${statementId} has an outcome`);
  return outcome;
}

function stanceOf(input: CompositeInputs, statementId: number, organisationId: number) {
  const found = outcomeOf(input, statementId).stances.find((s) => s.organisationId === organisationId);
  assert.ok(found, `organisation ${organisationId} has a stance`);
  return found;
}

const everyoneEndorsesEverything = ['11', '12', '21', '31'].flatMap((id) => allEndorse(Number(id)));

describe('no statements', () => {
  it('leaves every question with no collective response, none drafted', () => {
    const resolution = resolveCompositeResponse(inputs({ statements: [] }));
    assert.equal(resolution.final, true);
    assert.deepEqual(
      resolution.questions.map((q) => [q.question.id, q.noCollectiveResponse, q.noneDrafted]),
      [
        [1, true, true],
        [2, true, true],
        [3, true, true],
      ],
    );
    assert.equal(resolution.counts.statements, 0);
    assert.equal(resolution.counts.questionsWithNoCollectiveResponse, 3);
    assert.equal(resolution.counts.questionsAnswered, 0);
    assert.equal(
      resolutionSummary(resolution),
      'Final response: no statements have been drafted, so all 3 questions have no collective response.',
    );
  });

  it('handles a consultation with no questions at all', () => {
    const resolution = resolveCompositeResponse(inputs({ questions: [], statements: [] }));
    assert.deepEqual(resolution.questions, []);
    assert.equal(resolution.counts.questions, 0);
    assert.equal(resolution.counts.questionsWithNoCollectiveResponse, 0);
  });

  it('says "the question" when there is only one', () => {
    const resolution = resolveCompositeResponse(inputs({ questions: [question(1, '1')], statements: [] }));
    assert.equal(
      resolutionSummary(resolution),
      'Final response: no statements have been drafted, so the question has no collective response.',
    );
  });
});

describe('refusals', () => {
  it('removes every statement when each is refused, leaving no collective response anywhere', () => {
    const records = [11, 12, 21, 31].map((id) => record(id, police, 'cannot_endorse'));
    const resolution = resolveCompositeResponse(inputs({ records }));
    assert.deepEqual(includedIds(inputs({ records })), []);
    for (const q of resolution.questions) {
      assert.equal(q.noCollectiveResponse, true);
      assert.equal(q.noneDrafted, false);
      assert.ok(q.removed.every((o) => o.removal === 'refused'));
    }
    assert.equal(resolution.counts.statementsRemoved, 4);
    assert.equal(resolution.counts.statementsIncluded, 0);
    assert.equal(resolution.counts.questionsWithNoCollectiveResponse, 3);
  });

  it('one refusal removes only that statement, with who refused and why', () => {
    const records = [
      ...everyoneEndorsesEverything.filter((r) => !(r.statementId === 12 && r.organisationId === nhs)),
      record(12, nhs, 'cannot_endorse', { reason: 'Conflicts with our commissioning plan' }),
    ];
    const input = inputs({ records });
    assert.deepEqual(includedIds(input), [11, 21, 31]);
    const removed = outcomeOf(input, 12);
    assert.equal(removed.included, false);
    assert.equal(removed.removal, 'refused');
    assert.deepEqual(removed.refusals, [
      {
        organisationId: nhs,
        reason: 'Conflicts with our commissioning plan',
        recordedAt: '2006-02-15T12:00:00.000Z',
      },
    ]);
    const q1 = resolveCompositeResponse(input).questions[0];
    assert.deepEqual(
      q1?.included.map((o) => o.statement.id),
      [11],
    );
    assert.deepEqual(
      q1?.removed.map((o) => o.statement.id),
      [12],
    );
    assert.equal(q1?.noCollectiveResponse, false);
  });

  it('lists every refuser in the order of the responding organisations', () => {
    const records = [
      record(21, vcs, 'cannot_endorse', { reason: 'Too vague' }),
      record(21, council, 'cannot_endorse', { reason: 'Not our policy' }),
    ];
    assert.deepEqual(
      outcomeOf(inputs({ records }), 21).refusals.map((r) => [r.organisationId, r.reason]),
      [
        [council, 'Not our policy'],
        [vcs, 'Too vague'],
      ],
    );
  });

  it('a question loses its collective response only when every statement is refused', () => {
    const oneOfTwo = inputs({ records: [record(11, police, 'cannot_endorse')] });
    assert.equal(resolveCompositeResponse(oneOfTwo).questions[0]?.noCollectiveResponse, false);
    const both = inputs({
      records: [record(11, police, 'cannot_endorse'), record(12, council, 'cannot_endorse')],
    });
    const q1 = resolveCompositeResponse(both).questions[0];
    assert.equal(q1?.noCollectiveResponse, true);
    assert.equal(q1?.noneDrafted, false);
  });

  it('a refusal with no reason (which the form refuses) still removes the statement', () => {
    const input = inputs({ records: [record(31, police, 'cannot_endorse', { reason: null })] });
    assert.equal(outcomeOf(input, 31).included, false);
    assert.deepEqual(
      outcomeOf(input, 31).refusals.map((r) => r.reason),
      [''],
    );
  });
});

describe('abstention and silence', () => {
  it('an explicit abstention neither endorses nor blocks', () => {
    const records = [
      ...allEndorse(11).filter((r) => r.organisationId !== police),
      record(11, police, 'abstain'),
    ];
    const outcome = outcomeOf(inputs({ records, silenceRule: 'endorse' }), 11);
    assert.equal(outcome.included, true);
    assert.equal(outcome.endorsedByAll, false);
    assert.equal(outcome.stances.find((s) => s.organisationId === police)?.stance, 'abstained');
  });

  it('every organisation abstaining keeps the statement', () => {
    const records = partners.map((org) => record(21, org, 'abstain'));
    const outcome = outcomeOf(inputs({ records }), 21);
    assert.equal(outcome.included, true);
    assert.equal(outcome.endorsedByAll, false);
  });

  it('after the deadline, silence counts as endorsement when the partnership chose that', () => {
    const input = inputs({ records: [record(11, council, 'endorse')], silenceRule: 'endorse' });
    const outcome = outcomeOf(input, 11);
    assert.deepEqual(
      outcome.stances.map((s) => s.stance),
      ['endorsed', 'endorsed_by_silence', 'endorsed_by_silence', 'endorsed_by_silence'],
    );
    assert.equal(outcome.included, true);
    assert.equal(outcome.endorsedByAll, true);
    assert.equal(outcome.stances[1]?.record, null);
    assert.deepEqual(outcome.awaiting, []);
  });

  it('after the deadline, silence counts as abstention when the partnership chose that', () => {
    const input = inputs({ records: [record(11, council, 'endorse')], silenceRule: 'abstain' });
    const outcome = outcomeOf(input, 11);
    assert.deepEqual(
      outcome.stances.map((s) => s.stance),
      ['endorsed', 'abstained_by_silence', 'abstained_by_silence', 'abstained_by_silence'],
    );
    assert.equal(outcome.included, true);
    assert.equal(outcome.endorsedByAll, false);
  });

  it('a statement nobody answered stays in under either rule', () => {
    for (const silenceRule of ['endorse', 'abstain'] as const) {
      assert.deepEqual(includedIds(inputs({ silenceRule })), [11, 12, 21, 31], silenceRule);
    }
  });

  for (const silenceRule of ['endorse', 'abstain'] as const) {
    it(`before the deadline, silence is awaiting and the result provisional (silence rule: ${silenceRule})`, () => {
      const input = inputs({
        now: beforeDeadline,
        silenceRule,
        records: [...allEndorse(11), record(12, police, 'cannot_endorse'), record(21, nhs, 'endorse')],
      });
      const resolution = resolveCompositeResponse(input);
      assert.equal(resolution.final, false);
      assert.deepEqual(includedIds(input), [11, 21, 31]);
      assert.deepEqual(outcomeOf(input, 11).awaiting, []);
      assert.equal(outcomeOf(input, 11).endorsedByAll, true);
      assert.deepEqual(outcomeOf(input, 12).awaiting, [council, nhs, vcs]);
      assert.deepEqual(outcomeOf(input, 21).awaiting, [council, police, vcs]);
      assert.equal(stanceOf(input, 21, council).stance, 'awaiting');
      assert.equal(outcomeOf(input, 21).endorsedByAll, false);
      assert.deepEqual(resolution.awaitingOrganisations, [council, police, nhs, vcs]);
      assert.equal(resolution.counts.organisationsAwaiting, 4);
    });
  }

  it('lists as awaiting only the organisations with something left to answer', () => {
    const records = [
      ...everyoneEndorsesEverything.filter((r) => !(r.organisationId === vcs && r.statementId === 31)),
    ];
    const resolution = resolveCompositeResponse(inputs({ records, now: beforeDeadline }));
    assert.deepEqual(resolution.awaitingOrganisations, [vcs]);
  });

  it('after the deadline nobody is awaiting', () => {
    const resolution = resolveCompositeResponse(inputs());
    assert.deepEqual(resolution.awaitingOrganisations, []);
    assert.equal(resolution.counts.organisationsAwaiting, 0);
  });
});

describe('the deadline', () => {
  it('is provisional at the deadline itself and final a moment after', () => {
    assert.equal(resolveCompositeResponse(inputs({ now: deadline })).final, false);
    assert.equal(resolveCompositeResponse(inputs({ now: '2006-02-25T17:00:00.001Z' })).final, true);
  });

  it('counts an answer recorded at the deadline itself', () => {
    const input = inputs({ records: [record(11, police, 'cannot_endorse', { recordedAt: deadline })] });
    assert.equal(outcomeOf(input, 11).included, false);
    assert.equal(stanceOf(input, 11, police).lateRecord, null);
  });

  it('compares instants, not their spelling', () => {
    const input = inputs({
      records: [record(11, police, 'cannot_endorse', { recordedAt: '2006-02-25T17:00:00Z' })],
    });
    assert.equal(outcomeOf(input, 11).included, false);
  });

  it('a late endorsement does not count: silence decides, and the late answer is shown', () => {
    const late = record(11, police, 'endorse', { recordedAt: '2006-02-26T08:00:00.000Z' });
    const input = inputs({ records: [late], silenceRule: 'abstain' });
    const police11 = stanceOf(input, 11, police);
    assert.equal(police11.stance, 'abstained_by_silence');
    assert.equal(police11.record, null);
    assert.deepEqual(police11.lateRecord, late);
    const resolution = resolveCompositeResponse(input);
    assert.deepEqual(resolution.lateRecords, [late]);
    assert.deepEqual(resolution.lateRefusalsOfIncluded, []);
    assert.equal(resolution.counts.lateRecords, 1);
  });

  it('a late refusal does not remove the statement but is flagged for the secretariat', () => {
    const late = record(21, vcs, 'cannot_endorse', { recordedAt: '2006-02-26T08:00:00.000Z' });
    const input = inputs({ records: [...allEndorse(21).filter((r) => r.organisationId !== vcs), late] });
    assert.equal(outcomeOf(input, 21).included, true);
    assert.equal(stanceOf(input, 21, vcs).stance, 'abstained_by_silence');
    const resolution = resolveCompositeResponse(input);
    assert.deepEqual(resolution.lateRefusalsOfIncluded, [late]);
    assert.match(resolutionSummary(resolution), /1 answer was recorded after the deadline and not counted\./);
  });

  it('an on-time answer stands despite a later change of mind after the deadline', () => {
    const onTime = record(21, vcs, 'endorse');
    const late = record(21, vcs, 'cannot_endorse', { recordedAt: '2006-02-26T08:00:00.000Z' });
    const input = inputs({ records: [late, onTime] });
    const stance = stanceOf(input, 21, vcs);
    assert.equal(stance.stance, 'endorsed');
    assert.deepEqual(stance.record, onTime);
    assert.deepEqual(stance.lateRecord, late);
    assert.equal(outcomeOf(input, 21).included, true);
  });

  it('an on-time refusal stands despite a late endorsement, and is not flagged again', () => {
    const refusal = record(21, vcs, 'cannot_endorse');
    const late = record(21, vcs, 'endorse', { recordedAt: '2006-02-26T08:00:00.000Z' });
    const input = inputs({ records: [refusal, late] });
    assert.equal(outcomeOf(input, 21).included, false);
    const resolution = resolveCompositeResponse(input);
    assert.deepEqual(resolution.lateRecords, [late]);
    assert.deepEqual(resolution.lateRefusalsOfIncluded, []);
  });

  it('does not flag a late refusal of a statement already removed', () => {
    const late = record(21, vcs, 'cannot_endorse', { recordedAt: '2006-02-26T08:00:00.000Z' });
    const input = inputs({ records: [record(21, council, 'cannot_endorse'), late] });
    const resolution = resolveCompositeResponse(input);
    assert.deepEqual(resolution.lateRecords, [late]);
    assert.deepEqual(resolution.lateRefusalsOfIncluded, []);
  });

  it('keeps only the latest late answer per organisation and statement, oldest first overall', () => {
    const a = record(11, police, 'cannot_endorse', { recordedAt: '2006-02-26T08:00:00.000Z' });
    const b = record(11, police, 'endorse', { recordedAt: '2006-02-26T09:00:00.000Z' });
    const c = record(21, nhs, 'cannot_endorse', { recordedAt: '2006-02-25T18:00:00.000Z' });
    const resolution = resolveCompositeResponse(inputs({ records: [b, a, c] }));
    assert.deepEqual(resolution.lateRecords, [c, b]);
    assert.deepEqual(resolution.lateRefusalsOfIncluded, [c]);
  });

  it('leaves out a statement whose wording changed after the deadline, whatever the silence rule', () => {
    for (const silenceRule of ['endorse', 'abstain'] as const) {
      const input = inputs({
        silenceRule,
        statements: [statement(11, 1, { revision: 2, revisedAt: '2006-02-26T10:00:00.000Z' })],
        records: allEndorse(11, { revision: 2, recordedAt: '2006-02-26T11:00:00.000Z' }),
      });
      const outcome = outcomeOf(input, 11);
      assert.equal(outcome.included, false, silenceRule);
      assert.equal(outcome.removal, 'revised_after_deadline');
      assert.deepEqual(outcome.refusals, []);
      assert.equal(outcome.endorsedByAll, false);
      assert.ok(outcome.stances.every((s) => s.stance === 'abstained_by_silence'));
    }
  });

  it('calls a statement revised late and refused on time "refused"', () => {
    const input = inputs({
      statements: [statement(11, 1, { revisedAt: '2006-02-26T10:00:00.000Z' })],
      records: [record(11, police, 'cannot_endorse')],
    });
    assert.equal(outcomeOf(input, 11).removal, 'refused');
  });
});

describe('revisions', () => {
  it('a refusal of revision 1 no longer counts once the statement is edited to revision 2 and endorsed', () => {
    const input = inputs({
      statements: [statement(11, 1, { revision: 2, revisedAt: '2006-02-16T10:00:00.000Z' })],
      records: [record(11, police, 'cannot_endorse', { revision: 1 }), ...allEndorse(11, { revision: 2 })],
    });
    const outcome = outcomeOf(input, 11);
    assert.equal(outcome.included, true);
    assert.equal(outcome.endorsedByAll, true);
    assert.deepEqual(outcome.refusals, []);
  });

  it('an endorsement of revision 1 does not carry over to revision 2', () => {
    const input = inputs({
      now: beforeDeadline,
      statements: [statement(11, 1, { revision: 2, revisedAt: '2006-02-16T10:00:00.000Z' })],
      records: allEndorse(11, { revision: 1 }),
    });
    assert.deepEqual(outcomeOf(input, 11).awaiting, partners);
    assert.equal(outcomeOf(input, 11).endorsedByAll, false);
  });

  it('after the deadline, silence on the new revision counts by the rule even if the old one was refused', () => {
    const input = inputs({
      silenceRule: 'endorse',
      statements: [statement(11, 1, { revision: 2, revisedAt: '2006-02-16T10:00:00.000Z' })],
      records: [record(11, police, 'cannot_endorse', { revision: 1 })],
    });
    assert.equal(stanceOf(input, 11, police).stance, 'endorsed_by_silence');
    assert.equal(outcomeOf(input, 11).included, true);
  });

  it('ignores an answer on a revision that does not exist yet', () => {
    const input = inputs({ records: [record(11, police, 'cannot_endorse', { revision: 2 })] });
    assert.equal(outcomeOf(input, 11).included, true);
  });

  it('late answers on an earlier revision are not reported as late', () => {
    const input = inputs({
      statements: [statement(11, 1, { revision: 2 })],
      records: [
        record(11, police, 'cannot_endorse', { revision: 1, recordedAt: '2006-02-26T08:00:00.000Z' }),
      ],
    });
    assert.deepEqual(resolveCompositeResponse(input).lateRecords, []);
  });
});

describe('changes of mind', () => {
  it('a later endorsement replaces an earlier refusal', () => {
    const input = inputs({
      records: [
        record(11, police, 'cannot_endorse', { recordedAt: '2006-02-15T10:00:00.000Z' }),
        record(11, police, 'endorse', { recordedAt: '2006-02-16T10:00:00.000Z' }),
      ],
    });
    assert.equal(stanceOf(input, 11, police).stance, 'endorsed');
    assert.equal(outcomeOf(input, 11).included, true);
  });

  it('a later refusal replaces an earlier endorsement', () => {
    const input = inputs({
      records: [
        record(11, police, 'endorse', { recordedAt: '2006-02-15T10:00:00.000Z' }),
        record(11, police, 'cannot_endorse', { recordedAt: '2006-02-16T10:00:00.000Z' }),
      ],
    });
    assert.equal(outcomeOf(input, 11).included, false);
  });

  it('goes by when each answer was recorded, not the order records arrive in', () => {
    const earlier = record(11, police, 'cannot_endorse', { recordedAt: '2006-02-15T10:00:00.000Z' });
    const later = record(11, police, 'endorse', { recordedAt: '2006-02-16T10:00:00.000Z' });
    assert.equal(stanceOf(inputs({ records: [later, earlier] }), 11, police).stance, 'endorsed');
    assert.equal(stanceOf(inputs({ records: [earlier, later] }), 11, police).stance, 'endorsed');
  });

  it('two answers in the same instant: the one saved later (higher id) counts', () => {
    const first = record(11, police, 'endorse', { id: 500, recordedAt: '2006-02-15T10:00:00.000Z' });
    const second = record(11, police, 'cannot_endorse', { id: 501, recordedAt: '2006-02-15T10:00:00.000Z' });
    assert.equal(stanceOf(inputs({ records: [second, first] }), 11, police).stance, 'refused');
    assert.equal(stanceOf(inputs({ records: [first, second] }), 11, police).stance, 'refused');
  });

  it('an abstention after an endorsement takes the organisation off the endorsers', () => {
    const input = inputs({
      records: [
        ...allEndorse(11, { recordedAt: '2006-02-15T10:00:00.000Z' }),
        record(11, nhs, 'abstain', { recordedAt: '2006-02-16T10:00:00.000Z' }),
      ],
    });
    assert.equal(outcomeOf(input, 11).endorsedByAll, false);
    assert.equal(outcomeOf(input, 11).included, true);
  });
});

describe('records that cannot be used', () => {
  it('ignores and reports answers from organisations not asked to respond', () => {
    const stray = record(11, outsider, 'cannot_endorse');
    const input = inputs({ records: [stray] });
    assert.equal(outcomeOf(input, 11).included, true);
    assert.ok(outcomeOf(input, 11).stances.every((s) => s.organisationId !== outsider));
    assert.deepEqual(resolveCompositeResponse(input).ignoredRecords, [
      { record: stray, why: 'not_responding' },
    ]);
  });

  it('ignores and reports answers on statements not in the draft', () => {
    const stray = record(99, police, 'cannot_endorse');
    assert.deepEqual(resolveCompositeResponse(inputs({ records: [stray] })).ignoredRecords, [
      { record: stray, why: 'unknown_statement' },
    ]);
  });

  it('reports statements whose question is not in the consultation and leaves them out', () => {
    const orphan = statement(77, 42);
    const resolution = resolveCompositeResponse(inputs({ statements: [statement(11, 1), orphan] }));
    assert.deepEqual(resolution.statementsWithoutQuestion, [orphan]);
    assert.equal(resolution.counts.statements, 1);
  });

  it('answers on a statement without a question are reported as on an unknown statement', () => {
    const stray = record(77, police, 'endorse');
    const resolution = resolveCompositeResponse(
      inputs({ statements: [statement(77, 42)], records: [stray] }),
    );
    assert.deepEqual(resolution.ignoredRecords, [{ record: stray, why: 'unknown_statement' }]);
  });

  it('lists an organisation named twice only once', () => {
    const input = inputs({
      round: { respondingOrganisationIds: [council, police, council], deadline, silenceRule: 'endorse' },
    });
    assert.deepEqual(
      outcomeOf(input, 11).stances.map((s) => s.organisationId),
      [council, police],
    );
    assert.equal(resolveCompositeResponse(input).counts.organisations, 2);
  });

  it('with nobody asked to respond, statements stay in but none counts as endorsed by all', () => {
    const input = inputs({
      silenceRule: 'endorse',
      round: { respondingOrganisationIds: [], deadline, silenceRule: 'endorse' },
    });
    const resolution = resolveCompositeResponse(input);
    assert.equal(resolution.counts.statementsIncluded, 4);
    assert.equal(resolution.counts.statementsEndorsedByAll, 0);
  });

  it('throws a clear error for an instant that is not ISO 8601 (a programming error, not a user one)', () => {
    assert.throws(() => resolveCompositeResponse(inputs({ now: 'next Tuesday' })), {
      name: 'RangeError',
      message: 'now is not a valid ISO 8601 instant: "next Tuesday"',
    });
    assert.throws(
      () =>
        resolveCompositeResponse(inputs({ records: [record(11, police, 'endorse', { recordedAt: '' })] })),
      /recordedAt is not a valid ISO 8601 instant/,
    );
  });
});

describe('order', () => {
  it('puts questions in the issuer order: section, then position', () => {
    const questions = [
      question(5, '12', 1, 'Governance', 2),
      question(1, '2', 2, 'The role of LSPs', 1),
      question(3, '1', 1, 'The role of LSPs', 1),
      question(4, '13', 2, 'Governance', 2),
    ];
    const order = resolveCompositeResponse(inputs({ questions, statements: [] })).questions.map(
      (q) => q.question.number,
    );
    assert.deepEqual(order, ['1', '2', '12', '13']);
  });

  it('orders questions sharing a position by their numbers as people read them, then by id', () => {
    const questions = ['10', '3b', '2', '3a', '2.10', '2.9', '3(a)'].map((n, i) => question(i + 1, n, 1));
    assert.deepEqual(
      inIssuerOrder(questions).map((q) => q.number),
      ['2', '2.9', '2.10', '3(a)', '3a', '3b', '10'],
    );
    const twins = [question(8, '4', 1), question(7, '4', 1)];
    assert.deepEqual(
      inIssuerOrder(twins).map((q) => q.id),
      [7, 8],
    );
  });

  it('compares issuer numbers numerically and ignoring case', () => {
    assert.ok(compareIssuerNumbers('2', '10') < 0);
    assert.ok(compareIssuerNumbers('3a', '3b') < 0);
    assert.equal(compareIssuerNumbers('3A', '3a'), 0);
  });

  it('puts statements within a question in their position order, then by id', () => {
    const statements = [
      statement(13, 1, { position: 2 }),
      statement(12, 1, { position: 1 }),
      statement(11, 1, { position: 2 }),
    ];
    assert.deepEqual(includedIds(inputs({ statements })), [12, 11, 13]);
  });

  it('lists stances in the order the responding organisations are given', () => {
    const input = inputs({
      round: { respondingOrganisationIds: [vcs, council, nhs], deadline, silenceRule: 'abstain' },
    });
    assert.deepEqual(
      outcomeOf(input, 11).stances.map((s) => s.organisationId),
      [vcs, council, nhs],
    );
  });

  it('passes each statement through untouched, with the views it draws on', () => {
    const drawn = statement(11, 1, { viewIds: [301, 305] });
    assert.deepEqual(outcomeOf(inputs({ statements: [drawn] }), 11).statement, drawn);
  });
});

describe('counts and summary', () => {
  /** 17 statements on 6 questions; the police refuse two, one question has none drafted. */
  function busyDraft(now: string) {
    const questions = [1, 2, 3, 4, 5, 6].map((n) => question(n, String(n)));
    const statements = [
      ...[1, 2, 3, 4].map((p) => statement(100 + p, 1, { position: p })),
      ...[1, 2, 3, 4].map((p) => statement(200 + p, 2, { position: p })),
      ...[1, 2, 3, 4].map((p) => statement(300 + p, 3, { position: p })),
      ...[1, 2, 3, 4].map((p) => statement(400 + p, 4, { position: p })),
      statement(501, 5),
    ];
    const records = [
      ...statements
        .filter((s) => ![302, 501].includes(s.id))
        .flatMap((s) => partners.map((org) => record(s.id, org, 'endorse'))),
      record(501, police, 'cannot_endorse'),
      record(302, police, 'cannot_endorse'),
      record(302, council, 'endorse'),
      record(303, nhs, 'abstain', { recordedAt: '2006-02-16T12:00:00.000Z' }),
    ];
    return inputs({ questions, statements, records, now });
  }

  it('counts statements, questions and organisations for the summary', () => {
    const resolution = resolveCompositeResponse(busyDraft(afterDeadline));
    assert.deepEqual(resolution.counts, {
      questions: 6,
      questionsAnswered: 4,
      questionsWithNoCollectiveResponse: 2,
      statements: 17,
      statementsIncluded: 15,
      statementsRemoved: 2,
      statementsEndorsedByAll: 14,
      organisations: 4,
      organisationsAwaiting: 0,
      lateRecords: 0,
    });
    assert.equal(
      resolutionSummary(resolution),
      'Final response: 15 of 17 statements included, 14 endorsed by all 4 organisations; 2 removed. 2 questions have no collective response.',
    );
  });

  it('says who has not answered while provisional', () => {
    const resolution = resolveCompositeResponse(busyDraft(beforeDeadline));
    assert.deepEqual(resolution.awaitingOrganisations, [council, nhs, vcs]);
    assert.equal(
      resolutionSummary(resolution),
      'Provisional until the deadline: 15 of 17 statements included, 14 endorsed by all 4 organisations; 2 removed. 2 questions have no collective response. 3 organisations have not answered on every statement yet.',
    );
  });

  it('uses the singular where there is one', () => {
    const input = inputs({
      questions: [question(1, '1'), question(2, '2')],
      statements: [statement(11, 1), statement(21, 2)],
      records: [record(11, council, 'endorse'), record(21, council, 'cannot_endorse')],
      round: { respondingOrganisationIds: [council, police], deadline, silenceRule: 'abstain' },
      now: beforeDeadline,
    });
    assert.equal(
      resolutionSummary(resolveCompositeResponse(input)),
      'Provisional until the deadline: 1 of 2 statements included, 0 endorsed by all 2 organisations; 1 removed. 1 question has no collective response. 1 organisation has not answered on every statement yet.',
    );
    const alone = inputs({
      questions: [question(1, '1')],
      statements: [statement(11, 1)],
      round: { respondingOrganisationIds: [council], deadline, silenceRule: 'endorse' },
    });
    assert.equal(
      resolutionSummary(resolveCompositeResponse(alone)),
      'Final response: 1 of 1 statement included, 1 endorsed by the 1 organisation; 0 removed.',
    );
  });
});

describe('answer validation', () => {
  it('needs a reason to refuse', () => {
    const message = 'Give the reason your organisation cannot endorse this statement';
    assert.equal(endorsementProblem({ stance: 'cannot_endorse', reason: null }), message);
    assert.equal(endorsementProblem({ stance: 'cannot_endorse', reason: '   \n ' }), message);
    assert.equal(endorsementProblem({ stance: 'cannot_endorse', reason: 'Not our policy' }), null);
  });

  it('needs no reason to endorse or abstain', () => {
    assert.equal(endorsementProblem({ stance: 'endorse', reason: null }), null);
    assert.equal(endorsementProblem({ stance: 'abstain', reason: '' }), null);
  });

  it('refuses an answer that is not one of the three', () => {
    assert.equal(
      endorsementProblem({ stance: '', reason: null }),
      'Select endorse, abstain or cannot endorse',
    );
    assert.equal(
      endorsementProblem({ stance: 'maybe', reason: null }),
      'Select endorse, abstain or cannot endorse',
    );
    assert.equal(
      endorsementProblem({ stance: 'toString', reason: null }),
      'Select endorse, abstain or cannot endorse',
    );
  });

  it('refuses an answer given on wording that has since changed', () => {
    assert.equal(staleRevisionProblem({ revision: 2 }, 2), null);
    assert.equal(
      staleRevisionProblem({ revision: 3 }, 2),
      'This statement has been changed since you opened it. Read the new wording and answer again',
    );
  });
});

describe('changing a statement', () => {
  it('may not be emptied', () => {
    assert.equal(revisionProblem('  ', beforeDeadline, deadline), 'Enter the statement');
  });

  it('may not happen after the deadline unless the deadline is extended', () => {
    assert.equal(revisionProblem('New words', beforeDeadline, deadline), null);
    assert.equal(revisionProblem('New words', deadline, deadline), null);
    assert.equal(
      revisionProblem('New words', afterDeadline, deadline),
      'The endorsement deadline has passed. Extend the deadline before changing a statement, so every partner can read the new wording',
    );
  });

  it('makes the next revision, written now, and says who must be told', () => {
    const original = statement(11, 1, { text: 'The LSP should lead.', viewIds: [301] });
    const records = [
      record(11, police, 'endorse'),
      record(11, council, 'cannot_endorse'),
      record(11, police, 'endorse'),
      record(12, vcs, 'endorse'),
    ];
    const revised = reviseStatement(original, '  The LSP should co-ordinate.  ', beforeDeadline, records);
    assert.equal(revised.changed, true);
    assert.deepEqual(revised.statement, {
      ...original,
      text: 'The LSP should co-ordinate.',
      revision: 2,
      revisedAt: beforeDeadline,
    });
    assert.deepEqual(revised.organisationsToTell, [council, police]);
    assert.equal(original.revision, 1);
    assert.equal(original.text, 'The LSP should lead.');
  });

  it('saving the same words changes nothing and resets nobody', () => {
    const original = statement(11, 1, { text: 'The LSP should lead.' });
    const saved = reviseStatement(original, 'The LSP should lead.\n', beforeDeadline, [
      record(11, police, 'endorse'),
    ]);
    assert.equal(saved.changed, false);
    assert.deepEqual(saved.statement, original);
    assert.notEqual(saved.statement, original);
    assert.deepEqual(saved.organisationsToTell, []);
  });

  it('after an edit, answers on the old wording no longer count', () => {
    const original = statement(11, 1);
    const records = [record(11, police, 'cannot_endorse')];
    const { statement: revised } = reviseStatement(
      original,
      'Better words',
      '2006-02-16T10:00:00.000Z',
      records,
    );
    const input = inputs({ statements: [revised], records, now: beforeDeadline });
    assert.equal(outcomeOf(input, 11).included, true);
    assert.deepEqual(outcomeOf(input, 11).awaiting, partners);
  });

  it('tells everyone who answered on any revision of that statement, once each, in id order', () => {
    const records = [
      record(11, vcs, 'endorse', { revision: 1 }),
      record(11, council, 'abstain', { revision: 2 }),
      record(11, vcs, 'cannot_endorse', { revision: 2 }),
      record(12, police, 'endorse'),
    ];
    assert.deepEqual(organisationsToTellOfEdit(11, records), [council, vcs]);
    assert.deepEqual(organisationsToTellOfEdit(13, records), []);
  });
});

describe('an organisation’s individual response', () => {
  const views: PartnerView[] = [
    { id: 301, questionId: 1, organisationId: police, text: 'The LSP should co-ordinate, not direct.' },
    { id: 302, questionId: 2, organisationId: police, text: null },
    { id: 303, questionId: 1, organisationId: council, text: 'Agree.' },
    { id: 304, questionId: 3, organisationId: police, text: 'First thoughts' },
    { id: 305, questionId: 3, organisationId: police, text: 'Second thoughts' },
  ];

  function policeResponse(input: CompositeInputs) {
    return individualResponse(resolveCompositeResponse(input), views, police);
  }

  it('holds its views, "no view", and questions it gave no view on, in the issuer order', () => {
    const response = policeResponse(inputs({ questions: [...inputs().questions, question(4, '4')] }));
    assert.equal(response.organisationId, police);
    assert.deepEqual(
      response.questions.map((q) => [q.question.number, q.view]),
      [
        ['1', { kind: 'view', viewId: 301, text: 'The LSP should co-ordinate, not direct.' }],
        ['2', { kind: 'no_view' }],
        ['3', { kind: 'view', viewId: 305, text: 'Second thoughts' }],
        ['4', { kind: 'not_given' }],
      ],
    );
  });

  it('treats an empty view as "no view"', () => {
    const blank: PartnerView[] = [{ id: 1, questionId: 1, organisationId: police, text: '  ' }];
    const response = individualResponse(resolveCompositeResponse(inputs()), blank, police);
    assert.deepEqual(response.questions[0]?.view, { kind: 'no_view' });
  });

  it('lists what it endorsed and what it refused with its reasons, and whether each is in the collective response', () => {
    const input = inputs({
      records: [
        record(11, police, 'endorse'),
        record(12, police, 'cannot_endorse', { reason: 'We cannot commit officers' }),
        record(21, police, 'endorse'),
        record(21, nhs, 'cannot_endorse'),
        record(31, police, 'abstain'),
      ],
    });
    const [q1, q2, q3] = policeResponse(input).questions;
    assert.deepEqual(
      q1?.endorsed.map((s) => [s.statement.id, s.inCollectiveResponse, s.bySilence]),
      [[11, true, false]],
    );
    assert.deepEqual(
      q1?.refused.map((s) => [s.statement.id, s.reason, s.inCollectiveResponse]),
      [[12, 'We cannot commit officers', false]],
    );
    assert.deepEqual(
      q2?.endorsed.map((s) => [s.statement.id, s.inCollectiveResponse]),
      [[21, false]],
    );
    assert.deepEqual(q3?.endorsed, []);
    assert.deepEqual(q3?.refused, []);
  });

  it('shows endorsement by silence as such, and leaves out abstention by silence', () => {
    const endorse = policeResponse(inputs({ silenceRule: 'endorse' }));
    assert.deepEqual(
      endorse.questions[0]?.endorsed.map((s) => [s.statement.id, s.bySilence]),
      [
        [11, true],
        [12, true],
      ],
    );
    const abstain = policeResponse(inputs({ silenceRule: 'abstain' }));
    assert.ok(abstain.questions.every((q) => q.endorsed.length === 0 && q.refused.length === 0));
  });

  it('while provisional, lists only answers given so far', () => {
    const response = policeResponse(
      inputs({ now: beforeDeadline, silenceRule: 'endorse', records: [record(11, police, 'endorse')] }),
    );
    assert.equal(response.final, false);
    assert.deepEqual(
      response.questions.flatMap((q) => q.endorsed.map((s) => s.statement.id)),
      [11],
    );
  });

  it('follows what it last said, even late, and marks it late', () => {
    const input = inputs({
      silenceRule: 'endorse',
      records: [
        record(11, police, 'cannot_endorse', {
          reason: 'Changed our mind',
          recordedAt: '2006-02-26T08:00:00.000Z',
        }),
        record(21, police, 'cannot_endorse'),
        record(21, police, 'endorse', { recordedAt: '2006-02-26T08:00:00.000Z' }),
      ],
    });
    const [q1, q2] = policeResponse(input).questions;
    assert.deepEqual(
      q1?.refused.map((s) => [s.statement.id, s.reason, s.late, s.inCollectiveResponse]),
      [[11, 'Changed our mind', true, true]],
    );
    assert.deepEqual(
      q1?.endorsed.map((s) => s.statement.id),
      [12],
    );
    assert.deepEqual(
      q2?.endorsed.map((s) => [s.statement.id, s.late, s.inCollectiveResponse]),
      [[21, true, false]],
    );
  });

  it('includes removed statements in position order alongside included ones', () => {
    const input = inputs({
      statements: [statement(11, 1, { position: 2 }), statement(12, 1, { position: 1 })],
      records: [
        record(12, police, 'endorse'),
        record(12, vcs, 'cannot_endorse'),
        record(11, police, 'endorse'),
      ],
    });
    assert.deepEqual(
      policeResponse(input).questions[0]?.endorsed.map((s) => s.statement.id),
      [12, 11],
    );
  });

  it('has no statements for an organisation not asked to respond', () => {
    const response = individualResponse(
      resolveCompositeResponse(inputs({ silenceRule: 'endorse' })),
      [],
      outsider,
    );
    assert.ok(response.questions.every((q) => q.endorsed.length === 0 && q.refused.length === 0));
    assert.ok(response.questions.every((q) => q.view.kind === 'not_given'));
  });
});

/** Freezes an object and everything in it, so any attempt to change it throws. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe('purity', () => {
  function busy(): CompositeInputs {
    return inputs({
      questions: [question(3, '3', 1, 'B', 2), question(1, '1', 1, 'A', 1), question(2, '2', 2, 'A', 1)],
      statements: [statement(31, 3), statement(12, 1, { position: 2 }), statement(11, 1, { position: 1 })],
      records: [
        record(12, police, 'cannot_endorse'),
        record(11, nhs, 'endorse', { recordedAt: '2006-02-26T08:00:00.000Z' }),
        record(11, nhs, 'abstain'),
        record(31, outsider, 'endorse'),
      ],
      silenceRule: 'endorse',
    });
  }

  it('changes none of its inputs', () => {
    const input = deepFreeze(busy());
    const before = structuredClone(input);
    const resolution = resolveCompositeResponse(input);
    individualResponse(resolution, deepFreeze<PartnerView[]>([]), police);
    resolutionSummary(resolution);
    organisationsToTellOfEdit(11, input.records);
    reviseStatement(input.statements[0] as DraftStatement, 'New', beforeDeadline, input.records);
    inIssuerOrder(input.questions);
    assert.deepEqual(input, before);
  });

  it('gives the same answer every time, whatever order the records come in', () => {
    const input = busy();
    const reordered = {
      ...input,
      records: [...input.records].reverse(),
      statements: [...input.statements].reverse(),
    };
    const first = resolveCompositeResponse(input);
    assert.deepEqual(resolveCompositeResponse(input), first);
    const { ignoredRecords: _a, statementsWithoutQuestion: _b, ...rest } = first;
    const {
      ignoredRecords: _c,
      statementsWithoutQuestion: _d,
      ...restReordered
    } = resolveCompositeResponse(reordered);
    assert.deepEqual(restReordered, rest);
  });
});

describe('seed 004: four partners, one of whom cannot endorse two statements', () => {
  it('removes exactly those two statements and keeps the rest', () => {
    const questions = Array.from({ length: 35 }, (_, i) => question(i + 1, String(i + 1)));
    const statements = [1, 2, 3, 12, 18, 21].map((q, i) => statement(100 + i, q));
    const records = [
      ...statements.flatMap((s) =>
        [council, nhs, vcs].map((org) =>
          record(s.id, org, 'endorse', { recordedAt: '2006-02-20T12:00:00.000Z' }),
        ),
      ),
      ...[100, 101, 102, 103].map((id) => record(id, police, 'endorse')),
      record(104, police, 'cannot_endorse', {
        reason: 'A statutory duty to co-operate is for the Home Office',
      }),
      record(105, police, 'cannot_endorse', { reason: 'The police authority has not discussed this' }),
    ];
    const input = inputs({
      questions,
      statements,
      records,
      round: {
        respondingOrganisationIds: partners,
        deadline: '2006-02-28T17:00:00.000Z',
        silenceRule: 'abstain',
      },
      now: '2006-03-01T09:00:00.000Z',
    });
    const resolution = resolveCompositeResponse(input);
    assert.deepEqual(includedIds(input), [100, 101, 102, 103]);
    assert.deepEqual(
      resolution.questions.filter((q) => q.removed.length > 0).map((q) => q.question.number),
      ['18', '21'],
    );
    assert.equal(resolution.counts.questionsWithNoCollectiveResponse, 31);
    assert.equal(
      resolutionSummary(resolution),
      'Final response: 4 of 6 statements included, 4 endorsed by all 4 organisations; 2 removed. 31 questions have no collective response.',
    );
    const police18 = individualResponse(resolution, [], police).questions[17];
    assert.deepEqual(
      police18?.refused.map((s) => s.reason),
      ['A statutory duty to co-operate is for the Home Office'],
    );
  });
});
