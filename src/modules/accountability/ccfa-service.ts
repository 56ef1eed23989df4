import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { can, type Actor } from '../../domain/permissions.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { parseForm } from '../../platform/forms.ts';
import { authorise, formVersion, mustBeInList } from '../../platform/service-rules.ts';
import { historyOf, recordAudit, type HistoryEntry } from '../../platform/audit.ts';
import { nowIso } from '../../platform/time.ts';
import { updateWithVersion } from '../../platform/versioned.ts';
import {
  ccfaStatusNames,
  ccfaStepNames,
  closingNeedsOutcome,
  decisionDueOn,
  defaultResponseDueOn,
  isFinal,
  nextDate,
  nextStatus,
  stepDateProblem,
  stepDescription,
  whyNot,
  type CcfaStatus,
  type CcfaStep,
} from './ccfa-workflow.ts';
import {
  closeForm,
  decisionForm,
  hearingForm,
  invitationForm,
  raiseForm,
  recommendationsForm,
  responseDueForm,
  responseForm,
} from './forms.ts';
import * as repo from './repository.ts';

/** The pages overview and scrutiny records the steps on, by the last part of their address. */
export const stepPages = {
  decision: { title: 'Accept or refuse the call for action', steps: ['accept', 'refuse'] },
  invitation: { title: 'Ask the partner to attend', steps: ['invite_partner'] },
  hearing: { title: 'Set the hearing date', steps: ['schedule_hearing'] },
  recommendations: { title: 'Record the recommendations', steps: ['record_recommendations'] },
  'response-due': { title: 'Change when the response is due', steps: ['set_response_due'] },
  response: { title: 'Record the partner’s response', steps: ['record_response'] },
  close: { title: 'Close the call for action', steps: ['close'] },
} as const satisfies Record<string, { title: string; steps: readonly CcfaStep[] }>;
export type StepPage = keyof typeof stepPages;

/** A step page's name from the address; anything else is a 404. */
export function stepPageOf(value: string): StepPage {
  if (!Object.hasOwn(stepPages, value)) throw new NotFoundError();
  return value as StepPage;
}

/** References look like CCFA-2026-004; anything else in the address is a 404 before any query. */
export function referenceOf(value: string): string {
  const reference = value.toUpperCase();
  if (!/^CCFA-\d{4}-\d{3,6}$/.test(reference)) throw new NotFoundError();
  return reference;
}

const openPages = (status: CcfaStatus) =>
  (Object.keys(stepPages) as StepPage[]).filter((page) =>
    stepPages[page].steps.some((step) => nextStatus(status, step) !== null),
  );

const historyFieldNames: Record<string, string> = {
  status: 'status',
  decided_on: 'decided on',
  refusal_reason: 'reason for refusal',
  partner_invited_on: 'partner asked to attend on',
  hearing_on: 'hearing',
  recommendations: 'recommendations',
  recommendations_on: 'recommendations made on',
  response_due_on: 'response due',
  response_received_on: 'response received on',
  response_summary: 'response',
  closed_on: 'closed on',
  outcome: 'outcome',
  summary: 'summary',
};
/** The councillor's own account of the case is for overview and scrutiny, never for a history any signed-in person sees. */
const hiddenHistoryFields = [
  'details',
  'steps_taken',
  'raised_by',
  'councillor_person_id',
  'ward_id',
  'organisation_id',
];

