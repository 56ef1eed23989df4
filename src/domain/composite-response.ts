/**
 * The composite response: how a partnership answers an outside consultation with one
 * voice (seed 004). Partners feed in their views, the secretariat drafts statements for
 * each question, and every responding organisation marks each statement "endorse" or
 * "cannot endorse" (with a reason) by a deadline. The final response holds exactly the
 * statements nobody refused; anything removed, and who refused it, stays on the
 * internal record, and each partner stays free to send its own answers separately.
 *
 * The rules decided here:
 * - Only a refusal removes a statement. Endorsing, abstaining and silence never do.
 * - 'abstain' is an explicit stance as well as what silence can count as: an
 *   organisation with nothing to say on a topic (a fire service on school places) must
 *   be able to neither endorse nor block, even when the partnership chose "silence
 *   counts as endorsement", without its name being put to words it never agreed.
 * - Only answers on a statement's current revision count: editing a statement resets
 *   its endorsements, because people agreed to words that are no longer there.
 * - An organisation may change its mind until the deadline; its latest answer counts.
 * - An answer recorded after the deadline is late: it is kept and shown but does not
 *   change the result, so the record is honest and the outcome cannot be reopened by
 *   whoever writes last. A late refusal of a statement still in the response is listed
 *   for the secretariat's attention (they may ask the partnership to extend the deadline).
 * - Until the deadline passes the resolution is provisional: organisations that have not
 *   answered are awaiting, and the statements shown are those that would be final if it
 *   closed now (silence never removes, so that set does not depend on the silence rule).
 * - After the deadline, silence counts as the partnership chose when it set the deadline,
 *   recorded as "by silence" so it is never mistaken for an answer given.
 * - A statement whose current wording was written after the deadline is left out: no
 *   partner could have objected to it in time, so silence cannot stand for consent (it
 *   counts as abstention there, whatever the rule). revisionProblem stops such an edit
 *   unless the deadline is extended first.
 * - A refusal without a reason is still a refusal. The services refuse to save one
 *   (see endorsementProblem), but if one is found it is never ignored.
 *
 * Pure: every record and "now" are passed in; inputs are never changed.
 */

/** An organisation's answer on one statement. 'abstain' neither endorses nor blocks. */
export type Stance = 'endorse' | 'abstain' | 'cannot_endorse';

export const stanceNames: Record<Stance, string> = {
  endorse: 'Endorse',
  abstain: 'Abstain',
  cannot_endorse: 'Cannot endorse',
};

/** How silence by the endorsement deadline counts; the partnership chooses when it sets the deadline. */
export type SilenceRule = 'endorse' | 'abstain';

export const silenceRuleNames: Record<SilenceRule, string> = {
  endorse: 'Silence by the deadline counts as endorsement',
  abstain: 'Silence by the deadline counts as abstention',
};

/** Where an organisation stands on a statement once the rules are applied. */
export type EffectiveStance =
  'endorsed' | 'endorsed_by_silence' | 'refused' | 'abstained' | 'abstained_by_silence' | 'awaiting';

export const effectiveStanceNames: Record<EffectiveStance, string> = {
  endorsed: 'Endorsed',
  endorsed_by_silence: 'Endorsed by silence',
  refused: 'Cannot endorse',
  abstained: 'Abstained',
  abstained_by_silence: 'Abstained by silence',
  awaiting: 'Not answered yet',
};

/** A question as the issuing body numbers and groups it. */
export interface ConsultationQuestion {
  id: number;
  /** The issuer's number, as text: "3", "3a", "3(a)", "2.1". */
  number: string;
  /** The section's title, or null for a question outside any section. */
  section: string | null;
  /** The section's place in the consultation; questions with no section may use 0. */
  sectionPosition: number;
  /** The question's place within its section (or within the consultation). */
  position: number;
}

/** A statement the secretariat drafted in answer to a question. */
export interface DraftStatement {
  id: number;
  questionId: number;
  text: string;
  /** 1 when first written, one more at each change of wording. */
  revision: number;
  /** When the current wording was written (ISO 8601 instant). */
  revisedAt: string;
  /** Its place among the statements answering the same question. */
  position: number;
  /** The partners' views it draws on, so anyone can trace where the words came from. */
  viewIds: number[];
}

