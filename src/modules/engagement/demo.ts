import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { fingerprintOf } from '../../domain/duplicates.ts';
import { recordAudit } from '../../platform/audit.ts';
import { nowIso, todayIso } from '../../platform/time.ts';
import { hashPassword } from '../accounts/passwords.ts';
import { demoPassword } from '../registry/demo-place.ts';
import { writePopulationShares } from './balance-service.ts';
import { ideaReference } from './service.ts';

/**
 * The demo place's voice: ideas and concerns from residents and groups across the wards and
 * priorities (some waiting to be checked, a few not published, most answered, those acted on
 * linked to the real decisions, actions and targets of the demo), one open survey on the
 * strategy's refresh with its responses, the share of residents in each equality group, and
 * a resident's account. Dates are set back from the day the demo is loaded; a fixed seed
 * makes the same data every time.
 *
 * Input is deliberately uneven, as it is in real places: Harlowen and the town centre send
 * much, Pennyfold and Juniper Vale little; older residents more than younger ones.
 */

export const demoResident = {
  email: 'amira.haddad@example.org',
  name: 'Amira Haddad',
  ward: 'brindlemoor',
};

/** Census-style shares of residents (percentages), for the balance of voice. */
export const demoPopulationShares = {
  age: { under_16: 18.6, '16_to_24': 10.5, '25_to_44': 26.1, '45_to_64': 25.7, '65_and_over': 19.1 },
  sex: { female: 51.0, male: 49.0 },
  ethnicity: { asian: 9.6, black: 4.2, mixed: 3.0, white: 81.0, other: 2.2 },
  disability: { disabled: 17.7, not_disabled: 82.3 },
};

/** How much each ward speaks up, relative to the others (its population aside). */
const wardVoice: Record<string, number> = {
  harlowen: 2.2,
  'kelmsfield-town': 1.8,
  brindlemoor: 1.4,
  marrowdene: 1.2,
  dallowmere: 1,
  corvenhill: 1,
  quillford: 0.9,
  larkhollow: 0.9,
  'fennick-park': 0.8,
  ravensholt: 0.8,
  'juniper-vale': 0.35,
  pennyfold: 0.15,
};

type Topic = [kind: 'idea' | 'concern', prioritySlug: string, summary: string, details: string];

