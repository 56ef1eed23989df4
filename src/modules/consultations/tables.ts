import type { ColumnType, Generated } from 'kysely';

type Timestamps = { created_at: string; updated_at: string };
type Versioned = { version: ColumnType<number, number | undefined, number> };

/**
 * The consultations module's tables: a partnership's collective response to an outside
 * consultation (seed 004), from the partners' views through the composite draft and its
 * endorsement to the final response.
 */
export interface ConsultationsTables {
  consultations: ConsultationsTable;
  consultation_organisations: ConsultationOrganisationsTable;
  consultation_questions: ConsultationQuestionsTable;
  consultation_views: ConsultationViewsTable;
  consultation_statements: ConsultationStatementsTable;
  consultation_statement_views: ConsultationStatementViewsTable;
  consultation_statement_revisions: ConsultationStatementRevisionsTable;
  consultation_endorsements: ConsultationEndorsementsTable;
}

/** An outside body's consultation that a partnership answers with one voice. */
export interface ConsultationsTable extends Timestamps, Versioned {
  id: Generated<number>;
  /** The partnership responding. */
  partnership_id: number;
  title: string;
  /** Who issued it, like "Office of the Deputy Prime Minister". */
  issuing_body: string;
  /** The consultation's page (https only), or null. */
  url: string | null;
  /** What it is about and how the partnership decided to respond (plain text), or null. */
  description: string | null;
  /** The issuer's closing date (yyyy-mm-dd). */
  closes_on: string;
  /** The internal deadline for partners' views (an instant); before the closing date. */
  views_due_at: string;
  /** When the composite draft was circulated for endorsement; null before. */
  circulated_at: string | null;
  /** The endorsement deadline (an instant); set when the draft is circulated. */
  endorsement_deadline: string | null;
  /** How silence by the deadline counts: endorse | abstain; set with the deadline. */
  silence_rule: string | null;
  /** The day the response was sent to the issuing body; null until it is. */
  submitted_on: string | null;
  /** How it was sent, or a reference (optional). */
  submission_note: string | null;
  created_by: number | null;
}

/** The organisations asked for their views and endorsement: those holding a seat when the consultation was set up, as the secretariat confirmed. */
export interface ConsultationOrganisationsTable {
  id: Generated<number>;
  consultation_id: number;
  organisation_id: number;
  created_at: string;
}

/** A question as the issuing body numbers and groups it. */
export interface ConsultationQuestionsTable extends Timestamps {
  id: Generated<number>;
  consultation_id: number;
  /** The issuer's number, as text: "3", "3a", "2.1". */
  number: string;
  text: string;
  /** The section's title, or null outside any section. */
  section: string | null;
  section_position: number;
  position: number;
}

/**
 * An organisation's view on a question, as fed in. Never changed: a new view is a new
 * row and the latest counts, so a statement always points at the words it drew on.
 */
export interface ConsultationViewsTable {
  id: Generated<number>;
  consultation_id: number;
  question_id: number;
  organisation_id: number;
  /** The view, or null for "no view". */
  text: string | null;
  recorded_by: number | null;
  recorder_name: string;
  created_at: string;
}

/** A statement of the composite draft, answering one question. */
export interface ConsultationStatementsTable extends Timestamps, Versioned {
  id: Generated<number>;
  consultation_id: number;
  question_id: number;
  text: string;
  /** 1 when first circulated, one more at each change of wording after circulation. */
  revision: number;
  /** When the current wording was written. */
  revised_at: string;
  position: number;
  /** Taken out of the draft by the secretariat after partners had answered on it; kept on the record. */
  withdrawn_at: string | null;
}

/** The views a statement draws on. */
export interface ConsultationStatementViewsTable {
  id: Generated<number>;
  statement_id: number;
  view_id: number;
}

/** Every wording a statement had after circulation, so the record shows what each partner answered on. */
export interface ConsultationStatementRevisionsTable {
  id: Generated<number>;
  statement_id: number;
  revision: number;
  text: string;
  revised_at: string;
  revised_by: number | null;
  reviser_name: string;
}

/** An organisation's answer on a statement. Never changed: a change of mind is a new row. */
export interface ConsultationEndorsementsTable {
  id: Generated<number>;
  consultation_id: number;
  statement_id: number;
  organisation_id: number;
  /** endorse | abstain | cannot_endorse */
  stance: string;
  reason: string | null;
  /** The statement's revision the answer was given on. */
  revision: number;
  recorded_at: string;
  recorded_by: number | null;
  recorder_name: string;
}
