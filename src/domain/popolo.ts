/**
 * The registry as Popolo JSON (popoloproject.com): organizations, persons,
 * memberships, posts and areas, and partnership meetings as events. Pure: given
 * the records, returns the document. Persons carry public fields only: never an
 * email address.
 */

export interface PopoloInput {
  areas: { id: number; name: string; gss_code: string | null; kind: string; parent_id: number | null }[];
  organisations: {
    id: number;
    name: string;
    slug: string;
    sector: string;
    type: string;
    named_partner: number;
    area_id: number | null;
    website: string | null;
  }[];
  partnerships: {
    id: number;
    name: string;
    slug: string;
    parent_id: number | null;
    statutory: number;
    theme: string | null;
    status: string;
    established_on: string | null;
    status_changed_on: string | null;
    area_id: number | null;
  }[];
  people: {
    id: number;
    name: string;
    slug: string;
    councillor: number;
    ward_id: number | null;
    councillor_role: string | null;
    party: string | null;
  }[];
  affiliations: { id: number; person_id: number; organisation_id: number; position: string | null }[];
  memberships: {
    id: number;
    person_id: number;
    partnership_id: number;
    organisation_id: number | null;
    role: string;
    sector: string;
    starts_on: string;
    ends_on: string | null;
  }[];
  /**
   * Partnership meetings, as events. Members-only meetings are listed (that they meet is
   * public) but never with their attendees, whatever is passed in.
   */
  meetings?: {
    id: number;
    partnership_id: number;
    title: string;
    /** UTC instants (ISO 8601). */
    starts_at: string;
    ends_at: string | null;
    location: string | null;
    online_url: string | null;
    /** scheduled | held | cancelled | postponed */
    status: string;
    /** public | members */
    visibility: string;
    /** The meeting's iCalendar UID, the same as in the calendar feeds. */
    uid: string;
    /** Who attended: seat holders present ("member") and substitutes ("substitute"). */
    attendees: { person_id: number; role: 'member' | 'substitute' }[];
  }[];
  baseUrl: string;
}

const orgId = (id: number) => `organisation/${id}`;
const partnershipId = (id: number) => `partnership/${id}`;
const personId = (id: number) => `person/${id}`;
const areaId = (id: number) => `area/${id}`;
const meetingId = (id: number) => `meeting/${id}`;

/** Popolo's date-time pattern has no fractions of a second: 2027-07-01T09:00:00.000Z becomes 2027-07-01T09:00:00Z. */
const popoloDateTime = (iso: string) => iso.replace(/\.\d+Z$/, 'Z');

export function popoloDocument(input: PopoloInput) {
  const url = (path: string) => `${input.baseUrl}${path}`;
  const posts = new Map<string, { id: string; label: string; role: string; organization_id: string }>();
  for (const m of input.memberships) {
    const id = `post/${m.partnership_id}/${m.role}`;
    if (!posts.has(id))
      posts.set(id, {
        id,
        label: m.role.replace('_', '-'),
        role: m.role,
        organization_id: partnershipId(m.partnership_id),
      });
  }
  return {
    areas: input.areas.map((a) => ({
      id: areaId(a.id),
      name: a.name,
      classification: a.kind,
      ...(a.gss_code ? { identifiers: [{ scheme: 'gss', identifier: a.gss_code }] } : {}),
      ...(a.parent_id ? { parent_id: areaId(a.parent_id) } : {}),
    })),
    organizations: [
      ...input.organisations.map((o) => ({
        id: orgId(o.id),
        name: o.name,
        classification: o.type,
        sector: o.sector,
        named_partner: o.named_partner === 1,
        ...(o.area_id ? { area_id: areaId(o.area_id) } : {}),
        links: [
          { url: url(`/organisations/${o.slug}`), note: 'web page' },
          ...(o.website ? [{ url: o.website, note: 'website' }] : []),
        ],
      })),
      ...input.partnerships.map((p) => ({
        id: partnershipId(p.id),
        name: p.name,
        classification: p.parent_id ? 'partnership' : 'partnership board',
        ...(p.parent_id ? { parent_id: partnershipId(p.parent_id) } : {}),
        ...(p.area_id ? { area_id: areaId(p.area_id) } : {}),
        ...(p.established_on ? { founding_date: p.established_on } : {}),
        ...(p.status !== 'active' && p.status_changed_on ? { dissolution_date: p.status_changed_on } : {}),
        statutory: p.statutory === 1,
        status: p.status,
        ...(p.theme ? { theme: p.theme } : {}),
        links: [{ url: url(`/partnerships/${p.slug}`), note: 'web page' }],
      })),
    ],
    persons: input.people.map((p) => ({
      id: personId(p.id),
      name: p.name,
      ...(p.councillor
        ? {
            councillor: {
              ward_id: p.ward_id ? areaId(p.ward_id) : null,
              role: p.councillor_role,
              party: p.party,
            },
          }
        : {}),
      links: [{ url: url(`/people/${p.slug}`), note: 'web page' }],
    })),
    posts: [...posts.values()],
    memberships: [
      ...input.memberships.map((m) => ({
        id: `membership/${m.id}`,
        person_id: personId(m.person_id),
        organization_id: partnershipId(m.partnership_id),
        post_id: `post/${m.partnership_id}/${m.role}`,
        role: m.role.replace('_', '-'),
        ...(m.organisation_id ? { on_behalf_of_id: orgId(m.organisation_id) } : {}),
        sector: m.sector,
        start_date: m.starts_on,
        ...(m.ends_on ? { end_date: m.ends_on } : {}),
      })),
      ...input.affiliations.map((a) => ({
        id: `affiliation/${a.id}`,
        person_id: personId(a.person_id),
        organization_id: orgId(a.organisation_id),
        ...(a.position ? { role: a.position } : {}),
      })),
    ],
    events: (input.meetings ?? []).map((m) => {
      const location = m.location ?? (m.online_url ? 'Online only' : null);
      const open = m.visibility === 'public';
      return {
        id: meetingId(m.id),
        name: m.title,
        classification: 'meeting',
        start_date: popoloDateTime(m.starts_at),
        ...(m.ends_at ? { end_date: popoloDateTime(m.ends_at) } : {}),
        ...(location ? { location } : {}),
        status: m.status,
        organization_id: partnershipId(m.partnership_id),
        open_to_public: open,
        identifiers: [{ scheme: 'icalendar-uid', identifier: m.uid }],
        // Attendees are Popolo persons by id; the role says whether they held the seat or substituted.
        ...(open && m.attendees.length
          ? { attendees: m.attendees.map((a) => ({ id: personId(a.person_id), role: a.role })) }
          : {}),
        links: [{ url: url(`/meetings/${m.id}`), note: 'web page' }],
      };
    }),
  };
}