/** What people write about, by priority; {ward} is the ward it comes from. */
const topics: Topic[] = [
  [
    'concern',
    'safer-stronger-communities',
    'Speeding cars outside the primary school in {ward}',
    'Cars come down past the school gates far too fast at 8.45 in the morning. Could there be a 20 mph limit and someone checking speeds at school times?',
  ],
  [
    'concern',
    'safer-stronger-communities',
    'Groups drinking in the park after dark in {ward}',
    'Every weekend there are groups drinking by the play area and the broken glass is still there on Monday morning when children use it.',
  ],
  [
    'idea',
    'safer-stronger-communities',
    'Better street lighting on the path to the station from {ward}',
    'The cut-through is very dark in winter and people, especially women on their own, avoid it. Brighter lights would make a real difference.',
  ],
  [
    'concern',
    'safer-stronger-communities',
    'Bike thefts from outside the shops in {ward}',
    'Three bikes have gone from the racks by the shops this month. A camera or secure stands would help.',
  ],
  [
    'idea',
    'children-and-young-people-get-the-best-start',
    'A youth club open on Friday nights in {ward}',
    'There is nothing for teenagers to do here on a Friday night, so they hang around the shops. A youth club with sport and music would give them somewhere to go.',
  ],
  [
    'concern',
    'children-and-young-people-get-the-best-start',
    'Long waits for speech and language help for under-fives',
    'My son waited eleven months for a speech and language assessment. Other parents at the children’s centre in {ward} say the same.',
  ],
  [
    'idea',
    'children-and-young-people-get-the-best-start',
    'Holiday lunch clubs in every ward, not just the town centre',
    'The holiday lunch and activity club was brilliant but it is two bus rides from {ward}. Could it run in the community centre here too?',
  ],
  [
    'idea',
    'healthier-lives-narrower-gaps',
    'Free exercise classes for people on low incomes in {ward}',
    'The leisure centre is too expensive for many people round here. Free or cheap classes in the community hall would get more people active.',
  ],
  [
    'concern',
    'healthier-lives-narrower-gaps',
    'Hard to get a GP appointment in {ward}',
    'You have to ring at 8am and the appointments are gone by 8.10. People end up going to A&E instead.',
  ],
  [
    'idea',
    'healthier-lives-narrower-gaps',
    'A weekly fresh fruit and vegetable market in {ward}',
    'The nearest supermarket is a long walk. A small weekly market would make it easier to eat well, and could take food vouchers.',
  ],
  [
    'concern',
    'independence-in-later-life',
    'Older neighbours in {ward} are lonely and isolated',
    'Several older people on our road rarely leave the house and see nobody for days. A befriending or lunch club would help.',
  ],
  [
    'idea',
    'independence-in-later-life',
    'Benches along the walk to the shops in {ward}',
    'My mother can no longer walk to the shops without stopping to rest. A few benches on the way would let her stay independent.',
  ],
  [
    'concern',
    'independence-in-later-life',
    'Carers in {ward} do not know what help is available',
    'I care for my husband and only found out about respite breaks by chance after two years. Carers need one place to find out what they can get.',
  ],
  [
    'idea',
    'a-thriving-local-economy',
    'Apprenticeships with local employers for school leavers from {ward}',
    'Young people here do not get the contacts to find apprenticeships. Could the big employers in the partnership each take some from the wards with fewest jobs?',
  ],
  [
    'concern',
    'a-thriving-local-economy',
    'Empty shops on the high street in {ward}',
    'Half the parade is boarded up. Cheaper rents for new local businesses or pop-up shops would bring it back to life.',
  ],
  [
    'idea',
    'a-thriving-local-economy',
    'Digital skills sessions at the library in {ward}',
    'Everything is online now, jobs, benefits, doctors. Lots of people here need help to use a computer or a phone for it.',
  ],
  [
    'idea',
    'a-greener-cleaner-kelmsfield',
    'More recycling bins and glass collection in {ward}',
    'The flats have no glass recycling at all, so it all goes in the general waste.',
  ],
  [
    'concern',
    'a-greener-cleaner-kelmsfield',
    'Fly-tipping in the alleys behind {ward} high street',
    'Mattresses and bags of rubbish are dumped behind the shops every week and stay there for days.',
  ],
  [
    'idea',
    'a-greener-cleaner-kelmsfield',
    'Plant street trees on the main road through {ward}',
    'The main road is grey and hot in summer. Trees would clean the air and make it nicer to walk.',
  ],
  [
    'idea',
    'a-greener-cleaner-kelmsfield',
    'Safe cycle routes to school from {ward}',
    'Parents would let children cycle to school if there were a protected route, and it would take cars off the road at the busiest time.',
  ],
  [
    'concern',
    'decent-homes-for-everyone',
    'Damp and mould in rented flats in {ward}',
    'Our flat has had black mould for two winters. The landlord does nothing. Many neighbours have the same problem and children are getting ill.',
  ],
  [
    'concern',
    'decent-homes-for-everyone',
    'Young families cannot afford to stay in {ward}',
    'Rents have gone up so much that families who grew up here are moving away. We need more affordable homes to rent.',
  ],
  [
    'idea',
    'decent-homes-for-everyone',
    'Bring empty homes in {ward} back into use',
    'There are at least four houses on our street that have been empty for years. They could house families on the waiting list.',
  ],
  [
    'idea',
    'people-get-on-and-have-a-say',
    'A community festival in {ward} to bring people together',
    'A summer festival with food from the different communities here would help neighbours get to know each other.',
  ],
  [
    'concern',
    'people-get-on-and-have-a-say',
    'Nobody asks residents of {ward} before decisions are made',
    'Decisions about our area are made at meetings in the Town Hall at times working people cannot go to. Hold some in the evening, here.',
  ],
  [
    'idea',
    'people-get-on-and-have-a-say',
    'Volunteer drivers for the community centre in {ward}',
    'Plenty of people would volunteer a couple of hours a week if someone organised it and covered the insurance.',
  ],
];

/** Groups that write in, with their sector. */
const groups: [name: string, sector: string][] = [
  ['Harlowen Tenants and Residents Association', 'resident_community'],
  ['St Aidan’s Church', 'faith'],
  ['Kelmsfield Mosque and Community Centre', 'faith'],
  ['Kelmsfield Age Concern', 'voluntary_community'],
  ['Brindlemoor Youth Project', 'voluntary_community'],
  ['Marrowdene Allotment Society', 'resident_community'],
  ['Kelmsfield Chamber of Trade', 'business'],
];