/** One answer an organisation recorded on a statement. Answers are never overwritten: a change of mind is a new record. */
export interface EndorsementRecord {
  /** Breaks ties between records made in the same instant: the later record has the higher id. */
  id: number;
  statementId: number;
  organisationId: number;
  stance: Stance;
  /** Required for 'cannot_endorse'; optional otherwise. */
  reason: string | null;
  /** The revision of the statement the answer was given on. */
  revision: number;
  /** ISO 8601 instant. */
  recordedAt: string;
}

export interface EndorsementRound {
  /** The organisations asked to endorse, in the order they are to be listed. */
  respondingOrganisationIds: number[];
  /** ISO 8601 instant. Answers recorded at the deadline itself are on time. */
  deadline: string;
  silenceRule: SilenceRule;
}

export interface CompositeInputs {
  questions: ConsultationQuestion[];
  statements: DraftStatement[];
  records: EndorsementRecord[];
  round: EndorsementRound;
  /** ISO 8601 instant. */
  now: string;
}

/** Where one organisation stands on one statement. */
export interface OrganisationStance {
  organisationId: number;
  stance: EffectiveStance;
  /** The answer that counts, or null when silence (or awaiting) decides. */
  record: EndorsementRecord | null;
  /** The organisation's latest answer recorded after the deadline, if any; it does not count. */
  lateRecord: EndorsementRecord | null;
}

export interface Refusal {
  organisationId: number;
  reason: string;
  recordedAt: string;
}

/** Why a statement is not in the response. */
export type RemovalReason = 'refused' | 'revised_after_deadline';

export const removalReasonNames: Record<RemovalReason, string> = {
  refused: 'A partner cannot endorse it',
  revised_after_deadline: 'Its wording changed after the endorsement deadline',
};

export interface StatementOutcome {
  statement: DraftStatement;
  included: boolean;
  /** null when included. A refused statement is 'refused' even if it was also revised late. */
  removal: RemovalReason | null;
  /** Counting refusals, in the order of the responding organisations. */
  refusals: Refusal[];
  /** One per responding organisation, in their order. */
  stances: OrganisationStance[];
  /** Every responding organisation endorsed it, by answer or by silence (and there is at least one). */
  endorsedByAll: boolean;
  /** Organisations that have not answered yet; empty once the deadline has passed. */
  awaiting: number[];
}

export interface QuestionOutcome {
  question: ConsultationQuestion;
  /** In statement order. */
  included: StatementOutcome[];
  /** In statement order. */
  removed: StatementOutcome[];
  /** No statement is left: none was drafted, or every one was removed. */
  noCollectiveResponse: boolean;
  /** No statement was ever drafted for the question. */
  noneDrafted: boolean;
}

export interface ResolutionCounts {
  questions: number;
  questionsAnswered: number;
  questionsWithNoCollectiveResponse: number;
  statements: number;
  statementsIncluded: number;
  statementsRemoved: number;
  /** Included statements that every responding organisation endorsed, by answer or by silence. */
  statementsEndorsedByAll: number;
  organisations: number;
  organisationsAwaiting: number;
  lateRecords: number;
}

/** A record the resolution could not use, and why. */
export interface IgnoredRecord {
  record: EndorsementRecord;
  why: 'not_responding' | 'unknown_statement';
}

export interface CompositeResolution {
  /** The deadline has passed: this is the final response. Otherwise it is provisional. */
  final: boolean;
  silenceRule: SilenceRule;
  /** In the issuer's order. */
  questions: QuestionOutcome[];
  counts: ResolutionCounts;
  /** Organisations with at least one statement still to answer, in the responding order. */
  awaitingOrganisations: number[];
  /** Late answers on current revisions, the latest per organisation and statement, oldest first. */
  lateRecords: EndorsementRecord[];
  /** Late refusals of statements still in the response: they do not change it, but the secretariat should see them. */
  lateRefusalsOfIncluded: EndorsementRecord[];
  /** Records from organisations not asked to respond, or on statements not in this draft. */
  ignoredRecords: IgnoredRecord[];
  /** Statements whose question is not in the consultation; they are left out of the response. */
  statementsWithoutQuestion: DraftStatement[];
}

