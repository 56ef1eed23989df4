import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { can, type Actor } from '../../domain/permissions.ts';
import {
  endorsementProblem,
  individualResponse,
  inIssuerOrder,
  resolutionSummary,
  resolveCompositeResponse,
  reviseStatement,
  revisionProblem,
  silenceRuleNames,
  staleRevisionProblem,
  stanceNames,
  type CompositeResolution,
  type ConsultationQuestion,
  type DraftStatement,
  type EndorsementRecord,
  type SilenceRule,
  type Stance,
} from '../../domain/composite-response.ts';
import { maximumQuestions, splitQuestionList, type QuestionListSplit } from '../../domain/question-list.ts';
import { inLondon, londonToUtc } from '../../domain/london-time.ts';
import {
  ForbiddenError,
  NotFoundError,
  SignInRequiredError,
  ValidationError,
} from '../../platform/errors.ts';
import type { FieldErrors } from '../../platform/errors.ts';
import { cleanText, parseForm } from '../../platform/forms.ts';
import { authorise, formVersion, mustBeInList, partnershipLines } from '../../platform/service-rules.ts';
import { historyEntries, recordAudit } from '../../platform/audit.ts';
import { formatDate, formatDateTime, nowIso, todayIso } from '../../platform/time.ts';
import { updateWithVersion } from '../../platform/versioned.ts';
import type { Mailer, OutgoingMail } from '../../platform/mail.ts';
import {
  consultationDetailsForm,
  consultationForm,
  deadlineForm,
  endOfDay,
  longestText,
  organisationsForm,
  pastedQuestionsForm,
  questionForm,
  remindersForm,
  statementForm,
  submittedForm,
  type ConsultationDetailsValues,
} from './forms.ts';
import * as mail from './notifications.ts';
import * as repo from './repository.ts';
import type { DocumentQuestion, DocumentSection, ResponseDocument } from './documents.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Where a consultation is in its life. */
export type Stage = 'gathering' | 'drafting' | 'endorsing' | 'final' | 'submitted';
export const stageNames: Record<Stage, string> = {
  gathering: 'Gathering views',
  drafting: 'Drafting the response',
  endorsing: 'Partners endorsing the draft',
  final: 'Final response',
  submitted: 'Submitted',
};

/** Audit actions that are steps of the process, shown on its timeline. */
export const timelineActions: Record<string, string> = {
  created: 'Set up',
  organisations_changed: 'Organisations asked to respond changed',
  questions_added: 'Questions added',
  reminded: 'Reminder sent',
  circulated: 'Draft circulated for endorsement',
  statement_added: 'Statement added to the circulated draft',
  statement_revised: 'Statement reworded',
  statement_withdrawn: 'Statement withdrawn',
  deadline_changed: 'Endorsement deadline changed',
  closed: 'Endorsement closed early',
  submitted: 'Response sent',
};

export interface Access {
  /** May run the process: questions, reminders, the draft, its circulation. */
  manage: boolean;
  /** May see the internal record: views, answers, refusals, history. */
  insider: boolean;
  /** The responding organisations this person may answer for, in the responding order. */
  answersFor: number[];
}

const noAccess: Access = { manage: false, insider: false, answersFor: [] };

interface Loaded {
  consultation: repo.ConsultationRow;
  organisations: repo.RespondingOrganisation[];
  questions: repo.QuestionRow[];
  views: repo.ViewRow[];
  /** Every statement, withdrawn ones too. */
  statements: repo.StatementRow[];
  links: { statement_id: number; view_id: number }[];
  endorsements: repo.EndorsementRow[];
}

export function stageOf(
  c: Pick<repo.ConsultationRow, 'submitted_on' | 'circulated_at' | 'endorsement_deadline' | 'views_due_at'>,
  now: string,
): Stage {
  if (c.submitted_on) return 'submitted';
  if (c.circulated_at && c.endorsement_deadline) return now > c.endorsement_deadline ? 'final' : 'endorsing';
  return now > c.views_due_at ? 'drafting' : 'gathering';
}

const isFinal = (stage: Stage) => stage === 'final' || stage === 'submitted';

export const questionLabel = (q: { number: string }) => `Question ${q.number}`;

/** Questions grouped in their sections, in the issuer's order. */
export function bySection<Q extends { section: string | null; section_position: number }>(
  questions: Q[],
): { title: string | null; questions: Q[] }[] {
  const sections: { title: string | null; position: number; questions: Q[] }[] = [];
  for (const q of questions) {
    const last = sections.at(-1);
    if (last && last.position === q.section_position && last.title === q.section) last.questions.push(q);
    else sections.push({ title: q.section, position: q.section_position, questions: [q] });
  }
  return sections.map(({ title, questions: qs }) => ({ title, questions: qs }));
}

const asQuestion = (q: repo.QuestionRow): ConsultationQuestion & repo.QuestionRow => ({
  ...q,
  sectionPosition: q.section_position,
});

const asRecord = (e: repo.EndorsementRow): EndorsementRecord => ({
  id: e.id,
  statementId: e.statement_id,
  organisationId: e.organisation_id,
  stance: e.stance as Stance,
  reason: e.reason,
  revision: e.revision,
  recordedAt: e.recorded_at,
});

/** The instant of a London date and time; a time the clocks skip is a problem on the time field. */
function deadlineInstant(date: string, time: string | null, timeField: string): string {
  const instant = londonToUtc(date, time ?? endOfDay);
  if (!instant)
    throw new ValidationError({
      [timeField]: `${time} does not happen on ${formatDate(date)}: the clocks go forward that night. Choose another time`,
    });
  return instant;
}

/** "1 April 2026, 5:00pm", or "the end of 1 April 2026" for a deadline at 23:59. */
export function deadlineInWords(instant: string | null): string {
  if (!instant) return '';
  const { date, time } = inLondon(instant);
  return time === endOfDay ? `the end of ${formatDate(date)}` : formatDateTime(instant);
}

/** The text of a submitted field, cleaned as every form cleans it. */
const fieldText = (input: Record<string, unknown>, name: string): string => {
  const value = input[name];
  const text = Array.isArray(value) ? value.at(-1) : value;
  return typeof text === 'string' ? (cleanText(text) as string) : '';
};

/**
 * Collective responses to outside consultations (seed 004): the consultation and its
 * questions, each organisation's views, the composite draft traced to those views, its
 * circulation and endorsement, the final response and each organisation's own.
 */
