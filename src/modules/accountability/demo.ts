import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { financialYear, financialYearOf } from '../../domain/periods.ts';
import { recordAudit } from '../../platform/audit.ts';
import { nowIso, todayIso } from '../../platform/time.ts';
import { addDays, decisionDueOn, type CcfaStatus, type CcfaStep } from './ccfa-workflow.ts';
import type { ObligationKind } from './compliance.ts';

/**
 * The demo place's partnership agreement for the Board, with six partners' commitments
 * and their contributions (and a draft agreement of the Safer Kelmsfield Partnership),
 * and five Councillor Calls for Action at different steps (one with its decision overdue). Dates are placed relative to the day the demo is loaded:
 * the agreement runs from the start of last financial year for three years, so its first
 * year has ended and can be judged. Given the same day, the data are always the same.
 * Attendance comes from the meetings demo, whatever it holds.
 */

type Commitment = [kind: ObligationKind, value: number | string];

interface DemoPartner {
  organisation: string;
  commitments: Commitment[];
  /** [years after the agreement's start (0 or 1), months into that year, what was given]. */
  contributions?: [
    year: number,
    month: number,
    given: { pounds?: number; fte?: number; resources?: string },
    note?: string,
  ][];
  /** Who recorded them: a person's slug (their account, when they have one), or the secretariat. */
  recordedBy?: string;
}

export const demoPartners: DemoPartner[] = [
  {
    organisation: 'kelmsfield-borough-council',
    commitments: [
      ['attendance', 75],
      ['financial', 50_000],
      ['resources', 'The partnership’s secretariat, and meeting rooms at the Civic Centre'],
    ],
    contributions: [
      [0, 1, { pounds: 50_000 }, 'Annual contribution to the partnership fund'],
      [0, 2, { resources: 'Secretariat and Civic Centre meeting rooms for the year' }],
      [1, 1, { pounds: 25_000 }, 'First half of this year’s contribution'],
    ],
  },
  {
    organisation: 'brackenshire-constabulary',
    commitments: [
      ['attendance', 75],
      ['financial', 20_000],
      ['data_returns', 75],
    ],
    contributions: [[0, 5, { pounds: 15_000 }, 'Contribution agreed by the Police Authority']],
    recordedBy: 'carol-denholm',
  },
  {
    organisation: 'kelmsfield-primary-care-trust',
    commitments: [
      ['attendance', 75],
      ['financial', 30_000],
      ['data_returns', 75],
    ],
    contributions: [
      [0, 2, { pounds: 30_000 }],
      [1, 0, { pounds: 30_000 }],
    ],
  },
  {
    organisation: 'brackenshire-fire-and-rescue-service',
    commitments: [
      ['attendance', 75],
      ['staff_time', 0.2],
    ],
    contributions: [[0, 3, { fte: 0.2 }, 'Community safety analyst, one day a week']],
  },
  {
    organisation: 'jobcentre-plus-kelmsfield-district',
    commitments: [
      ['attendance', 75],
      ['data_returns', 75],
    ],
  },
  {
    organisation: 'kelmsfield-council-for-voluntary-service',
    commitments: [
      ['attendance', 75],
      ['resources', 'Volunteers and community venues for consultation events'],
    ],
    contributions: [[0, 7, { resources: 'Venues and volunteers for the residents’ survey events' }]],
  },
];

const agreementText = `## Purpose

The partners of the Kelmsfield Partnership Board agree to work together to deliver the Sustainable Community Strategy and the Local Area Agreement, and to hold each other to account for doing so.

## What each partner commits to

- to send a senior representative, or a named substitute, to at least three meetings in four;
- to make its quarterly return on time: a progress update on each of its actions and the figures for the targets it leads;
- to contribute the money, staff time and resources set out in the schedule below.

## Review

The Board reviews this agreement each year, in public, against the record of attendance, returns and contributions.`;

/** A draft agreement of the Safer Kelmsfield Partnership, still being negotiated: not judged yet. */
export const demoDraftPartners: DemoPartner[] = [
  {
    organisation: 'brackenshire-constabulary',
    commitments: [
      ['attendance', 75],
      ['data_returns', 100],
    ],
  },
  {
    organisation: 'brackenshire-fire-and-rescue-service',
    commitments: [
      ['attendance', 75],
      ['staff_time', 0.1],
    ],
  },
  { organisation: 'brackenshire-probation-trust', commitments: [['attendance', 75]] },
];