/** Milliseconds since the epoch of an ISO 8601 instant; a bad instant is a programming error, not a user's. */
function instant(iso: string, what: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`${what} is not a valid ISO 8601 instant: "${iso}"`);
  return ms;
}

/**
 * Compares issuer numbers as people read them: "2" before "10", "3a" before "3b",
 * "2.1" before "2.10". Used only to order questions that share a position.
 */
export function compareIssuerNumbers(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
}

/** Questions in the issuer's order: section, then position, then number; the id settles any tie. */
export function inIssuerOrder<Q extends ConsultationQuestion>(questions: readonly Q[]): Q[] {
  return [...questions].sort(
    (a, b) =>
      a.sectionPosition - b.sectionPosition ||
      a.position - b.position ||
      compareIssuerNumbers(a.number, b.number) ||
      a.id - b.id,
  );
}

function inStatementOrder(statements: readonly DraftStatement[]): DraftStatement[] {
  return [...statements].sort((a, b) => a.position - b.position || a.id - b.id);
}

/** Whether record a was made after record b: by time, then by id for the same instant. */
function isLater(a: EndorsementRecord, b: EndorsementRecord): boolean {
  const difference = instant(a.recordedAt, 'recordedAt') - instant(b.recordedAt, 'recordedAt');
  return difference > 0 || (difference === 0 && a.id > b.id);
}

/** The problem with an answer, in the words shown beside the form, or null when it can be saved. */
export function endorsementProblem(answer: { stance: string; reason: string | null }): string | null {
  if (!Object.hasOwn(stanceNames, answer.stance)) return 'Select endorse, abstain or cannot endorse';
  if (answer.stance === 'cannot_endorse' && (answer.reason ?? '').trim() === '') {
    return 'Give the reason your organisation cannot endorse this statement';
  }
  return null;
}

/**
 * The problem with an answer given on a page showing an older wording, or null. Saving
 * it would put an organisation's name to words it has not read.
 */
export function staleRevisionProblem(
  statement: Pick<DraftStatement, 'revision'>,
  answeredRevision: number,
): string | null {
  if (answeredRevision === statement.revision) return null;
  return 'This statement has been changed since you opened it. Read the new wording and answer again';
}

/** The problem with changing a statement now, or null when it may be changed. */
export function revisionProblem(newText: string, now: string, deadline: string): string | null {
  if (newText.trim() === '') return 'Enter the statement';
  if (instant(now, 'now') > instant(deadline, 'deadline')) {
    return 'The endorsement deadline has passed. Extend the deadline before changing a statement, so every partner can read the new wording';
  }
  return null;
}

/** The outcome of saving a statement's wording. */
export interface StatementRevision {
  statement: DraftStatement;
  /** False when the wording is the same (apart from spaces at either end): nothing is reset. */
  changed: boolean;
  /** Organisations that had answered on the statement and must be told their answer no longer counts. */
  organisationsToTell: number[];
}

/**
 * A statement with new wording: the next revision, written now. Saving the same words
 * again changes nothing, so an unchanged form never wipes the endorsements.
 */
export function reviseStatement(
  statement: DraftStatement,
  newText: string,
  now: string,
  records: readonly EndorsementRecord[],
): StatementRevision {
  const text = newText.trim();
  if (text === statement.text.trim())
    return { statement: { ...statement }, changed: false, organisationsToTell: [] };
  instant(now, 'now');
  return {
    statement: {
      ...statement,
      viewIds: [...statement.viewIds],
      text,
      revision: statement.revision + 1,
      revisedAt: now,
    },
    changed: true,
    organisationsToTell: organisationsToTellOfEdit(statement.id, records),
  };
}

/**
 * Who must be told a statement changed: every organisation that recorded anything on it,
 * on any revision, in id order. Someone who refused the old wording may accept the new.
 */
export function organisationsToTellOfEdit(
  statementId: number,
  records: readonly EndorsementRecord[],
): number[] {
  const ids = new Set(records.filter((r) => r.statementId === statementId).map((r) => r.organisationId));
  return [...ids].sort((a, b) => a - b);
}

