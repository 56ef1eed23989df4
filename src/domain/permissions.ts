/**
 * Who may do what: the one permission table of Placeshaper.
 * Pure: the services ask it before every write, the views ask it before showing a link.
 */

export const roleKinds = [
  'site_admin',
  'secretariat',
  'partnership_manager',
  'partner_officer',
  'member',
  'councillor',
  'scrutiny_officer',
  'resident',
] as const;
export type RoleKind = (typeof roleKinds)[number];

export const roleLabels: Record<RoleKind, string> = {
  site_admin: 'Site administrator',
  secretariat: 'Secretariat of the place',
  partnership_manager: 'Chair or secretary of a partnership',
  partner_officer: 'Partner officer of an organisation',
  member: 'Member of a partnership',
  councillor: 'Councillor',
  scrutiny_officer: 'Overview and scrutiny officer',
  resident: 'Resident (has their say)',
};

export type Grant =
  | { role: 'site_admin' }
  | { role: 'secretariat' }
  | { role: 'partnership_manager'; partnershipId: number }
  | { role: 'partner_officer'; organisationId: number }
  | { role: 'member'; partnershipId: number }
  | { role: 'councillor' }
  | { role: 'scrutiny_officer' }
  | { role: 'resident' };

/** A signed-in person acting on the system; `null` is the public. */
export interface Actor {
  userId: number;
  name: string;
  grants: Grant[];
}

/** What an action is done to, as far as permissions care. */
export interface Scope {
  /** The partnership concerned and all its ancestors, nearest first. */
  partnershipLine?: number[];
  organisationId?: number;
}

type Rule =
  | { role: 'site_admin' | 'secretariat' | 'councillor' | 'scrutiny_officer' }
  | { role: 'partnership_manager' | 'member'; within: 'partnership-line' }
  | { role: 'partner_officer'; within: 'organisation' }
  | { role: 'any-signed-in' }
  /** Anyone signed in with a part in the partnership: not someone whose only role is resident. */
  | { role: 'partnership-people' };

const everywhere = (role: 'site_admin' | 'secretariat' | 'councillor' | 'scrutiny_officer'): Rule => ({
  role,
});
const admins: Rule[] = [everywhere('site_admin'), everywhere('secretariat')];

