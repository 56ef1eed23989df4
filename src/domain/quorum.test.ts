import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkQuorum,
  hasQuorumRule,
  noQuorumRule,
  quorumRuleProblem,
  representsSeat,
  type AttendanceStatus,
  type QuorumRule,
  type SeatAttendance,
} from './quorum.ts';
import { sectorNames } from './vocabulary.ts';

let nextSeat = 1;

/** One seat at a meeting; each call is a different seat unless a seat id is given. */
function seat(sector: string, status: AttendanceStatus, seatId = nextSeat++): SeatAttendance {
  return { seatId, organisationId: seatId + 100, sector, status };
}

/** Many seats in one sector with the same status. */
function seats(count: number, sector: string, status: AttendanceStatus): SeatAttendance[] {
  return Array.from({ length: count }, () => seat(sector, status));
}

const atLeastSix: QuorumRule = { minimumPresent: 6, requiredSectors: [] };
const publicAndVoluntary: QuorumRule = {
  minimumPresent: null,
  requiredSectors: ['public', 'voluntary_community'],
};
const sixWithPublicAndVoluntary: QuorumRule = {
  minimumPresent: 6,
  requiredSectors: ['public', 'voluntary_community'],
};

/** 14 seats: 9 represented (7 members and 2 substitutes) from the public and voluntary sectors; business sent apologies. */
const wellAttended = [
  ...seats(5, 'public', 'present'),
  ...seats(2, 'voluntary_community', 'present'),
  ...seats(2, 'voluntary_community', 'substituted'),
  ...seats(3, 'business', 'apologies'),
  ...seats(2, 'faith', 'absent'),
];

/** 14 seats: 4 represented, none from business. */
const poorlyAttended = [
  ...seats(3, 'public', 'present'),
  ...seats(1, 'voluntary_community', 'substituted'),
  ...seats(4, 'public', 'apologies'),
  ...seats(3, 'business', 'apologies'),
  ...seats(3, 'voluntary_community', 'absent'),
];

describe('a quorum of a minimum number of seats', () => {
  it('is met when enough seats are represented', () => {
    assert.deepEqual(checkQuorum(atLeastSix, wellAttended, sectorNames), {
      quorate: true,
      represented: 9,
      needed: 6,
      missingSectors: [],
      explanation: 'Quorate: 9 of 14 seats represented (at least 6 needed).',
    });
  });

  it('is met with exactly the minimum', () => {
    const check = checkQuorum(atLeastSix, [
      ...seats(6, 'public', 'present'),
      ...seats(2, 'public', 'absent'),
    ]);
    assert.equal(check.quorate, true);
    assert.equal(check.explanation, 'Quorate: 6 of 8 seats represented (at least 6 needed).');
  });

  it('is not met one seat short', () => {
    const check = checkQuorum(atLeastSix, [
      ...seats(5, 'public', 'present'),
      ...seats(3, 'public', 'absent'),
    ]);
    assert.equal(check.quorate, false);
    assert.equal(check.represented, 5);
    assert.equal(check.explanation, 'Not quorate: 5 of 8 seats represented but at least 6 are needed.');
  });

  it('says "is needed" when the minimum is one seat', () => {
    const check = checkQuorum({ minimumPresent: 1, requiredSectors: [] }, [seat('public', 'apologies')]);
    assert.equal(check.explanation, 'Not quorate: 0 of 1 seat represented but at least 1 is needed.');
  });

  it('cannot be met when the minimum is more than the seats there are', () => {
    const check = checkQuorum({ minimumPresent: 20, requiredSectors: [] }, wellAttended);
    assert.equal(check.quorate, false);
    assert.equal(check.explanation, 'Not quorate: 9 of 14 seats represented but at least 20 are needed.');
  });
});

