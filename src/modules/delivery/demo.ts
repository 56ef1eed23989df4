import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { nowIso, todayIso } from '../../platform/time.ts';
import { recordAudit } from '../../platform/audit.ts';
import { addMonths, lastCompletedQuarter, quarterOf } from '../../domain/periods.ts';
import type { ActionStatus, UpdateRag } from '../../domain/action-plan.ts';

/**
 * The demo place's action plan: who is accountable for what, with what resources and
 * by when, for the priorities of the strategy and the targets of the agreement. Dates
 * are set from the day the demo is loaded, so given the same day it is always the same.
 *
 * Deliberate gaps for the secretariat to find: "A place where people get on and have a
 * say" and its two targets (NI 1, NI 6) have no action at all; a few actions are overdue
 * and a few have no owner. Most organisations have updated their actions since the last
 * quarter ended; the police and the fire service have not, so their returns are not made.
 */

type UpdateSpec = [rag: UpdateRag, narrative: string, author?: string];

export interface DemoAction {
  title: string;
  description?: string;
  /** The target's indicator code (its priority follows from the target). */
  target?: string;
  /** A priority slug, for actions not tied to one target. */
  priority?: string;
  /** Organisation and person slugs; both left out for an action with no owner. */
  organisation?: string;
  person?: string;
  /** Resources: cash in pounds, staff in full-time equivalents, in kind in words. */
  cash?: number;
  fte?: number;
  inKind?: string;
  /** Start and due dates, in months from the day the demo is loaded. */
  start: number;
  due: number;
  status: ActionStatus;
  /** When it was completed or cancelled, in months from the load day (0 or less). */
  closed?: number;
  /** The organisation has not updated it since the last quarter ended. */
  stale?: boolean;
  /** Title, due (months from the load day), and whether it is done. */
  milestones?: [title: string, due: number, done?: boolean][];
  /** Oldest first: the last is the newest. The author is the accountable person unless named. */
  updates: UpdateSpec[];
}

const safer = 'safer-stronger-communities';
const children = 'children-and-young-people-get-the-best-start';
const healthier = 'healthier-lives-narrower-gaps';
const later = 'independence-in-later-life';
const economy = 'a-thriving-local-economy';
const greener = 'a-greener-cleaner-kelmsfield';
const homes = 'decent-homes-for-everyone';

const police = 'brackenshire-constabulary';
const council = 'kelmsfield-borough-council';
const pct = 'kelmsfield-primary-care-trust';
const hospitals = 'kelmsfield-hospitals-nhs-trust';
const fire = 'brackenshire-fire-and-rescue-service';
const probation = 'brackenshire-probation-trust';
const jobcentre = 'jobcentre-plus-kelmsfield-district';