export function createConsultationServices(
  db: Kysely<Database>,
  mailer: Mailer,
  baseUrl: string | undefined,
) {
  const link = (path: string) => `${baseUrl ?? ''}${path}`;

  async function consultationById(dbx: Db, id: number) {
    const c = await repo.findConsultation(dbx, id);
    if (!c) throw new NotFoundError('consultation');
    return c;
  }

  async function load(dbx: Db, id: number): Promise<Loaded> {
    const consultation = await consultationById(dbx, id);
    const [organisations, questions, views, statements, endorsements] = await Promise.all([
      repo.respondingOrganisations(dbx, [id]),
      repo.questionsOf(dbx, id),
      repo.viewsOf(dbx, id),
      repo.statementsOf(dbx, id),
      repo.endorsementsOf(dbx, id),
    ]);
    const links = await repo.statementViewsOf(
      dbx,
      statements.map((s) => s.id),
    );
    return {
      consultation,
      organisations,
      questions: inIssuerOrder(questions.map(asQuestion)),
      views,
      statements,
      links,
      endorsements,
    };
  }

  // ---- who may do what to a consultation

  /** The person's seats today, for every partnership, from one query. */
  async function seatsOfActor(actor: Actor) {
    const personId = await repo.personOfUser(db, actor.userId);
    if (personId === null) return [];
    const today = todayIso();
    return db
      .selectFrom('memberships')
      .select(['partnership_id', 'organisation_id'])
      .where('person_id', '=', personId)
      .where('role', 'in', [...repo.seatRoles])
      .where('starts_on', '<=', today)
      .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', today)]))
      .execute();
  }

  /** Works out access to many consultations with one read of the partnership tree and the person's seats. */
  async function accessChecker(actor: Actor | null) {
    if (!actor) return () => noAccess;
    const [lines, seats] = await Promise.all([partnershipLines(db), seatsOfActor(actor)]);
    return (c: { partnership_id: number }, organisationIds: number[]): Access => {
      const partnershipLine = lines(c.partnership_id);
      if (can(actor, 'consultations:manage', { partnershipLine }))
        return { manage: true, insider: true, answersFor: [...organisationIds] };
      const own = new Set<number>();
      for (const grant of actor.grants)
        if (grant.role === 'partner_officer' && organisationIds.includes(grant.organisationId))
          own.add(grant.organisationId);
      const partOfLine = can(actor, 'consultations:respond', { partnershipLine });
      if (partOfLine)
        for (const seat of seats)
          if (
            seat.partnership_id === c.partnership_id &&
            seat.organisation_id !== null &&
            organisationIds.includes(seat.organisation_id)
          )
            own.add(seat.organisation_id);
      return {
        manage: false,
        insider: partOfLine || own.size > 0,
        answersFor: organisationIds.filter((id) => own.has(id)),
      };
    };
  }

  async function accessTo(actor: Actor | null, loaded: Loaded): Promise<Access> {
    return (await accessChecker(actor))(
      loaded.consultation,
      loaded.organisations.map((o) => o.id),
    );
  }

  function refuse(actor: Actor | null): never {
    if (!actor) throw new SignInRequiredError();
    throw new ForbiddenError();
  }

  /** The consultation, for someone who may run it. */
  async function forManager(actor: Actor | null, id: number, dbx: Db = db) {
    authorise(actor, 'consultations:manage');
    const loaded = await load(dbx, id);
    const access = await accessTo(actor, loaded);
    if (!access.manage) refuse(actor);
    return { ...loaded, access, actor };
  }

  /** The consultation, for someone who may see its internal record. */
  async function forInsider(actor: Actor | null, id: number) {
    const loaded = await load(db, id);
    const access = await accessTo(actor, loaded);
    if (!access.insider) refuse(actor);
    return { ...loaded, access };
  }

  /** The consultation and one of its organisations, for someone who may answer for it. */
  async function forOrganisation(actor: Actor | null, id: number, slug: string, dbx: Db = db) {
    authorise(actor, 'consultations:respond');
    const loaded = await load(dbx, id);
    const access = await accessTo(actor, loaded);
    const organisation = loaded.organisations.find((o) => o.slug === slug);
    if (!organisation) {
      if (!access.insider) refuse(actor);
      throw new NotFoundError('organisation');
    }
    if (!access.answersFor.includes(organisation.id)) refuse(actor);
    return { ...loaded, access, organisation, actor };
  }

  // ---- derived facts

  /** Each organisation's latest view on each question. */
  function latestViews(loaded: Loaded): Map<string, repo.ViewRow> {
    const latest = new Map<string, repo.ViewRow>();
    for (const v of loaded.views) latest.set(`${v.organisation_id}:${v.question_id}`, v);
    return latest;
  }

  const currentStatements = (loaded: Loaded) => loaded.statements.filter((s) => s.withdrawn_at === null);

  const viewIdsOf = (loaded: Loaded, statementId: number) =>
    loaded.links.filter((l) => l.statement_id === statementId).map((l) => l.view_id);

  const asStatement = (loaded: Loaded, s: repo.StatementRow): DraftStatement => ({
    id: s.id,
    questionId: s.question_id,
    text: s.text,
    revision: s.revision,
    revisedAt: s.revised_at,
    position: s.position,
    viewIds: viewIdsOf(loaded, s.id),
  });

  function resolutionOf(loaded: Loaded, now: string): CompositeResolution | null {
    const c = loaded.consultation;
    if (!c.circulated_at || !c.endorsement_deadline || !c.silence_rule) return null;
    return resolveCompositeResponse({
      questions: loaded.questions.map(asQuestion),
      statements: currentStatements(loaded).map((s) => asStatement(loaded, s)),
      records: loaded.endorsements.map(asRecord),
      round: {
        respondingOrganisationIds: loaded.organisations.map((o) => o.id),
        deadline: c.endorsement_deadline,
        silenceRule: c.silence_rule as SilenceRule,
      },
      now,
    });
  }

  /** Who has given views: per organisation and per question. */
  function viewsProgress(loaded: Loaded) {
    const latest = latestViews(loaded);
    const total = loaded.questions.length;
    const organisations = loaded.organisations.map((o) => {
      const own = loaded.questions.map((q) => latest.get(`${o.id}:${q.id}`));
      const given = own.filter((v) => v && v.text !== null).length;
      const noView = own.filter((v) => v && v.text === null).length;
      const answered = given + noView;
      const last = own.reduce<string | null>(
        (at, v) => (v && (!at || v.created_at > at) ? v.created_at : at),
        null,
      );
      const status = total > 0 && answered === total ? 'complete' : answered > 0 ? 'partial' : 'none';
      return { ...o, given, noView, answered, notGiven: total - answered, status, lastAt: last };
    });
    const questions = loaded.questions.map((q) => {
      const views = loaded.organisations.flatMap((o) => {
        const v = latest.get(`${o.id}:${q.id}`);
        return v ? [{ ...v, organisation_name: o.name }] : [];
      });
      return {
        question: q,
        views: views.filter((v) => v.text !== null),
        noView: views.filter((v) => v.text === null).map((v) => v.organisation_name),
        notGiven: loaded.organisations.length - views.length,
      };
    });
    return {
      questions: total,
      organisations,
      byQuestion: questions,
      complete: organisations.filter((o) => o.status === 'complete').length,
      outstanding: organisations.filter((o) => o.status !== 'complete'),
    };
  }

  /** Each organisation's answers so far on the current statements (for reminders and the close-early check). */
  function answeredCounts(loaded: Loaded, resolution: CompositeResolution) {
    const statements = resolution.questions.flatMap((q) => [...q.included, ...q.removed]);
    return loaded.organisations.map((o) => ({
      ...o,
      answered: statements.filter((s) =>
        s.stances.some((st) => st.organisationId === o.id && (st.record || st.lateRecord)),
      ).length,
      statements: statements.length,
    }));
  }

  function timeline(loaded: Loaded, stage: Stage) {
    const c = loaded.consultation;
    const order: Stage[] = ['gathering', 'drafting', 'endorsing', 'final', 'submitted'];
    const at = order.indexOf(stage);
    const state = (s: Stage) => {
      const i = order.indexOf(s);
      return i < at ? 'done' : i === at ? 'current' : 'to_come';
    };
    return [
      {
        stage: 'gathering',
        name: 'Partners give their views',
        when: `Views due by ${deadlineInWords(c.views_due_at)}`,
        state: state('gathering'),
      },
      {
        stage: 'drafting',
        name: 'The secretariat drafts the collective response',
        when: c.circulated_at
          ? `Draft circulated on ${formatDateTime(c.circulated_at)}`
          : 'Not circulated yet',
        state: state('drafting'),
      },
      {
        stage: 'endorsing',
        name: 'Partners endorse the draft, or say what they cannot endorse',
        when: c.endorsement_deadline
          ? `Answers due by ${deadlineInWords(c.endorsement_deadline)}. ${silenceRuleNames[c.silence_rule as SilenceRule] ?? ''}.`
          : 'The deadline is set when the draft is circulated',
        state: state('endorsing'),
      },
      {
        stage: 'final',
        name: 'The final response holds only the statements no partner refused',
        when: c.endorsement_deadline ? `Final from ${deadlineInWords(c.endorsement_deadline)}` : '',
        state: state('final'),
      },
      {
        stage: 'submitted',
        name: `Sent to ${c.issuing_body}`,
        when: c.submitted_on
          ? `Sent on ${formatDate(c.submitted_on)}`
          : `The consultation closes on ${formatDate(c.closes_on)}`,
        state: stage === 'submitted' ? 'done' : 'to_come',
      },
    ];
  }

  async function events(consultationId: number) {
    const rows = await db
      .selectFrom('audit_entries')
      .selectAll()
      .where('entity_type', '=', 'consultation')
      .where('entity_id', '=', consultationId)
      .where('action', 'in', Object.keys(timelineActions))
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      at: r.occurred_at,
      name: timelineActions[r.action] ?? r.action,
      summary: r.summary,
      actorName: r.actor_name,
    }));
  }

  // ---- pages

  /** The consultations this person may see: the public sees those with a final response. */
  async function list(actor: Actor | null) {
    const now = nowIso();
    const [rows, checker] = await Promise.all([repo.listConsultations(db), accessChecker(actor)]);
    const organisations = await repo.respondingOrganisations(
      db,
      rows.map((r) => r.id),
    );
    return rows.flatMap((c) => {
      const stage = stageOf(c, now);
      const own = organisations.filter((o) => o.consultation_id === c.id).map((o) => o.id);
      const access = checker(c, own);
      if (!access.insider && !isFinal(stage)) return [];
      return [{ ...c, stage, stageName: stageNames[stage], organisations: own.length, access }];
    });
  }

  async function page(actor: Actor | null, id: number) {
    const now = nowIso();
    const loaded = await load(db, id);
    const access = await accessTo(actor, loaded);
    const stage = stageOf(loaded.consultation, now);
    if (!access.insider && !isFinal(stage)) refuse(actor);
    const resolution = resolutionOf(loaded, now);
    const progress = access.insider ? viewsProgress(loaded) : null;
    return {
      ...loaded,
      access,
      stage,
      stageName: stageNames[stage],
      sections: bySection(loaded.questions),
      timeline: timeline(loaded, stage),
      events: access.insider ? await events(id) : [],
      progress,
      resolution,
      summary: resolution && (access.insider || resolution.final) ? resolutionSummary(resolution) : null,
      canCloseEarly:
        access.manage &&
        stage === 'endorsing' &&
        resolution !== null &&
        resolution.awaitingOrganisations.length === 0,
      yours: (progress?.organisations ?? []).filter((o) => access.answersFor.includes(o.id)),
      viewsOpen: stage === 'gathering',
      statements: currentStatements(loaded).length,
      deadlineWords: {
        views: deadlineInWords(loaded.consultation.views_due_at),
        endorsement: deadlineInWords(loaded.consultation.endorsement_deadline),
      },
    };
  }

  async function viewsPage(actor: Actor | null, id: number) {
    const loaded = await forInsider(actor, id);
    const stage = stageOf(loaded.consultation, nowIso());
    return {
      ...loaded,
      stage,
      stageName: stageNames[stage],
      progress: viewsProgress(loaded),
      viewsDue: deadlineInWords(loaded.consultation.views_due_at),
    };
  }

  async function history(actor: Actor | null, id: number) {
    const loaded = await forInsider(actor, id);
    const rows = await db
      .selectFrom('audit_entries')
      .selectAll()
      .where('entity_type', '=', 'consultation')
      .where('entity_id', '=', id)
      .orderBy('id', 'desc')
      .execute();
    return {
      consultation: loaded.consultation,
      history: historyEntries(rows, ['partnership_id', 'created_by']),
    };
  }

  // ---- setting up

  /** The partnerships this person may set up a response for. */
  async function partnershipChoices(actor: Actor | null) {
    const [partnerships, lines] = await Promise.all([
      db.selectFrom('partnerships').select(['id', 'name', 'status']).orderBy('name').execute(),
      partnershipLines(db),
    ]);
    return partnerships
      .filter(
        (p) => p.status === 'active' && can(actor, 'consultations:manage', { partnershipLine: lines(p.id) }),
      )
      .map((p) => ({ id: p.id, name: p.name }));
  }

  function detailsValues(form: ConsultationDetailsValues) {
    return {
      title: form.title,
      issuing_body: form.issuingBody,
      url: form.url,
      description: form.description,
      closes_on: form.closesOn!,
      views_due_at: deadlineInstant(form.viewsDueOn!, form.viewsDueTime, 'viewsDueTime'),
    };
  }

  async function create(actor: Actor | null, input: unknown) {
    authorise(actor, 'consultations:manage');
    const form = parseForm(consultationForm, input);
    const values = detailsValues(form);
    return db.transaction().execute(async (trx) => {
      await mustBeInList(
        trx,
        'partnerships',
        form.partnershipId,
        'partnershipId',
        'Choose a partnership from the list',
      );
      const lines = await partnershipLines(trx);
      if (!can(actor, 'consultations:manage', { partnershipLine: lines(form.partnershipId) }))
        throw new ValidationError({
          partnershipId:
            'You can only set up a response for a partnership you chair or run, or one of its sub-groups',
        });
      const now = nowIso();
      const created = await trx
        .insertInto('consultations')
        .values({
          partnership_id: form.partnershipId,
          ...values,
          created_by: actor.userId,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // Everyone holding a seat today is asked; the secretariat can change the list before circulating.
      const seats = await repo.seatsOn(trx, form.partnershipId, todayIso());
      const organisationIds = [...new Set(seats.map((s) => s.organisation_id))];
      if (organisationIds.length > 0)
        await trx
          .insertInto('consultation_organisations')
          .values(
            organisationIds.map((organisation_id) => ({
              consultation_id: created.id,
              organisation_id,
              created_at: now,
            })),
          )
          .execute();
      await recordAudit(trx, actor, {
        entityType: 'consultation',
        entityId: created.id,
        action: 'created',
        summary: `Set up the response to “${form.title}” (${form.issuingBody}), asking ${organisationIds.length} organisations for their views`,
        after: { ...values, partnership_id: form.partnershipId },
      });
      return { id: created.id };
    });
  }

  async function update(actor: Actor | null, id: number, input: unknown) {
    const { consultation: c } = await forManager(actor, id);
    const version = formVersion(input);
    const form = parseForm(consultationDetailsForm, input);
    const values = detailsValues(form);
    if (c.submitted_on)
      throw new ValidationError({
        form: 'The response has been sent, so the consultation can no longer change',
      });
    if (c.endorsement_deadline && inLondon(c.endorsement_deadline).date > values.closes_on)
      throw new ValidationError({
        closesOn: `The endorsement deadline is ${deadlineInWords(c.endorsement_deadline)}, after this date. Change the deadline first`,
      });
    await db.transaction().execute(async (trx) => {
      const { before, after } = await updateWithVersion(trx, 'consultations', id, version, values);
      await recordAudit(trx, actor, {
        entityType: 'consultation',
        entityId: id,
        action: 'updated',
        summary: `Changed the details of “${form.title}”`,
        before,
        after,
      });
    });
  }

  /** Organisations that may be asked: those holding a seat today, and those already asked. */
  async function organisationChoices(actor: Actor | null, id: number) {
    const loaded = await forManager(actor, id);
    const seats = await repo.seatsOn(db, loaded.consultation.partnership_id, todayIso());
    const choices = new Map<number, string>();
    for (const s of seats) choices.set(s.organisation_id, s.organisation_name);
    for (const o of loaded.organisations) choices.set(o.id, o.name);
    return {
      ...loaded,
      choices: [...choices]
        .map(([value, text]) => ({ value, text }))
        .sort((a, b) => a.text.localeCompare(b.text)),
      chosen: loaded.organisations.map((o) => o.id),
    };
  }

  async function setOrganisations(actor: Actor | null, id: number, input: unknown) {
    const { consultation: c, choices, chosen } = await organisationChoices(actor, id);
    if (c.circulated_at)
      throw new ValidationError({
        organisationIds: 'The draft has been circulated, so the organisations asked can no longer change',
      });
    const form = parseForm(organisationsForm, input);
    const allowed = new Set(choices.map((o) => o.value));
    if (form.organisationIds.some((o) => !allowed.has(o)))
      throw new ValidationError({ organisationIds: 'Choose organisations from the list' });
    const wanted = [...new Set(form.organisationIds)];
    const added = wanted.filter((o) => !chosen.includes(o));
    const removed = chosen.filter((o) => !wanted.includes(o));
    if (added.length === 0 && removed.length === 0) return { changed: false };
    const name = (o: number) => choices.find((x) => x.value === o)?.text ?? String(o);
    await db.transaction().execute(async (trx) => {
      if (removed.length > 0)
        await trx
          .deleteFrom('consultation_organisations')
          .where('consultation_id', '=', id)
          .where('organisation_id', 'in', removed)
          .execute();
      const now = nowIso();
      if (added.length > 0)
        await trx
          .insertInto('consultation_organisations')
          .values(added.map((organisation_id) => ({ consultation_id: id, organisation_id, created_at: now })))
          .execute();
      const parts = [
        added.length ? `added ${added.map(name).join(', ')}` : '',
        removed.length ? `no longer asking ${removed.map(name).join(', ')}` : '',
      ].filter(Boolean);
      await recordAudit(trx, actor, {
        entityType: 'consultation',
        entityId: id,
        action: 'organisations_changed',
        summary: `Organisations asked to respond: ${wanted.length} (${parts.join('; ')})`,
        before: { organisations: chosen.map(name) },
        after: { organisations: wanted.map(name) },
      });
    });
    return { changed: true };
  }

  // ---- questions

  function questionsMayChange(c: repo.ConsultationRow, field = 'form') {
    if (c.circulated_at)
      throw new ValidationError({
        [field]: 'The draft has been circulated, so the questions can no longer change',
      });
  }

  const plainNumber = (number: string) => number.replace(/^(?:question|q)\s*\.?\s*/i, '').trim() || number;
  const sameSection = (a: string | null, b: string | null) =>
    (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

  /** Where a question goes: its section's place (a new section goes last) and the end of that section. */
  function placeFor(questions: repo.QuestionRow[], section: string | null, exceptId?: number) {
    const others = questions.filter((q) => q.id !== exceptId);
    const existing = others.find((q) => sameSection(q.section, section));
    const sectionPosition =
      section === null
        ? 0
        : (existing?.section_position ?? Math.max(0, ...others.map((q) => q.section_position)) + 1);
    const inSection = others.filter((q) => q.section_position === sectionPosition);
    return {
      section: existing?.section ?? section,
      section_position: sectionPosition,
      position: Math.max(0, ...inSection.map((q) => q.position)) + 1,
    };
  }

  async function questionFor(actor: Actor | null, id: number, questionId: number) {
    const loaded = await forManager(actor, id);
    const question = loaded.questions.find((q) => q.id === questionId);
    if (!question) throw new NotFoundError('question');
    return { ...loaded, question };
  }

  async function addQuestion(actor: Actor | null, id: number, input: unknown) {
    const { consultation: c, questions } = await forManager(actor, id);
    questionsMayChange(c);
    const form = parseForm(questionForm, input);
    const number = plainNumber(form.number);
    if (questions.length >= maximumQuestions)
      throw new ValidationError({ form: `A consultation can have up to ${maximumQuestions} questions` });
    const place = placeFor(questions, form.section);
    if (
      questions.some(
        (q) =>
          q.section_position === place.section_position && q.number.toLowerCase() === number.toLowerCase(),
      )
    )
      throw new ValidationError({
        number: `There is already a question ${number}${place.section ? ` in “${place.section}”` : ''}`,
      });
    await db.transaction().execute(async (trx) => {
      const now = nowIso();
      const row = await trx
        .insertInto('consultation_questions')
        .values({ consultation_id: id, number, text: form.text, ...place, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        entityType: 'consultation',
        entityId: id,
        action: 'question_added',
        summary: `Added question ${number}${place.section ? ` (${place.section})` : ''}`,
        after: { question_id: row.id, number, section: place.section, text: form.text },
      });
    });
  }

  async function updateQuestion(actor: Actor | null, id: number, questionId: number, input: unknown) {
    const { consultation: c, questions, question } = await questionFor(actor, id, questionId);
    questionsMayChange(c);
    const form = parseForm(questionForm, input);
    const number = plainNumber(form.number);
    const place = sameSection(question.section, form.section)
      ? { section: form.section, section_position: question.section_position, position: question.position }
      : placeFor(questions, form.section, questionId);
    if (
      questions.some(
        (q) =>
          q.id !== questionId &&
          q.section_position === place.section_position &&
          q.number.toLowerCase() === number.toLowerCase(),
      )
    )
      throw new ValidationError({
        number: `There is already a question ${number}${place.section ? ` in “${place.section}”` : ''}`,
      });
    await db.transaction().execute(async (trx) => {
      const values = { number, text: form.text, ...place, updated_at: nowIso() };
      await trx.updateTable('consultation_questions').set(values).where('id', '=', questionId).execute();
      await recordAudit(trx, actor, {
        entityType: 'consultation',
        entityId: id,
        action: 'question_changed',
        summary: `Changed question ${number}`,
        before: { number: question.number, section: question.section, text: question.text },
        after: { number, section: place.section, text: form.text },
      });
    });
  }

  async function removeQuestion(actor: Actor | null, id: number, questionId: number) {
    const { consultation: c, question, views, statements } = await questionFor(actor, id, questionId);
    questionsMayChange(c);
    if (
      views.some((v) => v.question_id === questionId) ||
      statements.some((s) => s.question_id === questionId)
    )
      throw new ValidationError({
        form: `Partners have given views on question ${question.number}, so it cannot be removed. Change its wording instead if it was entered wrongly`,
      });
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('consultation_questions').where('id', '=', questionId).execute();
      await recordAudit(trx, actor, {
        entityType: 'consultation',
        entityId: id,
        action: 'question_removed',
        summary: `Removed question ${question.number}`,
        before: { number: question.number, section: question.section, text: question.text },
      });
    });
  }

  /**
   * Splits a pasted list for the secretariat to check. Numbers already in the consultation
   * (in a section of the same name) are problems too, so nothing is saved twice.
   */
  async function previewPasted(actor: Actor | null, id: number, input: unknown) {
    const { consultation: c, questions } = await forManager(actor, id);
    questionsMayChange(c, 'pasted');
    const { pasted } = parseForm(pastedQuestionsForm, input);
    const split: QuestionListSplit = splitQuestionList(pasted);
    const problems = [...split.problems];
    for (const q of split.questions) {
      const clash = questions.find(
        (existing) =>
          sameSection(existing.section, q.section) &&
          existing.number.toLowerCase() === q.number.toLowerCase(),
      );
      if (clash)
        problems.push(
          `Question ${q.number} is already in the consultation${clash.section ? ` (in “${clash.section}”)` : ''}`,
        );
    }
    if (questions.length + split.questions.length > maximumQuestions)
      problems.push(
        `The consultation would have ${questions.length + split.questions.length} questions, more than ${maximumQuestions}`,
      );
    return {
      pasted,
      split: { ...split, problems },
      sections: bySection(split.questions.map((q) => ({ ...q, section_position: q.sectionPosition }))),
    };
  }

  async function savePasted(actor: Actor | null, id: number, input: unknown) {
    const preview = await previewPasted(actor, id, input);
    if (preview.split.problems.length > 0 || preview.split.questions.length === 0)
      return { saved: 0, preview };
    await db.transaction().execute(async (trx) => {
      const existing = [...(await repo.questionsOf(trx, id))];
      const now = nowIso();
      for (const q of preview.split.questions) {
        const place = placeFor(existing, q.section);
        const row = await trx
          .insertInto('consultation_questions')
          .values({
            consultation_id: id,
            number: q.number,
            text: q.text,
            ...place,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        existing.push(row);
      }
      await recordAudit(trx, actor, {
        entityType: 'consultation',
        entityId: id,
        action: 'questions_added',
        summary: `Added ${preview.split.questions.length} questions from a pasted list`,
        after: { numbers: preview.split.questions.map((q) => q.number) },
      });
    });
    return { saved: preview.split.questions.length, preview };
  }

  // ---- views

  async function viewsForm(actor: Actor | null, id: number, slug: string) {
    const loaded = await forOrganisation(actor, id, slug);
    const latest = latestViews(loaded);
    const stage = stageOf(loaded.consultation, nowIso());
    return {
      ...loaded,
      stage,
      open: stage === 'gathering',
      viewsDue: deadlineInWords(loaded.consultation.views_due_at),
      sections: bySection(loaded.questions),
      values: Object.fromEntries(
        loaded.questions.flatMap((q) => {
          const v = latest.get(`${loaded.organisation.id}:${q.id}`);
          if (!v) return [];
          return v.text === null ? [[`noView-${q.id}`, 'yes']] : [[`view-${q.id}`, v.text]];
        }),
      ) as Record<string, unknown>,
      given: Object.fromEntries(
        loaded.questions.flatMap((q) => {
          const v = latest.get(`${loaded.organisation.id}:${q.id}`);
          return v ? [[String(q.id), { at: v.created_at, by: v.recorder_name }]] : [];
        }),
      ) as Record<string, { at: string; by: string }>,
    };
  }

  async function saveViews(actor: Actor | null, id: number, slug: string, input: Record<string, unknown>) {
    const loaded = await forOrganisation(actor, id, slug);
    const { consultation: c, organisation, questions } = loaded;
    const stage = stageOf(c, nowIso());
    if (stage !== 'gathering')
      throw new ValidationError({
        form: c.circulated_at
          ? 'The draft has been circulated, so views can no longer be given. Answer on the draft instead'
          : `Views closed at ${deadlineInWords(c.views_due_at)}. Ask the secretariat if yours can still be taken`,
      });
    const latest = latestViews(loaded);
    const errors: FieldErrors = {};
    const changes: { question: repo.QuestionRow; text: string | null }[] = [];
    for (const q of questions) {
      const text = fieldText(input, `view-${q.id}`);
      const noView = ['yes', 'on', 'true'].includes(fieldText(input, `noView-${q.id}`));
      const previous = latest.get(`${organisation.id}:${q.id}`);
      if (text && noView)
        errors[`view-${q.id}`] = `${questionLabel(q)}: write your view or tick “No view”, not both`;
      else if (text.length > longestText)
        errors[`view-${q.id}`] =
          `${questionLabel(q)}: your view must be ${longestText.toLocaleString('en-GB')} characters (1 MB) or fewer`;
      else if (!text && !noView && previous)
        errors[`view-${q.id}`] =
          `${questionLabel(q)}: your organisation gave ${previous.text === null ? '“no view”' : 'a view'} before. Write your view, or tick “No view” if you now have none`;
      else if (noView && !(previous && previous.text === null)) changes.push({ question: q, text: null });
      else if (text && previous?.text !== text) changes.push({ question: q, text });
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    if (changes.length === 0) return { saved: 0 };
    await db.transaction().execute(async (trx) => {
      const now = nowIso();
      await trx
        .insertInto('consultation_views')
        .values(
          changes.map((change) => ({
            consultation_id: id,
            question_id: change.question.id,
            organisation_id: organisation.id,
            text: change.text,
            recorded_by: actor!.userId,
            recorder_name: actor!.name,
            created_at: now,
          })),
        )
        .execute();
      const none = changes.filter((ch) => ch.text === null).length;
      await recordAudit(trx, actor, {
        entityType: 'consultation',
        entityId: id,
        action: 'views_given',
        summary: `${organisation.name} gave its views on ${changes.length} question${changes.length === 1 ? '' : 's'}${none ? ` (“no view” on ${none})` : ''}`,
        after: {
          organisation: organisation.name,
          views: changes.filter((ch) => ch.text !== null).map((ch) => ch.question.number),
          no_view: changes.filter((ch) => ch.text === null).map((ch) => ch.question.number),
        },
      });
    });
    return { saved: changes.length };
  }

  // ---- reminders

  async function sendReminders(actor: Actor | null, id: number, input: unknown) {
    const loaded = await forManager(actor, id);
    const { consultation: c } = loaded;
    const now = nowIso();
    const stage = stageOf(c, now);
    if (stage !== 'gathering' && stage !== 'endorsing')
      throw new ValidationError({
        organisationIds:
          stage === 'drafting'
            ? 'Views have closed and the draft has not been circulated yet, so there is nothing to remind partners about'
            : 'The endorsement deadline has passed, so there is nothing to remind partners about',
      });
    const form = parseForm(remindersForm, input);
    const chosen = loaded.organisations.filter((o) => form.organisationIds.includes(o.id));
    if (chosen.length !== new Set(form.organisationIds).size)
      throw new ValidationError({ organisationIds: 'Choose organisations from the list' });
    const recipients = await repo.recipientsFor(
      db,
      c.partnership_id,
      chosen.map((o) => o.id),
      todayIso(),
    );
    const context = { consultation: c, link };
    const progress = viewsProgress(loaded);
    const resolution = resolutionOf(loaded, now);
    const counts = resolution ? answeredCounts(loaded, resolution) : [];
    const reached: { organisation: repo.RespondingOrganisation; people: number; failed: number }[] = [];
    const nobody: string[] = [];
    for (const organisation of chosen) {
      const people = recipients.filter((r) => r.organisationId === organisation.id);
      if (people.length === 0) {
        nobody.push(organisation.name);
        continue;
      }
      const mails: OutgoingMail[] = people.map((person) => {
        if (stage === 'gathering') {
          const own = progress.organisations.find((o) => o.id === organisation.id)!;
          return mail.viewsReminder(context, person, organisation, {
            answered: own.answered,
            questions: progress.questions,
          });
        }
        const own = counts.find((o) => o.id === organisation.id)!;
        return mail.endorsementReminder(context, person, organisation, own);
      });
      const result = await mail.sendAll(mailer, mails);
      reached.push({ organisation, people: result.sent, failed: result.failed });
    }
    const sent = reached.filter((r) => r.people > 0);
    if (sent.length > 0)
      await db.transaction().execute(async (trx) => {
        for (const r of sent)
          await recordAudit(trx, actor, {
            entityType: 'consultation',
            entityId: id,
            action: 'reminded',
            summary: `Reminder sent to ${r.organisation.name} (${r.people} ${r.people === 1 ? 'person' : 'people'}) about ${stage === 'gathering' ? `views due by ${deadlineInWords(c.views_due_at)}` : `answers on the draft due by ${deadlineInWords(c.endorsement_deadline)}`}`,
          });
      });
    return {
      reminded: sent.map((r) => r.organisation.name),
      people: sent.reduce((sum, r) => sum + r.people, 0),
      failed: reached.reduce((sum, r) => sum + r.failed, 0),
      nobody,
    };
  }

  // ---- the draft

  async function draftPage(actor: Actor | null, id: number) {
    const loaded = await forManager(actor, id);
    const now = nowIso();
    const stage = stageOf(loaded.consultation, now);
    const resolution = resolutionOf(loaded, now);
    const progress = viewsProgress(loaded);
    const viewsById = new Map(loaded.views.map((v) => [v.id, v]));
    const statements = currentStatements(loaded);
    const outcomes = new Map(
      (resolution?.questions ?? [])
        .flatMap((q) => [...q.included, ...q.removed])
        .map((o) => [o.statement.id, o]),
    );
    return {
      ...loaded,
      stage,
      stageName: stageNames[stage],
      resolution,
      mayDraft: !isFinal(stage),
      sections: bySection(
        progress.byQuestion.map((p) => ({
          ...p,
          section: p.question.section,
          section_position: p.question.section_position,
          statements: statements
            .filter((s) => s.question_id === p.question.id)
            .map((s) => ({
              ...s,
              drawsOn: viewIdsOf(loaded, s.id).flatMap((vid) => {
                const v = viewsById.get(vid);
                return v ? [v.organisation_name] : [];
              }),
              outcome: outcomes.get(s.id) ?? null,
            })),
        })),
      ),
      statementCount: statements.length,
    };
  }

  /** The views a statement may draw on: every view given on its question, latest first per organisation. */
  function viewChoices(loaded: Loaded, questionId: number) {
    const latest = latestViews(loaded);
    return loaded.views
      .filter((v) => v.question_id === questionId && v.text !== null)
      .map((v) => ({
        ...v,
        current: latest.get(`${v.organisation_id}:${v.question_id}`)?.id === v.id,
      }))
      .sort((a, b) => a.organisation_name.localeCompare(b.organisation_name) || b.id - a.id);
  }

  async function statementContext(actor: Actor | null, id: number, questionId: number) {
    const loaded = await forManager(actor, id);
    const question = loaded.questions.find((q) => q.id === questionId);
    if (!question) throw new NotFoundError('question');
    const stage = stageOf(loaded.consultation, nowIso());
    return { ...loaded, question, stage, viewChoices: viewChoices(loaded, questionId) };
  }

  async function statementFor(actor: Actor | null, id: number, statementId: number) {
    const loaded = await forManager(actor, id);
    const statement = currentStatements(loaded).find((s) => s.id === statementId);
    if (!statement) throw new NotFoundError('statement');
    const question = loaded.questions.find((q) => q.id === statement.question_id)!;
    const stage = stageOf(loaded.consultation, nowIso());
    const answered = loaded.endorsements.filter((e) => e.statement_id === statementId);
    return {
      ...loaded,
      statement,
      question,
      stage,
      viewChoices: viewChoices(loaded, question.id),
      chosenViews: viewIdsOf(loaded, statementId),
      answeredBy: [...new Set(answered.map((e) => e.organisation_id))].length,
    };
  }

  function draftMayChange(c: repo.ConsultationRow, text: string, now: string) {
    if (c.submitted_on)
      throw new ValidationError({
        text: 'The response has been sent, so its statements can no longer change',
      });
    if (c.endorsement_deadline) {
      const problem = revisionProblem(text, now, c.endorsement_deadline);
      if (problem) throw new ValidationError({ text: problem });
    }
  }

  function checkViews(choices: { id: number }[], viewIds: number[]) {
    const allowed = new Set(choices.map((v) => v.id));
    if (viewIds.some((v) => !allowed.has(v)))
      throw new ValidationError({ viewIds: 'Choose views given on this question, from the list' });
  }

  async function tellOrganisations(
    c: repo.ConsultationRow,
    organisations: repo.RespondingOrganisation[],
    compose: (person: repo.Recipient, organisation: repo.RespondingOrganisation) => OutgoingMail,
  ) {
    if (organisations.length === 0) return { sent: 0, failed: 0 };
    const recipients = await repo.recipientsFor(
      db,
      c.partnership_id,
      organisations.map((o) => o.id),
      todayIso(),
    );
    const mails = recipients.map((person) =>
      compose(
        person,
        organisations.find((o) => o.id === person.organisationId)!,
      ),
    );
    const result = await mail.sendAll(mailer, mails);
    return { sent: result.sent, failed: result.failed };
  }

  async function addStatement(actor: Actor | null, id: number, questionId: number, input: unknown) {
    const context = await statementContext(actor, id, questionId);
    const { consultation: c, question } = context;
    const form = parseForm(statementForm, input);
    const now = nowIso();
    draftMayChange(c, form.text, now);
    checkViews(context.viewChoices, form.viewIds);
    const statementId = await db.transaction().execute(async (trx) => {
      const position =
        Math.max(
          0,
          ...context.statements.filter((s) => s.question_id === questionId).map((s) => s.position),
        ) + 1;
      const row = await trx
        .insertInto('consultation_statements')
        .values({
          consultation_id: id,
          question_id: questionId,
          text: form.text,
          revision: 1,
          revised_at: now,
          position,
          withdrawn_at: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('consultation_statement_views')
        .values([...new Set(form.viewIds)].map((view_id) => ({ statement_id: row.id, view_id })))
        .execute();
      if (c.circulated_at)
        await trx
          .insertInto('consultation_statement_revisions')
          .values({
            statement_id: row.id,
            revision: 1,
            text: form.text,
            revised_at: now,
            revised_by: actor!.userId,
            reviser_name: actor!.name,
          })
          .execute();
      await recordAudit(trx, actor, {
        entityType: 'consultation',
        entityId: id,
        action: c.circulated_at ? 'statement_added' : 'statement_drafted',
        summary: `${c.circulated_at ? 'Added a statement to the circulated draft' : 'Drafted a statement'} for question ${question.number}`,
        after: { statement_id: row.id, question: question.number, text: form.text, views: form.viewIds },
      });
      return row.id;
    });
    const told = c.circulated_at
      ? await tellOrganisations(c, context.organisations, (person, organisation) =>
          mail.statementAdded({ consultation: c, link }, person, organisation, {
            questionNumber: question.number,
            text: form.text,
          }),
        )
      : { sent: 0, failed: 0 };
    return { id: statementId, told };
  }

  async function updateStatement(actor: Actor | null, id: number, statementId: number, input: unknown) {
    const context = await statementFor(actor, id, statementId);
    const { consultation: c, statement, question } = context;
    const version = formVersion(input);
    const form = parseForm(statementForm, input);
    const now = nowIso();
    draftMayChange(c, form.text, now);
    checkViews(context.viewChoices, form.viewIds);
    const records = context.endorsements.map(asRecord);
    // Before circulation nobody has read the words, so they are simply corrected; after, a new wording is a new revision.
    const revised = c.circulated_at
      ? reviseStatement(asStatement(context, statement), form.text, now, records)
      : null;
    const textChanged = form.text.trim() !== statement.text.trim();
    const result = await db.transaction().execute(async (trx) => {
      const changes: Record<string, unknown> = {};
      if (revised?.changed) {
        changes.text = revised.statement.text;
        changes.revision = revised.statement.revision;
        changes.revised_at = revised.statement.revisedAt;
      } else if (!c.circulated_at && textChanged) {
        changes.text = form.text;
        changes.revised_at = now;
      }
      const { before, after } = await updateWithVersion(
        trx,
        'consultation_statements',
        statementId,
        version,
        changes,
      );
      const viewIds = [...new Set(form.viewIds)];
      const previousViews = context.chosenViews;
      const viewsChanged =
        viewIds.length !== previousViews.length || viewIds.some((v) => !previousViews.includes(v));
      if (viewsChanged) {
        await trx
          .deleteFrom('consultation_statement_views')
          .where('statement_id', '=', statementId)
          .execute();
        await trx
          .insertInto('consultation_statement_views')
          .values(viewIds.map((view_id) => ({ statement_id: statementId, view_id })))
          .execute();
      }
      if (revised?.changed)
        await trx
          .insertInto('consultation_statement_revisions')
          .values({
            statement_id: statementId,
            revision: revised.statement.revision,
            text: revised.statement.text,
            revised_at: now,
            revised_by: actor!.userId,
            reviser_name: actor!.name,
          })
          .execute();
      const tell = revised?.organisationsToTell ?? [];
      await recordAudit(trx, actor, {
        entityType: 'consultation',
        entityId: id,
        action: revised?.changed ? 'statement_revised' : 'statement_changed',
        summary: revised?.changed
          ? `Reworded a statement for question ${question.number} (revision ${revised.statement.revision}): ${tell.length} organisation${tell.length === 1 ? '' : 's'} that had answered on it asked to answer again`
          : `Changed a statement for question ${question.number}`,
        before: { text: before.text, revision: before.revision, views: previousViews },
        after: { text: after.text, revision: after.revision, views: viewIds },
      });
      return { tell, changed: revised?.changed ?? false };
    });
    const told = result.changed
      ? await tellOrganisations(
          c,
          context.organisations.filter((o) => result.tell.includes(o.id)),
          (person, organisation) =>
            mail.statementChanged({ consultation: c, link }, person, organisation, {
              questionNumber: question.number,
              before: statement.text,
              after: form.text.trim(),
            }),
        )
      : { sent: 0, failed: 0 };
    return { revised: result.changed, organisationsTold: result.tell.length, told };
  }

  async function removeStatement(actor: Actor | null, id: number, statementId: number) {
    const context = await statementFor(actor, id, statementId);
    const { consultation: c, statement, question } = context;
    const stage = stageOf(c, nowIso());
    if (isFinal(stage))
      throw new ValidationError({
        form: 'The endorsement deadline has passed, so the draft can no longer change. Extend the deadline first',
      });
    const answered = context.endorsements.some((e) => e.statement_id === statementId);
    await db.transaction().execute(async (trx) => {
      if (answered) {
        // Partners have answered on it: it leaves the draft but stays on the record.
        await trx
          .updateTable('consultation_statements')
          .set({ withdrawn_at: nowIso(), version: statement.version + 1, updated_at: nowIso() })
          .where('id', '=', statementId)
          .execute();
      } else {
        await trx
          .deleteFrom('consultation_statement_views')
          .where('statement_id', '=', statementId)
          .execute();
        await trx
          .deleteFrom('consultation_statement_revisions')
          .where('statement_id', '=', statementId)
          .execute();
        await trx.deleteFrom('consultation_statements').where('id', '=', statementId).execute();
      }
      await recordAudit(trx, actor, {
        entityType: 'consultation',
        entityId: id,
        action: answered ? 'statement_withdrawn' : 'statement_removed',
        summary: `${answered ? 'Withdrew' : 'Removed'} a statement for question ${question.number}`,
        before: { text: statement.text, revision: statement.revision },
      });
    });
    return { withdrawn: answered };
  }

  // ---- circulation and the deadline

  function deadlineFrom(c: repo.ConsultationRow, input: unknown, now: string) {
    const form = parseForm(deadlineForm, input);
    const deadline = deadlineInstant(form.deadlineOn!, form.deadlineTime, 'deadlineTime');
    if (deadline <= now)
      throw new ValidationError({
        deadlineOn: 'The endorsement deadline must be in the future, so partners have time to answer',
      });
    if (form.deadlineOn! > c.closes_on)
      throw new ValidationError({
        deadlineOn: `The endorsement deadline must be on or before the day the consultation closes (${formatDate(c.closes_on)}), so the response can be sent in time`,
      });
    return { deadline, silenceRule: form.silenceRule };
  }

  async function circulationForm(actor: Actor | null, id: number) {
    const loaded = await forManager(actor, id);
    const now = nowIso();
    return {
      ...loaded,
      stage: stageOf(loaded.consultation, now),
      statementCount: currentStatements(loaded).length,
      progress: viewsProgress(loaded),
      viewsOpen: now <= loaded.consultation.views_due_at,
      viewsDue: deadlineInWords(loaded.consultation.views_due_at),
    };
  }

  async function circulate(actor: Actor | null, id: number, input: unknown) {
    const context = await circulationForm(actor, id);
    const { consultation: c } = context;
    if (c.circulated_at) throw new ValidationError({ form: 'The draft has already been circulated' });
    const now = nowIso();
    const { deadline, silenceRule } = deadlineFrom(c, input, now);
    const statements = currentStatements(context);
    if (context.organisations.length === 0)
      throw new ValidationError({
        form: 'Choose the organisations asked to respond before circulating the draft',
      });
    if (statements.length === 0)
      throw new ValidationError({ form: 'Draft at least one statement before circulating the draft' });
    if (context.viewsOpen && context.progress.outstanding.length > 0)
      throw new ValidationError({
        form: `Views are open until ${context.viewsDue} and ${context.progress.outstanding.length} of ${context.organisations.length} organisations have not answered every question yet (${context.progress.outstanding.map((o) => o.name).join(', ')}). Circulate the draft after the deadline, or once every organisation has answered`,
      });
    await db.transaction().execute(async (trx) => {
      const { before, after } = await updateWithVersion(trx, 'consultations', id, c.version, {
        circulated_at: now,
        endorsement_deadline: deadline,
        silence_rule: silenceRule,
      });
      await trx
        .insertInto('consultation_statement_revisions')
        .values(
          statements.map((s) => ({
            statement_id: s.id,
            revision: s.revision,
            text: s.text,
            revised_at: s.revised_at,
            revised_by: actor!.userId,
            reviser_name: actor!.name,
          })),
        )
        .execute();
      await recordAudit(trx, actor, {
        entityType: 'consultation',
        entityId: id,
        action: 'circulated',
        summary: `Circulated the draft (${statements.length} statements) to ${context.organisations.length} organisations; answers due by ${deadlineInWords(deadline)}. ${silenceRuleNames[silenceRule]}`,
        before,
        after,
      });
    });
    const circulated = {
      ...c,
      circulated_at: now,
      endorsement_deadline: deadline,
      silence_rule: silenceRule,
    };
    return tellOrganisations(circulated, context.organisations, (person, organisation) =>
      mail.draftCirculated({ consultation: circulated, link }, person, organisation, statements.length),
    );
  }

  async function changeDeadline(actor: Actor | null, id: number, input: unknown) {
    const loaded = await forManager(actor, id);
    const { consultation: c } = loaded;
    if (!c.circulated_at || !c.endorsement_deadline)
      throw new ValidationError({
        form: 'The draft has not been circulated yet: set the deadline when you circulate it',
      });
    if (c.submitted_on)
      throw new ValidationError({ form: 'The response has been sent, so the deadline can no longer change' });
    const now = nowIso();
    const { deadline, silenceRule } = deadlineFrom(c, input, now);
    const previous = c.endorsement_deadline;
    await db.transaction().execute(async (trx) => {
      const { before, after } = await updateWithVersion(trx, 'consultations', id, formVersion(input), {
        endorsement_deadline: deadline,
        silence_rule: silenceRule,
      });
      await recordAudit(trx, actor, {
        entityType: 'consultation',
        entityId: id,
        action: 'deadline_changed',
        summary: `Endorsement deadline changed from ${deadlineInWords(previous)} to ${deadlineInWords(deadline)}. ${silenceRuleNames[silenceRule]}`,
        before,
        after,
      });
    });
    const changed = { ...c, endorsement_deadline: deadline, silence_rule: silenceRule };
    return tellOrganisations(changed, loaded.organisations, (person, organisation) =>
      mail.deadlineChanged({ consultation: changed, link }, person, organisation, previous),
    );
  }

  /** Ends endorsement before the deadline: only once every organisation has answered on every statement. */
  async function closeEarly(actor: Actor | null, id: number) {
    const loaded = await forManager(actor, id);
    const { consultation: c } = loaded;
    const now = nowIso();
    const stage = stageOf(c, now);
    if (stage !== 'endorsing')
      throw new ValidationError({
        form: isFinal(stage) ? 'Endorsement has already closed' : 'The draft has not been circulated yet',
      });
    const resolution = resolutionOf(loaded, now)!;
    if (resolution.awaitingOrganisations.length > 0) {
      const names = loaded.organisations
        .filter((o) => resolution.awaitingOrganisations.includes(o.id))
        .map((o) => o.name);
      throw new ValidationError({
        form: `${names.length} organisation${names.length === 1 ? ' has' : 's have'} not answered on every statement yet (${names.join(', ')}). Wait for their answers or for the deadline (${deadlineInWords(c.endorsement_deadline)})`,
      });
    }
    await db.transaction().execute(async (trx) => {
      const { before, after } = await updateWithVersion(trx, 'consultations', id, c.version, {
        endorsement_deadline: now,
      });
      await recordAudit(trx, actor, {
        entityType: 'consultation',
        entityId: id,
        action: 'closed',
        summary: `Closed endorsement early (the deadline was ${deadlineInWords(c.endorsement_deadline)}): every organisation had answered on every statement`,
        before,
        after,
      });
    });
  }

  async function submittedFormFor(actor: Actor | null, id: number) {
    const loaded = await forManager(actor, id);
    return { ...loaded, stage: stageOf(loaded.consultation, nowIso()) };
  }

  async function markSubmitted(actor: Actor | null, id: number, input: unknown) {
    const { consultation: c, stage } = await submittedFormFor(actor, id);
    if (!isFinal(stage))
      throw new ValidationError({
        form: 'The response is not final yet: it can be sent once the endorsement deadline has passed',
      });
    const form = parseForm(submittedForm, input);
    if (form.submittedOn! > todayIso())
      throw new ValidationError({ submittedOn: 'The date the response was sent cannot be in the future' });
    if (form.submittedOn! < inLondon(c.endorsement_deadline!).date)
      throw new ValidationError({
        submittedOn: `The response was final from ${deadlineInWords(c.endorsement_deadline)}: it cannot have been sent before then`,
      });
    await db.transaction().execute(async (trx) => {
      const { before, after } = await updateWithVersion(trx, 'consultations', id, formVersion(input), {
        submitted_on: form.submittedOn,
        submission_note: form.note,
      });
      await recordAudit(trx, actor, {
        entityType: 'consultation',
        entityId: id,
        action: 'submitted',
        summary: `Recorded the response as sent to ${c.issuing_body} on ${formatDate(form.submittedOn)}`,
        before,
        after,
      });
    });
  }

  // ---- endorsement

  async function endorsementForm(actor: Actor | null, id: number, slug: string) {
    const loaded = await forOrganisation(actor, id, slug);
    const now = nowIso();
    const stage = stageOf(loaded.consultation, now);
    const resolution = resolutionOf(loaded, now);
    const viewsById = new Map(loaded.views.map((v) => [v.id, v]));
    const own = loaded.endorsements.filter((e) => e.organisation_id === loaded.organisation.id);
    const statements = currentStatements(loaded);
    const latestOn = (s: repo.StatementRow) =>
      own.filter((e) => e.statement_id === s.id && e.revision === s.revision).at(-1) ?? null;
    const values: Record<string, unknown> = {};
    for (const s of statements) {
      const latest = latestOn(s);
      if (latest) {
        values[`stance-${s.id}`] = latest.stance;
        if (latest.reason) values[`reason-${s.id}`] = latest.reason;
      }
    }
    const sections = bySection(
      loaded.questions
        .map((q) => ({
          ...q,
          statements: statements
            .filter((s) => s.question_id === q.id)
            .map((s) => {
              const latest = latestOn(s);
              const earlier = own.filter((e) => e.statement_id === s.id && e.revision !== s.revision).at(-1);
              return {
                ...s,
                drawsOn: [
                  ...new Set(
                    viewIdsOf(loaded, s.id).flatMap((vid) => {
                      const v = viewsById.get(vid);
                      return v ? [v.organisation_name] : [];
                    }),
                  ),
                ],
                answer: latest
                  ? {
                      stanceName: stanceNames[latest.stance as Stance] ?? latest.stance,
                      at: latest.recorded_at,
                      by: latest.recorder_name,
                      late:
                        loaded.consultation.endorsement_deadline !== null &&
                        latest.recorded_at > loaded.consultation.endorsement_deadline,
                    }
                  : null,
                answeredEarlierWording: !latest && earlier !== undefined,
              };
            }),
        }))
        .filter((q) => q.statements.length > 0),
    );
    return {
      ...loaded,
      stage,
      circulated: loaded.consultation.circulated_at !== null,
      late: isFinal(stage),
      deadline: deadlineInWords(loaded.consultation.endorsement_deadline),
      silenceRule: silenceRuleNames[loaded.consultation.silence_rule as SilenceRule] ?? '',
      sections,
      values,
      statementCount: statements.length,
      resolution,
    };
  }

  async function saveEndorsements(
    actor: Actor | null,
    id: number,
    slug: string,
    input: Record<string, unknown>,
  ) {
    const loaded = await forOrganisation(actor, id, slug);
    const { consultation: c, organisation } = loaded;
    if (!c.circulated_at || !c.endorsement_deadline)
      throw new ValidationError({
        form: 'The draft has not been circulated yet: there is nothing to endorse',
      });
    const statements = currentStatements(loaded);
    const own = loaded.endorsements.filter((e) => e.organisation_id === organisation.id);
    const errors: FieldErrors = {};
    const stale: number[] = [];
    const answers: { statement: repo.StatementRow; stance: Stance; reason: string | null }[] = [];
    let chosen = 0;
    for (const s of statements) {
      const stance = fieldText(input, `stance-${s.id}`);
      if (stance === '') continue;
      chosen++;
      const reasonText = fieldText(input, `reason-${s.id}`);
      const reason = reasonText === '' ? null : reasonText;
      const revision = Number(fieldText(input, `revision-${s.id}`));
      const staleProblem = staleRevisionProblem(s, revision);
      if (staleProblem) {
        errors[`stance-${s.id}`] = staleProblem;
        stale.push(s.id);
        continue;
      }
      const problem = endorsementProblem({ stance, reason });
      if (problem) {
        errors[stance === 'cannot_endorse' ? `reason-${s.id}` : `stance-${s.id}`] = problem;
        continue;
      }
      if (reason && reason.length > longestText) {
        errors[`reason-${s.id}`] =
          `The reason must be ${longestText.toLocaleString('en-GB')} characters (1 MB) or fewer`;
        continue;
      }
      const latest = own.filter((e) => e.statement_id === s.id && e.revision === s.revision).at(-1);
      if (latest && latest.stance === stance && (latest.reason ?? null) === reason) continue;
      answers.push({ statement: s, stance: stance as Stance, reason });
    }
    if (Object.keys(errors).length > 0) throw Object.assign(new ValidationError(errors), { stale });
    if (chosen === 0)
      throw new ValidationError({
        form: 'Choose endorse, abstain or cannot endorse for at least one statement',
      });
    if (answers.length === 0) return { saved: 0, late: false };
    const now = nowIso();
    const late = now > c.endorsement_deadline;
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('consultation_endorsements')
        .values(
          answers.map((a) => ({
            consultation_id: id,
            statement_id: a.statement.id,
            organisation_id: organisation.id,
            stance: a.stance,
            reason: a.reason,
            revision: a.statement.revision,
            recorded_at: now,
            recorded_by: actor!.userId,
            recorder_name: actor!.name,
          })),
        )
        .execute();
      const count = (stance: Stance) => answers.filter((a) => a.stance === stance).length;
      const questionOf = (a: (typeof answers)[number]) =>
        loaded.questions.find((q) => q.id === a.statement.question_id)?.number ?? '';
      await recordAudit(trx, actor, {
        entityType: 'consultation',
        entityId: id,
        action: 'endorsements_recorded',
        summary: `${organisation.name} answered on ${answers.length} statement${answers.length === 1 ? '' : 's'}${late ? ' after the deadline' : ''}: ${count('endorse')} endorsed, ${count('abstain')} abstained, ${count('cannot_endorse')} cannot endorse`,
        after: {
          organisation: organisation.name,
          answers: answers.map((a) => ({
            question: questionOf(a),
            statement_id: a.statement.id,
            revision: a.statement.revision,
            stance: a.stance,
            reason: a.reason,
          })),
        },
      });
    });
    return { saved: answers.length, late };
  }

  // ---- the record and the outputs

  async function recordPage(actor: Actor | null, id: number) {
    const loaded = await forInsider(actor, id);
    const now = nowIso();
    const stage = stageOf(loaded.consultation, now);
    const resolution = resolutionOf(loaded, now);
    const names = new Map(loaded.organisations.map((o) => [o.id, o.name]));
    const viewsById = new Map(loaded.views.map((v) => [v.id, v]));
    const revisions = await repo.revisionsOf(
      db,
      loaded.statements.map((s) => s.id),
    );
    const recordById = new Map(loaded.endorsements.map((e) => [e.id, e]));
    const statementOutcome = (o: CompositeResolution['questions'][number]['included'][number]) => {
      const groups = new Map<string, { name: string; reason: string | null; by: string | null }[]>();
      for (const s of o.stances) {
        const list = groups.get(s.stance) ?? [];
        const row = s.record ? recordById.get(s.record.id) : undefined;
        list.push({
          name: names.get(s.organisationId) ?? String(s.organisationId),
          reason: s.record?.reason ?? null,
          by: row?.recorder_name ?? null,
        });
        groups.set(s.stance, list);
      }
      return {
        ...o,
        groups: [...groups].map(([stance, organisations]) => ({ stance, organisations })),
        refusedBy: o.refusals.map((r) => ({ name: names.get(r.organisationId) ?? '', reason: r.reason })),
        drawsOn: o.statement.viewIds.flatMap((vid) => {
          const v = viewsById.get(vid);
          return v ? [{ organisation: v.organisation_name, text: v.text ?? '', at: v.created_at }] : [];
        }),
        earlier: revisions.filter(
          (r) => r.statement_id === o.statement.id && r.revision < o.statement.revision,
        ),
      };
    };
    const questions = (resolution?.questions ?? []).map((q) => ({
      ...q,
      section: (q.question as unknown as repo.QuestionRow).section,
      section_position: q.question.sectionPosition,
      statements: [...q.included, ...q.removed]
        .sort((a, b) => a.statement.position - b.statement.position || a.statement.id - b.statement.id)
        .map(statementOutcome),
    }));
    return {
      ...loaded,
      stage,
      stageName: stageNames[stage],
      resolution,
      summary: resolution ? resolutionSummary(resolution) : null,
      sections: bySection(questions),
      lateRecords: (resolution?.lateRecords ?? []).map((r) => ({
        ...r,
        organisation: names.get(r.organisationId) ?? '',
        stanceName: stanceNames[r.stance],
        question: questionOfStatement(loaded, r.statementId),
      })),
      lateRefusals: (resolution?.lateRefusalsOfIncluded ?? []).map((r) => ({
        ...r,
        organisation: names.get(r.organisationId) ?? '',
        question: questionOfStatement(loaded, r.statementId),
      })),
      withdrawn: loaded.statements
        .filter((s) => s.withdrawn_at !== null)
        .map((s) => ({ ...s, question: loaded.questions.find((q) => q.id === s.question_id)?.number ?? '' })),
      deadline: deadlineInWords(loaded.consultation.endorsement_deadline),
      silenceRule: silenceRuleNames[loaded.consultation.silence_rule as SilenceRule] ?? '',
    };
  }

  function questionOfStatement(loaded: Loaded, statementId: number) {
    const s = loaded.statements.find((x) => x.id === statementId);
    return loaded.questions.find((q) => q.id === s?.question_id)?.number ?? '';
  }

  function documentLines(c: repo.ConsultationRow) {
    return [
      `A consultation by ${c.issuing_body}${c.url ? ` (${c.url})` : ''}, closing on ${formatDate(c.closes_on)}.`,
    ];
  }

  /** The collective response, for everyone once final; before that, a provisional draft for the partnership only. */
  async function collectiveResponse(actor: Actor | null, id: number) {
    const now = nowIso();
    const loaded = await load(db, id);
    const access = await accessTo(actor, loaded);
    const stage = stageOf(loaded.consultation, now);
    if (!access.insider && !isFinal(stage)) refuse(actor);
    const resolution = resolutionOf(loaded, now);
    const c = loaded.consultation;
    if (!resolution) return { ...loaded, access, stage, resolution: null, document: null };
    const counts = resolution.counts;
    const document: ResponseDocument = {
      title: `${c.partnership_name}: response to “${c.title}”`,
      author: c.partnership_name,
      subject: `The collective response of ${c.partnership_name} to ${c.issuing_body}’s consultation`,
      lines: [
        ...documentLines(c),
        resolution.final
          ? `Final collective response${c.submitted_on ? `, sent on ${formatDate(c.submitted_on)}` : ''}.`
          : `Provisional: partners may answer until ${deadlineInWords(c.endorsement_deadline)}, and any statement a partner cannot endorse will be removed.`,
      ],
      intro: [
        `This is the collective response of ${c.partnership_name}. It holds only the statements that every responding organisation was content to endorse: any statement a partner could not endorse has been removed. ${counts.questionsAnswered} of the ${counts.questions} questions have a collective answer.`,
        'Individual partners may send their own responses as well.',
      ],
      sections: bySection(
        resolution.questions.map(
          (q): DocumentQuestion & { section: string | null; section_position: number } => {
            const question = q.question as unknown as repo.QuestionRow;
            return {
              section: question.section,
              section_position: question.section_position,
              label: questionLabel(question),
              text: question.text,
              parts:
                q.included.length > 0
                  ? q.included.map((o) => ({ kind: 'statement' as const, text: o.statement.text }))
                  : [{ kind: 'plain' as const, text: 'No collective response.' }],
            };
          },
        ),
      ).map(toDocumentSection),
      closing: [`Prepared with Placeshaper by ${c.partnership_name}.`],
    };
    return { ...loaded, access, stage, resolution, document };
  }

  /** One organisation's own response: its views, what it endorsed and what it refused, with its reasons. */
  async function ownResponse(actor: Actor | null, id: number, slug: string) {
    const loaded = await forOrganisation(actor, id, slug);
    const now = nowIso();
    const stage = stageOf(loaded.consultation, now);
    const resolution = resolutionOf(loaded, now);
    const c = loaded.consultation;
    const organisation = loaded.organisation;
    if (!resolution) return { ...loaded, stage, document: null };
    const own = individualResponse(
      resolution,
      loaded.views.map((v) => ({
        id: v.id,
        questionId: v.question_id,
        organisationId: v.organisation_id,
        text: v.text,
      })),
      organisation.id,
    );
    const unanswered: string[] = [];
    const questions = own.questions.flatMap((q) => {
      const question = q.question as unknown as repo.QuestionRow;
      const parts: DocumentQuestion['parts'] = [];
      if (q.view.kind === 'view')
        parts.push({ kind: 'heading', text: 'Our view' }, { kind: 'statement', text: q.view.text });
      if (q.endorsed.length > 0) {
        parts.push({ kind: 'heading', text: `Statements of the collective response we endorsed` });
        for (const s of q.endorsed)
          parts.push({
            kind: 'statement',
            text: s.statement.text,
            note:
              [
                s.bySilence ? 'Endorsed by not objecting by the deadline.' : '',
                s.late ? 'Our answer was recorded after the deadline.' : '',
                !s.inCollectiveResponse
                  ? 'Another partner could not endorse it, so it is not in the collective response.'
                  : '',
              ]
                .filter(Boolean)
                .join(' ') || undefined,
          });
      }
      if (q.refused.length > 0) {
        parts.push({ kind: 'heading', text: 'Statements we could not endorse' });
        for (const s of q.refused)
          parts.push({
            kind: 'statement',
            text: s.statement.text,
            note: `Our reason: ${s.reason ?? ''}${s.late ? ' (recorded after the deadline)' : ''}`,
          });
      }
      if (parts.length === 0) {
        unanswered.push(question.number);
        return [];
      }
      return [
        {
          section: question.section,
          section_position: question.section_position,
          label: questionLabel(question),
          text: question.text,
          parts,
        },
      ];
    });
    const document: ResponseDocument = {
      title: `${organisation.name}: response to “${c.title}”`,
      author: organisation.name,
      subject: `The response of ${organisation.name} to ${c.issuing_body}’s consultation`,
      lines: [
        ...documentLines(c),
        resolution.final
          ? `Prepared alongside the collective response of ${c.partnership_name}.`
          : `Provisional: ${c.partnership_name}’s partners may answer on the draft until ${deadlineInWords(c.endorsement_deadline)}.`,
      ],
      intro: [
        `This is the response of ${organisation.name}. It sets out our views, the statements of ${c.partnership_name}’s collective response that we endorsed, and those we could not endorse, with our reasons.`,
      ],
      sections: bySection(questions).map(toDocumentSection),
      closing: unanswered.length
        ? [
            `We gave no view on, and answered no statement for, question${unanswered.length === 1 ? '' : 's'} ${unanswered.join(', ')}.`,
          ]
        : [],
    };
    return { ...loaded, stage, resolution, document };
  }

  return {
    stageOf,
    list,
    page,
    viewsPage,
    history,
    partnershipChoices,
    create,
    update,
    forManager,
    organisationChoices,
    setOrganisations,
    questionFor,
    addQuestion,
    updateQuestion,
    removeQuestion,
    previewPasted,
    savePasted,
    viewsForm,
    saveViews,
    sendReminders,
    draftPage,
    statementContext,
    statementFor,
    addStatement,
    updateStatement,
    removeStatement,
    circulationForm,
    circulate,
    changeDeadline,
    closeEarly,
    submittedFormFor,
    markSubmitted,
    endorsementForm,
    saveEndorsements,
    recordPage,
    collectiveResponse,
    ownResponse,
  };
}

function toDocumentSection(section: {
  title: string | null;
  questions: DocumentQuestion[];
}): DocumentSection {
  return {
    title: section.title,
    questions: section.questions.map(({ label, text, parts }) => ({ label, text, parts })),
  };
}

export type ConsultationServices = ReturnType<typeof createConsultationServices>;