interface DemoCase {
  councillor: string;
  organisation: string;
  summary: string;
  details: string;
  stepsTaken: string;
  /** Days before the load day it was raised. */
  raised: number;
  /** Each later step: [step, days before the load day it happened (negative: ahead), what it set, note]. */
  steps: [step: CcfaStep, daysAgo: number, extra?: { dueInDays?: number; text?: string }][];
  status: CcfaStatus;
}

export const demoCases: DemoCase[] = [
  {
    councillor: 'stephen-carlisle',
    organisation: 'brackenshire-fire-and-rescue-service',
    summary: 'Home fire safety checks are not reaching older people living alone in Kelmsfield Town',
    details:
      'Two fires in the last year in flats of older people living alone. Neither had been offered a home fire safety check, though both were known to adult social care.',
    stepsTaken:
      'Raised with the station manager and at the ward panel; referral numbers did not change in the following six months.',
    raised: 330,
    steps: [
      ['accept', 312],
      ['invite_partner', 305, { text: 'Asked to attend the Safer Communities Scrutiny Panel' }],
      ['schedule_hearing', 300, { dueInDays: -280 }],
      [
        'record_recommendations',
        275,
        {
          dueInDays: -247,
          text: 'Share the list of people receiving home care with the fire service each month, with consent; report referral numbers to the Safer Kelmsfield Partnership every quarter.',
        },
      ],
      [
        'record_response',
        250,
        {
          text: 'The fire service accepted both recommendations. A data-sharing agreement with adult social care was signed, and referrals have been reported to each quarterly meeting since.',
        },
      ],
      ['close', 230, { text: 'Both recommendations carried out; referrals of older people have doubled.' }],
    ],
    status: 'closed',
  },
  {
    councillor: 'trevor-haldane',
    organisation: 'jobcentre-plus-kelmsfield-district',
    summary: 'Closure of the Jobcentre Plus outreach surgery in Juniper Vale',
    details:
      'The weekly outreach surgery at Juniper Vale library is to close, leaving a two-bus journey to the nearest office.',
    stepsTaken: 'Wrote to the district manager, who replied that the decision was taken nationally.',
    raised: 200,
    steps: [
      [
        'refuse',
        182,
        {
          text: 'The closure is part of a national review by the Department for Work and Pensions, which is consulting on it until the end of the year. Overview and scrutiny will respond to that consultation instead, and invites Councillor Haldane to contribute.',
        },
      ],
    ],
    status: 'refused',
  },
  {
    councillor: 'joyce-amberley',
    organisation: 'kelmsfield-primary-care-trust',
    summary: 'No GP surgery in Larkhollow is taking new patients',
    details:
      'Families moving into the new Larkhollow estate cannot register with a GP within the ward: both surgeries have closed their lists.',
    stepsTaken:
      'Met the primary care trust’s director of commissioning twice; raised at the Health and Wellbeing Partnership.',
    raised: 120,
    steps: [
      ['accept', 101],
      ['invite_partner', 96],
      ['schedule_hearing', 94, { dueInDays: -21 }],
      [
        'record_recommendations',
        20,
        {
          dueInDays: 8,
          text: 'Commission extra list capacity in Larkhollow before the second phase of the estate is occupied; publish list status for every surgery each month.',
        },
      ],
    ],
    status: 'awaiting_response',
  },
  {
    councillor: 'neil-trencher',
    organisation: 'brackenshire-constabulary',
    summary: 'Anti-social behaviour in the Pennyfold underpass after dark',
    details:
      'Residents report groups gathering in the underpass most evenings, with drug dealing and intimidation. Reports to 101 have not led to any visible patrols.',
    stepsTaken:
      'Raised at three ward panel meetings and with the neighbourhood sergeant; residents’ petition of 212 names.',
    raised: 60,
    steps: [
      ['accept', 45],
      ['invite_partner', 40, { text: 'The district commander has been asked to attend in person' }],
      ['schedule_hearing', 38, { dueInDays: 14 }],
    ],
    status: 'hearing_scheduled',
  },
  {
    councillor: 'farida-haque',
    organisation: 'kelmsfield-homes',
    summary: 'Damp and mould repairs on the Harlowen estate left unresolved',
    details:
      'Tenants in three blocks on the Harlowen estate have waited more than six months for damp and mould repairs; several households include young children.',
    stepsTaken:
      'Raised each case with Kelmsfield Homes’ housing officers and the repairs manager; no dates given for the work.',
    raised: 35,
    steps: [],
    status: 'raised',
  },
];