const responses: Record<string, string[]> = {
  acted_on: [
    'Thank you. This was taken to the partnership, which agreed to act on it: see what it led to below.',
    'This was raised with the partnership responsible, and it is now part of the action plan with a named lead and a date.',
  ],
  under_consideration: [
    'The partnership responsible is looking at this and will report back at its next meeting.',
    'Thank you: this is on the agenda of the relevant partnership, which is looking at what it would cost.',
  ],
  not_taken_forward: [
    'The partnership looked at this carefully but cannot fund it this year. It will be considered again when next year’s budget is set.',
    'This is not something the partnership can do itself; it has been passed to the council service responsible, which will reply directly.',
  ],
};

const textAnswers = [
  'Please make sure the wards on the edge of the borough are not forgotten.',
  'More for young people, please. There is nothing for teenagers to do.',
  'The vision is fine but I want to see what will actually change on my street.',
  'Buses. Without better buses none of the rest works for people without cars.',
  'Thank you for asking. Please tell us what you did with the answers.',
  'Keep the library open: it is where people get help with everything.',
];

/** A small, seeded random number generator (mulberry32): the same demo every time. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, weighted: [T, number][]): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [value, weight] of weighted) {
    r -= weight;
    if (r <= 0) return value;
  }
  return weighted.at(-1)![0];
}

/** Equality answers as people in the demo give them: older, whiter and more female than the place. */
function equalityAnswers(random: () => number) {
  return {
    age_band: pick<string | null>(random, [
      ['under_16', 1],
      ['16_to_24', 3],
      ['25_to_34', 8],
      ['35_to_44', 12],
      ['45_to_54', 15],
      ['55_to_64', 20],
      ['65_to_74', 22],
      ['75_and_over', 11],
      ['prefer_not_to_say', 4],
      [null, 4],
    ]),
    sex: pick<string | null>(random, [
      ['female', 57],
      ['male', 37],
      ['prefer_not_to_say', 3],
      [null, 3],
    ]),
    ethnicity: pick<string | null>(random, [
      ['white', 86],
      ['asian', 6],
      ['black', 2],
      ['mixed', 2],
      ['other', 1],
      ['prefer_not_to_say', 2],
      [null, 1],
    ]),
    disability: pick<string | null>(random, [
      ['limited_a_lot', 8],
      ['limited_a_little', 12],
      ['no', 70],
      ['prefer_not_to_say', 5],
      [null, 5],
    ]),
  };
}

const day = 86_400_000;
const daysBefore = (today: string, days: number, hour = 10) =>
  new Date(Date.parse(`${today}T${String(hour).padStart(2, '0')}:00:00Z`) - days * day).toISOString();