export const permissionTable = {
  'users:manage': [everywhere('site_admin')],
  'place:manage': admins,
  'areas:manage': admins,
  'organisations:create': admins,
  'organisations:edit': [...admins, { role: 'partner_officer', within: 'organisation' }],
  /** Name, sector, type, named-partner status and area: the secretariat's to decide. */
  'organisations:edit-standing': admins,
  'people:create': [...admins, { role: 'partnership_manager', within: 'partnership-line' }],
  'people:edit': admins,
  'people:view-private': admins,
  'partnerships:create': [...admins, { role: 'partnership_manager', within: 'partnership-line' }],
  'partnerships:edit': [...admins, { role: 'partnership_manager', within: 'partnership-line' }],
  'memberships:manage': [...admins, { role: 'partnership_manager', within: 'partnership-line' }],
  'registry:import': admins,
  /** Strategy, versions, priorities, plan links and lifecycle stages. */
  'strategy:manage': [...admins, { role: 'partnership_manager', within: 'partnership-line' }],
  /** The indicator catalogue. */
  'indicators:manage': admins,
  /** Bulk data files (Fingertips or simple layout). */
  'data:import': admins,
  /** A value for an indicator: partner officers for the targets their organisation leads. */
  'data:record': [...admins, { role: 'partner_officer', within: 'organisation' }],
  /** Agreements, their targets and sign-off. */
  'agreements:manage': admins,
  /** Actions in the action plan: add, edit, milestones, progress updates. */
  'actions:manage': [
    ...admins,
    { role: 'partnership_manager', within: 'partnership-line' },
    { role: 'partner_officer', within: 'organisation' },
  ],
  /** A partner organisation's quarterly return: its actions' updates and its indicator data. */
  'returns:make': [...admins, { role: 'partner_officer', within: 'organisation' }],
  /** Who has and has not made this quarter's return. */
  'returns:monitor': admins,
  /** Meetings of a partnership: schedule, agenda, papers, attendance, decisions, minutes. */
  'meetings:manage': [...admins, { role: 'partnership_manager', within: 'partnership-line' }],
  /** Members-only meetings and restricted papers. */
  'meetings:view-restricted': [
    ...admins,
    { role: 'partnership_manager', within: 'partnership-line' },
    { role: 'member', within: 'partnership-line' },
  ],
  /** A member's own apologies and declarations of interest. */
  'meetings:take-part': [
    ...admins,
    { role: 'partnership_manager', within: 'partnership-line' },
    { role: 'member', within: 'partnership-line' },
  ],
  /** Partnership agreements (protocols) and the obligations partners take on in them. */
  'protocols:manage': [...admins, { role: 'partnership_manager', within: 'partnership-line' }],
  /** A partner's contribution (money, staff time, resources) under a partnership agreement. */
  'contributions:record': [...admins, { role: 'partner_officer', within: 'organisation' }],
  /** A Councillor Call for Action: raised by a councillor about a partner agency. */
  'ccfa:raise': [...admins, everywhere('councillor')],
  /** Overview and scrutiny's part: accept or refuse, hearing, recommendations, responses. */
  'ccfa:manage': [...admins, everywhere('scrutiny_officer')],
  /** An outside consultation the partnership answers with one voice: questions, reminders, the composite draft, its circulation. */
  'consultations:manage': [...admins, { role: 'partnership_manager', within: 'partnership-line' }],
  /**
   * An organisation's views and its answers on the draft: its partner officers and its seat
   * holders (members), and the secretariat on its behalf. Also who sees the internal record.
   */
  'consultations:respond': [
    ...admins,
    { role: 'partnership_manager', within: 'partnership-line' },
    { role: 'partner_officer', within: 'organisation' },
    { role: 'member', within: 'partnership-line' },
  ],
  /** Moderating what residents and groups send in, and answering it ("you said, we did"); scoped by the priority's partnership. */
  'engagement:moderate': [...admins, { role: 'partnership_manager', within: 'partnership-line' }],
  /** Public surveys: questions, dates, and every response (the CSV download). */
  'surveys:manage': [...admins, { role: 'partnership_manager', within: 'partnership-line' }],
  /** Residents register themselves to have their say, so being signed in is not enough to read histories. */
  'history:view': [{ role: 'partnership-people' }],
  'workspace:view': [{ role: 'any-signed-in' }],
} satisfies Record<string, Rule[]>;

export type Action = keyof typeof permissionTable;
export const actions = Object.keys(permissionTable) as Action[];

function grantMatches(rule: Rule, grant: Grant, scope: Scope | undefined): boolean {
  if (rule.role === 'any-signed-in' || rule.role === 'partnership-people') return true;
  if (rule.role !== grant.role) return false;
  if (!('within' in rule)) return true;
  // Without a scope the question is "could this actor do it somewhere?"
  if (scope === undefined) return true;
  if (rule.within === 'partnership-line' && 'partnershipId' in grant) {
    return (scope.partnershipLine ?? []).includes(grant.partnershipId);
  }
  if (rule.within === 'organisation' && 'organisationId' in grant) {
    return scope.organisationId === grant.organisationId;
  }
  return false;
}

/** May this actor do this action (to this scope, when given)? */
export function can(actor: Actor | null, action: Action, scope?: Scope): boolean {
  if (!actor) return false;
  const rules: Rule[] = permissionTable[action];
  return rules.some((rule) =>
    rule.role === 'any-signed-in'
      ? true
      : rule.role === 'partnership-people'
        ? !isResidentOnly(actor)
        : actor.grants.some((grant) => grantMatches(rule, grant, scope)),
  );
}

/** Someone who registered to have their say and has no other part in the partnership. */
export function isResidentOnly(actor: Actor | null): boolean {
  return !!actor && actor.grants.length > 0 && actor.grants.every((grant) => grant.role === 'resident');
}