/** The latest on-time and the latest late answer of each organisation on each statement's current revision. */
interface Answers {
  onTime: EndorsementRecord | null;
  late: EndorsementRecord | null;
}

function answerKey(statementId: number, organisationId: number): string {
  return `${statementId}:${organisationId}`;
}

function latestAnswers(
  records: readonly EndorsementRecord[],
  revisions: Map<number, number>,
  deadline: number,
): Map<string, Answers> {
  const answers = new Map<string, Answers>();
  for (const record of records) {
    if (revisions.get(record.statementId) !== record.revision) continue;
    const key = answerKey(record.statementId, record.organisationId);
    const found = answers.get(key) ?? { onTime: null, late: null };
    const late = instant(record.recordedAt, 'recordedAt') > deadline;
    const earlier = late ? found.late : found.onTime;
    if (earlier && !isLater(record, earlier)) continue;
    answers.set(key, late ? { ...found, late: record } : { ...found, onTime: record });
  }
  return answers;
}

function answeredStance(stance: Stance): EffectiveStance {
  if (stance === 'endorse') return 'endorsed';
  if (stance === 'abstain') return 'abstained';
  return 'refused';
}

/**
 * What silence counts as. On wording written after the deadline nobody had the chance to
 * object, so silence there is never taken as consent, whatever the rule.
 */
function silentStance(final: boolean, rule: SilenceRule, revisedLate: boolean): EffectiveStance {
  if (!final) return 'awaiting';
  return rule === 'endorse' && !revisedLate ? 'endorsed_by_silence' : 'abstained_by_silence';
}

function unique(ids: readonly number[]): number[] {
  return [...new Set(ids)];
}

/** The composite response as it stands at `now`: final once the deadline has passed, provisional before. */
export function resolveCompositeResponse(inputs: CompositeInputs): CompositeResolution {
  const { round } = inputs;
  const deadline = instant(round.deadline, 'deadline');
  const final = instant(inputs.now, 'now') > deadline;
  const organisations = unique(round.respondingOrganisationIds);
  const responding = new Set(organisations);
  const questionIds = new Set(inputs.questions.map((q) => q.id));
  const statements = inputs.statements.filter((s) => questionIds.has(s.questionId));
  const revisions = new Map(statements.map((s) => [s.id, s.revision]));
  const ignoredRecords = ignored(inputs.records, responding, revisions);
  const counted = inputs.records.filter((r) => responding.has(r.organisationId));
  const answers = latestAnswers(counted, revisions, deadline);

  const outcomeOf = (statement: DraftStatement) =>
    statementOutcome(statement, organisations, answers, { final, deadline, rule: round.silenceRule });
  const questions = inIssuerOrder(inputs.questions).map((question) =>
    questionOutcome(
      question,
      inStatementOrder(statements.filter((s) => s.questionId === question.id)).map(outcomeOf),
    ),
  );
  const outcomes = questions.flatMap((q) => [...q.included, ...q.removed]);
  const awaiting = new Set(outcomes.flatMap((o) => o.awaiting));
  const awaitingOrganisations = organisations.filter((id) => awaiting.has(id));
  const lateRecords = outcomes
    .flatMap((o) => o.stances.flatMap((s) => (s.lateRecord ? [s.lateRecord] : [])))
    .sort((a, b) => (isLater(a, b) ? 1 : isLater(b, a) ? -1 : 0));
  const includedIds = new Set(outcomes.filter((o) => o.included).map((o) => o.statement.id));
  return {
    final,
    silenceRule: round.silenceRule,
    questions,
    counts: countsOf(questions, organisations.length, awaitingOrganisations.length, lateRecords.length),
    awaitingOrganisations,
    lateRecords,
    lateRefusalsOfIncluded: lateRecords.filter(
      (r) => r.stance === 'cannot_endorse' && includedIds.has(r.statementId),
    ),
    ignoredRecords,
    statementsWithoutQuestion: inputs.statements.filter((s) => !questionIds.has(s.questionId)),
  };
}