/** Loads the agreement and the calls for action. Runs once, after the other modules' demos. */
export async function loadAccountabilityDemo(db: Kysely<Database>): Promise<void> {
  const today = todayIso();
  const day = (offset: number) => addDays(today, offset);
  const earlierOf = (a: string, b: string) => (a < b ? a : b);
  await db.transaction().execute(async (trx) => {
    const now = nowIso();
    const stamp = { created_at: now, updated_at: now };
    const organisations = await trx.selectFrom('organisations').select(['id', 'slug', 'name']).execute();
    const people = await trx.selectFrom('people').select(['id', 'slug', 'name', 'ward_id']).execute();
    const users = await trx.selectFrom('users').select(['id', 'person_id', 'display_name']).execute();
    const partnership = async (slug: string) =>
      (await trx.selectFrom('partnerships').select('id').where('slug', '=', slug).executeTakeFirstOrThrow())
        .id;
    const organisation = (slug: string) => {
      const found = organisations.find((o) => o.slug === slug);
      if (!found) throw new Error(`Demo accountability: no organisation ${slug}`);
      return found;
    };
    const person = (slug: string) => {
      const found = people.find((p) => p.slug === slug);
      if (!found) throw new Error(`Demo accountability: no person ${slug}`);
      return found;
    };
    /** The account and name a step is recorded under: the person's own account when they have one. */
    const recorder = (slug: string | undefined, fallback: string) => {
      const who = slug ? people.find((p) => p.slug === slug) : undefined;
      const user = who ? users.find((u) => u.person_id === who.id) : undefined;
      return { user_id: user?.id ?? null, name: user?.display_name ?? who?.name ?? fallback };
    };
    const secretariat = recorder('helen-marsh', 'Secretariat');
    const scrutiny = recorder('naomi-threlfall', 'Overview and scrutiny');

    // ---- the Board's partnership agreement, and a draft of the Safer Kelmsfield Partnership's
    const first = financialYearOf(today) - 1;
    const agreements = [
      {
        partnershipId: await partnership('kelmsfield-partnership-board'),
        title: `Kelmsfield Partnership Board agreement ${first}–${first + 3}`,
        startsOn: financialYear(first).start,
        endsOn: financialYear(first + 2).end,
        status: 'agreed',
        partners: demoPartners,
        body: agreementText,
      },
      {
        partnershipId: await partnership('safer-kelmsfield-partnership'),
        title: `Safer Kelmsfield Partnership agreement ${first + 1}–${first + 3}`,
        startsOn: financialYear(first + 1).start,
        endsOn: financialYear(first + 2).end,
        status: 'draft',
        partners: demoDraftPartners,
        body: null,
      },
    ];
    for (const agreement of agreements) {
      const { id: protocolId } = await trx
        .insertInto('protocols')
        .values({
          partnership_id: agreement.partnershipId,
          title: agreement.title,
          starts_on: agreement.startsOn,
          ends_on: agreement.endsOn,
          status: agreement.status,
          agreed_on: agreement.status === 'agreed' ? addDays(agreement.startsOn, -20) : null,
          body: agreement.body,
          ...stamp,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, null, {
        entityType: 'protocol',
        entityId: protocolId,
        action: 'created',
        summary: `Loaded the demo partnership agreement “${agreement.title}”`,
      });
      for (const partner of agreement.partners) {
        const organisationId = organisation(partner.organisation).id;
        for (const [kind, value] of partner.commitments)
          await trx
            .insertInto('protocol_obligations')
            .values({
              protocol_id: protocolId,
              organisation_id: organisationId,
              kind,
              target_percent: kind === 'attendance' || kind === 'data_returns' ? Number(value) : null,
              amount_pence: kind === 'financial' ? Number(value) * 100 : null,
              staff_fte: kind === 'staff_time' ? Number(value) : null,
              description: kind === 'resources' ? String(value) : null,
              ...stamp,
            })
            .execute();
        const by = partner.recordedBy ? recorder(partner.recordedBy, 'Secretariat') : secretariat;
        for (const [year, month, given, note] of partner.contributions ?? []) {
          const on = earlierOf(addDays(financialYear(first + year).start, month * 30 + 14), today);
          await trx
            .insertInto('protocol_contributions')
            .values({
              protocol_id: protocolId,
              organisation_id: organisationId,
              contributed_on: on,
              amount_pence: given.pounds === undefined ? null : given.pounds * 100,
              staff_fte: given.fte ?? null,
              resources: given.resources ?? null,
              note: note ?? null,
              recorded_by: by.user_id,
              recorder_name: by.name,
              created_at: now,
            })
            .execute();
        }
      }
    }

    // ---- Councillor Calls for Action, numbered in each year in the order they were raised
    const numbers = new Map<string, number>();
    for (const spec of [...demoCases].sort((a, b) => b.raised - a.raised)) {
      const raisedOn = day(-spec.raised);
      const year = raisedOn.slice(0, 4);
      const number = (numbers.get(year) ?? 0) + 1;
      numbers.set(year, number);
      const reference = `CCFA-${year}-${String(number).padStart(3, '0')}`;
      const councillor = person(spec.councillor);
      const partner = organisation(spec.organisation);
      const raisedBy = recorder(spec.councillor, councillor.name);
      const dates: Record<string, string | null> = {};
      for (const [step, daysAgo, extra] of spec.steps) {
        const on = day(-daysAgo);
        const due = extra?.dueInDays === undefined ? null : day(extra.dueInDays);
        if (step === 'accept' || step === 'refuse') dates.decided_on = on;
        if (step === 'refuse') dates.refusal_reason = extra?.text ?? null;
        if (step === 'invite_partner') dates.partner_invited_on = on;
        if (step === 'schedule_hearing') dates.hearing_on = due;
        if (step === 'record_recommendations') {
          dates.recommendations_on = on;
          dates.recommendations = extra?.text ?? null;
          dates.response_due_on = due;
        }
        if (step === 'record_response') {
          dates.response_received_on = on;
          dates.response_summary = extra?.text ?? null;
        }
        if (step === 'close') {
          dates.closed_on = on;
          dates.outcome = extra?.text ?? null;
        }
      }
      const { id: caseId } = await trx
        .insertInto('ccfa_cases')
        .values({
          reference,
          raised_on: raisedOn,
          decision_due_on: decisionDueOn(raisedOn),
          councillor_person_id: councillor.id,
          ward_id: councillor.ward_id,
          organisation_id: partner.id,
          summary: spec.summary,
          details: spec.details,
          steps_taken: spec.stepsTaken,
          status: spec.status,
          raised_by: raisedBy.user_id,
          ...dates,
          ...stamp,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const steps = [
        {
          step: 'raise',
          happened_on: raisedOn,
          due_on: decisionDueOn(raisedOn),
          note: null as string | null,
          ...raisedBy,
        },
        ...spec.steps.map(([step, daysAgo, extra]) => ({
          step,
          happened_on: day(-daysAgo),
          due_on: extra?.dueInDays === undefined ? null : day(extra.dueInDays),
          // The recommendations and the response are on the case itself; other steps keep their note.
          note:
            step === 'record_recommendations' || step === 'record_response' ? null : (extra?.text ?? null),
          ...scrutiny,
        })),
      ];
      for (const { name, ...step } of steps)
        await trx
          .insertInto('ccfa_steps')
          .values({ case_id: caseId, ...step, recorder_name: name, created_at: now })
          .execute();
      await recordAudit(trx, null, {
        entityType: 'ccfa_case',
        entityId: caseId,
        action: 'created',
        summary: `Loaded the demo call for action ${reference} about ${partner.name}`,
      });
    }
  });
}
