import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { StrategyTables } from '../modules/strategy/tables.ts';
import type { PerformanceTables } from '../modules/performance/tables.ts';
import type { DeliveryTables } from '../modules/delivery/tables.ts';
import type { MeetingsTables } from '../modules/meetings/tables.ts';
import type { AccountabilityTables } from '../modules/accountability/tables.ts';
import type { ConsultationsTables } from '../modules/consultations/tables.ts';
import type { EngagementTables } from '../modules/engagement/tables.ts';

/**
 * The database as Kysely sees it. Portable across SQLite and PostgreSQL:
 * flags are integers (0/1), dates and times ISO 8601 text in UTC, money integer pence.
 */
/** Each later module declares its own tables beside its code. */
export interface Database
  extends
    StrategyTables,
    PerformanceTables,
    DeliveryTables,
    MeetingsTables,
    AccountabilityTables,
    ConsultationsTables,
    EngagementTables {
  settings: SettingsTable;
  areas: AreasTable;
  organisations: OrganisationsTable;
  people: PeopleTable;
  affiliations: AffiliationsTable;
  partnerships: PartnershipsTable;
  memberships: MembershipsTable;
  users: UsersTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  audit_entries: AuditEntriesTable;
  import_batches: ImportBatchesTable;
}

type Timestamps = {
  created_at: string;
  updated_at: string;
};

type Versioned = { version: ColumnType<number, number | undefined, number> };

export interface SettingsTable {
  key: string;
  value: string;
}

export interface AreasTable extends Timestamps, Versioned {
  id: Generated<number>;
  name: string;
  slug: string;
  gss_code: string | null;
  kind: string;
  parent_id: number | null;
  population: number | null;
}

export interface OrganisationsTable extends Timestamps, Versioned {
  id: Generated<number>;
  name: string;
  slug: string;
  sector: string;
  type: string;
  named_partner: number;
  area_id: number | null;
  website: string | null;
  description: string | null;
}

export interface PeopleTable extends Timestamps, Versioned {
  id: Generated<number>;
  name: string;
  slug: string;
  email: string | null;
  councillor: number;
  ward_id: number | null;
  councillor_role: string | null;
  party: string | null;
}

export interface AffiliationsTable {
  id: Generated<number>;
  person_id: number;
  organisation_id: number;
  position: string | null;
  created_at: string;
}

export interface PartnershipsTable extends Timestamps, Versioned {
  id: Generated<number>;
  name: string;
  slug: string;
  short_name: string | null;
  parent_id: number | null;
  statutory: number;
  theme: string | null;
  terms_of_reference: string | null;
  status: string;
  established_on: string | null;
  status_changed_on: string | null;
  merged_into_id: number | null;
  area_id: number | null;
  /** How many seats must be represented for a meeting to be quorate; null for no count. */
  quorum_minimum: ColumnType<number | null, number | null | undefined, number | null>;
  /** JSON array of sector codes that must be represented for a meeting to be quorate. */
  quorum_sectors: ColumnType<string, string | undefined, string>;
}

export interface MembershipsTable extends Timestamps, Versioned {
  id: Generated<number>;
  partnership_id: number;
  person_id: number;
  role: string;
  organisation_id: number | null;
  sector: string;
  starts_on: string;
  ends_on: string | null;
}

export interface UsersTable extends Timestamps, Versioned {
  id: Generated<number>;
  email: string;
  display_name: string;
  password_hash: string;
  person_id: number | null;
  disabled: number;
  last_signed_in_at: string | null;
}

export interface RoleGrantsTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  partnership_id: number | null;
  organisation_id: number | null;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  data: string;
  expires_at: string;
}

export interface AuditEntriesTable {
  id: Generated<number>;
  occurred_at: string;
  actor_user_id: number | null;
  actor_name: string;
  entity_type: string;
  entity_id: number;
  action: string;
  summary: string;
  before_json: string | null;
  after_json: string | null;
}

export interface ImportBatchesTable {
  id: Generated<number>;
  kind: string;
  filename: string;
  content: string;
  row_count: number;
  status: string;
  created_by: number;
  created_at: string;
  committed_at: string | null;
}

export type AreaRow = Selectable<AreasTable>;
export type OrganisationRow = Selectable<OrganisationsTable>;
export type PersonRow = Selectable<PeopleTable>;
export type AffiliationRow = Selectable<AffiliationsTable>;
export type PartnershipRow = Selectable<PartnershipsTable>;
export type MembershipRow = Selectable<MembershipsTable>;
export type UserRow = Selectable<UsersTable>;
export type RoleGrantRow = Selectable<RoleGrantsTable>;
export type AuditEntryRow = Selectable<AuditEntriesTable>;
export type NewOrganisation = Insertable<OrganisationsTable>;
export type OrganisationUpdate = Updateable<OrganisationsTable>;