function ignored(
  records: readonly EndorsementRecord[],
  responding: Set<number>,
  revisions: Map<number, number>,
): IgnoredRecord[] {
  return records.flatMap((record): IgnoredRecord[] => {
    if (!revisions.has(record.statementId)) return [{ record, why: 'unknown_statement' }];
    if (!responding.has(record.organisationId)) return [{ record, why: 'not_responding' }];
    return [];
  });
}

function statementOutcome(
  statement: DraftStatement,
  organisations: readonly number[],
  answers: Map<string, Answers>,
  when: { final: boolean; deadline: number; rule: SilenceRule },
): StatementOutcome {
  const revisedLate = instant(statement.revisedAt, 'revisedAt') > when.deadline;
  const stances = organisations.map((organisationId): OrganisationStance => {
    const found = answers.get(answerKey(statement.id, organisationId));
    const record = found?.onTime ?? null;
    const stance = record ? answeredStance(record.stance) : silentStance(when.final, when.rule, revisedLate);
    return { organisationId, stance, record, lateRecord: found?.late ?? null };
  });
  const refusals = stances.flatMap((s): Refusal[] =>
    s.stance === 'refused' && s.record
      ? [{ organisationId: s.organisationId, reason: s.record.reason ?? '', recordedAt: s.record.recordedAt }]
      : [],
  );
  const removal: RemovalReason | null =
    refusals.length > 0 ? 'refused' : revisedLate ? 'revised_after_deadline' : null;
  const endorsed = (s: OrganisationStance) => s.stance === 'endorsed' || s.stance === 'endorsed_by_silence';
  return {
    statement,
    included: removal === null,
    removal,
    refusals,
    stances,
    endorsedByAll: stances.length > 0 && stances.every(endorsed),
    awaiting: stances.filter((s) => s.stance === 'awaiting').map((s) => s.organisationId),
  };
}

function questionOutcome(question: ConsultationQuestion, outcomes: StatementOutcome[]): QuestionOutcome {
  const included = outcomes.filter((o) => o.included);
  return {
    question,
    included,
    removed: outcomes.filter((o) => !o.included),
    noCollectiveResponse: included.length === 0,
    noneDrafted: outcomes.length === 0,
  };
}