/** Councillor Calls for Action: the public register, raising a case, and overview and scrutiny's steps. */
export function createCcfaServices(db: Kysely<Database>) {
  const described = <C extends repo.CaseRow>(c: C, today: string) => {
    const status = c.status as CcfaStatus;
    return {
      ...c,
      status,
      statusName: ccfaStatusNames[status] ?? c.status,
      next: nextDate({ ...c, status }, today),
      final: isFinal(status),
    };
  };
  type Described = ReturnType<typeof described>;

  /** Overdue first, then the other open cases by their next date, then finished ones, newest first. */
  function ordered(cases: Described[]): Described[] {
    const rank = (c: Described) => (c.next?.overdue ? 0 : c.final ? 2 : 1);
    return [...cases].sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (rank(a) === 1 ? (a.next?.on ?? '9999').localeCompare(b.next?.on ?? '9999') : 0) ||
        b.raised_on.localeCompare(a.raised_on) ||
        b.id - a.id,
    );
  }

  async function register(today: string, organisationId?: number) {
    // The councillor's own account never leaves the case page.
    const cases = ordered((await repo.listCases(db, organisationId)).map((c) => described(c, today))).map(
      ({ details: _d, steps_taken: _s, ...shown }) => shown,
    );
    return {
      cases,
      counts: {
        total: cases.length,
        open: cases.filter((c) => !c.final).length,
        overdue: cases.filter((c) => c.next?.overdue).length,
      },
    };
  }

  async function caseByReference(value: string) {
    const found = await repo.findCase(db, referenceOf(value));
    if (!found) throw new NotFoundError('call for action');
    return found;
  }

  /** Whether this person may read the councillor's own account: overview and scrutiny, and the councillor. */
  async function mayReadDetails(actor: Actor | null, c: { councillor_person_id: number }) {
    if (can(actor, 'ccfa:manage')) return true;
    if (!actor) return false;
    return (await repo.personOfUser(db, actor.userId))?.id === c.councillor_person_id;
  }

  async function casePage(actor: Actor | null, reference: string, today: string) {
    const c = described(await caseByReference(reference), today);
    const steps = await repo.stepsOf(db, c.id);
    const readsDetails = await mayReadDetails(actor, c);
    const { details, steps_taken: stepsTaken, ...shown } = c;
    return {
      ccfa: shown,
      private: readsDetails ? { details, stepsTaken } : null,
      timeline: steps.map((s) => ({
        on: s.happened_on,
        text: stepDescription(
          { ...s, step: s.step as CcfaStep | 'raise' },
          c.organisation_name,
          `Councillor ${c.councillor_name}`,
        ),
        note: s.note,
      })),
      nextSteps: can(actor, 'ccfa:manage')
        ? openPages(c.status).map((page) => ({ page, title: stepPages[page].title }))
        : [],
    };
  }

  async function history(reference: string): Promise<HistoryEntry[]> {
    const c = await caseByReference(reference);
    const entries = await historyOf(db, 'ccfa_case', c.id, hiddenHistoryFields);
    return entries.map((entry) => ({
      ...entry,
      changes: entry.changes.map((change) => ({
        field: historyFieldNames[change.field] ?? change.field,
        before:
          change.field === 'status'
            ? (ccfaStatusNames[change.before as CcfaStatus] ?? change.before)
            : change.before,
        after:
          change.field === 'status'
            ? (ccfaStatusNames[change.after as CcfaStatus] ?? change.after)
            : change.after,
      })),
    }));
  }

  // ---- raising a call for action

  /** Administrators raise calls for action on a councillor's behalf; a councillor raises their own. */
  const actsForOthers = (actor: Actor) =>
    actor.grants.some((g) => g.role === 'site_admin' || g.role === 'secretariat');

  async function raiseContext(actor: Actor | null) {
    authorise(actor, 'ccfa:raise');
    const onBehalf = actsForOthers(actor);
    const [own, councillors, organisations] = await Promise.all([
      repo.personOfUser(db, actor.userId),
      repo.councillors(db),
      repo.listOrganisations(db),
    ]);
    const self = own?.councillor ? councillors.find((c) => c.id === own.id) : undefined;
    if (!onBehalf && !self)
      throw new ForbiddenError(
        'Your account is not linked to a councillor’s record, so a call for action cannot be raised in your name. Ask the site administrator to link your account to your record.',
      );
    return {
      onBehalf,
      self: self ?? null,
      councillors: councillors.map((c) => ({
        id: c.id,
        name: c.ward_name ? `${c.name} (${c.ward_name})` : c.name,
      })),
      organisations: organisations.map((o) => ({ id: o.id, name: o.name })),
    };
  }

  async function raise(actor: Actor | null, input: unknown, today: string) {
    const context = await raiseContext(actor);
    const form = parseForm(raiseForm, input);
    const all = await repo.councillors(db);
    let councillor = context.self ? all.find((c) => c.id === context.self!.id) : undefined;
    if (context.onBehalf) {
      if (form.councillorId === null && !councillor)
        throw new ValidationError({ councillorId: 'Choose the councillor raising the call for action' });
      if (form.councillorId !== null) councillor = all.find((c) => c.id === form.councillorId);
      if (!councillor) throw new ValidationError({ councillorId: 'Choose a councillor from the list' });
    }
    if (!councillor) throw new ForbiddenError();
    if (councillor.ward_id === null)
      throw new ValidationError({
        [context.onBehalf ? 'councillorId' : 'form']:
          `${councillor.name} has no ward recorded: a call for action is raised for a ward, so add the ward to their record first`,
      });
    const ward = councillor.ward_id;
    return db.transaction().execute(async (trx) => {
      await mustBeInList(
        trx,
        'organisations',
        form.organisationId,
        'organisationId',
        'Choose a partner agency from the list',
      );
      const organisation = (await repo.findOrganisation(trx, form.organisationId))!;
      const year = today.slice(0, 4);
      const taken = (await repo.referencesOfYear(trx, year)).map(
        (r) => Number(r.reference.split('-')[2]) || 0,
      );
      const reference = `CCFA-${year}-${String(Math.max(0, ...taken) + 1).padStart(3, '0')}`;
      const now = nowIso();
      const values = {
        reference,
        raised_on: today,
        decision_due_on: decisionDueOn(today),
        councillor_person_id: councillor.id,
        ward_id: ward,
        organisation_id: organisation.id,
        summary: form.summary,
        details: form.details,
        steps_taken: form.stepsTaken,
        status: 'raised',
        raised_by: actor!.userId,
        created_at: now,
        updated_at: now,
      };
      const { id } = await trx
        .insertInto('ccfa_cases')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('ccfa_steps')
        .values({
          case_id: id,
          step: 'raise',
          happened_on: today,
          due_on: values.decision_due_on,
          note: null,
          user_id: actor!.userId,
          recorder_name: actor!.name,
          created_at: now,
        })
        .execute();
      await recordAudit(trx, actor, {
        entityType: 'ccfa_case',
        entityId: id,
        action: 'created',
        summary: `${reference} raised by Councillor ${councillor.name} about ${organisation.name}`,
        after: values,
      });
      return { reference };
    });
  }

  // ---- overview and scrutiny's steps

  /** A step page for a case; `open` is false (with the reason) when none of its steps can be taken now. */
  async function stepContext(actor: Actor | null, reference: string, page: StepPage, today: string) {
    authorise(actor, 'ccfa:manage');
    const c = described(await caseByReference(reference), today);
    const step = stepPages[page].steps[0];
    const reason = whyNot(c.status, step);
    const values: Record<string, unknown> = { version: c.version };
    if (page === 'decision') values.decidedOn = today;
    if (page === 'invitation') values.invitedOn = today;
    if (page === 'hearing') values.hearingOn = c.hearing_on;
    if (page === 'recommendations') {
      values.recommendationsOn = today;
      values.responseDueOn = defaultResponseDueOn(today);
    }
    if (page === 'response-due') values.responseDueOn = c.response_due_on;
    if (page === 'response') values.receivedOn = today;
    if (page === 'close') values.closedOn = today;
    const { details: _d, steps_taken: _s, ...ccfa } = c;
    return {
      ccfa,
      page,
      title: stepPages[page].title,
      open: reason === null,
      reason,
      outcomeRequired: page === 'close' && closingNeedsOutcome(c.status),
      values,
    };
  }

  interface StepChange {
    step: CcfaStep;
    /** The date the form gave, and the field it came from, for the check against the steps before. */
    date: string;
    dateField: string;
    changes: Record<string, string | null>;
    record: { happened_on: string; due_on: string | null; note: string | null };
  }

  /** A step as a form gave it; the record's date is the step's own date unless said otherwise. */
  const stepChange = (
    step: CcfaStep,
    dateField: string,
    date: string,
    changes: Record<string, string | null>,
    record: { happened_on?: string; due_on?: string | null; note?: string | null } = {},
  ): StepChange => ({
    step,
    date,
    dateField,
    changes,
    record: {
      happened_on: record.happened_on ?? date,
      due_on: record.due_on ?? null,
      note: record.note ?? null,
    },
  });

  function readStep(page: StepPage, input: unknown, status: CcfaStatus, today: string): StepChange {
    switch (page) {
      case 'decision': {
        const f = parseForm(decisionForm, input);
        const refused = f.decision === 'refuse' ? f.reason : null;
        return stepChange(
          f.decision,
          'decidedOn',
          f.decidedOn!,
          { decided_on: f.decidedOn, refusal_reason: refused },
          { note: f.reason },
        );
      }
      case 'invitation': {
        const f = parseForm(invitationForm, input);
        return stepChange(
          'invite_partner',
          'invitedOn',
          f.invitedOn!,
          { partner_invited_on: f.invitedOn },
          { note: f.note },
        );
      }
      case 'hearing': {
        // Arranged today, for the date given.
        const f = parseForm(hearingForm, input);
        return stepChange(
          'schedule_hearing',
          'hearingOn',
          f.hearingOn!,
          { hearing_on: f.hearingOn },
          { happened_on: today, due_on: f.hearingOn, note: f.note },
        );
      }
      case 'recommendations': {
        const f = parseForm(recommendationsForm, input);
        const changes = {
          recommendations: f.recommendations,
          recommendations_on: f.recommendationsOn,
          response_due_on: f.responseDueOn,
        };
        return stepChange('record_recommendations', 'recommendationsOn', f.recommendationsOn!, changes, {
          due_on: f.responseDueOn,
        });
      }
      case 'response-due': {
        const f = parseForm(responseDueForm, input);
        return stepChange(
          'set_response_due',
          'responseDueOn',
          f.responseDueOn!,
          { response_due_on: f.responseDueOn },
          { happened_on: today, due_on: f.responseDueOn, note: f.note },
        );
      }
      case 'response': {
        const f = parseForm(responseForm, input);
        return stepChange('record_response', 'receivedOn', f.receivedOn!, {
          response_received_on: f.receivedOn,
          response_summary: f.responseSummary,
        });
      }
      case 'close': {
        const f = parseForm(closeForm, input);
        if (f.outcome === null && closingNeedsOutcome(status))
          throw new ValidationError({
            outcome:
              'Enter why the call for action is being closed before the partner has responded: this is published on the register',
          });
        return stepChange(
          'close',
          'closedOn',
          f.closedOn!,
          { closed_on: f.closedOn, outcome: f.outcome },
          { note: f.outcome },
        );
      }
    }
  }

  async function takeStep(
    actor: Actor | null,
    reference: string,
    page: StepPage,
    input: unknown,
    today: string,
  ) {
    authorise(actor, 'ccfa:manage');
    const c = await caseByReference(reference);
    const status = c.status as CcfaStatus;
    const refusal = whyNot(status, stepPages[page].steps[0]);
    if (refusal) throw new ValidationError({ form: refusal });
    const expected = formVersion(input);
    const change = readStep(page, input, status, today);
    const problem = stepDateProblem(change.step, change.date, { ...c, status }, today);
    if (problem) throw new ValidationError({ [change.dateField]: problem });
    const next = nextStatus(status, change.step)!;
    return db.transaction().execute(async (trx) => {
      const { before, after } = await updateWithVersion(trx, 'ccfa_cases', c.id, expected, {
        ...change.changes,
        status: next,
      });
      const now = nowIso();
      await trx
        .insertInto('ccfa_steps')
        .values({
          case_id: c.id,
          step: change.step,
          ...change.record,
          user_id: actor!.userId,
          recorder_name: actor!.name,
          created_at: now,
        })
        .execute();
      await recordAudit(trx, actor, {
        entityType: 'ccfa_case',
        entityId: c.id,
        action: 'updated',
        summary: `${c.reference}: ${stepDescription({ step: change.step, ...change.record }, c.organisation_name, `Councillor ${c.councillor_name}`)}`,
        before,
        after,
      });
      return { reference: c.reference, stepName: ccfaStepNames[change.step], status: next };
    });
  }

  return {
    register,
    casePage,
    history,
    raiseContext,
    raise,
    stepContext,
    takeStep,
  };
}

export type CcfaServices = ReturnType<typeof createCcfaServices>;
