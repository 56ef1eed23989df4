import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { londonToUtc } from '../../domain/london-time.ts';
import { splitQuestionList } from '../../domain/question-list.ts';
import { formatDate, formatDateTime, todayIso } from '../../platform/time.ts';
import { odpmQuestionsAnnex } from './odpm-questions.ts';
import { seatsOn } from './repository.ts';

/**
 * The demo place's consultation responses. Seed 004's case: the Kelmsfield Partnership
 * Board answers the ODPM's consultation on the future of Local Strategic Partnerships
 * (its 35 real questions, pasted and split as a person would), with views from seven
 * organisations, a composite draft of thirteen statements (one reworded after
 * circulation), endorsements in which the Chamber of Commerce cannot endorse two, and the
 * final response sent. And the Safer Kelmsfield Partnership's response to a Home Office
 * review, still gathering views. Dated from the day the demo loads.
 */

type Trx = Transaction<Database>;

function dayOffset(days: number): string {
  return new Date(Date.parse(`${todayIso()}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The instant of a London time some days from today (negative: in the past). */
function at(days: number, time: string): string {
  return londonToUtc(dayOffset(days), time) ?? `${dayOffset(days)}T12:00:00.000Z`;
}

interface Someone {
  userId: number | null;
  name: string;
}

/** A demo audit entry, dated when it happened so the timeline reads true. */
async function audit(
  trx: Trx,
  when: string,
  who: Someone,
  consultationId: number,
  action: string,
  summary: string,
) {
  await trx
    .insertInto('audit_entries')
    .values({
      occurred_at: when,
      actor_user_id: who.userId,
      actor_name: who.name,
      entity_type: 'consultation',
      entity_id: consultationId,
      action,
      summary,
      before_json: null,
      after_json: null,
    })
    .execute();
}

type Org =
  'council' | 'police' | 'pct' | 'cvs' | 'chamber' | 'fire' | 'tenants' | 'probation' | 'homes' | 'yot';

const organisationSlugs: Record<Org, string> = {
  council: 'kelmsfield-borough-council',
  police: 'brackenshire-constabulary',
  pct: 'kelmsfield-primary-care-trust',
  cvs: 'kelmsfield-council-for-voluntary-service',
  chamber: 'kelmsfield-chamber-of-commerce',
  fire: 'brackenshire-fire-and-rescue-service',
  tenants: 'kelmsfield-tenants-and-residents-federation',
  probation: 'brackenshire-probation-trust',
  homes: 'kelmsfield-homes',
  yot: 'kelmsfield-youth-offending-team',
};

/** Views on the ODPM questions: question number → organisation → the view (null: "no view"). */
const odpmViews: Record<string, Partial<Record<Org, string | null>>> = {
  '1': {
    council:
      'We agree. The Board already owns the Community Strategy; making the Local Area Agreement its delivery contract would join up what we say with what we fund. The partnership should not become a delivery body in its own right: delivery stays with the partners.',
    police:
      'Broadly agree, provided the safer and stronger communities block stays aligned with the statutory crime and disorder reduction strategy, which the Police Authority and the Safer Kelmsfield Partnership remain accountable for.',
    cvs: 'Agree, but the vision must be owned by residents and the voluntary and community sector as well as the statutory partners. The LAA must not squeeze out the aims of the Community Strategy that it does not fund.',
    chamber:
      'Agree. Businesses need one clear statement of the borough’s priorities and one place to engage, not a separate conversation with each agency.',
  },
  '3': {
    council:
      'Yes. A reciprocal duty to have regard would strengthen the Board’s hand when the theme plans are set: the children and young people’s plan, the local transport plan, the crime and disorder strategy.',
    pct: 'Yes, as long as it is “have regard” and not “conform”: health plans also answer to national targets and to the Strategic Health Authority.',
  },
  '12': {
    council: 'Agree. The Board’s membership already includes the chairs of the thematic partnerships.',
    cvs: 'Agree, with the caveat that the Board must keep seats for the voluntary, community and faith sectors that are not tied to one thematic partnership.',
  },
  '13': {
    council:
      'Yes: clustering the thematic partnerships around the four blocks would make managing the LAA’s performance simpler.',
    chamber:
      'No. Economic development and enterprise is more than a funding block; clustering around the LAA blocks risks business issues being treated as an add-on.',
    fire: null,
  },
  '14': {
    police:
      'Co-terminosity helps but is not always possible: the police Basic Command Unit covers Kelmsfield and part of the neighbouring district. Sharing data at ward level matters more than identical boundaries.',
    pct: 'The PCT is co-terminous with the borough today, which has made joint commissioning easier. Any reorganisation should keep it so.',
  },
  '17': {
    cvs: 'Through properly resourced sector forums that elect their representatives, and through recognising the time volunteers give to partnership work.',
    chamber:
      'Through a business board that nominates to the executive, and by holding meetings at times business people can attend.',
    tenants:
      'Residents need to be there in their own right, not only through the voluntary sector. Hold some meetings in the evening and on the estates.',
    fire: null,
  },
  '18': {
    council: 'Yes. A duty on the named partners to co-operate would put the LAA on a firmer footing.',
    police:
      'Yes, provided the duty is to co-operate in producing and delivering the Strategy, not to defer to the local authority on operational matters.',
    fire: 'Yes. The fire service already co-operates through the Safer Kelmsfield Partnership and would welcome the duty.',
  },
  '21': {
    cvs: 'Yes. Without a duty, engaging the sector depends on goodwill, and it falls away when budgets are tight.',
    chamber:
      'Any duty should cover business as well as the voluntary and community sectors. A duty for one sector only would tilt the partnership.',
    pct: null,
    fire: null,
  },
  '22': {
    council: 'Yes: the Board is drawing up a partnership agreement setting out what each partner commits to.',
    police: 'Yes, if agreements are light-touch and reviewed every year.',
  },
  '28': {
    tenants:
      'Go to where people are: the estates, the mosques, the schools, the market. Feed back what happened as a result, every time.',
    cvs: 'Fund community anchor organisations to reach the groups the statutory partners do not reach.',
    council:
      'Join up the partners’ consultation calendars so residents are not asked the same questions three times.',
    fire: null,
  },
  '32': {
    council:
      'Dedicated performance management capacity for the LAA, and clear guidance on pooling and aligning budgets.',
  },
};

interface DemoStatement {
  key: string;
  question: string;
  text: string;
  drawsOn: Org[];
  /** The words first circulated, when the statement was reworded after circulation. */
  firstWording?: string;
}

const odpmStatements: DemoStatement[] = [
  {
    key: 'vision',
    question: '1',
    text: 'We agree that the key role of the Local Strategic Partnership should be to set the long-term vision for the area through the Sustainable Community Strategy, and to drive its delivery through the Local Area Agreement as the area’s “delivery contract”.',
    drawsOn: ['council', 'chamber', 'cvs'],
  },
  {
    key: 'delivery',
    question: '1',
    text: 'Delivery should remain with the partners, each accountable through its own governance: the partnership’s role is to co-ordinate, not to become a delivery body. The Local Area Agreement should not crowd out the aims of the Community Strategy that it does not fund.',
    drawsOn: ['council', 'cvs', 'police'],
  },
  {
    key: 'regard',
    question: '3',
    text: 'A reciprocal requirement to “have regard” to the Sustainable Community Strategy would help the partnership take the overarching view, provided it remains a duty to have regard rather than to conform, since partners’ plans also answer to their own national frameworks.',
    drawsOn: ['council', 'pct'],
  },
  {
    key: 'partnerships',
    question: '12',
    text: 'We agree that the partnership should be the “partnership of partnerships”, with the chairs of the thematic partnerships on its board, while keeping seats for the voluntary, community, faith and business sectors that do not belong to a single theme.',
    drawsOn: ['council', 'cvs'],
  },
  {
    key: 'blocks',
    question: '13',
    text: 'We support clustering the thematic partnerships around the four Local Area Agreement blocks, as the clearest way for the partnership executive to take an overview of performance.',
    drawsOn: ['council'],
  },
  {
    key: 'boundaries',
    question: '14',
    text: 'Co-terminous boundaries make joint working easier and should be kept where they exist. Where they are not possible, partners should share data at ward and neighbourhood level so that the partnership still sees the whole picture.',
    drawsOn: ['police', 'pct'],
  },
  {
    key: 'sector-forums',
    question: '17',
    text: 'The voluntary and community sectors are best involved through sector forums that choose their own representatives and are funded to support them; the cost of volunteers’ time should be recognised.',
    drawsOn: ['cvs', 'tenants'],
  },
  {
    key: 'business-board',
    question: '17',
    text: 'Business is best involved through a business board nominating to the executive, and meetings should be held at times and places that business people, residents and volunteers can attend.',
    drawsOn: ['chamber', 'tenants'],
  },
  {
    key: 'duty',
    question: '18',
    text: 'We support a duty on the named partners to co-operate with the local authority in producing and implementing the Sustainable Community Strategy and the Local Area Agreement. The duty should be to co-operate, not to defer: it must not reach into partners’ operational decisions.',
    firstWording:
      'We support a duty to co-operate with the local authority in producing and implementing the Sustainable Community Strategy.',
    drawsOn: ['council', 'police', 'fire'],
  },
  {
    key: 'vcs-duty',
    question: '21',
    text: 'We support a statutory duty on local authorities and named partners to promote the engagement of the voluntary and community sectors in the partnership.',
    drawsOn: ['cvs'],
  },
  {
    key: 'agreements',
    question: '22',
    text: 'We support partnership agreements between partners setting out clear lines of accountability for agreed outcomes, kept short and reviewed every year.',
    drawsOn: ['council', 'police'],
  },
  {
    key: 'engagement',
    question: '28',
    text: 'Engagement works when partners go to where people are, join up their consultation so that residents are not asked the same question by several agencies, support community organisations to reach those public bodies do not, and always report back what changed as a result.',
    drawsOn: ['tenants', 'cvs', 'council'],
  },
  {
    key: 'capacity',
    question: '32',
    text: 'The shift to a delivery role needs dedicated performance management capacity for the partnership, and clear guidance on pooling and aligning budgets.',
    drawsOn: ['council'],
  },
];

type Answer = [stance: 'endorse' | 'abstain' | 'cannot_endorse', reason?: string];

/** Who answered what, by statement. Anyone not listed was silent: under the Board's rule, silence endorses. */
const odpmAnswers: Partial<Record<Org, Record<string, Answer>>> = {
  council: Object.fromEntries(odpmStatements.map((s) => [s.key, ['endorse'] as Answer])),
  police: {
    vision: ['endorse'],
    delivery: ['endorse'],
    partnerships: ['endorse'],
    boundaries: ['endorse'],
    duty: ['endorse'],
    agreements: ['endorse'],
    'sector-forums': ['abstain', 'A matter for the sectors concerned.'],
    'business-board': ['abstain', 'A matter for the sectors concerned.'],
  },
  chamber: {
    vision: ['endorse'],
    regard: ['endorse'],
    partnerships: ['endorse'],
    'business-board': ['endorse'],
    agreements: ['endorse'],
    blocks: [
      'cannot_endorse',
      'Clustering around the funding blocks would fold economic development into whichever block has the money. The Chamber cannot put its name to it, and will say so in its own response.',
    ],
    'vcs-duty': [
      'cannot_endorse',
      'A duty covering the voluntary and community sectors only would leave business as the one sector with no standing. We could endorse a duty that covers every sector.',
    ],
  },
  cvs: {
    vision: ['endorse'],
    delivery: ['endorse'],
    partnerships: ['endorse'],
    'sector-forums': ['endorse'],
    'vcs-duty': ['endorse'],
    engagement: ['endorse'],
  },
  fire: { 'sector-forums': ['abstain'], duty: ['endorse'] },
};

/** The Safer Kelmsfield Partnership's response in progress: a Home Office review of the partnership provisions. */
const homeOfficeQuestions = `Structures and leadership

1. Should crime and disorder reduction partnerships in two-tier areas work at district level, county level, or both?
2. How should the responsible authorities be held to account for their partnership's performance?

Information sharing

3. What stops partners sharing depersonalised information for crime and disorder purposes, and how could it be overcome?
4. Should the responsible authorities have a duty to share set depersonalised data every quarter?

Community engagement

5. How can partnerships best involve communities in setting their priorities, for example through regular public meetings with local people?
6. What part should the partnership play when a councillor raises a Councillor Call for Action on crime and disorder?`;

const homeOfficeViews: Record<string, Partial<Record<Org, string | null>>> = {
  '1': {
    police:
      'District level, where the neighbourhood policing teams and the council’s community safety staff work together every day; county-wide strategy can be agreed through a county group.',
    council:
      'District level. Kelmsfield is a unitary area, but our neighbours need the partnership close to their wards.',
  },
  '2': {
    police:
      'Through an annual strategic assessment published to residents, and through the council’s overview and scrutiny committee.',
    council:
      'Through overview and scrutiny, with the chair of the partnership answering to the committee twice a year.',
  },
  '3': {
    police:
      'Uncertainty about the Data Protection Act more than the Act itself. A single information sharing protocol signed by every partner, with named officers, would help.',
    fire: null,
  },
  '4': {
    police: 'Yes: quarterly returns of depersonalised incident data from every responsible authority.',
    fire: null,
  },
  '5': {
    fire: 'Home fire safety visits reach households the other partners do not: use them to ask residents about their priorities.',
  },
  '6': {
    council:
      'The partnership should respond to the committee promptly, and report back to the councillor what it did as a result.',
  },
};

export async function loadConsultationsDemo(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const partnerships = await trx
      .selectFrom('partnerships')
      .select(['id', 'slug'])
      .where('slug', 'in', ['kelmsfield-partnership-board', 'safer-kelmsfield-partnership'])
      .execute();
    const board = partnerships.find((p) => p.slug === 'kelmsfield-partnership-board');
    const safer = partnerships.find((p) => p.slug === 'safer-kelmsfield-partnership');
    if (!board || !safer) return;
    const organisations = await trx.selectFrom('organisations').select(['id', 'slug', 'name']).execute();
    const orgId = (org: Org) => organisations.find((o) => o.slug === organisationSlugs[org])?.id;
    const users = await trx.selectFrom('users').select(['id', 'email', 'display_name']).execute();
    const user = (email: string, fallback: string): Someone => {
      const found = users.find((u) => u.email === email);
      return found ? { userId: found.id, name: found.display_name } : { userId: null, name: fallback };
    };
    const secretariat = user('helen.marsh@kelmsfield.example', 'Helen Marsh');
    // Who recorded each organisation's part: its own people where they have an account, else the secretariat on its behalf.
    const recorders: Partial<Record<Org, Someone>> = {
      police: user('carol.denholm@brackenshire-police.example', 'Carol Denholm'),
      chamber: user('lesley.rutherford@kelmsfield-chamber.example', 'Lesley Rutherford'),
      cvs: user('bernadette.quinlan@kelmsfield-cvs.example', 'Bernadette Quinlan'),
    };
    const recorderOf = (org: Org) => recorders[org] ?? secretariat;

    const orgName = (org: Org) => organisations.find((o) => o.slug === organisationSlugs[org])?.name ?? org;
    await loadOdpm(trx, board.id, { orgId, orgName, secretariat, recorderOf });
    await loadHomeOffice(trx, safer.id, { orgId, orgName, secretariat, recorderOf });
  });
}

interface Helpers {
  orgId: (org: Org) => number | undefined;
  orgName: (org: Org) => string;
  secretariat: Someone;
  recorderOf: (org: Org) => Someone;
}

async function createConsultation(
  trx: Trx,
  values: {
    partnershipId: number;
    title: string;
    issuingBody: string;
    url: string;
    description: string;
    closesOn: string;
    viewsDueAt: string;
    createdAt: string;
    createdBy: Someone;
  },
) {
  const row = await trx
    .insertInto('consultations')
    .values({
      partnership_id: values.partnershipId,
      title: values.title,
      issuing_body: values.issuingBody,
      url: values.url,
      description: values.description,
      closes_on: values.closesOn,
      views_due_at: values.viewsDueAt,
      circulated_at: null,
      endorsement_deadline: null,
      silence_rule: null,
      submitted_on: null,
      submission_note: null,
      created_by: values.createdBy.userId,
      created_at: values.createdAt,
      updated_at: values.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const seats = await seatsOn(trx, values.partnershipId, values.createdAt.slice(0, 10));
  const organisationIds = [...new Set(seats.map((s) => s.organisation_id))];
  await trx
    .insertInto('consultation_organisations')
    .values(
      organisationIds.map((organisation_id) => ({
        consultation_id: row.id,
        organisation_id,
        created_at: values.createdAt,
      })),
    )
    .execute();
  await audit(
    trx,
    values.createdAt,
    values.createdBy,
    row.id,
    'created',
    `Set up the response to “${values.title}” (${values.issuingBody}), asking ${organisationIds.length} organisations for their views`,
  );
  return { id: row.id, organisationIds };
}

async function addQuestions(trx: Trx, consultationId: number, pasted: string, when: string, who: Someone) {
  const split = splitQuestionList(pasted);
  const ids = new Map<string, number>();
  for (const q of split.questions) {
    const row = await trx
      .insertInto('consultation_questions')
      .values({
        consultation_id: consultationId,
        number: q.number,
        text: q.text,
        section: q.section,
        section_position: q.sectionPosition,
        position: q.position,
        created_at: when,
        updated_at: when,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(q.number, row.id);
  }
  await audit(
    trx,
    when,
    who,
    consultationId,
    'questions_added',
    `Added ${split.questions.length} questions from a pasted list`,
  );
  return ids;
}

async function addViews(
  trx: Trx,
  consultationId: number,
  questionIds: Map<string, number>,
  views: Record<string, Partial<Record<Org, string | null>>>,
  firstDay: number,
  helpers: Helpers,
) {
  const viewIds = new Map<string, number>();
  const byOrganisation = new Map<Org, [string, string | null][]>();
  for (const [number, given] of Object.entries(views))
    for (const [org, text] of Object.entries(given) as [Org, string | null][])
      byOrganisation.set(org, [...(byOrganisation.get(org) ?? []), [number, text]]);
  let day = firstDay;
  for (const [org, given] of byOrganisation) {
    const organisationId = helpers.orgId(org);
    const questionId = (n: string) => questionIds.get(n);
    if (!organisationId) continue;
    const when = at(day, '11:30');
    const who = helpers.recorderOf(org);
    for (const [number, text] of given) {
      const q = questionId(number);
      if (!q) continue;
      const row = await trx
        .insertInto('consultation_views')
        .values({
          consultation_id: consultationId,
          question_id: q,
          organisation_id: organisationId,
          text,
          recorded_by: who.userId,
          recorder_name: who.name,
          created_at: when,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      viewIds.set(`${org}:${number}`, row.id);
    }
    const none = given.filter(([, text]) => text === null).length;
    await audit(
      trx,
      when,
      who,
      consultationId,
      'views_given',
      `${helpers.orgName(org)} gave its views on ${given.length} questions${none ? ` (“no view” on ${none})` : ''}`,
    );
    day += 1;
  }
  return viewIds;
}

async function loadOdpm(trx: Trx, boardId: number, helpers: Helpers) {
  const { secretariat } = helpers;
  const created = at(-70, '10:00');
  const viewsDue = at(-46, '17:00');
  const circulated = at(-43, '10:00');
  const deadline = at(-36, '17:00');
  const { id, organisationIds } = await createConsultation(trx, {
    partnershipId: boardId,
    title: 'Local Strategic Partnerships: shaping their future',
    issuingBody: 'Office of the Deputy Prime Minister',
    url: 'https://www.communities.gov.uk/lsp-consultation',
    description:
      'The consultation examines the future role of Local Strategic Partnerships, their governance and accountability, and their capacity to deliver Sustainable Community Strategies and Local Area Agreements. The Board agreed to respond collectively: the response contains only the statements every member is content to endorse, and partners remain free to send their own comments.',
    closesOn: dayOffset(-35),
    viewsDueAt: viewsDue,
    createdAt: created,
    createdBy: secretariat,
  });
  const questionIds = await addQuestions(trx, id, odpmQuestionsAnnex, at(-70, '10:20'), secretariat);
  const viewIds = await addViews(trx, id, questionIds, odpmViews, -62, helpers);
  const pct = helpers.orgId('pct');
  if (pct)
    await audit(
      trx,
      at(-49, '09:00'),
      secretariat,
      id,
      'reminded',
      `Reminder sent to Kelmsfield Primary Care Trust (2 people) about views due by ${formatDateTime(viewsDue)}`,
    );

  // The draft, as first written; one statement is reworded after circulation.
  const statementIds = new Map<string, { id: number; revision: number }>();
  const positions = new Map<string, number>();
  for (const s of odpmStatements) {
    const questionId = questionIds.get(s.question);
    if (!questionId) continue;
    const position = (positions.get(s.question) ?? 0) + 1;
    positions.set(s.question, position);
    const revision = s.firstWording ? 2 : 1;
    const row = await trx
      .insertInto('consultation_statements')
      .values({
        consultation_id: id,
        question_id: questionId,
        text: s.text,
        revision,
        revised_at: s.firstWording ? at(-41, '14:00') : at(-44, '15:00'),
        position,
        withdrawn_at: null,
        created_at: at(-44, '15:00'),
        updated_at: s.firstWording ? at(-41, '14:00') : at(-44, '15:00'),
        version: revision,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    statementIds.set(s.key, { id: row.id, revision });
    const links = s.drawsOn.flatMap((org) => {
      const viewId = viewIds.get(`${org}:${s.question}`);
      return viewId ? [{ statement_id: row.id, view_id: viewId }] : [];
    });
    if (links.length) await trx.insertInto('consultation_statement_views').values(links).execute();
    await trx
      .insertInto('consultation_statement_revisions')
      .values({
        statement_id: row.id,
        revision: 1,
        text: s.firstWording ?? s.text,
        revised_at: at(-44, '15:00'),
        revised_by: secretariat.userId,
        reviser_name: secretariat.name,
      })
      .execute();
    if (s.firstWording)
      await trx
        .insertInto('consultation_statement_revisions')
        .values({
          statement_id: row.id,
          revision: 2,
          text: s.text,
          revised_at: at(-41, '14:00'),
          revised_by: secretariat.userId,
          reviser_name: secretariat.name,
        })
        .execute();
  }
  await trx
    .updateTable('consultations')
    .set({
      circulated_at: circulated,
      endorsement_deadline: deadline,
      silence_rule: 'endorse',
      submitted_on: dayOffset(-35),
      submission_note: 'Sent by e-mail to the ODPM’s LSP consultation team.',
      updated_at: at(-35, '10:00'),
      version: 3,
    })
    .where('id', '=', id)
    .execute();
  await audit(
    trx,
    circulated,
    secretariat,
    id,
    'circulated',
    `Circulated the draft (${odpmStatements.length} statements) to ${organisationIds.length} organisations; answers due by ${formatDateTime(deadline)}. Silence by the deadline counts as endorsement`,
  );

  // The police endorsed the first wording of the duty to co-operate, before it was reworded.
  const police = helpers.orgId('police');
  const duty = statementIds.get('duty');
  if (police && duty)
    await trx
      .insertInto('consultation_endorsements')
      .values({
        consultation_id: id,
        statement_id: duty.id,
        organisation_id: police,
        stance: 'endorse',
        reason: null,
        revision: 1,
        recorded_at: at(-42, '09:15'),
        recorded_by: helpers.recorderOf('police').userId,
        recorder_name: helpers.recorderOf('police').name,
      })
      .execute();
  await audit(
    trx,
    at(-41, '14:00'),
    secretariat,
    id,
    'statement_revised',
    'Reworded a statement for question 18 (revision 2): 1 organisation that had answered on it asked to answer again',
  );

  let day = -40;
  for (const [org, answers] of Object.entries(odpmAnswers) as [Org, Record<string, Answer>][]) {
    const organisationId = helpers.orgId(org);
    if (!organisationId || !organisationIds.includes(organisationId)) continue;
    const who = helpers.recorderOf(org);
    const when = at(day, '11:45');
    const rows = Object.entries(answers).flatMap(([key, [stance, reason]]) => {
      const statement = statementIds.get(key);
      return statement
        ? [
            {
              consultation_id: id,
              statement_id: statement.id,
              organisation_id: organisationId,
              stance,
              reason: reason ?? null,
              revision: statement.revision,
              recorded_at: when,
              recorded_by: who.userId,
              recorder_name: who.name,
            },
          ]
        : [];
    });
    if (rows.length) await trx.insertInto('consultation_endorsements').values(rows).execute();
    const refused = rows.filter((r) => r.stance === 'cannot_endorse').length;
    await audit(
      trx,
      when,
      who,
      id,
      'endorsements_recorded',
      `${helpers.orgName(org)} answered on ${rows.length} statements: ${rows.filter((r) => r.stance === 'endorse').length} endorsed, ${rows.filter((r) => r.stance === 'abstain').length} abstained, ${refused} cannot endorse`,
    );
    day = Math.min(day + 1, -37);
  }
  await audit(
    trx,
    at(-35, '10:00'),
    secretariat,
    id,
    'submitted',
    `Recorded the response as sent to Office of the Deputy Prime Minister on ${formatDate(dayOffset(-35))}`,
  );
}

async function loadHomeOffice(trx: Trx, saferId: number, helpers: Helpers) {
  const { secretariat } = helpers;
  const created = at(-10, '09:30');
  const { id } = await createConsultation(trx, {
    partnershipId: saferId,
    title: 'Review of the partnership provisions of the Crime and Disorder Act 1998',
    issuingBody: 'Home Office',
    url: 'https://www.homeoffice.gov.uk/partnership-review',
    description:
      'The Home Office is reviewing how crime and disorder reduction partnerships work: their structures, information sharing between partners, and how they involve communities. The partnership agreed to respond collectively.',
    closesOn: dayOffset(42),
    viewsDueAt: at(14, '17:00'),
    createdAt: created,
    createdBy: secretariat,
  });
  const questionIds = await addQuestions(trx, id, homeOfficeQuestions, at(-10, '09:45'), secretariat);
  await addViews(trx, id, questionIds, homeOfficeViews, -6, helpers);
}