function countsOf(
  questions: readonly QuestionOutcome[],
  organisations: number,
  organisationsAwaiting: number,
  lateRecords: number,
): ResolutionCounts {
  const included = questions.flatMap((q) => q.included);
  const removed = questions.reduce((sum, q) => sum + q.removed.length, 0);
  const unanswered = questions.filter((q) => q.noCollectiveResponse).length;
  return {
    questions: questions.length,
    questionsAnswered: questions.length - unanswered,
    questionsWithNoCollectiveResponse: unanswered,
    statements: included.length + removed,
    statementsIncluded: included.length,
    statementsRemoved: removed,
    statementsEndorsedByAll: included.filter((o) => o.endorsedByAll).length,
    organisations,
    organisationsAwaiting,
    lateRecords,
  };
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * The resolution in one or two plain sentences, e.g. "Final response: 15 of 17
 * statements included, 14 endorsed by all 4 organisations; 2 removed. 2 questions
 * have no collective response."
 */
export function resolutionSummary(resolution: CompositeResolution): string {
  const c = resolution.counts;
  const opening = resolution.final ? 'Final response' : 'Provisional until the deadline';
  if (c.statements === 0) {
    return `${opening}: no statements have been drafted, so ${c.questions === 1 ? 'the question has' : `all ${c.questions} questions have`} no collective response.`;
  }
  const all = c.organisations === 1 ? 'the 1 organisation' : `all ${c.organisations} organisations`;
  const parts = [
    `${opening}: ${c.statementsIncluded} of ${plural(c.statements, 'statement', 'statements')} included, ${c.statementsEndorsedByAll} endorsed by ${all}; ${c.statementsRemoved} removed.`,
  ];
  if (c.questionsWithNoCollectiveResponse > 0) {
    const has = c.questionsWithNoCollectiveResponse === 1 ? 'has' : 'have';
    parts.push(
      `${plural(c.questionsWithNoCollectiveResponse, 'question', 'questions')} ${has} no collective response.`,
    );
  }
  if (!resolution.final && c.organisationsAwaiting > 0) {
    const has = c.organisationsAwaiting === 1 ? 'has' : 'have';
    parts.push(
      `${plural(c.organisationsAwaiting, 'organisation', 'organisations')} ${has} not answered on every statement yet.`,
    );
  }
  if (c.lateRecords > 0) {
    parts.push(
      `${plural(c.lateRecords, 'answer was', 'answers were')} recorded after the deadline and not counted.`,
    );
  }
  return parts.join(' ');
}

/** A partner's view on a question, fed in before the draft; text null means it said "no view". */
export interface PartnerView {
  id: number;
  questionId: number;
  organisationId: number;
  text: string | null;
}

/** What an organisation said on a question before the draft. */
export type OwnView =
  { kind: 'view'; viewId: number; text: string } | { kind: 'no_view' } | { kind: 'not_given' };

export interface OwnStatement {
  statement: DraftStatement;
  /** Whether the statement is in the partnership's collective response. */
  inCollectiveResponse: boolean;
  /** Its endorsement came from silence under the partnership's rule, not from an answer. */
  bySilence: boolean;
  /** Its answer was recorded after the deadline, so did not count towards the collective response. */
  late: boolean;
  /** The reason given, for a refusal. */
  reason: string | null;
}

export interface OwnQuestion {
  question: ConsultationQuestion;
  view: OwnView;
  endorsed: OwnStatement[];
  refused: OwnStatement[];
}

export interface IndividualResponse {
  organisationId: number;
  /** Whether the collective response it is drawn from is final. */
  final: boolean;
  /** Every question, in the issuer's order, so the document follows the consultation. */
  questions: OwnQuestion[];
}

/**
 * One organisation's own response, to send separately: its views, the statements it
 * endorsed and those it refused, with its reasons. It follows what the organisation
 * last said, even after the deadline: a late answer did not change the collective
 * response, but this document speaks for the organisation alone. Where it said nothing,
 * silence counts as the partnership's rule says (endorsement appears as "by silence");
 * abstentions and statements still awaiting an answer are not listed.
 */
export function individualResponse(
  resolution: CompositeResolution,
  views: readonly PartnerView[],
  organisationId: number,
): IndividualResponse {
  const own = views.filter((v) => v.organisationId === organisationId);
  return {
    organisationId,
    final: resolution.final,
    questions: resolution.questions.map((q) => ownQuestion(q, own, organisationId)),
  };
}

function ownQuestion(
  outcome: QuestionOutcome,
  views: readonly PartnerView[],
  organisationId: number,
): OwnQuestion {
  const statements = [...outcome.included, ...outcome.removed].sort(
    (a, b) => a.statement.position - b.statement.position || a.statement.id - b.statement.id,
  );
  const endorsed: OwnStatement[] = [];
  const refused: OwnStatement[] = [];
  for (const statement of statements) {
    const stance = statement.stances.find((s) => s.organisationId === organisationId);
    if (!stance) continue;
    const said = stance.lateRecord ?? stance.record;
    const entry = {
      statement: statement.statement,
      inCollectiveResponse: statement.included,
      late: stance.lateRecord !== null,
      reason: said?.reason ?? null,
    };
    if (said?.stance === 'cannot_endorse') refused.push({ ...entry, bySilence: false });
    else if (said?.stance === 'endorse') endorsed.push({ ...entry, bySilence: false });
    else if (!said && stance.stance === 'endorsed_by_silence') endorsed.push({ ...entry, bySilence: true });
  }
  return { question: outcome.question, view: ownView(outcome.question.id, views), endorsed, refused };
}

/** The organisation's latest view on the question (a later view replaces an earlier one). */
function ownView(questionId: number, views: readonly PartnerView[]): OwnView {
  const latest = views
    .filter((v) => v.questionId === questionId)
    .reduce<PartnerView | null>((found, v) => (!found || v.id > found.id ? v : found), null);
  if (!latest) return { kind: 'not_given' };
  if (latest.text === null || latest.text.trim() === '') return { kind: 'no_view' };
  return { kind: 'view', viewId: latest.id, text: latest.text };
}