describe('who counts towards the quorum', () => {
  it('counts members present and substitutes attending in their place', () => {
    assert.equal(representsSeat('present'), true);
    assert.equal(representsSeat('substituted'), true);
  });

  it('does not count seats whose member sent apologies or was absent', () => {
    assert.equal(representsSeat('apologies'), false);
    assert.equal(representsSeat('absent'), false);
    const check = checkQuorum(atLeastSix, [
      ...seats(6, 'public', 'apologies'),
      ...seats(6, 'public', 'absent'),
    ]);
    assert.equal(check.represented, 0);
    assert.equal(check.quorate, false);
  });

  it('makes a meeting quorate when substitutes fill the gap', () => {
    const check = checkQuorum(atLeastSix, [
      ...seats(3, 'public', 'present'),
      ...seats(3, 'public', 'substituted'),
    ]);
    assert.equal(check.represented, 6);
    assert.equal(check.quorate, true);
  });

  it('counts a sector as there when only a substitute came from it', () => {
    const check = checkQuorum(publicAndVoluntary, [
      seat('public', 'present'),
      seat('voluntary_community', 'substituted'),
    ]);
    assert.equal(check.quorate, true);
    assert.deepEqual(check.missingSectors, []);
  });

  it('counts a seat listed twice only once, as represented if either entry says so', () => {
    const twice = [
      seat('public', 'apologies', 900),
      seat('public', 'substituted', 900),
      seat('public', 'present', 901),
    ];
    const check = checkQuorum({ minimumPresent: 3, requiredSectors: [] }, twice);
    assert.equal(check.represented, 2);
    assert.equal(check.explanation, 'Not quorate: 2 of 2 seats represented but at least 3 are needed.');
    const again = [seat('public', 'present', 902), seat('public', 'present', 902)];
    assert.equal(checkQuorum({ minimumPresent: 2, requiredSectors: [] }, again).quorate, false);
  });
});

describe('a quorum of required sectors', () => {
  it('is met when every required sector has a seat represented', () => {
    assert.deepEqual(checkQuorum(publicAndVoluntary, wellAttended, sectorNames), {
      quorate: true,
      represented: 9,
      needed: null,
      missingSectors: [],
      explanation:
        'Quorate: 9 of 14 seats represented, with the public sector and the voluntary and community sector present.',
    });
  });

  it('is not met when a required sector sent only apologies', () => {
    const rule = { minimumPresent: null, requiredSectors: ['public', 'business'] };
    const check = checkQuorum(rule, wellAttended, sectorNames);
    assert.equal(check.quorate, false);
    assert.deepEqual(check.missingSectors, ['business']);
    assert.equal(
      check.explanation,
      'Not quorate: 9 of 14 seats represented, but no one from the business sector was there.',
    );
  });

  it('names every missing sector, in the rule’s order', () => {
    const rule = {
      minimumPresent: null,
      requiredSectors: ['faith', 'public', 'business', 'resident_community'],
    };
    const check = checkQuorum(rule, wellAttended, sectorNames);
    assert.deepEqual(check.missingSectors, ['faith', 'business', 'resident_community']);
    assert.equal(
      check.explanation,
      'Not quorate: 9 of 14 seats represented, but no one from the faith sector, the business sector or the residents and community sector was there.',
    );
  });

  it('lists three sectors present with commas and "and"', () => {
    const rule = { minimumPresent: null, requiredSectors: ['public', 'voluntary_community', 'business'] };
    const check = checkQuorum(rule, [...wellAttended, seat('business', 'present')], sectorNames);
    assert.equal(
      check.explanation,
      'Quorate: 10 of 15 seats represented, with the public sector, the voluntary and community sector and the business sector present.',
    );
  });

  it('shows the sector code when it has no name', () => {
    const check = checkQuorum({ minimumPresent: null, requiredSectors: ['health'] }, wellAttended);
    assert.equal(
      check.explanation,
      'Not quorate: 9 of 14 seats represented, but no one from the health sector was there.',
    );
  });

  it('keeps an acronym in capitals and does not say "sector" twice', () => {
    const names = { nhs: 'NHS', public: 'Public sector' };
    const rule = { minimumPresent: null, requiredSectors: ['nhs', 'public'] };
    const check = checkQuorum(rule, [seat('nhs', 'present'), seat('public', 'present')], names);
    assert.equal(
      check.explanation,
      'Quorate: 2 of 2 seats represented, with the NHS sector and the public sector present.',
    );
  });

  it('does not count a sector that holds seats but sent no one', () => {
    const check = checkQuorum(publicAndVoluntary, [
      seat('public', 'present'),
      seat('voluntary_community', 'apologies'),
      seat('voluntary_community', 'absent'),
    ]);
    assert.equal(check.quorate, false);
    assert.deepEqual(check.missingSectors, ['voluntary_community']);
  });
});

