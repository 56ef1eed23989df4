import type { ColumnType, Generated } from 'kysely';

type Timestamps = { created_at: string; updated_at: string };
type Versioned = { version: ColumnType<number, number | undefined, number> };

/** The meetings module's tables: meetings, agendas, papers, attendance, decisions and minutes. */
export interface MeetingsTables {
  meetings: MeetingsTable;
  agenda_items: AgendaItemsTable;
  agenda_item_links: AgendaItemLinksTable;
  papers: PapersTable;
  declarations: DeclarationsTable;
  attendance: AttendanceTable;
  decisions: DecisionsTable;
  minutes: MinutesTable;
  minutes_revisions: MinutesRevisionsTable;
  reminders_sent: RemindersSentTable;
}

export interface MeetingsTable extends Timestamps, Versioned {
  id: Generated<number>;
  partnership_id: number;
  title: string;
  /** UTC instant (ISO 8601); shown in Europe/London. */
  starts_at: string;
  ends_at: string | null;
  location: string | null;
  online_url: string | null;
  /** scheduled | held | cancelled | postponed */
  status: string;
  /** Why a meeting was cancelled or postponed, for the public page and the calendar. */
  status_reason: string | null;
  /** public | members */
  visibility: string;
  agenda_published_at: string | null;
  uid: string;
  sequence: ColumnType<number, number | undefined, number>;
}

export interface AgendaItemsTable extends Timestamps, Versioned {
  id: Generated<number>;
  meeting_id: number;
  position: number;
  title: string;
  /** decision | discussion | information */
  purpose: string;
  description: string | null;
  presenter_person_id: number | null;
  presenter_organisation_id: number | null;
  approves_minutes_of_id: number | null;
}

export interface AgendaItemLinksTable {
  id: Generated<number>;
  agenda_item_id: number;
  priority_id: number | null;
  target_id: number | null;
}

export interface PapersTable {
  id: Generated<number>;
  meeting_id: number;
  agenda_item_id: number | null;
  title: string;
  /** The name it was uploaded with, stripped of any path. */
  filename: string;
  content_type: string;
  size_bytes: number;
  /** The file is stored as data/papers/<sha256>: the same file uploaded twice is stored once. */
  sha256: string;
  /** public | restricted (members of the partnership only) */
  access: string;
  published_at: string | null;
  uploaded_by: number | null;
  created_at: string;
}

export interface DeclarationsTable {
  id: Generated<number>;
  agenda_item_id: number;
  person_id: number;
  /** pecuniary | non_pecuniary | other */
  kind: string;
  description: string;
  /** 1 when the person left the room or took no part in the item. */
  withdrew: ColumnType<number, number | undefined, number>;
  recorded_by: number | null;
  created_at: string;
}

export interface AttendanceTable extends Timestamps, Versioned {
  id: Generated<number>;
  meeting_id: number;
  /** The seat: a membership as chair, vice-chair or member. */
  membership_id: number;
  /** present | apologies | substituted | absent */
  status: string;
  substitute_person_id: number | null;
  /** Whom the substitute represented (normally the seat's organisation). */
  substitute_organisation_id: number | null;
}

export interface DecisionsTable extends Timestamps, Versioned {
  id: Generated<number>;
  meeting_id: number;
  agenda_item_id: number | null;
  /** e.g. "KSP/2026/07": partnership, year, number. */
  reference: string;
  resolution: string;
  /** agreed | amended | deferred | rejected */
  outcome: string;
  votes_for: number | null;
  votes_against: number | null;
  votes_abstaining: number | null;
}

export interface MinutesTable extends Timestamps, Versioned {
  id: Generated<number>;
  meeting_id: number;
  body: string;
  /** draft | approved */
  status: string;
  approved_at_meeting_id: number | null;
  approved_on: string | null;
  published_at: string | null;
}

export interface MinutesRevisionsTable {
  id: Generated<number>;
  minutes_id: number;
  body: string;
  status: string;
  saved_by: number | null;
  saved_at: string;
}

export interface RemindersSentTable {
  id: Generated<number>;
  /** papers_published | apologies_requested | action_due */
  kind: string;
  subject_id: number;
  recipient: string;
  sent_at: string;
}
