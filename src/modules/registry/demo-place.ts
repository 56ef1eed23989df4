/**
 * The demo place: Kelmsfield, a FICTIONAL unitary borough with a local strategic
 * partnership as it might have looked in England circa 2008, with history running on.
 *
 * Everything here is invented: the place, its wards, organisations, people and parties.
 * Email addresses and websites use the reserved `.example` top-level domain.
 *
 * Pure data plus a pure generator: no I/O, no clock, no randomness. `demoPlace()` returns
 * a fresh copy every call, so callers may mutate what they get.
 */

import { sectors, type MembershipRole, type OrganisationType, type Sector } from '../../domain/vocabulary.ts';

// The vocabularies live in one place (src/domain/vocabulary.ts); re-exported for the tests.
export { membershipRoles, organisationTypes } from '../../domain/vocabulary.ts';
export { sectors };
export type { MembershipRole, OrganisationType, Sector };

export type DemoAreaKind = 'london_borough' | 'unitary' | 'district' | 'county' | 'metropolitan_district';

export interface DemoArea {
  name: string;
  slug: string;
  gssCode: string;
  kind: DemoAreaKind;
  population: number;
}

export interface DemoWard {
  name: string;
  slug: string;
  gssCode: string;
  population: number;
}

export interface DemoNeighbourhood {
  name: string;
  slug: string;
  wardSlug: string;
}

export interface DemoOrganisation {
  key: string;
  name: string;
  slug: string;
  sector: Sector;
  type: OrganisationType;
  namedPartner: boolean;
  description: string;
  website: string | null;
}

export interface DemoCouncillor {
  wardSlug: string;
  role: 'executive' | 'backbench';
  party: string;
}

export interface DemoPerson {
  key: string;
  name: string;
  slug: string;
  email: string;
  organisationKey: string;
  position: string;
  councillor?: DemoCouncillor;
}

export type DemoPartnershipStatus = 'active' | 'merged' | 'abolished';

export interface DemoPartnership {
  key: string;
  name: string;
  slug: string;
  shortName: string | null;
  parentKey: string | null;
  statutory: boolean;
  theme: string;
  /** Markdown: a few paragraphs and a bullet list. */
  termsOfReference: string;
  status: DemoPartnershipStatus;
  /** yyyy-mm-dd */
  establishedOn: string;
  statusChangedOn: string | null;
  mergedIntoKey: string | null;
}

export interface DemoMembership {
  partnershipKey: string;
  personKey: string;
  role: MembershipRole;
  organisationKey: string;
  sector: Sector;
  startsOn: string;
  endsOn: string | null;
}

export type DemoGrant =
  | { role: 'site_admin' }
  | { role: 'secretariat' }
  | { role: 'partnership_manager'; partnershipKey: string }
  | { role: 'partner_officer'; organisationKey: string }
  | { role: 'member'; partnershipKey: string }
  | { role: 'councillor' }
  | { role: 'scrutiny_officer' };

export interface DemoLogin {
  email: string;
  password: string;
  displayName: string;
  personKey: string | null;
  grants: DemoGrant[];
}

export interface DemoPlace {
  place: DemoArea;
  parentPlace: DemoArea | null;
  wards: DemoWard[];
  neighbourhoods: DemoNeighbourhood[];
  organisations: DemoOrganisation[];
  people: DemoPerson[];
  partnerships: DemoPartnership[];
  memberships: DemoMembership[];
  logins: DemoLogin[];
}

/** The password of every demo login. Demo data only: never use it for a real account. */
export const demoPassword = 'demo-password-2026';

/** The themes of the demo partnerships (free text in the data model). */
export const demoThemes = {
  strategic: 'Strategic leadership',
  communitySafety: 'Community safety',
  children: 'Children and young people',
  health: 'Health and wellbeing',
  economy: 'Economic development',
  sustainability: 'Sustainability',
  housing: 'Housing',
  stronger: 'Stronger communities',
} as const;

// ---------------------------------------------------------------------------
// Helpers