describe('a quorum of both a minimum and required sectors', () => {
  it('is met when both parts are met', () => {
    const check = checkQuorum(sixWithPublicAndVoluntary, wellAttended, sectorNames);
    assert.equal(check.quorate, true);
    assert.equal(
      check.explanation,
      'Quorate: 9 of 14 seats represented (at least 6 needed), with the public sector and the voluntary and community sector present.',
    );
  });

  it('is not met when there are too few seats, though every sector came', () => {
    const check = checkQuorum(sixWithPublicAndVoluntary, poorlyAttended, sectorNames);
    assert.equal(check.quorate, false);
    assert.deepEqual(check.missingSectors, []);
    assert.equal(check.explanation, 'Not quorate: 4 of 14 seats represented but at least 6 are needed.');
  });

  it('is not met when a sector is missing, though there are enough seats', () => {
    const rule = { minimumPresent: 6, requiredSectors: ['business'] };
    const check = checkQuorum(rule, wellAttended, sectorNames);
    assert.equal(check.quorate, false);
    assert.equal(
      check.explanation,
      'Not quorate: 9 of 14 seats represented, but no one from the business sector was there.',
    );
  });

  it('gives both reasons when both parts fail', () => {
    const rule = { minimumPresent: 6, requiredSectors: ['public', 'business'] };
    const check = checkQuorum(rule, poorlyAttended, sectorNames);
    assert.deepEqual(check, {
      quorate: false,
      represented: 4,
      needed: 6,
      missingSectors: ['business'],
      explanation:
        'Not quorate: 4 of 14 seats represented but at least 6 are needed, and no one from the business sector was there.',
    });
  });
});

describe('no quorum rule', () => {
  it('means every meeting is quorate', () => {
    assert.equal(hasQuorumRule(noQuorumRule), false);
    assert.deepEqual(checkQuorum(noQuorumRule, poorlyAttended), {
      quorate: true,
      represented: 4,
      needed: null,
      missingSectors: [],
      explanation: 'This partnership has no quorum rule.',
    });
  });

  it('means quorate even with no attendance recorded', () => {
    assert.equal(checkQuorum(noQuorumRule, []).quorate, true);
  });

  it('is any rule with a minimum or at least one sector', () => {
    assert.equal(hasQuorumRule(atLeastSix), true);
    assert.equal(hasQuorumRule(publicAndVoluntary), true);
  });
});

describe('a meeting with no attendance recorded', () => {
  it('is not quorate under a minimum', () => {
    const check = checkQuorum(atLeastSix, []);
    assert.equal(check.quorate, false);
    assert.equal(check.represented, 0);
    assert.equal(check.explanation, 'Not quorate: no seats represented but at least 6 are needed.');
  });

  it('is not quorate under required sectors', () => {
    const check = checkQuorum(publicAndVoluntary, [], sectorNames);
    assert.deepEqual(check.missingSectors, ['public', 'voluntary_community']);
    assert.equal(
      check.explanation,
      'Not quorate: no seats represented, but no one from the public sector or the voluntary and community sector was there.',
    );
  });
});

describe('checking a quorum rule before it is saved', () => {
  it('accepts a minimum from 1 to the number of seats', () => {
    assert.equal(quorumRuleProblem({ minimumPresent: 1, requiredSectors: [] }, 14), null);
    assert.equal(quorumRuleProblem({ minimumPresent: 14, requiredSectors: [] }, 14), null);
    assert.equal(quorumRuleProblem(sixWithPublicAndVoluntary, 14), null);
  });

  it('accepts no rule at all, even for a partnership with no seats yet', () => {
    assert.equal(quorumRuleProblem(noQuorumRule, 0), null);
    assert.equal(quorumRuleProblem(publicAndVoluntary, 0), null);
  });

  it('refuses a minimum above the number of seats, below 1 or not whole', () => {
    for (const minimumPresent of [15, 0, -1, 2.5, NaN]) {
      assert.equal(
        quorumRuleProblem({ minimumPresent, requiredSectors: [] }, 14),
        'The quorum must be a whole number of seats from 1 to 14',
        String(minimumPresent),
      );
    }
  });

  it('refuses a minimum when the partnership has no seats', () => {
    assert.equal(
      quorumRuleProblem(atLeastSix, 0),
      'The partnership has no seats yet, so its quorum cannot be a number of seats',
    );
  });

  it('refuses a sector required twice, naming it', () => {
    const rule = { minimumPresent: null, requiredSectors: ['public', 'business', 'public'] };
    assert.equal(
      quorumRuleProblem(rule, 14, sectorNames),
      'Each sector can be required only once, but the public sector is listed more than once',
    );
  });

  it('refuses a blank sector', () => {
    assert.equal(
      quorumRuleProblem({ minimumPresent: null, requiredSectors: [' '] }, 14),
      'Each required sector must be named',
    );
  });
});
