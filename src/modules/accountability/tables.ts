import type { ColumnType, Generated } from 'kysely';

type Timestamps = { created_at: string; updated_at: string };
type Versioned = { version: ColumnType<number, number | undefined, number> };

/** The accountability module's tables: partnership agreements and Councillor Calls for Action. */
export interface AccountabilityTables {
  protocols: ProtocolsTable;
  protocol_obligations: ProtocolObligationsTable;
  protocol_contributions: ProtocolContributionsTable;
  ccfa_cases: CcfaCasesTable;
  ccfa_steps: CcfaStepsTable;
}

/** A partnership agreement (protocol): what the partners of one partnership undertake, over a period. */
export interface ProtocolsTable extends Timestamps, Versioned {
  id: Generated<number>;
  partnership_id: number;
  title: string;
  starts_on: string;
  ends_on: string;
  /** draft | agreed */
  status: string;
  /** Set when the agreement is marked agreed; cleared if it goes back to draft. */
  agreed_on: string | null;
  /** The agreement's text (Markdown). */
  body: string | null;
}

/** What one partner undertakes under an agreement; one of each kind per partner. */
export interface ProtocolObligationsTable extends Timestamps, Versioned {
  id: Generated<number>;
  protocol_id: number;
  organisation_id: number;
  /** attendance | financial | staff_time | data_returns | resources */
  kind: string;
  /** attendance and data_returns: the share of meetings or quarterly returns, 1 to 100. */
  target_percent: number | null;
  /** financial: whole pence each year. */
  amount_pence: number | null;
  /** staff_time: full-time equivalents each year. */
  staff_fte: number | null;
  /** resources: what is shared; for the other kinds, an optional note. */
  description: string | null;
}

/** A contribution a partner made under an agreement. Never edited: a wrong one is removed (and audited). */
export interface ProtocolContributionsTable {
  id: Generated<number>;
  protocol_id: number;
  organisation_id: number;
  contributed_on: string;
  amount_pence: number | null;
  /** Staff time given, in full-time-equivalent years (a full-time post for six months is 0.5). */
  staff_fte: number | null;
  resources: string | null;
  note: string | null;
  recorded_by: number | null;
  recorder_name: string;
  created_at: string;
}

/** A Councillor Call for Action: where the case is now. Its history is in ccfa_steps. */
export interface CcfaCasesTable extends Timestamps, Versioned {
  id: Generated<number>;
  reference: string;
  raised_on: string;
  decision_due_on: string;
  councillor_person_id: number;
  ward_id: number | null;
  /** The partner agency called to account. */
  organisation_id: number;
  /** Published on the register. */
  summary: string;
  /** The councillor's case and what they have tried: seen only by overview and scrutiny and the councillor. */
  details: string;
  steps_taken: string;
  /** raised | accepted | refused | partner_invited | hearing_scheduled | awaiting_response | response_received | closed */
  status: string;
  decided_on: string | null;
  refusal_reason: string | null;
  partner_invited_on: string | null;
  hearing_on: string | null;
  recommendations: string | null;
  recommendations_on: string | null;
  response_due_on: string | null;
  response_received_on: string | null;
  response_summary: string | null;
  closed_on: string | null;
  outcome: string | null;
  raised_by: number | null;
}

/** One step taken on a call for action, with the date it happened: the public timeline. */
export interface CcfaStepsTable {
  id: Generated<number>;
  case_id: number;
  /** A step of src/modules/accountability/ccfa-workflow.ts, or 'raise'. */
  step: string;
  happened_on: string;
  /** The deadline the step set: the decision (raise) or the partner's response. */
  due_on: string | null;
  note: string | null;
  user_id: number | null;
  recorder_name: string;
  created_at: string;
}