export const demoActions: DemoAction[] = [
  // ---- Safer, stronger communities
  {
    title: 'Fit free locks and window alarms in every home burgled twice in a year',
    description:
      'Crime prevention officers visit within five days of a repeat burglary; the Kelmsfield Homes handyperson service fits the locks and alarms.',
    target: 'NI 16',
    organisation: police,
    person: 'sanjay-mistry',
    cash: 45000,
    inKind: 'Fitting by the Kelmsfield Homes handyperson service',
    start: -14,
    due: 10,
    status: 'on_track',
    stale: true,
    milestones: [
      ['Referral route agreed with Kelmsfield Homes', -12, true],
      ['First 100 homes made secure', -4, true],
      ['Evaluation of repeat victimisation', 8],
    ],
    updates: [
      ['green', 'Referral route in place. 38 homes made secure in the first quarter.'],
      ['green', '112 homes made secure so far; only two were burgled again afterwards.'],
      ['green', 'Steady: 41 more homes this quarter. Stock of window alarms running low; more ordered.'],
    ],
  },
  {
    title: 'Mark property with SmartWater in every home in Corvenhill and Larkhollow',
    target: 'NI 16',
    organisation: police,
    person: 'carol-denholm',
    cash: 28000,
    fte: 0.5,
    start: -10,
    due: 5,
    status: 'on_track',
    stale: true,
    milestones: [
      ['Kits delivered to every household in Corvenhill', -6, true],
      ['Kits delivered to every household in Larkhollow', 2],
    ],
    updates: [
      ['green', 'Kits delivered to 2,400 homes in Corvenhill with the help of the residents’ association.'],
      ['amber', 'Larkhollow delivery slowed by staff moved to the summer night-time economy operation.'],
    ],
  },
  {
    title: 'Run a summer operation against vehicle crime in the station and town-centre car parks',
    target: 'NI 16',
    organisation: police,
    person: 'ian-marchbank',
    fte: 3,
    start: -11,
    due: -5,
    status: 'completed',
    closed: -5,
    updates: [
      ['green', 'Operation under way: plain-clothes patrols in the three worst car parks.'],
      ['green', 'Operation finished. Theft from vehicles in the car parks down by a third on last summer.'],
    ],
  },
  {
    title: 'Extend the Reduce the Strength scheme to all off-licences in Kelmsfield Town',
    description:
      'Off-licences agree not to sell super-strength beers and ciders, which are linked to street drinking and assaults in the town centre.',
    target: 'NI 20',
    organisation: police,
    person: 'carol-denholm',
    inKind: 'Licensing officers’ time from Kelmsfield Borough Council',
    start: -9,
    due: 3,
    status: 'on_track',
    stale: true,
    milestones: [
      ['All 23 off-licences visited', -5, true],
      ['Two-thirds signed up', 1],
    ],
    updates: [
      ['green', 'All 23 off-licences in the town centre visited with licensing officers.'],
      ['amber', '12 of 23 have signed up. Two national chains are waiting for their head offices to agree.'],
      ['amber', '14 of 23 signed up. We have written to the chains’ head offices with the council.'],
    ],
  },
  {
    title: 'Put taxi marshals on the Old Market rank on Friday and Saturday nights',
    target: 'NI 20',
    organisation: 'kelmsfield-town-centre-bid',
    person: 'gemma-thistlewood',
    cash: 18000,
    start: -12,
    due: 6,
    status: 'on_track',
    updates: [
      ['green', 'Marshals on the rank every weekend since the spring. Fewer disputes in the queue.'],
      ['green', 'Funding for the next six months agreed by the BID board.'],
    ],
  },
  {
    title: 'Set up a knife crime referral pathway with the emergency department',
    description:
      'Emergency department staff pass on (anonymously) where and how people were injured, so patrols can go where violence happens.',
    target: 'NI 15',
    organisation: police,
    person: 'carol-denholm',
    inKind: 'Analyst time from Kelmsfield Hospitals NHS Trust',
    start: -12,
    due: -2,
    status: 'delayed',
    stale: true,
    milestones: [
      ['Information-sharing agreement signed', -6],
      ['First monthly data extract', -3],
    ],
    updates: [
      ['green', 'Draft information-sharing agreement sent to the hospital’s Caldicott guardian.'],
      ['amber', 'The hospital has asked for changes to the agreement; legal advice sought.'],
      ['red', 'Still no signed agreement. Raised at the Safer Kelmsfield Partnership for a decision.'],
    ],
  },
  {
    title: 'Bring every prolific and priority offender into Integrated Offender Management',
    target: 'NI 30',
    organisation: probation,
    person: 'geoffrey-nkemelu',
    fte: 4,
    start: -16,
    due: 8,
    status: 'on_track',
    milestones: [
      ['Police and probation staff co-located at Kelmsfield police station', -10, true],
      ['All 62 offenders on the scheme', -2, true],
    ],
    updates: [
      ['green', 'Joint team working from Kelmsfield police station.'],
      ['green', 'All 62 prolific and priority offenders now managed by the joint team.'],
      ['amber', 'Re-offending has not fallen yet; we are reviewing how quickly breaches are enforced.'],
    ],
  },
  {
    title: 'Find 20 supported housing places for offenders leaving custody',
    target: 'NI 30',
    organisation: probation,
    person: 'michelle-barraclough',
    inKind: 'Tenancies from Kelmsfield Homes and Dallowmere Housing Association',
    start: -8,
    due: 4,
    status: 'delayed',
    stale: true,
    updates: [
      ['amber', 'Eight places agreed so far. Landlords want floating support in place first.'],
      ['amber', 'Eleven places. Floating support contract out to tender.'],
    ],
  },
  {
    title: 'Place an independent domestic violence adviser in the emergency department',
    target: 'NI 32',
    organisation: 'kelmsfield-domestic-abuse-service',
    person: 'ruth-carrow',
    cash: 38000,
    fte: 1,
    start: -10,
    due: 14,
    status: 'on_track',
    milestones: [
      ['Adviser appointed', -8, true],
      ['Emergency department staff trained', -5, true],
    ],
    updates: [
      ['green', 'Adviser appointed and based in the emergency department three days a week.'],
      ['green', '46 referrals in the quarter, three times as many as came from the hospital before.'],
    ],
  },
  {
    title: 'Hold a multi-agency risk assessment conference (MARAC) every fortnight',
    target: 'NI 32',
    organisation: police,
    person: 'carol-denholm',
    fte: 0.4,
    start: -18,
    due: 12,
    status: 'on_track',
    stale: true,
    milestones: [
      ['Move to fortnightly meetings', -15, true],
      ['Independent review of MARAC practice', 3],
    ],
    updates: [
      ['green', 'Meeting fortnightly. Every high-risk case heard within 14 days of referral.'],
      ['green', 'Housing and the mental health trust now attend every meeting.'],
      ['amber', 'Repeat referrals at 31%: above the 28% we aim for. Reviewing the cases.'],
    ],
  },
  {
    title: 'Train 200 front-line staff to recognise and ask about domestic abuse',
    target: 'NI 32',
    organisation: council,
    person: 'gary-stedman',
    cash: 12000,
    start: -9,
    due: 3,
    status: 'on_track',
    updates: [
      ['green', 'Four courses run; 85 staff trained from housing, health visiting and the job centre.'],
      ['green', '170 trained. Two more courses booked.'],
    ],
  },
  {
    title: 'Open an evening and weekend drug treatment clinic in Harlowen',
    target: 'NI 40',
    organisation: 'kelmsfield-recovery-project',
    person: 'liam-cassidy',
    cash: 62000,
    fte: 2,
    start: -13,
    due: 2,
    status: 'on_track',
    milestones: [
      ['Premises found', -10, true],
      ['Clinic open', -6, true],
    ],
    updates: [
      ['amber', 'Preferred premises fell through; a second site found at the Harlowen health centre.'],
      ['green', 'Clinic open Tuesday and Thursday evenings and Saturday mornings.'],
      ['green', '58 people in treatment through the new clinic, 21 of them new to treatment.'],
    ],
  },
  {
    title:
      'Offer every arrestee who tests positive for heroin or crack a treatment appointment within 48 hours',
    target: 'NI 40',
    organisation: council,
    person: 'paul-renshaw',
    cash: 30000,
    start: -15,
    due: 9,
    status: 'on_track',
    updates: [
      ['green', 'Drug workers in the custody suite seven days a week.'],
      ['green', '87% of those testing positive seen within 48 hours.'],
    ],
  },
  {
    title: 'Set up an anti-social behaviour taskforce for Kelmsfield Town centre',
    priority: safer,
    organisation: council,
    person: 'nadia-kowalczyk',
    fte: 1.5,
    start: -7,
    due: 5,
    status: 'on_track',
    updates: [
      ['green', 'Taskforce meets weekly: police, wardens, the BID and Kelmsfield Homes.'],
      ['amber', 'Reports of anti-social behaviour down, but begging in the precinct has grown.'],
    ],
  },
  {
    title: 'Publish a joint strategic assessment of crime and disorder',
    priority: safer,
    organisation: council,
    person: 'gary-stedman',
    start: -12,
    due: -8,
    status: 'completed',
    closed: -8,
    updates: [
      ['green', 'Data gathered from police, probation, health and the fire service.'],
      ['green', 'Assessment agreed by the Safer Kelmsfield Partnership and published.'],
    ],
  },
  {
    title: 'Light and put CCTV in the Pennyfold underpass',
    priority: safer,
    cash: 55000,
    start: -9,
    due: -1,
    status: 'not_started',
    updates: [
      [
        'red',
        'No partner has agreed to own this yet. Raised with the partnership for a decision.',
        'owen-gadsby',
      ],
    ],
  },
  {
    title: 'Carry out a home fire safety check in every home referred by the police or social care',
    priority: safer,
    organisation: fire,
    person: 'keith-armitage',
    fte: 2,
    start: -20,
    due: 4,
    status: 'on_track',
    stale: true,
    updates: [
      ['green', '610 checks in the quarter; smoke alarms fitted in 420 homes.'],
      ['green', 'Referrals from adult social care now arrive through the shared referral form.'],
    ],
  },
  {
    title: 'Run the Firesetters programme for young people at risk of setting fires',
    priority: safer,
    organisation: fire,
    person: 'joanne-tully',
    cash: 8000,
    start: -6,
    due: 6,
    status: 'on_track',
    stale: true,
    updates: [['green', '14 young people through the programme; none known to have set a fire since.']],
  },

  // ---- Children and young people get the best start
  {
    title: 'Offer a healthy-weight course to the family of every overweight Year 6 child',
    target: 'NI 56',
    organisation: pct,
    person: 'tariq-hussain',
    cash: 54000,
    fte: 1,
    start: -14,
    due: 10,
    status: 'on_track',
    milestones: [
      ['Courses running in four wards', -8, true],
      ['Courses running in all 12 wards', 4],
    ],
    updates: [
      ['green', 'Letters sent with the measurement results; 64 families signed up.'],
      ['amber', 'Fewer families finish the course than hoped: 55%. Moving sessions to Saturdays.'],
      ['green', 'Saturday sessions have lifted completion to 71%.'],
    ],
  },
  {
    title: 'Run a daily mile in every primary school',
    target: 'NI 56',
    organisation: 'st-aldrics-church-of-england-primary-school',
    person: 'moira-callaghan',
    inKind: 'Teachers’ time; playground markings by Kelmsfield Borough Council',
    start: -10,
    due: 8,
    status: 'on_track',
    updates: [
      ['green', 'St Aldric’s and five other schools run a daily mile.'],
      ['green', '19 of 31 primary schools now take part.'],
    ],
  },
  {
    title: 'Open youth clubs in Brindlemoor and Harlowen on Friday nights',
    target: 'NI 110',
    organisation: 'lantern-youth-trust',
    person: 'jamal-richards',
    cash: 40000,
    fte: 2.5,
    start: -12,
    due: 12,
    status: 'on_track',
    milestones: [
      ['Brindlemoor club open', -9, true],
      ['Harlowen club open', -5, true],
    ],
    updates: [
      ['green', 'Brindlemoor club open; 60 young people on the first night.'],
      ['green', 'Harlowen club open. Police report a quieter Friday night on the estate.'],
    ],
  },
  {
    title: 'Publish a guide to activities for young people every school term',
    target: 'NI 110',
    organisation: 'kelmsfield-youth-council',
    person: 'jade-whitworth',
    inKind: 'Printing by Kelmsfield Borough Council',
    start: -8,
    due: 16,
    status: 'on_track',
    updates: [['green', 'Autumn guide written by the youth council and given to every secondary pupil.']],
  },
  {
    title: 'Use youth restorative disposals in place of a first reprimand',
    target: 'NI 111',
    organisation: 'kelmsfield-youth-offending-team',
    person: 'dean-hollis',
    fte: 1,
    start: -15,
    due: 6,
    status: 'on_track',
    updates: [
      ['green', 'Officers trained; 34 restorative disposals in the quarter.'],
      ['green', 'First-time entrants down 12% on the year before.'],
    ],
  },
  {
    title: 'Refer every young person arrested for a first offence to a youth worker',
    target: 'NI 111',
    organisation: police,
    person: 'sanjay-mistry',
    inKind: 'Youth workers from the Lantern Youth Trust',
    start: -6,
    due: 6,
    status: 'on_track',
    stale: true,
    updates: [['green', 'Referral form agreed with the Lantern Youth Trust; 22 referrals so far.']],
  },
  {
    title: 'Run a young people’s sexual health drop-in at Kelmsfield College',
    target: 'NI 112',
    organisation: council,
    person: 'hannah-lightbody',
    cash: 22000,
    start: -11,
    due: 7,
    status: 'delayed',
    updates: [
      ['amber', 'College has offered a room but only at lunchtimes.'],
      ['red', 'Nurse post vacant since the summer; the drop-in has run only twice this quarter.'],
    ],
  },
  {
    title: 'Teach sex and relationships education in every secondary school',
    target: 'NI 112',
    organisation: 'brindlemoor-high-school',
    person: 'peter-lindqvist',
    start: -16,
    due: 2,
    status: 'on_track',
    updates: [
      ['green', 'Programme agreed by all five secondary schools.'],
      ['green', 'Taught in four schools; the fifth starts next term.'],
    ],
  },
  {
    title: 'Guarantee a place in learning every September for every school leaver',
    target: 'NI 117',
    organisation: 'brackenshire-learning-and-skills-council',
    person: 'vivienne-harcourt',
    start: -18,
    due: 6,
    status: 'on_track',
    updates: [
      ['green', '96% of Year 11 leavers had an offer of a place by the end of June.'],
      ['green', 'Offers made to all but 23 leavers, who are being followed up one by one.'],
    ],
  },
  {
    title: 'Follow up every young person not in education, employment or training within 20 working days',
    target: 'NI 117',
    organisation: 'kelmsfield-college',
    person: 'angela-whitcombe',
    fte: 3,
    start: -12,
    due: 12,
    status: 'on_track',
    updates: [
      ['amber', 'Follow-up within 20 days for 78%; the rest hard to trace after moving house.'],
      ['green', 'Data-sharing with the council’s housing service has lifted this to 91%.'],
    ],
  },
  {
    title: 'Give extra English and maths tuition to Year 11 pupils below their target grade',
    target: 'NI 75',
    organisation: council,
    person: 'catherine-bellamy',
    cash: 85000,
    start: -14,
    due: -3,
    status: 'completed',
    closed: -3,
    updates: [
      ['green', '340 pupils in small-group tuition after school.'],
      ['green', 'Results in: 71% of the pupils tutored reached their target grade.'],
    ],
  },
  {
    title: 'Train early years practitioners in communication and language',
    target: 'NI 72',
    organisation: council,
    person: 'sarah-quennell',
    cash: 26000,
    start: -5,
    due: 10,
    status: 'on_track',
    updates: [['green', 'Training booked for 120 practitioners from 40 nurseries and childminders.']],
  },
  {
    title: 'Refresh the Children and Young People’s Plan',
    priority: children,
    organisation: council,
    person: 'sarah-quennell',
    start: -12,
    due: -6,
    status: 'completed',
    closed: -6,
    updates: [['green', 'Plan agreed by the Children’s Trust Board and published.']],
  },
  {
    title: 'Use the Common Assessment Framework in every school and health visiting team',
    priority: children,
    organisation: council,
    person: 'deborah-kinsella',
    fte: 1,
    start: -20,
    due: 2,
    status: 'delayed',
    updates: [
      ['amber', 'Used in all primary schools; secondary schools slower to take it up.'],
      ['amber', 'Health visitors trained. Three secondary schools still to start.'],
    ],
  },

  // ---- Healthier lives, narrower gaps
  {
    title: 'Offer an alcohol brief intervention in every GP practice',
    target: 'NI 39',
    organisation: pct,
    person: 'anjali-raman',
    cash: 75000,
    start: -16,
    due: 8,
    status: 'delayed',
    milestones: [
      ['Local enhanced service agreed with GPs', -12, true],
      ['Half of practices taking part', -4, true],
      ['Every practice taking part', 6],
    ],
    updates: [
      ['green', 'Enhanced service agreed; 14 practices signed up.'],
      ['amber', '19 of 31 practices taking part. Admissions still rising.'],
      ['red', 'Admissions up again this quarter. Asking the partnership to back a second approach.'],
    ],
  },
  {
    title: 'Appoint an alcohol liaison nurse at Kelmsfield General Hospital',
    target: 'NI 39',
    organisation: hospitals,
    person: 'frances-millington',
    cash: 48000,
    fte: 1,
    start: -8,
    due: 4,
    status: 'on_track',
    updates: [
      ['amber', 'Post advertised twice before an appointment.'],
      ['green', 'Nurse in post; sees every patient admitted with an alcohol-related condition.'],
    ],
  },
  {
    title: 'Run stop-smoking clinics in pharmacies in Harlowen and Pennyfold',
    target: 'NI 123',
    organisation: pct,
    person: 'tariq-hussain',
    cash: 36000,
    start: -12,
    due: 12,
    status: 'on_track',
    updates: [
      ['green', 'Nine pharmacies trained and running clinics.'],
      ['green', '210 people set a quit date; 104 had stopped four weeks later.'],
    ],
  },
  {
    title: 'Make stop-smoking support part of every pregnant smoker’s antenatal care',
    target: 'NI 123',
    organisation: hospitals,
    person: 'frances-millington',
    start: -7,
    due: 11,
    status: 'on_track',
    updates: [['green', 'Carbon monoxide testing at every booking appointment since the summer.']],
  },
  {
    title: 'Check the health of people aged 40 to 74 in the five most deprived wards',
    target: 'NI 120',
    organisation: pct,
    person: 'gillian-sowerby',
    cash: 120000,
    fte: 3,
    start: -14,
    due: 10,
    status: 'on_track',
    milestones: [
      ['Invitations sent in Harlowen and Pennyfold', -9, true],
      ['Invitations sent in all five wards', 3],
    ],
    updates: [
      ['green', '1,900 checks done; 240 people referred on for high blood pressure.'],
      ['amber', 'Take-up lower among men; evening sessions added at workplaces.'],
    ],
  },
  {
    title: 'Open a community cardiac rehabilitation class',
    target: 'NI 120',
    organisation: 'kelmsfield-wellbeing-network',
    person: 'lucy-harrowby',
    cash: 15000,
    start: -6,
    due: 6,
    status: 'on_track',
    updates: [['green', 'Weekly class at Juniper Vale community centre, full since the second week.']],
  },
  {
    title: 'Write a joint strategic needs assessment of health and wellbeing',
    priority: healthier,
    organisation: pct,
    person: 'anjali-raman',
    start: -15,
    due: -7,
    status: 'completed',
    closed: -7,
    updates: [
      ['green', 'Chapters drafted with the council’s public health intelligence team.'],
      ['green', 'Published and presented to the Health and Wellbeing Partnership.'],
    ],
  },
  {
    title: 'Fund mental health first aid courses for community groups',
    priority: healthier,
    cash: 9000,
    start: -5,
    due: 7,
    status: 'not_started',
    updates: [
      [
        'amber',
        'The money is agreed but no partner has taken the lead. On the next partnership agenda.',
        'priya-chandran',
      ],
    ],
  },

  // ---- Independence and wellbeing in later life
  {
    title: 'Offer six weeks of reablement at home to everyone leaving hospital who needs it',
    target: 'NI 125',
    organisation: council,
    person: 'martin-oyelaran',
    cash: 220000,
    fte: 8,
    start: -18,
    due: 6,
    status: 'on_track',
    milestones: [
      ['Reablement team recruited', -14, true],
      ['Team based on the hospital wards', -8, true],
    ],
    updates: [
      ['green', 'Team recruited and trained.'],
      ['green', '83% of people reabled are still at home 91 days after leaving hospital.'],
      ['green', 'Referrals up by a quarter since the team moved on to the wards.'],
    ],
  },
  {
    title: 'Open a step-down intermediate care unit',
    target: 'NI 125',
    organisation: hospitals,
    person: 'frances-millington',
    cash: 310000,
    start: -12,
    due: 12,
    status: 'delayed',
    milestones: [
      ['Ward refurbished', -2],
      ['First patients admitted', 4],
    ],
    updates: [
      ['amber', 'Refurbishment tendered; costs higher than planned.'],
      ['amber', 'Works started two months late. Opening now expected next spring.'],
    ],
  },
  {
    title: 'Offer a carer’s assessment to every carer known to a GP practice',
    target: 'NI 135',
    organisation: 'kelmsfield-carers-centre',
    person: 'shirley-pembridge',
    cash: 30000,
    fte: 1,
    start: -10,
    due: 8,
    status: 'delayed',
    updates: [
      ['amber', 'Carers’ registers set up in 12 practices; few referrals yet.'],
      ['red', 'Assessments not rising: carers say the form is too long. Shorter form being tested.'],
    ],
  },
  {
    title: 'Run a carers’ breaks grant scheme',
    target: 'NI 135',
    organisation: council,
    person: 'martin-oyelaran',
    cash: 60000,
    start: -8,
    due: 4,
    status: 'on_track',
    updates: [['green', '180 grants made for short breaks, most of them to carers of people with dementia.']],
  },
  {
    title: 'Run a free handyperson service for people over 70',
    priority: later,
    organisation: 'kelmsfield-homes',
    person: 'malcolm-tewson',
    cash: 42000,
    fte: 2,
    start: -22,
    due: 2,
    status: 'on_track',
    updates: [
      ['green', '520 jobs done: grab rails, loose carpets, smoke alarms.'],
      ['green', 'Falls referrals from the ambulance service now go straight to the service.'],
    ],
  },
  {
    title: 'Visit older people living alone through the winter',
    priority: later,
    organisation: 'kelmsfield-older-peoples-forum',
    person: 'edna-fairbrother',
    inKind: '45 volunteer visitors',
    start: -12,
    due: -4,
    status: 'completed',
    closed: -4,
    updates: [
      ['green', 'Volunteers trained and matched with 160 older people.'],
      ['green', 'Winter visiting finished; 12 people helped to claim benefits they were missing.'],
    ],
  },

  // ---- A thriving local economy
  {
    title: 'Hold a jobs fair twice a year at Kelmsfield Town Hall',
    target: 'NI 151',
    organisation: jobcentre,
    person: 'adebayo-coker',
    inKind: 'Town Hall rooms from Kelmsfield Borough Council',
    start: -16,
    due: 8,
    status: 'on_track',
    updates: [
      ['green', 'Spring fair: 48 employers, 1,300 visitors.'],
      ['green', 'Autumn fair: 55 employers; 140 people known to have started work since.'],
    ],
  },
  {
    title: 'Take on 40 local apprentices at Corven Engineering and Pennyfold Logistics',
    target: 'NI 151',
    organisation: 'kelmsfield-chamber-of-commerce',
    person: 'lesley-rutherford',
    cash: 25000,
    start: -10,
    due: 14,
    status: 'on_track',
    milestones: [
      ['First 20 apprentices start', -4, true],
      ['All 40 apprentices start', 8],
    ],
    updates: [
      ['green', 'Both employers signed up; recruitment through the college.'],
      ['green', '22 apprentices started in September, 15 of them from the priority wards.'],
    ],
  },
  {
    title: 'Open a jobs and skills shop on the Harlowen estate',
    target: 'NI 152',
    organisation: jobcentre,
    person: 'beverley-snaith',
    cash: 85000,
    fte: 3,
    start: -14,
    due: 10,
    status: 'on_track',
    milestones: [
      ['Shop unit leased', -11, true],
      ['Shop open', -8, true],
    ],
    updates: [
      ['green', 'Shop open five days a week, with an adviser from the college on Wednesdays.'],
      ['amber', 'Footfall good but fewer people moving into work than planned.'],
      ['green', '64 people into work from the shop this quarter.'],
    ],
  },
  {
    title: 'Give debt and benefits advice at the Harlowen jobs shop',
    target: 'NI 152',
    organisation: 'kelmsfield-advice-centre',
    person: 'wendy-calloway',
    cash: 14000,
    start: -8,
    due: 10,
    status: 'on_track',
    updates: [['green', 'Two sessions a week; £96,000 of unclaimed benefits found for local families.']],
  },
  {
    title: 'Fund 300 adult courses to level 2 through Train to Gain',
    target: 'NI 163',
    organisation: 'brackenshire-learning-and-skills-council',
    person: 'vivienne-harcourt',
    cash: 240000,
    start: -18,
    due: -4,
    status: 'completed',
    closed: -4,
    updates: [
      ['green', '180 learners enrolled through 30 employers.'],
      ['green', '312 learners completed a level 2 qualification.'],
    ],
  },
  {
    title: 'Teach English and maths at work to staff of local employers',
    target: 'NI 163',
    organisation: 'kelmsfield-college',
    person: 'angela-whitcombe',
    cash: 32000,
    start: -9,
    due: 9,
    status: 'on_track',
    updates: [['green', 'Courses running at four workplaces, including Pennyfold Logistics’ night shift.']],
  },
  {
    title: 'Open a business start-up hub in the old market hall',
    target: 'NI 171',
    organisation: council,
    person: 'simon-teasdale',
    cash: 150000,
    start: -15,
    due: -1,
    status: 'delayed',
    milestones: [
      ['Building survey', -12, true],
      ['Refurbishment finished', -3],
      ['First tenants move in', -1],
    ],
    updates: [
      ['green', 'Survey done; plans approved.'],
      ['amber', 'Asbestos found in the roof; refurbishment stopped while it is removed.'],
      ['red', 'Opening now at least four months late. Twelve businesses waiting for space.'],
    ],
  },
  {
    title: 'Run a start-up loan fund with Quillford Building Society',
    target: 'NI 171',
    organisation: 'quillford-building-society',
    person: 'nigel-ferriby',
    cash: 250000,
    start: -10,
    due: 14,
    status: 'on_track',
    updates: [
      ['green', 'Fund launched; 31 applications in the first month.'],
      ['green', '18 loans made, the largest £12,000.'],
    ],
  },
  {
    title: 'Bring superfast broadband to the business parks',
    priority: economy,
    cash: 400000,
    start: -6,
    due: 18,
    status: 'not_started',
    updates: [
      ['amber', 'Bid to the regional broadband programme needs a lead partner to sign it.', 'priya-chandran'],
    ],
  },
  {
    title: 'Agree a local buying charter with the five largest public bodies',
    priority: economy,
    organisation: council,
    person: 'simon-teasdale',
    start: -9,
    due: 3,
    status: 'on_track',
    updates: [
      ['green', 'Charter drafted with the Chamber of Commerce.'],
      ['amber', 'Council, college and fire service signed; health bodies still considering it.'],
    ],
  },

  // ---- A greener, cleaner Kelmsfield
  {
    title: 'Insulate 1,500 lofts and cavity walls in private homes',
    target: 'NI 186',
    organisation: council,
    person: 'claire-fothergill',
    cash: 300000,
    start: -14,
    due: 10,
    status: 'on_track',
    milestones: [
      ['Installer appointed', -12, true],
      ['750 homes insulated', -2, true],
      ['1,500 homes insulated', 10],
    ],
    updates: [
      ['green', 'Installer appointed; free to households over 70 or on benefits.'],
      ['green', '820 homes insulated.'],
      ['green', '1,040 homes insulated; saving about 600 tonnes of carbon a year.'],
    ],
  },
  {
    title: 'Cut energy use in partners’ own buildings by a tenth',
    target: 'NI 186',
    organisation: 'environment-agency-brackenshire-area',
    person: 'rebecca-stainforth',
    inKind: 'Energy audits by Environment Agency staff',
    start: -12,
    due: 12,
    status: 'on_track',
    updates: [['amber', 'Audits of 30 buildings done; only the council and the college have set budgets.']],
  },
  {
    title: 'Launch a car club in Kelmsfield Town',
    target: 'NI 186',
    organisation: council,
    person: 'janet-crossley',
    cash: 20000,
    start: -12,
    due: 0,
    status: 'cancelled',
    closed: -6,
    updates: [
      ['amber', 'Operator chosen; looking for parking bays.'],
      ['red', 'The operator withdrew from the town. Cancelled; the money goes to cycle parking.'],
    ],
  },
  {
    title: 'Collect food waste every week from every household',
    target: 'NI 192',
    organisation: council,
    person: 'andrew-blenkinsop',
    cash: 640000,
    fte: 12,
    start: -16,
    due: -2,
    status: 'delayed',
    milestones: [
      ['Vehicles delivered', -8, true],
      ['Caddies delivered to every household', -4],
      ['Collections in every ward', -2],
    ],
    updates: [
      ['green', 'Vehicles ordered; caddy delivery planned ward by ward.'],
      ['amber', 'Caddy supplier late; collections in only six wards.'],
      ['red', 'Recycling rate falling. Collections still not in every ward.'],
    ],
  },
  {
    title: 'Run repair cafés and community composting in four wards',
    target: 'NI 192',
    organisation: 'greenway-kelmsfield',
    person: 'ewan-falconer',
    cash: 6000,
    inKind: 'Volunteers and church halls',
    start: -10,
    due: 8,
    status: 'on_track',
    updates: [['green', 'Monthly repair cafés in three wards; 2 tonnes of goods mended, not thrown away.']],
  },
  {
    title: 'Plant 5,000 trees in parks and along the river',
    priority: greener,
    organisation: 'greenway-kelmsfield',
    person: 'ewan-falconer',
    inKind: 'Trees from the Woodland Trust; volunteer planters',
    start: -11,
    due: 13,
    status: 'on_track',
    updates: [
      ['green', '1,200 trees planted at Fennick Park with school groups.'],
      ['green', '2,900 planted; the riverside planting waits for the autumn.'],
    ],
  },
  {
    title: 'Write a flood resilience plan for Dallowmere',
    priority: greener,
    organisation: 'environment-agency-brackenshire-area',
    person: 'rebecca-stainforth',
    start: -8,
    due: 4,
    status: 'on_track',
    updates: [['green', 'Flood wardens recruited in 40 streets; draft plan out for comment.']],
  },

  // ---- Decent homes for everyone
  {
    title: 'Bring 60 long-term empty homes back into use',
    target: 'NI 154',
    organisation: council,
    person: 'rachel-tindall',
    cash: 180000,
    start: -14,
    due: 10,
    status: 'on_track',
    updates: [
      ['green', 'Owners of 140 empty homes contacted; loans offered for repairs.'],
      ['green', '37 homes back in use.'],
    ],
  },
  {
    title: 'Build 120 affordable homes on the former Brindlemoor depot site',
    target: 'NI 154',
    organisation: 'dallowmere-housing-association',
    person: 'kathleen-ormerod',
    cash: 1200000,
    start: -20,
    due: 16,
    status: 'on_track',
    milestones: [
      ['Planning permission', -14, true],
      ['Work starts on site', -6, true],
      ['First 40 homes let', 6],
    ],
    updates: [
      ['green', 'Planning permission granted.'],
      ['green', 'On site; foundations for the first two blocks laid.'],
    ],
  },
  {
    title: 'Re-tender supported housing for young people and offenders',
    target: 'NI 141',
    organisation: council,
    person: 'valerie-osei',
    start: -10,
    due: 2,
    status: 'on_track',
    updates: [['green', 'Tender evaluated; three providers chosen.']],
  },
  {
    title: 'Open a single homelessness prevention hub',
    priority: homes,
    organisation: council,
    person: 'sunita-rao',
    cash: 95000,
    fte: 4,
    start: -13,
    due: 5,
    status: 'on_track',
    updates: [
      ['green', 'Hub open at the Civic Centre with the advice centre and Jobcentre Plus.'],
      ['green', '310 households helped to keep their homes this quarter.'],
    ],
  },
];

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const laterOf = (a: string, b: string) => (a > b ? a : b);
const earlierOf = (a: string, b: string) => (a < b ? a : b);