function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function dayBefore(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

const sectorLabels: Record<Sector, string> = {
  public: 'public',
  business: 'business',
  voluntary_community: 'voluntary and community',
  faith: 'faith',
  resident_community: 'resident',
};

function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

// ---------------------------------------------------------------------------
// Place and wards

const place: Omit<DemoArea, 'population'> = {
  name: 'Kelmsfield',
  slug: 'kelmsfield',
  // E06 is the unitary authority range; 099 is not a real authority.
  gssCode: 'E06000099',
  kind: 'unitary',
};

const wardSpecs: readonly [name: string, population: number][] = [
  ['Kelmsfield Town', 12840],
  ['Brindlemoor', 11975],
  ['Corvenhill', 10630],
  ['Dallowmere', 11210],
  ['Fennick Park', 9870],
  ['Quillford', 10455],
  ['Harlowen', 12310],
  ['Juniper Vale', 9420],
  ['Larkhollow', 10960],
  ['Marrowdene', 11685],
  ['Pennyfold', 9145],
  ['Ravensholt', 10280],
];

const neighbourhoodSpecs: readonly [name: string, wardName: string][] = [
  ['Old Market', 'Kelmsfield Town'],
  ['Station Quarter', 'Kelmsfield Town'],
  ['Brindlemoor Estate', 'Brindlemoor'],
  ['Harlowen Estate', 'Harlowen'],
  ['Marrowdene Riverside', 'Marrowdene'],
  ['Pennyfold Village', 'Pennyfold'],
  ['Larkhollow Green', 'Larkhollow'],
];

// ---------------------------------------------------------------------------
// Organisations

interface OrganisationSpec {
  key: string;
  name: string;
  sector: Sector;
  type: OrganisationType;
  namedPartner: boolean;
  /** Email domain of its people; also its website unless `website` is false. */
  domain: string;
  website: boolean;
  description: string;
}

function org(
  key: string,
  name: string,
  sector: Sector,
  type: OrganisationType,
  domain: string,
  description: string,
  options: { namedPartner?: boolean; website?: boolean } = {},
): OrganisationSpec {
  return {
    key,
    name,
    sector,
    type,
    domain,
    description,
    namedPartner: options.namedPartner ?? false,
    website: options.website ?? true,
  };
}

const named = { namedPartner: true } as const;
const noWebsite = { website: false } as const;

const organisationSpecs: OrganisationSpec[] = [
  // Public sector: the named partners with a duty to co-operate on the Local Area Agreement.
  org(
    'council',
    'Kelmsfield Borough Council',
    'public',
    'council',
    'kelmsfield.example',
    'The unitary council for Kelmsfield: leads the Local Strategic Partnership and the Local Area Agreement, and provides the partnership secretariat.',
    named,
  ),
  org(
    'police',
    'Brackenshire Constabulary',
    'public',
    'police',
    'brackenshire-police.example',
    'The county police force; its Kelmsfield District command is a responsible authority on the Crime and Disorder Reduction Partnership.',
    named,
  ),
  org(
    'police-authority',
    'Brackenshire Police Authority',
    'public',
    'police',
    'brackenshire-pa.example',
    'Holds the Chief Constable to account and sets the policing plan; a member sits on the Kelmsfield Partnership Board.',
    named,
  ),
  org(
    'probation',
    'Brackenshire Probation Trust',
    'public',
    'probation',
    'brackenshire-probation.example',
    'Supervises offenders in the community and runs programmes that reduce reoffending.',
    named,
  ),
  org(
    'pct',
    'Kelmsfield Primary Care Trust',
    'public',
    'nhs_body',
    'kelmsfield-pct.example',
    'Commissions primary, community and hospital health services for Kelmsfield and leads on public health.',
    named,
  ),
  org(
    'hospitals-trust',
    'Kelmsfield Hospitals NHS Trust',
    'public',
    'nhs_body',
    'kelmsfield-hospitals.example',
    'Runs Kelmsfield General Hospital and the Quillford minor injuries unit.',
    named,
  ),
  org(
    'mental-health-trust',
    'Brackenshire Partnership NHS Foundation Trust',
    'public',
    'nhs_body',
    'brackenshire-partnership.example',
    'Provides mental health and learning disability services across the county.',
    named,
  ),
  org(
    'fire',
    'Brackenshire Fire and Rescue Service',
    'public',
    'fire_and_rescue',
    'brackenshire-fire.example',
    'Emergency response, home fire safety checks and fire prevention work with young people.',
    named,
  ),
  org(
    'jobcentre-plus',
    'Jobcentre Plus Kelmsfield District',
    'public',
    'jobcentre_plus',
    'jobcentreplus-kelmsfield.example',
    'Helps people into work and administers working-age benefits; lead partner for the worklessness targets.',
    named,
  ),
  org(
    'lsc',
    'Brackenshire Learning and Skills Council',
    'public',
    'other_public',
    'brackenshire-lsc.example',
    'Funded post-16 learning and skills until its abolition in March 2010; its functions passed to the council and the Skills Funding Agency.',
    { namedPartner: true, website: false },
  ),
  org(
    'yot',
    'Kelmsfield Youth Offending Team',
    'public',
    'other_public',
    'kelmsfield-yot.example',
    'Multi-agency team working with young people who offend or are at risk of offending.',
    named,
  ),
  org(
    'environment-agency',
    'Environment Agency, Brackenshire Area',
    'public',
    'other_public',
    'environment-agency-brackenshire.example',
    'Flood risk management, water quality and environmental regulation in the Brackenshire area.',
    named,
  ),
  org(
    'government-office',
    'Government Office for the Midshires',
    'public',
    'other_public',
    'go-midshires.example',
    'Regional government office that negotiated the Local Area Agreement; closed in 2011.',
    noWebsite,
  ),
  org(
    'kelmsfield-homes',
    'Kelmsfield Homes',
    'public',
    'housing_association',
    'kelmsfield-homes.example',
    'Arm’s-length management organisation that manages the council’s 9,000 homes.',
  ),
  org(
    'college',
    'Kelmsfield College',
    'public',
    'school_college',
    'kelmsfield-college.example',
    'General further education college with around 6,000 learners.',
  ),
  org(
    'brindlemoor-high',
    'Brindlemoor High School',
    'public',
    'school_college',
    'brindlemoor-high.example',
    'Community secondary school for 11 to 16 year olds.',
  ),
  org(
    'st-aldrics-primary',
    'St Aldric’s Church of England Primary School',
    'public',
    'school_college',
    'st-aldrics-primary.example',
    'Voluntary aided primary school in Kelmsfield Town.',
  ),
  org(
    'university',
    'University of Brackenshire',
    'public',
    'university',
    'brackenshire-university.example',
    'University with a campus at Fennick Park; partner in skills, enterprise and research on the place.',
  ),

  // Business
  org(
    'chamber',
    'Kelmsfield Chamber of Commerce',
    'business',
    'business_association',
    'kelmsfield-chamber.example',
    'Membership body for around 400 local employers; represents business on the Partnership Board.',
  ),
  org(
    'bid',
    'Kelmsfield Town Centre BID',
    'business',
    'business_association',
    'kelmsfield-bid.example',
    'Business Improvement District funded by a levy on town centre businesses.',
  ),
  org(
    'small-business-forum',
    'Kelmsfield Small Business Forum',
    'business',
    'business_association',
    'kelmsfield-sbf.example',
    'Network of independent traders and small firms.',
    noWebsite,
  ),
  org(
    'corven-engineering',
    'Corven Engineering Ltd',
    'business',
    'business',
    'corven-engineering.example',
    'Precision engineering firm employing 350 people; runs an apprenticeship scheme.',
  ),
  org(
    'pennyfold-logistics',
    'Pennyfold Logistics Ltd',
    'business',
    'business',
    'pennyfold-logistics.example',
    'Distribution centre by the ring road; one of the borough’s largest private employers.',
  ),
  org(
    'quillford-building-society',
    'Quillford Building Society',
    'business',
    'business',
    'quillford-bs.example',
    'Local mutual building society with four branches.',
  ),
  org(
    'ravensholt-brewery',
    'Ravensholt Brewery',
    'business',
    'business',
    'ravensholt-brewery.example',
    'Independent brewery and pub company; member of the town centre Pubwatch scheme.',
  ),
  org(
    'dallowmere-digital',
    'Dallowmere Digital Ltd',
    'business',
    'business',
    'dallowmere-digital.example',
    'Web and software studio; social enterprise mentor.',
  ),

  // Voluntary and community sector
  org(
    'cvs',
    'Kelmsfield Council for Voluntary Service',
    'voluntary_community',
    'vcs_infrastructure',
    'kelmsfield-cvs.example',
    'Infrastructure body for some 600 voluntary and community groups; elects the VCS representatives to the partnership.',
  ),
  org(
    'volunteer-centre',
    'Kelmsfield Volunteer Centre',
    'voluntary_community',
    'vcs_infrastructure',
    'kelmsfield-volunteers.example',
    'Brokers volunteering opportunities and supports volunteer-involving organisations.',
  ),
  org(
    'carers-centre',
    'Kelmsfield Carers’ Centre',
    'voluntary_community',
    'charity',
    'kelmsfield-carers.example',
    'Information, breaks and advocacy for unpaid carers.',
  ),
  org(
    'lantern-youth-trust',
    'Lantern Youth Trust',
    'voluntary_community',
    'charity',
    'lantern-youth.example',
    'Youth clubs, detached youth work and mentoring on the Harlowen and Brindlemoor estates.',
  ),
  org(
    'domestic-abuse-service',
    'Kelmsfield Domestic Abuse Service',
    'voluntary_community',
    'charity',
    'kelmsfield-das.example',
    'Refuge, outreach and independent domestic violence advisers.',
  ),
  org(
    'greenway',
    'Greenway Kelmsfield',
    'voluntary_community',
    'charity',
    'greenway-kelmsfield.example',
    'Environmental charity: community gardens, cycling and home energy advice.',
  ),
  org(
    'wellbeing-network',
    'Kelmsfield Wellbeing Network',
    'voluntary_community',
    'charity',
    'kelmsfield-wellbeing.example',
    'Peer support and drop-ins for people with mental health problems.',
  ),
  org(
    'race-equality-council',
    'Kelmsfield Race Equality Council',
    'voluntary_community',
    'charity',
    'kelmsfield-rec.example',
    'Promotes race equality and good relations; runs a hate crime reporting centre.',
  ),
  org(
    'advice-centre',
    'Kelmsfield Advice Centre',
    'voluntary_community',
    'charity',
    'kelmsfield-advice.example',
    'Free advice on debt, benefits, housing and employment.',
  ),
  org(
    'disability-forum',
    'Kelmsfield Disability Forum',
    'voluntary_community',
    'community_group',
    'kelmsfield-disability.example',
    'User-led forum of disabled people and their organisations.',
    noWebsite,
  ),
  org(
    'dallowmere-housing-association',
    'Dallowmere Housing Association',
    'voluntary_community',
    'housing_association',
    'dallowmere-ha.example',
    'Registered social landlord with 2,400 homes, including supported housing.',
  ),
  org(
    'older-peoples-forum',
    'Kelmsfield Older People’s Forum',
    'voluntary_community',
    'community_group',
    'kelmsfield-opf.example',
    'Voice of older residents; runs the annual Positive Ageing Week.',
    noWebsite,
  ),
  org(
    'recovery-project',
    'Kelmsfield Recovery Project',
    'voluntary_community',
    'charity',
    'kelmsfield-recovery.example',
    'Drug and alcohol treatment, recovery support and a needle exchange.',
  ),

  // Faith
  org(
    'interfaith-forum',
    'Kelmsfield Interfaith Forum',
    'faith',
    'faith_group',
    'kelmsfield-interfaith.example',
    'Brings together the borough’s faith communities; nominates the faith representative to the Partnership Board.',
  ),
  org(
    'churches-together',
    'Churches Together in Kelmsfield',
    'faith',
    'faith_group',
    'churches-kelmsfield.example',
    'Ecumenical body of 23 churches; runs the winter night shelter.',
  ),
  org(
    'st-aldrics-church',
    'St Aldric’s Parish Church',
    'faith',
    'faith_group',
    'st-aldrics-church.example',
    'Church of England parish church in Kelmsfield Town.',
  ),
  org(
    'central-mosque',
    'Kelmsfield Central Mosque',
    'faith',
    'faith_group',
    'kelmsfield-mosque.example',
    'Mosque and community centre in Harlowen; supplementary school and youth programme.',
  ),
  org(
    'gurdwara',
    'Guru Nanak Gurdwara Kelmsfield',
    'faith',
    'faith_group',
    'kelmsfield-gurdwara.example',
    'Sikh gurdwara in Marrowdene; daily langar open to all.',
  ),
  org(
    'corvenhill-methodist',
    'Corvenhill Methodist Church',
    'faith',
    'faith_group',
    'corvenhill-methodist.example',
    'Methodist church and eco-congregation; hosts a food bank.',
  ),
  org(
    'hebrew-congregation',
    'Kelmsfield Hebrew Congregation',
    'faith',
    'faith_group',
    'kelmsfield-hebrew.example',
    'Orthodox synagogue serving the borough since 1911.',
    noWebsite,
  ),
  org(
    'mandir',
    'Shree Ram Mandir Kelmsfield',
    'faith',
    'faith_group',
    'kelmsfield-mandir.example',
    'Hindu temple and cultural centre in Brindlemoor.',
  ),
  org(
    'our-lady-quillford',
    'Church of Our Lady, Quillford',
    'faith',
    'faith_group',
    'our-lady-quillford.example',
    'Roman Catholic parish church; its parish covers the west of the borough.',
  ),

  // Residents and community
  org(
    'tenants-federation',
    'Kelmsfield Tenants’ and Residents’ Federation',
    'resident_community',
    'residents_association',
    'kelmsfield-tenants.example',
    'Umbrella body for 31 tenants’ and residents’ associations.',
  ),
  org(
    'harlowen-estate-ra',
    'Harlowen Estate Residents’ Association',
    'resident_community',
    'residents_association',
    'harlowen-residents.example',
    'Residents’ association for the 1,100 homes of the Harlowen Estate.',
    noWebsite,
  ),
  org(
    'larkhollow-ra',
    'Larkhollow Residents’ Association',
    'resident_community',
    'residents_association',
    'larkhollow-residents.example',
    'Residents’ association covering Larkhollow Green and the surrounding streets.',
    noWebsite,
  ),
  org(
    'juniper-vale-ra',
    'Juniper Vale Residents’ Association',
    'resident_community',
    'residents_association',
    'junipervale-residents.example',
    'Residents’ association in Juniper Vale.',
    noWebsite,
  ),
  org(
    'old-market-forum',
    'Old Market Neighbourhood Forum',
    'resident_community',
    'community_group',
    'oldmarket-forum.example',
    'Neighbourhood forum for the Old Market area of the town centre.',
    noWebsite,
  ),
  org(
    'pennyfold-community-association',
    'Pennyfold Community Association',
    'resident_community',
    'community_group',
    'pennyfold-ca.example',
    'Runs Pennyfold Community Centre and the village festival.',
  ),
  org(
    'youth-council',
    'Kelmsfield Youth Council',
    'resident_community',
    'community_group',
    'kelmsfield-youth-council.example',
    'Elected young people aged 11 to 19 who speak for young people to the partnership.',
  ),
];

// ---------------------------------------------------------------------------
// People

type PersonSpec = readonly [
  name: string,
  organisationKey: string,
  position: string,
  councillor?: DemoCouncillor,
];

const exec = (wardName: string, party: string): DemoCouncillor => ({
  wardSlug: slugify(wardName),
  role: 'executive',
  party,
});
const backbench = (wardName: string, party: string): DemoCouncillor => ({
  wardSlug: slugify(wardName),
  role: 'backbench',
  party,
});

const labour = 'Labour';
const libDem = 'Liberal Democrat';
const conservative = 'Conservative';
const independents = 'Kelmsfield Independents';
const green = 'Green';

const personSpecs: PersonSpec[] = [
  // Councillors
  ['Margaret Ellery', 'council', 'Leader of the Council', exec('Kelmsfield Town', labour)],
  [
    'Rajesh Bhandari',
    'council',
    'Deputy Leader; Cabinet Member for Regeneration',
    exec('Brindlemoor', labour),
  ],
  ['Susan Pettifer', 'council', 'Cabinet Member for Community Safety', exec('Corvenhill', labour)],
  ['Declan Moriarty', 'council', 'Cabinet Member for Children and Young People', exec('Dallowmere', labour)],
  [
    'Patricia Lundy',
    'council',
    'Cabinet Member for Health and Adult Social Care',
    exec('Fennick Park', libDem),
  ],
  [
    'Graham Whitlock',
    'council',
    'Cabinet Member for Environment and Sustainability',
    exec('Quillford', libDem),
  ],
  ['Amina Yusuf', 'council', 'Cabinet Member for Housing', exec('Harlowen', labour)],
  ['Trevor Haldane', 'council', 'Leader of the Opposition', backbench('Juniper Vale', conservative)],
  ['Joyce Amberley', 'council', 'Councillor', backbench('Larkhollow', conservative)],
  ['Kwame Asante', 'council', 'Chair, Overview and Scrutiny Committee', backbench('Marrowdene', labour)],
  ['Brian Oakenshaw', 'council', 'Councillor', backbench('Pennyfold', independents)],
  ['Linda Prothero', 'council', 'Chair, Health Scrutiny Panel', backbench('Ravensholt', green)],
  ['Stephen Carlisle', 'council', 'Councillor', backbench('Kelmsfield Town', libDem)],
  ['Farida Haque', 'council', 'Councillor; Community Cohesion Champion', backbench('Harlowen', labour)],
  ['Neil Trencher', 'council', 'Councillor', backbench('Pennyfold', independents)],
  ['Roger Fairclough', 'council', 'Former Leader of the Council (to 2010)'],

  // Council officers
  ['Alistair Fenwick', 'council', 'Chief Executive'],
  ['Helen Marsh', 'council', 'Head of Policy and Partnerships'],
  ['Priya Chandran', 'council', 'Partnership Co-ordinator'],
  ['Owen Gadsby', 'council', 'Partnership Support Officer'],
  ['Catherine Bellamy', 'council', 'Director of Children’s Services'],
  ['Martin Oyelaran', 'council', 'Director of Adult Social Services'],
  ['Rachel Tindall', 'council', 'Director of Regeneration and Housing'],
  ['Gary Stedman', 'council', 'Head of Community Safety'],
  ['Nadia Kowalczyk', 'council', 'Anti-social Behaviour Co-ordinator'],
  ['Paul Renshaw', 'council', 'Drug and Alcohol Action Team Co-ordinator'],
  ['Deborah Kinsella', 'council', 'Business Manager, Local Safeguarding Children Board'],
  ['Rosalind Hebden', 'council', 'Independent Chair, Local Safeguarding Children Board'],
  ['Simon Teasdale', 'council', 'Economic Development Manager'],
  ['Claire Fothergill', 'council', 'Sustainability Manager'],
  ['Zahid Rafiq', 'council', 'Head of Housing Options'],
  ['Sunita Rao', 'council', 'Homelessness Strategy Officer'],
  ['Janet Crossley', 'council', 'Transport Planning Manager'],
  ['Ifeoma Nwosu', 'council', 'Community Cohesion Officer'],
  ['Lorraine Pickersgill', 'council', 'Democratic Services Officer'],
  ['Naomi Threlfall', 'council', 'Overview and Scrutiny Officer'],
  ['Andrew Blenkinsop', 'council', 'Head of Environmental Services'],
  ['Valerie Osei', 'council', 'Supporting People Manager'],
  ['Sarah Quennell', 'council', 'Children’s Trust Partnership Manager'],
  ['Hannah Lightbody', 'council', 'Teenage Pregnancy Co-ordinator'],
  ['David Ogunleye', 'council', 'Head of Neighbourhood Renewal (to 2008)'],

  // Other public sector
  ['Ian Marchbank', 'police', 'Chief Superintendent, Kelmsfield District Commander'],
  ['Robert Halloran', 'police', 'Former Kelmsfield District Commander (to 2011)'],
  ['Carol Denholm', 'police', 'Inspector, Partnerships'],
  ['Sanjay Mistry', 'police', 'Sergeant, Neighbourhood Policing'],
  ['Elaine Worsfold', 'police-authority', 'Police Authority Member for Kelmsfield'],
  ['Geoffrey Nkemelu', 'probation', 'Assistant Chief Officer'],
  ['Michelle Barraclough', 'probation', 'Senior Probation Officer, Offender Management'],
  ['Christopher Lowther', 'pct', 'Chief Executive'],
  ['Anjali Raman', 'pct', 'Director of Public Health'],
  ['Diane Fawcett', 'pct', 'Former Director of Public Health (to 2010)'],
  ['Gillian Sowerby', 'pct', 'Director of Commissioning'],
  ['Tariq Hussain', 'pct', 'Health Improvement Manager'],
  ['Frances Millington', 'hospitals-trust', 'Director of Nursing'],
  ['Patrick Rourke', 'mental-health-trust', 'Associate Director, Kelmsfield Services'],
  ['Keith Armitage', 'fire', 'Group Manager, Community Safety'],
  ['Joanne Tully', 'fire', 'Station Manager, Kelmsfield Fire Station'],
  ['Beverley Snaith', 'jobcentre-plus', 'District Manager'],
  ['Adebayo Coker', 'jobcentre-plus', 'Partnership Manager'],
  ['Vivienne Harcourt', 'lsc', 'Area Director (to 2010)'],
  ['Dean Hollis', 'yot', 'Youth Offending Team Manager'],
  ['Rebecca Stainforth', 'environment-agency', 'Environment Manager'],
  ['Philippa Drummond', 'government-office', 'Locality Manager for Kelmsfield'],
  ['Malcolm Tewson', 'kelmsfield-homes', 'Chief Executive'],
  ['Angela Whitcombe', 'college', 'Principal'],
  ['Peter Lindqvist', 'brindlemoor-high', 'Headteacher'],
  ['Moira Callaghan', 'st-aldrics-primary', 'Headteacher'],
  ['Julian Abernethy', 'university', 'Pro-Vice-Chancellor, Community Engagement'],

  // Business
  ['Lesley Rutherford', 'chamber', 'Chief Executive'],
  ['Howard Bexley', 'chamber', 'President'],
  ['Gemma Thistlewood', 'bid', 'Town Centre Manager'],
  ['Vikram Sood', 'small-business-forum', 'Chair'],
  ['Derek Ainsworth', 'corven-engineering', 'Managing Director'],
  ['Kirsty Dunlop', 'pennyfold-logistics', 'Human Resources Director'],
  ['Nigel Ferriby', 'quillford-building-society', 'Chief Executive'],
  ['Sophie Brannigan', 'ravensholt-brewery', 'Operations Director'],
  ['Oliver Nowak', 'dallowmere-digital', 'Founder and Director'],

  // Voluntary and community sector
  ['Bernadette Quinlan', 'cvs', 'Chief Officer'],
  ['Marcus Oduya', 'cvs', 'Development Officer'],
  ['Yvonne Chalmers', 'volunteer-centre', 'Manager'],
  ['Shirley Pembridge', 'carers-centre', 'Director'],
  ['Jamal Richards', 'lantern-youth-trust', 'Chief Executive'],
  ['Ruth Carrow', 'domestic-abuse-service', 'Service Manager'],
  ['Ewan Falconer', 'greenway', 'Co-ordinator'],
  ['Lucy Harrowby', 'wellbeing-network', 'Manager'],
  ['Harjit Sandhu', 'race-equality-council', 'Director'],
  ['Wendy Calloway', 'advice-centre', 'Advice Services Manager'],
  ['Philip Garside', 'disability-forum', 'Chair'],
  ['Kathleen Ormerod', 'dallowmere-housing-association', 'Chief Executive'],
  ['Edna Fairbrother', 'older-peoples-forum', 'Chair'],
  ['Liam Cassidy', 'recovery-project', 'Service Manager'],

  // Faith
  ['Josephine Hartley', 'interfaith-forum', 'Co-ordinator'],
  ['Colin Ridgeway', 'churches-together', 'Secretary'],
  ['Alison Pemberton', 'st-aldrics-church', 'Vicar'],
  ['Imtiaz Qadir', 'central-mosque', 'Chair of Trustees'],
  ['Gurmeet Bains', 'gurdwara', 'General Secretary'],
  ['Samuel Adeyemi', 'corvenhill-methodist', 'Minister'],
  ['Miriam Rosenthal', 'hebrew-congregation', 'Chair'],
  ['Kiran Patel', 'mandir', 'Trustee'],
  ['Brendan Kearney', 'our-lady-quillford', 'Parish Priest'],

  // Residents and community
  ['Maureen Gallagher', 'tenants-federation', 'Chair'],
  ['Dennis Copley', 'harlowen-estate-ra', 'Chair'],
  ['Agnieszka Nowicka', 'larkhollow-ra', 'Secretary'],
  ['Hugh Lattimer', 'juniper-vale-ra', 'Chair'],
  ['Clive Bramhall', 'old-market-forum', 'Chair'],
  ['Precious Mensah', 'pennyfold-community-association', 'Co-ordinator'],
  ['Jade Whitworth', 'youth-council', 'Chair'],
];

// ---------------------------------------------------------------------------
// Partnerships

interface PartnershipSpec {
  key: string;
  name: string;
  shortName: string | null;
  parentKey: string | null;
  statutory: boolean;
  theme: string;
  establishedOn: string;
  status?: DemoPartnershipStatus;
  statusChangedOn?: string;
  mergedIntoKey?: string;
  /** How often it meets, as words: "every quarter". */
  meets: string;
  purpose: string;
  statutoryBasis?: string;
  duties: string[];
}

const t = demoThemes;

const partnershipSpecs: PartnershipSpec[] = [
  {
    key: 'board',
    name: 'Kelmsfield Partnership Board',
    shortName: 'KPB',
    parentKey: null,
    statutory: false,
    theme: t.strategic,
    establishedOn: '2006-04-01',
    meets: 'every quarter, with an annual partnership conference in the autumn',
    purpose:
      'The Kelmsfield Partnership Board is the Local Strategic Partnership for Kelmsfield: the partnership of partnerships that brings together the public, business, voluntary and community, faith and resident sectors to agree a shared vision for the borough and to hold each other to account for delivering it.',
    duties: [
      'Own the Sustainable Community Strategy, refresh it every year and review it every three years',
      'Agree the Local Area Agreement targets with government and monitor progress against them',
      'Hold the thematic partnerships to account for delivering their parts of the strategy',
      'Align partners’ plans, budgets and commissioning behind the shared priorities',
      'Make sure residents and the voluntary, community and faith sectors have a real voice in decisions',
      'Agree collective responses to consultations that affect the place',
    ],
  },

  // Community safety
  {
    key: 'safer',
    name: 'Safer Kelmsfield Partnership',
    shortName: 'CDRP',
    parentKey: 'board',
    statutory: true,
    theme: t.communitySafety,
    establishedOn: '2006-04-01',
    meets: 'every two months',
    purpose:
      'The Safer Kelmsfield Partnership is the Crime and Disorder Reduction Partnership for the borough. It works to reduce crime, disorder, anti-social behaviour, substance misuse and reoffending, and to make people feel safer where they live.',
    statutoryBasis:
      'The responsible authorities (the council, the police, the police authority, the fire and rescue authority, the primary care trust and, from 2010, the probation trust) have a statutory duty under the Crime and Disorder Act 1998 to work together and to produce a strategic assessment and a partnership plan each year.',
    duties: [
      'Produce the annual strategic assessment and the three-year partnership plan',
      'Lead the safer and stronger communities block of the Local Area Agreement',
      'Commission and oversee the anti-social behaviour, drugs and alcohol, and domestic violence programmes',
      'Hold the quarterly Partners and Communities Together (PACT) priorities to account',
      'Respond to Councillor Calls for Action on crime and disorder matters',
    ],
  },
  {
    key: 'asb',
    name: 'Anti-social Behaviour Group',
    shortName: 'ASB Group',
    parentKey: 'safer',
    statutory: false,
    theme: t.communitySafety,
    establishedOn: '2006-06-01',
    meets: 'every month',
    purpose:
      'The Anti-social Behaviour Group co-ordinates the partnership response to anti-social behaviour, from early warning letters and acceptable behaviour contracts to injunctions and orders.',
    duties: [
      'Review cases referred by partners and agree a lead agency for each',
      'Agree the use of acceptable behaviour contracts, injunctions and orders',
      'Support victims and witnesses, and keep them informed',
      'Report hotspots and trends to the Safer Kelmsfield Partnership',
    ],
  },
  {
    key: 'daat',
    name: 'Drug and Alcohol Action Team',
    shortName: 'DAAT',
    parentKey: 'safer',
    statutory: false,
    theme: t.communitySafety,
    establishedOn: '2006-04-01',
    meets: 'every two months',
    purpose:
      'The Drug and Alcohol Action Team commissions drug and alcohol treatment and prevention services and manages the pooled treatment budget on behalf of the partners.',
    duties: [
      'Produce the annual adult and young people’s treatment plans',
      'Commission treatment, recovery and harm reduction services',
      'Monitor the numbers in effective treatment and the Drug Interventions Programme',
      'Lead the local alcohol harm reduction strategy',
    ],
  },
  {
    key: 'domestic-violence',
    name: 'Domestic Violence Forum',
    shortName: null,
    parentKey: 'safer',
    statutory: false,
    theme: t.communitySafety,
    establishedOn: '2007-02-01',
    meets: 'every quarter',
    purpose:
      'The Domestic Violence Forum brings together the agencies that support victims of domestic abuse and deal with perpetrators, so that victims get a consistent response whoever they approach first.',
    duties: [
      'Oversee the multi-agency risk assessment conference (MARAC)',
      'Keep the referral pathways and the agencies’ shared protocol up to date',
      'Commission awareness training for front-line staff',
      'Monitor repeat victimisation and report it to the Safer Kelmsfield Partnership',
    ],
  },

  // Children and young people
  {
    key: 'childrens-trust',
    name: 'Kelmsfield Children’s Trust Board',
    shortName: 'Children’s Trust',
    parentKey: 'board',
    statutory: true,
    theme: t.children,
    establishedOn: '2007-04-01',
    meets: 'every two months',
    purpose:
      'The Children’s Trust Board brings together the partners who work with children, young people and families to improve the five Every Child Matters outcomes: being healthy, staying safe, enjoying and achieving, making a positive contribution and achieving economic well-being.',
    statutoryBasis:
      'The council and its relevant partners have a duty under section 10 of the Children Act 2004 to co-operate to improve the well-being of children, and to agree a Children and Young People’s Plan.',
    duties: [
      'Agree and publish the Children and Young People’s Plan, and review it each year',
      'Lead the children and young people block of the Local Area Agreement',
      'Promote joint commissioning and pooled budgets for children’s services',
      'Listen to children and young people, including through the Youth Council',
    ],
  },
  {
    key: 'lscb',
    name: 'Kelmsfield Local Safeguarding Children Board',
    shortName: 'LSCB',
    parentKey: 'childrens-trust',
    statutory: true,
    theme: t.children,
    establishedOn: '2006-04-01',
    meets: 'every quarter',
    purpose:
      'The Local Safeguarding Children Board co-ordinates what each agency does to safeguard and promote the welfare of children in Kelmsfield, and checks that it is effective.',
    statutoryBasis: 'The Board is established under section 13 of the Children Act 2004.',
    duties: [
      'Agree inter-agency child protection procedures and thresholds',
      'Carry out serious case reviews and make sure lessons are learned',
      'Provide multi-agency safeguarding training',
      'Publish an annual report on the effectiveness of safeguarding in the borough',
    ],
  },
  {
    key: 'teenage-pregnancy',
    name: 'Teenage Pregnancy Partnership Board',
    shortName: null,
    parentKey: 'childrens-trust',
    statutory: false,
    theme: t.children,
    establishedOn: '2007-01-15',
    meets: 'every quarter',
    purpose:
      'The Teenage Pregnancy Partnership Board leads the local strategy to reduce under-18 conceptions and to support teenage parents into education, training and work.',
    duties: [
      'Oversee sex and relationships education and young people’s sexual health services',
      'Target work on the wards with the highest conception rates',
      'Support teenage parents with childcare, housing and learning',
    ],
  },
  {
    key: 'fourteen-nineteen',
    name: '14–19 Partnership',
    shortName: null,
    parentKey: 'childrens-trust',
    statutory: false,
    theme: t.children,
    establishedOn: '2007-09-01',
    meets: 'every half term',
    purpose:
      'The 14–19 Partnership plans learning for young people aged 14 to 19 across schools, the college, training providers and employers, so that every young person can find a route into further learning or work.',
    duties: [
      'Plan the local offer of diplomas, apprenticeships and foundation learning',
      'Reduce the number of young people not in education, employment or training',
      'Broker work experience and apprenticeship places with employers',
    ],
  },

  // Health and wellbeing
  {
    key: 'health',
    name: 'Health and Wellbeing Partnership',
    shortName: null,
    parentKey: 'board',
    statutory: false,
    theme: t.health,
    establishedOn: '2007-06-01',
    meets: 'every two months',
    purpose:
      'The Health and Wellbeing Partnership works to improve the health of everyone in Kelmsfield and to narrow the gap in life expectancy between the most and least deprived wards.',
    duties: [
      'Lead the joint strategic needs assessment with the primary care trust and the council',
      'Lead the healthier communities and older people block of the Local Area Agreement',
      'Promote joint commissioning of health and social care',
      'Make sure carers, older people and disabled people are heard in planning services',
    ],
  },
  {
    key: 'older-people',
    name: 'Older People’s Partnership Board',
    shortName: null,
    parentKey: 'health',
    statutory: false,
    theme: t.health,
    establishedOn: '2007-10-01',
    meets: 'every quarter',
    purpose:
      'The Older People’s Partnership Board helps older people to live independently, stay active and have a say in the services they use.',
    duties: [
      'Deliver the borough’s strategy for an ageing population',
      'Promote falls prevention, home safety checks and benefit take-up',
      'Involve the Older People’s Forum in commissioning decisions',
    ],
  },
  {
    key: 'healthy-communities',
    name: 'Healthy Communities Group',
    shortName: null,
    parentKey: 'health',
    statutory: false,
    theme: t.health,
    establishedOn: '2008-05-01',
    meets: 'every two months',
    purpose:
      'The Healthy Communities Group leads work on healthy lifestyles: smoking, healthy eating, physical activity and sensible drinking. It took on the work of the Tobacco Control Alliance in April 2010.',
    duties: [
      'Deliver the stop smoking and tobacco control programme',
      'Tackle childhood and adult obesity through healthy eating and physical activity',
      'Work with faith and community groups to reach people services miss',
    ],
  },
  {
    key: 'tobacco-control',
    name: 'Tobacco Control Alliance',
    shortName: null,
    parentKey: 'health',
    statutory: false,
    theme: t.health,
    establishedOn: '2007-11-01',
    status: 'merged',
    statusChangedOn: '2010-04-01',
    mergedIntoKey: 'healthy-communities',
    meets: 'every quarter',
    purpose:
      'The Tobacco Control Alliance co-ordinated action to reduce smoking prevalence, protect people from second-hand smoke and stop the sale of illicit and underage tobacco.',
    duties: [
      'Promote the stop smoking service, especially in routine and manual groups',
      'Support enforcement of smoke-free legislation and underage sales',
      'Work with South Asian communities on smokeless tobacco',
    ],
  },

  // Economic development
  {
    key: 'economy',
    name: 'Kelmsfield Economic Partnership',
    shortName: 'KEP',
    parentKey: 'board',
    statutory: false,
    theme: t.economy,
    establishedOn: '2006-07-01',
    meets: 'every quarter',
    purpose:
      'The Kelmsfield Economic Partnership is the business-led partnership for the local economy. It works to attract investment, support enterprise, raise skills and make sure residents of every ward share in growth.',
    duties: [
      'Lead the economic development and enterprise block of the Local Area Agreement',
      'Agree the local economic assessment and the regeneration priorities',
      'Support businesses through the recession and monitor its local effects',
      'Champion the town centre and the borough’s employment sites',
    ],
  },
  {
    key: 'worklessness',
    name: 'Worklessness and Skills Board',
    shortName: null,
    parentKey: 'economy',
    statutory: false,
    theme: t.economy,
    establishedOn: '2008-06-01',
    meets: 'every two months',
    purpose:
      'The Worklessness and Skills Board joins up the help available to people who are out of work, so that residents of the most deprived wards move into sustained employment.',
    duties: [
      'Oversee the Working Neighbourhoods Fund employment programme',
      'Align Jobcentre Plus, college and voluntary sector employment support',
      'Monitor the working-age benefit claimant rate by ward',
    ],
  },
  {
    key: 'town-centre',
    name: 'Town Centre Management Group',
    shortName: null,
    parentKey: 'economy',
    statutory: false,
    theme: t.economy,
    establishedOn: '2006-09-01',
    meets: 'every month',
    purpose:
      'The Town Centre Management Group keeps Kelmsfield town centre clean, safe and busy by day and by night.',
    duties: [
      'Co-ordinate events, markets and promotions',
      'Run the Pubwatch and Shopwatch schemes with the police',
      'Report footfall and vacant units to the Kelmsfield Economic Partnership',
    ],
  },

  // Sustainability
  {
    key: 'sustainability',
    name: 'Sustainable Kelmsfield Partnership',
    shortName: null,
    parentKey: 'board',
    statutory: false,
    theme: t.sustainability,
    establishedOn: '2008-01-15',
    meets: 'every quarter',
    purpose:
      'The Sustainable Kelmsfield Partnership leads the environmental side of the Sustainable Community Strategy: cutting carbon emissions, adapting to climate change, reducing waste and improving the local environment.',
    duties: [
      'Agree the borough’s climate change strategy and carbon reduction targets',
      'Promote home energy efficiency and tackle fuel poverty',
      'Improve recycling rates and the cleanliness of streets and open spaces',
      'Plan for flood risk with the Environment Agency',
    ],
  },
  {
    key: 'climate-change',
    name: 'Climate Change Action Group',
    shortName: null,
    parentKey: 'sustainability',
    statutory: false,
    theme: t.sustainability,
    establishedOn: '2008-03-01',
    meets: 'every two months',
    purpose:
      'The Climate Change Action Group turns the partners’ carbon reduction commitments into a shared action plan and tracks progress.',
    duties: [
      'Maintain the partnership carbon reduction action plan',
      'Measure per capita carbon dioxide emissions in the borough',
      'Share good practice on energy and travel between partners',
    ],
  },
  {
    key: 'transport',
    name: 'Transport and Access Group',
    shortName: null,
    parentKey: 'sustainability',
    statutory: false,
    theme: t.sustainability,
    establishedOn: '2008-03-01',
    meets: 'every quarter',
    purpose:
      'The Transport and Access Group works for a borough that is easy to get around on foot, by bicycle and by public transport, and accessible to disabled and older people.',
    duties: [
      'Contribute to the Local Transport Plan',
      'Improve access to jobs, health services and the town centre',
      'Promote walking, cycling and travel planning by employers',
    ],
  },

  // Housing
  {
    key: 'housing',
    name: 'Kelmsfield Housing Partnership',
    shortName: null,
    parentKey: 'board',
    statutory: false,
    theme: t.housing,
    establishedOn: '2006-10-01',
    meets: 'every quarter',
    purpose:
      'The Kelmsfield Housing Partnership brings together the council, social landlords, advice services and residents to deliver the housing strategy: more affordable homes, decent homes for all and an end to rough sleeping.',
    duties: [
      'Agree and monitor the housing strategy',
      'Plan the supply of affordable housing with developers and landlords',
      'Bring council and housing association homes up to the Decent Homes Standard',
      'Oversee the homelessness strategy and supported housing',
    ],
  },
  {
    key: 'homelessness',
    name: 'Homelessness Forum',
    shortName: null,
    parentKey: 'housing',
    statutory: false,
    theme: t.housing,
    establishedOn: '2006-11-01',
    meets: 'every quarter',
    purpose:
      'The Homelessness Forum brings together the agencies that prevent and respond to homelessness so that nobody has to sleep rough in Kelmsfield.',
    duties: [
      'Monitor the homelessness strategy and the use of temporary accommodation',
      'Co-ordinate the winter night shelter and the rough sleeper count',
      'Agree protocols for people leaving prison, hospital and care',
    ],
  },
  {
    key: 'supporting-people',
    name: 'Supporting People Commissioning Body',
    shortName: null,
    parentKey: 'housing',
    statutory: false,
    theme: t.housing,
    establishedOn: '2006-04-01',
    meets: 'every quarter',
    purpose:
      'The Supporting People Commissioning Body agrees how the Supporting People grant is spent on housing-related support for vulnerable people.',
    duties: [
      'Agree the Supporting People strategy and commissioning plan',
      'Review the quality and value of funded services',
      'Make sure providers from the voluntary sector are consulted on changes',
    ],
  },

  // Stronger communities
  {
    key: 'stronger',
    name: 'Stronger Communities Partnership',
    shortName: null,
    parentKey: 'board',
    statutory: false,
    theme: t.stronger,
    establishedOn: '2006-04-01',
    meets: 'every quarter',
    purpose:
      'The Stronger Communities Partnership works for a borough where people from different backgrounds get on well together, feel they belong and can influence decisions that affect their neighbourhood.',
    duties: [
      'Support the voluntary, community and faith sectors and the Kelmsfield Compact',
      'Promote volunteering, neighbourhood forums and community engagement',
      'Lead on community cohesion and the response to hate crime',
      'Monitor the proportion of people who feel they can influence local decisions',
    ],
  },
  {
    key: 'cohesion',
    name: 'Community Cohesion Forum',
    shortName: null,
    parentKey: 'stronger',
    statutory: false,
    theme: t.stronger,
    establishedOn: '2007-03-01',
    meets: 'every two months',
    purpose:
      'The Community Cohesion Forum helps the borough’s communities understand each other, and responds quickly to tensions.',
    duties: [
      'Monitor community tensions with the police and faith leaders',
      'Support interfaith and intercultural events',
      'Welcome new arrivals to the borough',
    ],
  },
  {
    key: 'neighbourhood-renewal',
    name: 'Neighbourhood Renewal Steering Group',
    shortName: null,
    parentKey: 'stronger',
    statutory: false,
    theme: t.stronger,
    establishedOn: '2006-04-01',
    status: 'abolished',
    statusChangedOn: '2008-04-01',
    meets: 'every two months',
    purpose:
      'The Neighbourhood Renewal Steering Group allocated and monitored the Neighbourhood Renewal Fund in the borough’s most deprived neighbourhoods. It closed when the fund ended in March 2008; the Working Neighbourhoods Fund is overseen by the Worklessness and Skills Board.',
    duties: [
      'Allocate the Neighbourhood Renewal Fund to projects',
      'Monitor floor targets in the most deprived neighbourhoods',
      'Involve residents of the priority neighbourhoods in decisions',
    ],
  },
  {
    key: 'compact',
    name: 'Compact Working Group',
    shortName: null,
    parentKey: 'stronger',
    statutory: false,
    theme: t.stronger,
    establishedOn: '2007-05-01',
    meets: 'every quarter',
    purpose:
      'The Compact Working Group looks after the Kelmsfield Compact: the agreement between the public bodies and the voluntary and community sector on how they work together, consult and fund.',
    duties: [
      'Review the Compact and its codes of practice every year',
      'Handle Compact complaints and learn from them',
      'Promote fair funding: three-year grants and full cost recovery',
    ],
  },
];

// ---------------------------------------------------------------------------
// Memberships: who sits where, and when

/** role, person, starts on (null: when the partnership was established), ends on (null: current). */
type SeatSpec = readonly [
  role: MembershipRole,
  personKey: string,
  startsOn?: string | null,
  endsOn?: string | null,
];

const seatsByPartnership: Record<string, SeatSpec[]> = {
  board: [
    ['chair', 'roger-fairclough', null, '2010-05-19'],
    ['chair', 'margaret-ellery', '2010-05-20'],
    ['member', 'margaret-ellery', null, '2010-05-19'],
    ['member', 'bernadette-quinlan', null, '2008-05-31'],
    ['vice_chair', 'bernadette-quinlan', '2008-06-01'],
    ['member', 'alistair-fenwick'],
    ['member', 'robert-halloran', null, '2011-08-31'],
    ['member', 'ian-marchbank', '2011-09-01'],
    ['member', 'christopher-lowther'],
    ['member', 'geoffrey-nkemelu', '2007-01-01'],
    ['member', 'keith-armitage'],
    ['member', 'beverley-snaith'],
    ['member', 'vivienne-harcourt', null, '2010-03-31'],
    ['member', 'elaine-worsfold'],
    ['member', 'lesley-rutherford'],
    ['member', 'josephine-hartley', '2007-06-01'],
    ['member', 'maureen-gallagher'],
    ['member', 'angela-whitcombe', '2010-04-01'],
    ['member', 'rajesh-bhandari'],
    ['member', 'trevor-haldane', '2010-05-20'],
    ['substitute', 'marcus-oduya'],
    ['substitute', 'carol-denholm', '2011-09-01'],
    ['observer', 'philippa-drummond', null, '2011-03-31'],
    ['observer', 'julian-abernethy', '2012-01-01'],
    ['secretariat', 'helen-marsh'],
    ['secretariat', 'priya-chandran', '2009-02-01'],
  ],
  safer: [
    ['chair', 'robert-halloran', null, '2009-05-31'],
    ['member', 'robert-halloran', '2009-06-01', '2011-08-31'],
    ['member', 'susan-pettifer', null, '2009-05-31'],
    ['chair', 'susan-pettifer', '2009-06-01'],
    ['vice_chair', 'ian-marchbank', '2011-09-01'],
    ['member', 'gary-stedman'],
    ['member', 'carol-denholm'],
    ['member', 'elaine-worsfold'],
    ['member', 'keith-armitage'],
    ['member', 'gillian-sowerby'],
    ['member', 'geoffrey-nkemelu'],
    ['member', 'dean-hollis'],
    ['member', 'malcolm-tewson'],
    ['member', 'maureen-gallagher'],
    ['member', 'ruth-carrow', '2007-04-01'],
    ['member', 'liam-cassidy', '2009-01-01'],
    ['member', 'imtiaz-qadir', '2008-01-01'],
    ['substitute', 'sanjay-mistry'],
    ['substitute', 'joanne-tully', '2008-09-01'],
    ['observer', 'kwame-asante', '2010-06-01'],
    ['secretariat', 'owen-gadsby'],
  ],
  asb: [
    ['chair', 'gary-stedman'],
    ['vice_chair', 'carol-denholm'],
    ['member', 'sanjay-mistry'],
    ['member', 'malcolm-tewson'],
    ['member', 'dean-hollis'],
    ['member', 'maureen-gallagher'],
    ['member', 'dennis-copley', '2007-03-01'],
    ['member', 'jamal-richards'],
    ['member', 'joanne-tully', '2008-09-01'],
    ['member', 'andrew-blenkinsop'],
    ['member', 'clive-bramhall', '2008-01-01', '2012-12-31'],
    ['secretariat', 'nadia-kowalczyk'],
  ],
  daat: [
    ['chair', 'gillian-sowerby'],
    ['vice_chair', 'gary-stedman'],
    ['member', 'carol-denholm'],
    ['member', 'michelle-barraclough'],
    ['member', 'dean-hollis'],
    ['member', 'liam-cassidy'],
    ['member', 'patrick-rourke'],
    ['member', 'diane-fawcett', null, '2010-06-30'],
    ['member', 'anjali-raman', '2010-07-01'],
    ['member', 'valerie-osei', '2007-04-01'],
    ['substitute', 'tariq-hussain'],
    ['secretariat', 'paul-renshaw'],
  ],
  'domestic-violence': [
    ['chair', 'ruth-carrow'],
    ['vice_chair', 'michelle-barraclough'],
    ['member', 'sanjay-mistry'],
    ['member', 'deborah-kinsella'],
    ['member', 'frances-millington'],
    ['member', 'zahid-rafiq'],
    ['member', 'kathleen-ormerod'],
    ['member', 'harjit-sandhu'],
    ['member', 'wendy-calloway'],
    ['observer', 'susan-pettifer', '2009-06-01'],
    ['secretariat', 'owen-gadsby'],
  ],
  'childrens-trust': [
    ['chair', 'declan-moriarty'],
    ['vice_chair', 'catherine-bellamy'],
    ['member', 'anjali-raman', '2010-07-01'],
    ['member', 'diane-fawcett', null, '2010-06-30'],
    ['member', 'carol-denholm'],
    ['member', 'dean-hollis'],
    ['member', 'angela-whitcombe'],
    ['member', 'peter-lindqvist'],
    ['member', 'moira-callaghan'],
    ['member', 'beverley-snaith'],
    ['member', 'jamal-richards'],
    ['member', 'marcus-oduya'],
    ['member', 'jade-whitworth', '2008-04-01'],
    ['member', 'brendan-kearney'],
    ['member', 'vivienne-harcourt', null, '2010-03-31'],
    ['substitute', 'deborah-kinsella'],
    ['secretariat', 'sarah-quennell'],
  ],
  lscb: [
    ['chair', 'catherine-bellamy', null, '2009-03-31'],
    ['chair', 'rosalind-hebden', '2009-04-01'],
    ['member', 'catherine-bellamy', '2009-04-01'],
    ['vice_chair', 'frances-millington'],
    ['member', 'carol-denholm'],
    ['member', 'michelle-barraclough'],
    ['member', 'dean-hollis'],
    ['member', 'diane-fawcett', null, '2010-06-30'],
    ['member', 'anjali-raman', '2010-07-01'],
    ['member', 'patrick-rourke'],
    ['member', 'moira-callaghan'],
    ['member', 'peter-lindqvist'],
    ['member', 'jamal-richards'],
    ['member', 'alison-pemberton'],
    ['member', 'hugh-lattimer', '2013-01-01'],
    ['substitute', 'sanjay-mistry'],
    ['secretariat', 'deborah-kinsella'],
  ],
  'teenage-pregnancy': [
    ['chair', 'diane-fawcett', null, '2010-06-30'],
    ['chair', 'anjali-raman', '2010-07-01'],
    ['vice_chair', 'sarah-quennell'],
    ['member', 'peter-lindqvist'],
    ['member', 'angela-whitcombe'],
    ['member', 'lucy-harrowby'],
    ['member', 'precious-mensah'],
    ['member', 'jade-whitworth', '2008-04-01'],
    ['member', 'frances-millington'],
    ['secretariat', 'hannah-lightbody'],
  ],
  'fourteen-nineteen': [
    ['chair', 'angela-whitcombe'],
    ['vice_chair', 'peter-lindqvist'],
    ['member', 'catherine-bellamy'],
    ['member', 'vivienne-harcourt', null, '2010-03-31'],
    ['member', 'julian-abernethy'],
    ['member', 'beverley-snaith'],
    ['member', 'derek-ainsworth'],
    ['member', 'kirsty-dunlop'],
    ['member', 'jamal-richards'],
    ['member', 'jade-whitworth', '2008-04-01'],
    ['substitute', 'adebayo-coker'],
    ['secretariat', 'sarah-quennell'],
  ],
  health: [
    ['chair', 'patricia-lundy'],
    ['vice_chair', 'christopher-lowther'],
    ['member', 'diane-fawcett', null, '2010-06-30'],
    ['member', 'anjali-raman', '2010-07-01'],
    ['member', 'martin-oyelaran'],
    ['member', 'frances-millington'],
    ['member', 'patrick-rourke'],
    ['member', 'shirley-pembridge'],
    ['member', 'lucy-harrowby'],
    ['member', 'edna-fairbrother'],
    ['member', 'philip-garside'],
    ['member', 'kiran-patel', '2008-09-01'],
    ['member', 'precious-mensah'],
    ['substitute', 'gillian-sowerby'],
    ['observer', 'linda-prothero', '2009-06-01'],
    ['secretariat', 'priya-chandran', '2009-02-01'],
    ['secretariat', 'owen-gadsby', null, '2009-01-31'],
  ],
  'older-people': [
    ['chair', 'martin-oyelaran'],
    ['vice_chair', 'edna-fairbrother'],
    ['member', 'shirley-pembridge'],
    ['member', 'keith-armitage'],
    ['member', 'wendy-calloway'],
    ['member', 'malcolm-tewson'],
    ['member', 'colin-ridgeway'],
    ['member', 'gillian-sowerby'],
    ['member', 'philip-garside'],
    ['observer', 'patricia-lundy'],
    ['secretariat', 'lorraine-pickersgill'],
  ],
  'healthy-communities': [
    ['chair', 'diane-fawcett', null, '2010-06-30'],
    ['chair', 'anjali-raman', '2010-07-01'],
    ['vice_chair', 'lucy-harrowby'],
    ['member', 'tariq-hussain'],
    ['member', 'ewan-falconer'],
    ['member', 'andrew-blenkinsop'],
    ['member', 'precious-mensah'],
    ['member', 'imtiaz-qadir'],
    ['member', 'gurmeet-bains'],
    ['member', 'sophie-brannigan', '2009-01-01'],
    ['member', 'kiran-patel', '2010-04-01'],
    ['member', 'vikram-sood', '2010-04-01'],
    ['secretariat', 'owen-gadsby'],
  ],
  'tobacco-control': [
    ['chair', 'tariq-hussain'],
    ['vice_chair', 'andrew-blenkinsop'],
    ['member', 'kiran-patel'],
    ['member', 'gurmeet-bains'],
    ['member', 'vikram-sood'],
    ['member', 'frances-millington'],
    ['member', 'peter-lindqvist'],
    ['member', 'sanjay-mistry', '2008-06-01'],
    ['secretariat', 'owen-gadsby'],
  ],
  economy: [
    ['chair', 'howard-bexley'],
    ['vice_chair', 'rajesh-bhandari'],
    ['member', 'rachel-tindall'],
    ['member', 'lesley-rutherford'],
    ['member', 'gemma-thistlewood'],
    ['member', 'vikram-sood'],
    ['member', 'derek-ainsworth'],
    ['member', 'nigel-ferriby'],
    ['member', 'oliver-nowak', '2012-03-01'],
    ['member', 'beverley-snaith'],
    ['member', 'vivienne-harcourt', null, '2010-03-31'],
    ['member', 'angela-whitcombe', '2010-04-01'],
    ['member', 'julian-abernethy'],
    ['member', 'bernadette-quinlan', '2009-01-01'],
    ['substitute', 'adebayo-coker'],
    ['observer', 'philippa-drummond', null, '2011-03-31'],
    ['secretariat', 'simon-teasdale'],
  ],
  worklessness: [
    ['chair', 'beverley-snaith'],
    ['vice_chair', 'adebayo-coker'],
    ['member', 'angela-whitcombe'],
    ['member', 'vivienne-harcourt', null, '2010-03-31'],
    ['member', 'kirsty-dunlop'],
    ['member', 'wendy-calloway'],
    ['member', 'yvonne-chalmers'],
    ['member', 'michelle-barraclough'],
    ['member', 'lucy-harrowby'],
    ['member', 'precious-mensah'],
    ['member', 'dennis-copley', '2009-09-01'],
    ['secretariat', 'simon-teasdale'],
  ],
  'town-centre': [
    ['chair', 'gemma-thistlewood'],
    ['vice_chair', 'stephen-carlisle'],
    ['member', 'sanjay-mistry'],
    ['member', 'andrew-blenkinsop'],
    ['member', 'janet-crossley'],
    ['member', 'sophie-brannigan'],
    ['member', 'nigel-ferriby'],
    ['member', 'clive-bramhall'],
    ['member', 'vikram-sood'],
    ['member', 'howard-bexley', null, '2009-12-31'],
    ['secretariat', 'simon-teasdale'],
  ],
  sustainability: [
    ['chair', 'graham-whitlock'],
    ['vice_chair', 'ewan-falconer'],
    ['member', 'andrew-blenkinsop'],
    ['member', 'rebecca-stainforth'],
    ['member', 'janet-crossley'],
    ['member', 'julian-abernethy'],
    ['member', 'derek-ainsworth'],
    ['member', 'malcolm-tewson'],
    ['member', 'kathleen-ormerod'],
    ['member', 'linda-prothero'],
    ['member', 'samuel-adeyemi'],
    ['member', 'hugh-lattimer'],
    ['member', 'keith-armitage', null, '2011-12-31'],
    ['substitute', 'claire-fothergill', null, '2008-12-31'],
    ['secretariat', 'claire-fothergill', '2009-01-01'],
  ],
  'climate-change': [
    ['chair', 'claire-fothergill'],
    ['vice_chair', 'rebecca-stainforth'],
    ['member', 'andrew-blenkinsop'],
    ['member', 'malcolm-tewson'],
    ['member', 'julian-abernethy'],
    ['member', 'oliver-nowak'],
    ['member', 'samuel-adeyemi'],
    ['member', 'keith-armitage'],
    ['member', 'kathleen-ormerod'],
    ['secretariat', 'owen-gadsby'],
  ],
  transport: [
    ['chair', 'janet-crossley'],
    ['vice_chair', 'philip-garside'],
    ['member', 'gemma-thistlewood'],
    ['member', 'edna-fairbrother'],
    ['member', 'ewan-falconer'],
    ['member', 'kirsty-dunlop'],
    ['member', 'joyce-amberley'],
    ['member', 'brian-oakenshaw', null, '2011-05-05'],
    ['member', 'neil-trencher', '2011-05-06'],
    ['secretariat', 'lorraine-pickersgill'],
  ],
  housing: [
    ['chair', 'amina-yusuf'],
    ['vice_chair', 'kathleen-ormerod'],
    ['member', 'rachel-tindall'],
    ['member', 'zahid-rafiq'],
    ['member', 'malcolm-tewson'],
    ['member', 'valerie-osei'],
    ['member', 'maureen-gallagher'],
    ['member', 'dennis-copley'],
    ['member', 'wendy-calloway'],
    ['member', 'liam-cassidy'],
    ['member', 'nigel-ferriby'],
    ['substitute', 'agnieszka-nowicka'],
    ['secretariat', 'lorraine-pickersgill'],
  ],
  homelessness: [
    ['chair', 'zahid-rafiq'],
    ['vice_chair', 'wendy-calloway'],
    ['member', 'valerie-osei'],
    ['member', 'liam-cassidy'],
    ['member', 'ruth-carrow'],
    ['member', 'kathleen-ormerod'],
    ['member', 'colin-ridgeway'],
    ['member', 'imtiaz-qadir'],
    ['member', 'michelle-barraclough'],
    ['member', 'patrick-rourke'],
    ['secretariat', 'sunita-rao'],
  ],
  'supporting-people': [
    ['chair', 'rachel-tindall'],
    ['vice_chair', 'gillian-sowerby'],
    ['member', 'martin-oyelaran'],
    ['member', 'geoffrey-nkemelu'],
    ['member', 'zahid-rafiq'],
    ['member', 'malcolm-tewson'],
    ['member', 'amina-yusuf'],
    ['member', 'shirley-pembridge'],
    ['observer', 'bernadette-quinlan'],
    ['secretariat', 'valerie-osei'],
  ],
  stronger: [
    ['chair', 'josephine-hartley'],
    ['vice_chair', 'bernadette-quinlan'],
    ['member', 'harjit-sandhu'],
    ['member', 'yvonne-chalmers'],
    ['member', 'maureen-gallagher'],
    ['member', 'clive-bramhall'],
    ['member', 'precious-mensah'],
    ['member', 'jade-whitworth', '2008-04-01'],
    ['member', 'alison-pemberton'],
    ['member', 'imtiaz-qadir'],
    ['member', 'carol-denholm'],
    ['member', 'farida-haque'],
    ['member', 'agnieszka-nowicka', '2008-10-01'],
    ['member', 'philip-garside'],
    ['member', 'david-ogunleye', null, '2008-03-31'],
    ['substitute', 'marcus-oduya'],
    ['secretariat', 'ifeoma-nwosu'],
  ],
  cohesion: [
    ['chair', 'harjit-sandhu'],
    ['vice_chair', 'alison-pemberton'],
    ['member', 'imtiaz-qadir'],
    ['member', 'gurmeet-bains'],
    ['member', 'miriam-rosenthal'],
    ['member', 'kiran-patel'],
    ['member', 'brendan-kearney'],
    ['member', 'samuel-adeyemi'],
    ['member', 'agnieszka-nowicka', '2008-10-01'],
    ['member', 'carol-denholm'],
    ['member', 'farida-haque'],
    ['substitute', 'josephine-hartley'],
    ['secretariat', 'ifeoma-nwosu'],
  ],
  'neighbourhood-renewal': [
    ['chair', 'rajesh-bhandari'],
    ['vice_chair', 'bernadette-quinlan'],
    ['member', 'david-ogunleye'],
    ['member', 'dennis-copley'],
    ['member', 'precious-mensah'],
    ['member', 'maureen-gallagher'],
    ['member', 'robert-halloran'],
    ['member', 'christopher-lowther'],
    ['secretariat', 'owen-gadsby'],
  ],
  compact: [
    ['chair', 'marcus-oduya'],
    ['vice_chair', 'helen-marsh'],
    ['member', 'yvonne-chalmers'],
    ['member', 'shirley-pembridge'],
    ['member', 'jamal-richards'],
    ['member', 'kathleen-ormerod'],
    ['member', 'colin-ridgeway'],
    ['member', 'gillian-sowerby'],
    ['secretariat', 'ifeoma-nwosu'],
  ],
};

// ---------------------------------------------------------------------------
// Logins

const loginSpecs: readonly [personKey: string | null, email: string | null, grants: DemoGrant[]][] = [
  [null, 'admin@kelmsfield.example', [{ role: 'site_admin' }]],
  ['helen-marsh', null, [{ role: 'secretariat' }]],
  ['susan-pettifer', null, [{ role: 'partnership_manager', partnershipKey: 'safer' }]],
  ['carol-denholm', null, [{ role: 'partner_officer', organisationKey: 'police' }]],
  ['lesley-rutherford', null, [{ role: 'member', partnershipKey: 'board' }]],
  // A frontline councillor (Pennyfold ward), who may raise a Councillor Call for Action.
  ['neil-trencher', null, [{ role: 'councillor' }]],
  ['naomi-threlfall', null, [{ role: 'scrutiny_officer' }]],
  [
    'bernadette-quinlan',
    null,
    [
      { role: 'partner_officer', organisationKey: 'cvs' },
      { role: 'member', partnershipKey: 'board' },
    ],
  ],
];

// ---------------------------------------------------------------------------
// The generator

function termsOfReference(spec: PartnershipSpec, parentName: string | null, memberSectors: Sector[]): string {
  const paragraphs: string[] = [`## Purpose`, spec.purpose];
  if (spec.statutoryBasis) paragraphs.push('## Statutory basis', spec.statutoryBasis);
  paragraphs.push('## Responsibilities', spec.duties.map((duty) => `- ${duty}`).join('\n'));
  const accountability = parentName
    ? `The ${spec.name} reports to the ${parentName}, which agrees its work programme and receives a progress report at least twice a year. Each partner remains accountable for its own services through its own governance.`
    : `The ${spec.name} is not a statutory body and does not replace the governance of any partner: each partner remains accountable for its own services. The Board reports each year to residents and to the council’s overview and scrutiny committee.`;
  paragraphs.push('## Accountability', accountability);
  const sectorWords = listInWords(
    sectors.filter((s) => memberSectors.includes(s)).map((s) => sectorLabels[s]),
  );
  paragraphs.push(
    '## Membership and meetings',
    `Members are nominated by their organisations and drawn from the ${sectorWords} sectors. Each member may name a substitute. The ${spec.name} meets ${spec.meets}; a meeting is quorate when the chair or vice-chair and at least a third of the members, from at least two sectors, are present. Papers are published five working days before each meeting and decisions within ten working days after it.`,
  );
  return paragraphs.join('\n\n');
}

function build(): DemoPlace {
  const wards: DemoWard[] = wardSpecs.map(([name, population], index) => ({
    name,
    slug: slugify(name),
    gssCode: `E05${String(99901 + index).padStart(6, '0')}`,
    population,
  }));
  const wardSlugByName = new Map(wards.map((w) => [w.name, w.slug]));

  const neighbourhoods: DemoNeighbourhood[] = neighbourhoodSpecs.map(([name, wardName]) => {
    const wardSlug = wardSlugByName.get(wardName);
    if (!wardSlug) throw new Error(`Demo neighbourhood ${name}: unknown ward ${wardName}`);
    return { name, slug: slugify(name), wardSlug };
  });

  const orgSpecByKey = new Map(organisationSpecs.map((o) => [o.key, o]));
  const organisations: DemoOrganisation[] = organisationSpecs.map((o) => ({
    key: o.key,
    name: o.name,
    slug: slugify(o.name),
    sector: o.sector,
    type: o.type,
    namedPartner: o.namedPartner,
    description: o.description,
    website: o.website ? `https://www.${o.domain}/` : null,
  }));

  const people: DemoPerson[] = personSpecs.map(([name, organisationKey, position, councillor]) => {
    const orgSpec = orgSpecByKey.get(organisationKey);
    if (!orgSpec) throw new Error(`Demo person ${name}: unknown organisation ${organisationKey}`);
    const slug = slugify(name);
    const person: DemoPerson = {
      key: slug,
      name,
      slug,
      email: `${slug.replace(/-/g, '.')}@${orgSpec.domain}`,
      organisationKey,
      position,
    };
    if (councillor) person.councillor = { ...councillor };
    return person;
  });
  const personByKey = new Map(people.map((p) => [p.key, p]));

  const memberships: DemoMembership[] = [];
  const sectorsByPartnership = new Map<string, Sector[]>();
  for (const spec of partnershipSpecs) {
    const seats = seatsByPartnership[spec.key] ?? [];
    const closedOn =
      spec.statusChangedOn && spec.status !== 'active' ? dayBefore(spec.statusChangedOn) : null;
    const seen: Sector[] = [];
    for (const [role, personKey, startsOn, endsOn] of seats) {
      const person = personByKey.get(personKey);
      if (!person) throw new Error(`Demo seat on ${spec.key}: unknown person ${personKey}`);
      const orgSpec = orgSpecByKey.get(person.organisationKey);
      if (!orgSpec)
        throw new Error(`Demo seat on ${spec.key}: unknown organisation ${person.organisationKey}`);
      memberships.push({
        partnershipKey: spec.key,
        personKey,
        role,
        organisationKey: orgSpec.key,
        sector: orgSpec.sector,
        startsOn: startsOn ?? spec.establishedOn,
        endsOn: endsOn ?? closedOn,
      });
      if (!seen.includes(orgSpec.sector)) seen.push(orgSpec.sector);
    }
    sectorsByPartnership.set(spec.key, seen);
  }

  const nameByPartnershipKey = new Map(partnershipSpecs.map((p) => [p.key, p.name]));
  const partnerships: DemoPartnership[] = partnershipSpecs.map((spec) => ({
    key: spec.key,
    name: spec.name,
    slug: slugify(spec.name),
    shortName: spec.shortName,
    parentKey: spec.parentKey,
    statutory: spec.statutory,
    theme: spec.theme,
    termsOfReference: termsOfReference(
      spec,
      spec.parentKey ? (nameByPartnershipKey.get(spec.parentKey) ?? null) : null,
      sectorsByPartnership.get(spec.key) ?? [],
    ),
    status: spec.status ?? 'active',
    establishedOn: spec.establishedOn,
    statusChangedOn: spec.statusChangedOn ?? null,
    mergedIntoKey: spec.mergedIntoKey ?? null,
  }));

  const logins: DemoLogin[] = loginSpecs.map(([personKey, email, grants]) => {
    const person = personKey ? personByKey.get(personKey) : undefined;
    if (personKey && !person) throw new Error(`Demo login: unknown person ${personKey}`);
    return {
      email: email ?? person?.email ?? '',
      password: demoPassword,
      displayName: person?.name ?? 'Site administrator',
      personKey,
      grants: grants.map((g) => ({ ...g })),
    };
  });

  return {
    place: { ...place, population: wards.reduce((sum, w) => sum + w.population, 0) },
    parentPlace: null,
    wards,
    neighbourhoods,
    organisations,
    people,
    partnerships,
    memberships,
    logins,
  };
}

/** The fictional demo place, Kelmsfield: a fresh copy on every call. */
export function demoPlace(): DemoPlace {
  return build();
}
