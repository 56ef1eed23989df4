import type { ColumnType, Generated } from 'kysely';

type Timestamps = { created_at: string; updated_at: string };
type Versioned = { version: ColumnType<number, number | undefined, number> };

/** Optional equality monitoring answers (codes from src/domain/equality-monitoring.ts); only ever reported in aggregate. */
interface EqualityAnswers {
  age_band: string | null;
  sex: string | null;
  ethnicity: string | null;
  disability: string | null;
}

/** The engagement module's tables: ideas and concerns, messages about them, residents, surveys. */
export interface EngagementTables {
  engagement_residents: EngagementResidentsTable;
  engagement_ideas: EngagementIdeasTable;
  engagement_messages: EngagementMessagesTable;
  engagement_surveys: EngagementSurveysTable;
  engagement_survey_questions: EngagementSurveyQuestionsTable;
  engagement_survey_responses: EngagementSurveyResponsesTable;
  engagement_survey_answers: EngagementSurveyAnswersTable;
}

/** A resident who registered to have their say: their account, and the ward they live in. */
export interface EngagementResidentsTable {
  user_id: number;
  ward_id: number | null;
  created_at: string;
}

/** An idea or concern sent in, from its moderation to the partnership's response. */
export interface EngagementIdeasTable extends Timestamps, Versioned, EqualityAnswers {
  id: Generated<number>;
  /** idea | concern */
  kind: string;
  summary: string;
  details: string;
  priority_id: number | null;
  /** The ward or neighbourhood it is about, as chosen. */
  area_id: number | null;
  /** The ward it counts under (the neighbourhood's ward), for the balance of voice. */
  ward_id: number | null;
  /** individual | group */
  writing_as: string;
  group_name: string | null;
  /** The group's sector code (the registry's sectors). */
  group_sector: string | null;
  user_id: number | null;
  contact_name: string | null;
  contact_email: string | null;
  /** A keyed hash of the address it came from: enough to spot a repeat, never the address. */
  ip_hash: string | null;
  form_token: string;
  /** Hash of the tidied words, to recognise the same words sent again. */
  fingerprint: string;
  /** pending | rejected | received | under_consideration | acted_on | not_taken_forward */
  status: string;
  submitted_at: string;
  moderated_at: string | null;
  moderated_by: number | null;
  rejection_reason: string | null;
  rejection_note: string | null;
  response: string | null;
  responded_at: string | null;
  decision_id: number | null;
  action_id: number | null;
  target_id: number | null;
}

export interface EngagementMessagesTable {
  id: Generated<number>;
  idea_id: number | null;
  to_name: string;
  to_address: string;
  subject: string;
  body: string;
  created_at: string;
  sent_at: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
}

export interface EngagementSurveysTable extends Timestamps, Versioned {
  id: Generated<number>;
  slug: string;
  title: string;
  description: string | null;
  /** The partnership running it. */
  partnership_id: number;
  /** First and last days it takes answers (UK dates, both included). */
  opens_on: string;
  closes_on: string;
  /** draft | published */
  status: string;
  /** 1: the results are public while it is open; 0: only once it has closed. */
  results_while_open: number;
}

export interface EngagementSurveyQuestionsTable extends Timestamps, Versioned {
  id: Generated<number>;
  survey_id: number;
  position: number;
  /** text | single | multiple | rating */
  kind: string;
  prompt: string;
  hint: string | null;
  required: number;
  /** JSON array of the choices (single and multiple); '[]' otherwise. */
  options: string;
}

export interface EngagementSurveyResponsesTable extends EqualityAnswers {
  id: Generated<number>;
  survey_id: number;
  user_id: number | null;
  area_id: number | null;
  ward_id: number | null;
  ip_hash: string | null;
  form_token: string;
  submitted_at: string;
}

/** One answer: a chosen option (one row per option ticked), a rating from 1 to 5, or text. */
export interface EngagementSurveyAnswersTable {
  id: Generated<number>;
  response_id: number;
  question_id: number;
  option_index: number | null;
  rating: number | null;
  text_value: string | null;
}