/** The dates of an action's updates, oldest first, set from the load day (see the header comment). */
export function demoUpdateDates(action: DemoAction, index: number, today: string): string[] {
  const startsOn = addMonths(today, action.start);
  const lastQuarter = lastCompletedQuarter(today);
  const thisQuarter = quarterOf(today);
  let newest: string;
  if (action.closed !== undefined) newest = earlierOf(addMonths(today, action.closed), today);
  else if (action.stale) newest = addDays(lastQuarter.end, -(5 + (index % 20)));
  else newest = laterOf(thisQuarter.start, addDays(today, -(index % 9)));
  newest = laterOf(newest, startsOn);
  const dates = action.updates.map((_u, back) =>
    back === 0 ? newest : laterOf(startsOn, addMonths(newest, -3 * back)),
  );
  return dates.reverse();
}

/** Loads the action plan. Runs once, after the strategy's and the agreement's demos. */
export async function loadDeliveryDemo(db: Kysely<Database>): Promise<void> {
  const today = todayIso();
  await db.transaction().execute(async (trx) => {
    const now = nowIso();
    const stamp = { created_at: now, updated_at: now };
    const priorities = await trx
      .selectFrom('priorities')
      .innerJoin('strategy_versions', 'strategy_versions.id', 'priorities.strategy_version_id')
      .select(['priorities.id', 'priorities.slug'])
      .where('strategy_versions.status', '=', 'adopted')
      .execute();
    const targets = await trx
      .selectFrom('targets')
      .innerJoin('indicators', 'indicators.id', 'targets.indicator_id')
      .select(['targets.id', 'indicators.code'])
      .execute();
    const organisations = await trx.selectFrom('organisations').select(['id', 'slug']).execute();
    const people = await trx.selectFrom('people').select(['id', 'slug', 'name']).execute();
    const affiliations = await trx
      .selectFrom('affiliations')
      .select(['person_id', 'organisation_id'])
      .execute();
    const users = await trx.selectFrom('users').select(['id', 'person_id']).execute();

    const find = <T extends { id: number }>(rows: T[], match: (row: T) => boolean, what: string): T => {
      const row = rows.find(match);
      if (!row) throw new Error(`Demo action plan: no ${what}`);
      return row;
    };
    const person = (slug: string) => find(people, (p) => p.slug === slug, `person ${slug}`);

    for (const [index, spec] of demoActions.entries()) {
      const organisation = spec.organisation
        ? find(organisations, (o) => o.slug === spec.organisation, `organisation ${spec.organisation}`)
        : undefined;
      const accountable = spec.person ? person(spec.person) : undefined;
      if (
        organisation &&
        accountable &&
        !affiliations.some((a) => a.person_id === accountable.id && a.organisation_id === organisation.id)
      )
        throw new Error(`Demo action plan: ${spec.person} does not work for ${spec.organisation}`);
      const closedOn = spec.closed === undefined ? null : earlierOf(addMonths(today, spec.closed), today);
      const values = {
        title: spec.title,
        description: spec.description ?? null,
        priority_id: spec.priority
          ? find(priorities, (p) => p.slug === spec.priority, `priority ${spec.priority}`).id
          : null,
        target_id: spec.target
          ? find(targets, (t) => t.code === spec.target, `target ${spec.target}`).id
          : null,
        organisation_id: organisation?.id ?? null,
        person_id: accountable?.id ?? null,
        cash_pence: spec.cash === undefined ? null : spec.cash * 100,
        staff_fte: spec.fte ?? null,
        in_kind: spec.inKind ?? null,
        starts_on: addMonths(today, spec.start),
        due_on: addMonths(today, spec.due),
        status: spec.status,
        completed_on: spec.status === 'completed' ? closedOn : null,
        ...stamp,
      };
      const { id } = await trx.insertInto('actions').values(values).returning('id').executeTakeFirstOrThrow();
      await recordAudit(trx, null, {
        entityType: 'action',
        entityId: id,
        action: 'created',
        summary: `Added “${spec.title}” to the demo action plan`,
      });

      for (const [title, dueMonths, done] of spec.milestones ?? []) {
        const dueOn = addMonths(today, dueMonths);
        await trx
          .insertInto('action_milestones')
          .values({
            action_id: id,
            title,
            due_on: dueOn,
            completed_on: done ? laterOf(values.starts_on, earlierOf(dueOn, addDays(today, -3))) : null,
            ...stamp,
          })
          .execute();
      }

      const dates = demoUpdateDates(spec, index, today);
      for (const [n, [rag, narrative, author]] of spec.updates.entries()) {
        const by = person(author ?? spec.person ?? 'owen-gadsby');
        await trx
          .insertInto('action_updates')
          .values({
            action_id: id,
            rag,
            narrative,
            reported_on: dates[n]!,
            user_id: users.find((u) => u.person_id === by.id)?.id ?? null,
            author_name: by.name,
            created_at: now,
          })
          .execute();
      }
    }
  });
}