export async function loadEngagementDemo(db: Kysely<Database>): Promise<void> {
  const today = todayIso();
  const random = seeded(20_260_401);
  const hash = await hashPassword(demoPassword);
  await writePopulationShares(db, demoPopulationShares);
  await db.transaction().execute(async (trx) => {
    const now = nowIso();
    const wards = await trx
      .selectFrom('areas')
      .select(['id', 'slug', 'name'])
      .where('kind', '=', 'ward')
      .orderBy('name')
      .execute();
    if (wards.length === 0) return;
    const neighbourhoods = await trx
      .selectFrom('areas')
      .select(['id', 'parent_id'])
      .where('kind', '=', 'neighbourhood')
      .execute();
    const priorities = await trx
      .selectFrom('priorities')
      .innerJoin('strategy_versions', 'strategy_versions.id', 'priorities.strategy_version_id')
      .select(['priorities.id', 'priorities.slug', 'priorities.title'])
      .where('strategy_versions.status', '=', 'adopted')
      .orderBy('priorities.position')
      .execute();
    const priorityId = new Map(priorities.map((p) => [p.slug, p.id]));
    const targets = await trx.selectFrom('targets').select(['id', 'priority_id']).orderBy('id').execute();
    const actions = await trx
      .selectFrom('actions')
      .leftJoin('targets', 'targets.id', 'actions.target_id')
      .select(['actions.id', 'targets.priority_id'])
      .orderBy('actions.id')
      .execute();
    const decisions = await trx
      .selectFrom('decisions')
      .innerJoin('meetings', 'meetings.id', 'decisions.meeting_id')
      .select(['decisions.id'])
      .where('meetings.visibility', '=', 'public')
      .orderBy('decisions.id')
      .execute();
    const secretariat = await trx
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'helen.marsh@kelmsfield.example')
      .executeTakeFirst();
    const board = await trx
      .selectFrom('partnerships')
      .select('id')
      .where('slug', '=', 'kelmsfield-partnership-board')
      .executeTakeFirst();

    // The demo resident.
    const residentWard = wards.find((w) => w.slug === demoResident.ward) ?? wards[0]!;
    const { id: residentId } = await trx
      .insertInto('users')
      .values({
        email: demoResident.email,
        display_name: demoResident.name,
        password_hash: hash,
        person_id: null,
        disabled: 0,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('role_grants')
      .values({
        user_id: residentId,
        role: 'resident',
        partnership_id: null,
        organisation_id: null,
        created_at: now,
      })
      .execute();
    await trx
      .insertInto('engagement_residents')
      .values({ user_id: residentId, ward_id: residentWard.id, created_at: now })
      .execute();

    const wardWeights = wards.map((w) => [w, wardVoice[w.slug] ?? 1] as [(typeof wards)[number], number]);
    const count = 150;
    for (let i = 0; i < count; i++) {
      const topic = topics[i % topics.length]!;
      const [kind, prioritySlug, summaryTemplate, detailsTemplate] = topic;
      const resident = i < 3;
      const ward = resident ? residentWard : pick(random, wardWeights);
      const inNeighbourhood = neighbourhoods.find((n) => n.parent_id === ward.id && random() < 0.4);
      const summary = summaryTemplate.replace('{ward}', ward.name);
      const details = detailsTemplate.replace('{ward}', ward.name);
      const group = !resident && random() < 0.18 ? groups[Math.floor(random() * groups.length)]! : null;
      const daysAgo = i < 3 ? [40, 20, 2][i]! : Math.floor(random() * 150) + 1;
      const submitted = daysBefore(today, daysAgo, 8 + Math.floor(random() * 12));
      // The newest wait to be checked; a few older ones were not published; the rest have moved on.
      const status = resident
        ? (['acted_on', 'under_consideration', 'pending'] as const)[i]!
        : daysAgo <= 9
          ? 'pending'
          : i % 13 === 5
            ? 'rejected'
            : pick(random, [
                ['received', 2],
                ['under_consideration', 3],
                ['acted_on', 4],
                ['not_taken_forward', 2],
              ] as [string, number][]);
      const pid = priorityId.get(prioritySlug) ?? null;
      const linkedTarget =
        status === 'acted_on' ? (targets.find((t) => t.priority_id === pid) ?? null) : null;
      const linkedAction =
        status === 'acted_on'
          ? (actions.find((a) => a.priority_id !== null && a.priority_id === pid) ?? null)
          : null;
      const linkedDecision =
        status === 'acted_on' && (i % 3 === 0 || (!linkedTarget && !linkedAction)) && decisions.length
          ? decisions[i % decisions.length]!
          : null;
      const moderated = status === 'pending' ? null : daysBefore(today, Math.max(0, daysAgo - 2));
      const responded =
        status === 'acted_on' || status === 'under_consideration' || status === 'not_taken_forward'
          ? daysBefore(today, Math.max(0, daysAgo - 12))
          : null;
      const rejection =
        status === 'rejected'
          ? (['personal_information', 'duplicate', 'spam', 'offensive'] as const)[i % 4]!
          : null;
      const { id } = await trx
        .insertInto('engagement_ideas')
        .values({
          kind,
          summary,
          details,
          priority_id: pid,
          area_id: inNeighbourhood?.id ?? ward.id,
          ward_id: ward.id,
          writing_as: group ? 'group' : 'individual',
          group_name: group?.[0] ?? null,
          group_sector: group?.[1] ?? null,
          user_id: resident ? residentId : null,
          contact_name: null,
          contact_email: null,
          ip_hash: null,
          form_token: `demo-${i}`,
          fingerprint: fingerprintOf(summary, details),
          ...equalityAnswers(random),
          status,
          submitted_at: submitted,
          moderated_at: moderated,
          moderated_by: moderated ? (secretariat?.id ?? null) : null,
          rejection_reason: rejection,
          rejection_note:
            rejection === 'personal_information'
              ? 'It named a neighbour. Please send it again without the name.'
              : null,
          response: responses[status]?.[i % 2] ?? null,
          responded_at: responded,
          decision_id: linkedDecision?.id ?? null,
          action_id: linkedAction?.id ?? null,
          target_id: linkedTarget?.id ?? null,
          created_at: submitted,
          updated_at: responded ?? moderated ?? submitted,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, null, {
        entityType: 'engagement_idea',
        entityId: id,
        action: 'created',
        summary: `Received ${kind} ${ideaReference(id)} (demo data)`,
      });
    }

    // One open survey on the strategy's refresh, run by the board, with its results public as it goes.
    if (!board) return;
    const { id: surveyId } = await trx
      .insertInto('engagement_surveys')
      .values({
        slug: 'kelmsfield-together-refresh',
        title: 'Kelmsfield Together: have your say on the draft refresh of our strategy',
        description:
          'Every year the partnership refreshes Kelmsfield Together, the strategy for the whole borough. Before the Board agrees the refresh, tell us what you think of the draft: what matters most to you, and what you would get involved in.\n\nIt takes about five minutes. The results are published as they come in; individual answers never are.',
        partnership_id: board.id,
        opens_on: daysBefore(today, 21).slice(0, 10),
        closes_on: daysBefore(today, -21).slice(0, 10),
        status: 'published',
        results_while_open: 1,
        created_at: daysBefore(today, 25),
        updated_at: daysBefore(today, 25),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const question = async (
      position: number,
      kind: string,
      prompt: string,
      options: string[],
      required: boolean,
      hint: string | null = null,
    ) =>
      (
        await trx
          .insertInto('engagement_survey_questions')
          .values({
            survey_id: surveyId,
            position,
            kind,
            prompt,
            hint,
            required: required ? 1 : 0,
            options: JSON.stringify(options),
            created_at: daysBefore(today, 25),
            updated_at: daysBefore(today, 25),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const agree = await question(
      1,
      'rating',
      'How far do you agree with the draft vision for Kelmsfield?',
      [],
      true,
      '1 means you do not agree at all, 5 that you agree completely.',
    );
    const mostImportant = await question(
      2,
      'single',
      'Which priority matters most to you?',
      priorities.map((p) => p.title),
      true,
    );
    const involved = await question(
      3,
      'multiple',
      'Which of these would you get involved in?',
      [
        'Volunteering in my neighbourhood',
        'A residents’ panel on the strategy',
        'Community clean-ups and tree planting',
        'Mentoring young people',
        'None of these',
      ],
      false,
    );
    const anythingElse = await question(
      4,
      'text',
      'Is there anything else you want the partnership to know?',
      [],
      false,
    );

    const responseCount = 90;
    for (let i = 0; i < responseCount; i++) {
      const ward = random() < 0.08 ? null : pick(random, wardWeights);
      const submitted = daysBefore(today, Math.floor(random() * 20), 7 + Math.floor(random() * 14));
      const { id: responseId } = await trx
        .insertInto('engagement_survey_responses')
        .values({
          survey_id: surveyId,
          user_id: null,
          area_id: ward?.id ?? null,
          ward_id: ward?.id ?? null,
          ...equalityAnswers(random),
          ip_hash: null,
          form_token: `demo-survey-${i}`,
          submitted_at: submitted,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const answers: {
        response_id: number;
        question_id: number;
        option_index: number | null;
        rating: number | null;
        text_value: string | null;
      }[] = [
        {
          response_id: responseId,
          question_id: agree,
          option_index: null,
          rating: pick(random, [
            [1, 4],
            [2, 7],
            [3, 18],
            [4, 28],
            [5, 15],
          ] as [number, number][]),
          text_value: null,
        },
        {
          response_id: responseId,
          question_id: mostImportant,
          option_index: pick(
            random,
            priorities.map((_, index) => [index, [9, 6, 7, 4, 6, 5, 8, 3][index] ?? 4] as [number, number]),
          ),
          rating: null,
          text_value: null,
        },
      ];
      const chosen = [0, 1, 2, 3].filter(() => random() < 0.3);
      for (const option of chosen.length ? chosen : random() < 0.5 ? [4] : [])
        answers.push({
          response_id: responseId,
          question_id: involved,
          option_index: option,
          rating: null,
          text_value: null,
        });
      if (random() < 0.3)
        answers.push({
          response_id: responseId,
          question_id: anythingElse,
          option_index: null,
          rating: null,
          text_value: textAnswers[i % textAnswers.length]!,
        });
      await trx.insertInto('engagement_survey_answers').values(answers).execute();
    }
    await recordAudit(trx, null, {
      entityType: 'engagement_survey',
      entityId: surveyId,
      action: 'created',
      summary: `Created the survey on the strategy’s refresh, with ${responseCount} responses (demo data)`,
    });
  });
}
