import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { can, type Actor, type Scope } from '../../domain/permissions.ts';
import {
  equalityDimensions,
  equalityQuestions,
  notAnswered,
  preferNotToSay,
  reportingGroupLabel,
  reportingGroupOf,
  type EqualityDimension,
} from '../../domain/equality-monitoring.ts';
import { suppressSmallNumbers, smallNumberThreshold } from '../../domain/small-numbers.ts';
import { barChartSvg } from '../../domain/bar-chart.ts';
import { percentWords } from '../../domain/balance-of-voice.ts';
import { NotFoundError, ValidationError, type FieldErrors } from '../../platform/errors.ts';
import { cleanText, parseForm } from '../../platform/forms.ts';
import { authorise, formVersion, partnershipLine } from '../../platform/service-rules.ts';
import { historyOf, recordAudit } from '../../platform/audit.ts';
import { formatDate, nowIso } from '../../platform/time.ts';
import { uniqueSlug } from '../../platform/slugs.ts';
import { updateWithVersion } from '../../platform/versioned.ts';
import type { FormGuard } from './form-guard.ts';
import {
  aboutYouForm,
  longestText,
  questionForm,
  questionKindNames,
  ratingScale,
  ratingWords,
  surveyForm,
  surveyStatusNames,
  type QuestionKind,
} from './forms.ts';
import type { IdeaServices } from './service.ts';

export type SurveyState = 'draft' | 'upcoming' | 'open' | 'closed';
export const surveyStateNames: Record<SurveyState, string> = {
  draft: 'Draft',
  upcoming: 'Not open yet',
  open: 'Open',
  closed: 'Closed',
};

/** What a survey's results can be broken down by (each hides groups under 10). */
export const breakdowns = ['ward', ...equalityDimensions] as const;
export type Breakdown = (typeof breakdowns)[number];
export const breakdownNames: Record<Breakdown, string> = {
  ward: 'Ward',
  age: 'Age',
  sex: 'Sex',
  ethnicity: 'Ethnic group',
  disability: 'Disability',
};

const isUniqueViolation = (error: unknown) =>
  ['23505', 'SQLITE_CONSTRAINT_UNIQUE'].includes(String((error as { code?: unknown })?.code));

type SurveyRow = Awaited<ReturnType<typeof findSurvey>>;
async function findSurvey(db: Kysely<Database>, slug: string) {
  const survey = await db
    .selectFrom('engagement_surveys')
    .innerJoin('partnerships', 'partnerships.id', 'engagement_surveys.partnership_id')
    .selectAll('engagement_surveys')
    .select(['partnerships.name as partnership_name', 'partnerships.slug as partnership_slug'])
    .where('engagement_surveys.slug', '=', slug)
    .executeTakeFirst();
  if (!survey) throw new NotFoundError('survey');
  return survey;
}

export interface Question {
  id: number;
  position: number;
  number: number;
  kind: QuestionKind;
  kindName: string;
  prompt: string;
  hint: string | null;
  required: boolean;
  options: string[];
  version: number;
}

export function stateOf(
  survey: { status: string; opens_on: string; closes_on: string },
  today: string,
): SurveyState {
  if (survey.status !== 'published') return 'draft';
  if (today < survey.opens_on) return 'upcoming';
  if (today > survey.closes_on) return 'closed';
  return 'open';
}

/** Public surveys: questions, taking responses, results with their small groups hidden, the CSV of responses. */
export function createSurveyServices(db: Kysely<Database>, guard: FormGuard, ideas: IdeaServices) {
  async function scopeOf(partnershipId: number): Promise<Scope> {
    return { partnershipLine: await partnershipLine(db, partnershipId) };
  }

  async function questionsOf(surveyId: number): Promise<Question[]> {
    const rows = await db
      .selectFrom('engagement_survey_questions')
      .selectAll()
      .where('survey_id', '=', surveyId)
      .orderBy('position')
      .orderBy('id')
      .execute();
    return rows.map((row, index) => ({
      id: row.id,
      position: row.position,
      number: index + 1,
      kind: row.kind as QuestionKind,
      kindName: questionKindNames[row.kind as QuestionKind] ?? row.kind,
      prompt: row.prompt,
      hint: row.hint,
      required: row.required === 1,
      options: JSON.parse(row.options) as string[],
      version: row.version,
    }));
  }

  const responseCount = async (surveyId: number) =>
    Number(
      (
        await db
          .selectFrom('engagement_survey_responses')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('survey_id', '=', surveyId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  const described = (survey: SurveyRow, today: string) => {
    const state = stateOf(survey, today);
    return {
      ...survey,
      state,
      stateName: surveyStateNames[state],
      statusName: surveyStatusNames[survey.status as keyof typeof surveyStatusNames] ?? survey.status,
    };
  };

  /** Published surveys for everyone; drafts too for those who may run them. */
  async function list(actor: Actor | null, today: string) {
    const rows = await db
      .selectFrom('engagement_surveys')
      .innerJoin('partnerships', 'partnerships.id', 'engagement_surveys.partnership_id')
      .selectAll('engagement_surveys')
      .select(['partnerships.name as partnership_name', 'partnerships.slug as partnership_slug'])
      .orderBy('engagement_surveys.closes_on', 'desc')
      .orderBy('engagement_surveys.id', 'desc')
      .execute();
    const surveys = rows
      .map((s) => described(s, today))
      .filter((s) => s.state !== 'draft' || can(actor, 'surveys:manage'));
    const counts = await db
      .selectFrom('engagement_survey_responses')
      .select(['survey_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('survey_id')
      .execute();
    return surveys.map((s) => ({
      ...s,
      responses: Number(counts.find((c) => c.survey_id === s.id)?.n ?? 0),
    }));
  }

  /** A survey as its page shows it; a draft is only for those who may run it. */
  async function page(actor: Actor | null, slug: string, today: string) {
    const survey = described(await findSurvey(db, slug), today);
    const mayManage = can(actor, 'surveys:manage', await scopeOf(survey.partnership_id));
    if (survey.state === 'draft' && !mayManage) throw new NotFoundError('survey');
    const [questions, responses, answered] = await Promise.all([
      questionsOf(survey.id),
      responseCount(survey.id),
      actor
        ? db
            .selectFrom('engagement_survey_responses')
            .select('submitted_at')
            .where('survey_id', '=', survey.id)
            .where('user_id', '=', actor.userId)
            .executeTakeFirst()
        : Promise.resolve(undefined),
    ]);
    return {
      survey,
      questions,
      responses,
      mayManage,
      answeredAt: answered?.submitted_at ?? null,
      resultsVisible: resultsVisible(survey, mayManage),
      locked: responses > 0,
    };
  }

  const resultsVisible = (survey: { state: SurveyState; results_while_open: number }, mayManage: boolean) =>
    mayManage || survey.state === 'closed' || (survey.state === 'open' && survey.results_while_open === 1);

  async function formContext(actor: Actor | null, slug: string, today: string) {
    const [shown, own, { items }] = await Promise.all([
      page(actor, slug, today),
      ideas.formContext(actor),
      ideas.areaChoices(),
    ]);
    return { ...shown, areaItems: items, formToken: own.formToken, residentWardId: own.residentWardId };
  }

  /** Reads the answers to each question from the form; every problem is a message on its question. */
  function readAnswers(questions: Question[], body: Record<string, unknown>) {
    const errors: FieldErrors = {};
    const answers: {
      questionId: number;
      optionIndex: number | null;
      rating: number | null;
      text: string | null;
    }[] = [];
    const values = (value: unknown): string[] =>
      (value === undefined || value === null ? [] : [value].flat())
        .map((v) => String(v))
        .filter((v) => v !== '');
    for (const q of questions) {
      const field = `q${q.id}`;
      const given = values(body[field]);
      const label = `question ${q.number}`;
      if (q.kind === 'text') {
        const text = given.length ? String(cleanText(given.join('\n'))) : '';
        if (text === '') {
          if (q.required) errors[field] = `Enter your answer to ${label}`;
        } else if (text.length > longestText)
          errors[field] =
            `Your answer to ${label} must be ${longestText.toLocaleString('en-GB')} characters or fewer. It is ${text.length.toLocaleString('en-GB')} characters now: shorten it.`;
        else answers.push({ questionId: q.id, optionIndex: null, rating: null, text });
        continue;
      }
      if (given.length === 0) {
        if (q.required)
          errors[field] =
            q.kind === 'multiple'
              ? `Choose at least one answer to ${label}`
              : q.kind === 'rating'
                ? `Choose a rating from 1 to 5 for ${label}`
                : `Choose an answer to ${label}`;
        continue;
      }
      if (q.kind === 'rating') {
        const rating = Number(given.at(-1));
        if (given.length !== 1 || !(ratingScale as readonly number[]).includes(rating))
          errors[field] = `Choose a rating from 1 to 5 for ${label}`;
        else answers.push({ questionId: q.id, optionIndex: null, rating, text: null });
        continue;
      }
      const indices = given.map(Number);
      if (
        indices.some((i) => !Number.isInteger(i) || i < 0 || i >= q.options.length) ||
        (q.kind === 'single' && indices.length !== 1)
      ) {
        errors[field] =
          `Choose ${q.kind === 'single' ? 'one of the answers' : 'from the answers'} listed for ${label}`;
        continue;
      }
      for (const optionIndex of [...new Set(indices)])
        answers.push({ questionId: q.id, optionIndex, rating: null, text: null });
    }
    if (Object.keys(errors).length === 0 && answers.length === 0)
      errors.form = 'Answer at least one question before sending';
    return { answers, errors };
  }

  async function respond(
    actor: Actor | null,
    slug: string,
    input: unknown,
    from: { address: string; today: string },
  ) {
    const survey = described(await findSurvey(db, slug), from.today);
    if (survey.state === 'draft') throw new NotFoundError('survey');
    if (survey.state !== 'open')
      throw new ValidationError({
        form:
          survey.state === 'upcoming'
            ? `This survey opens on ${formatDate(survey.opens_on)}: nothing has been saved.`
            : `This survey closed on ${formatDate(survey.closes_on)}, so your answers could not be added. Nothing has been saved.`,
      });
    const token = await guard.check(input, { anonymous: actor === null });
    const body = (input ?? {}) as Record<string, unknown>;
    const questions = await questionsOf(survey.id);
    const { answers, errors } = readAnswers(questions, body);
    let about: ReturnType<typeof aboutYouForm.parse> | null = null;
    try {
      about = parseForm(aboutYouForm, body);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      Object.assign(errors, error.fieldErrors);
    }
    if (Object.keys(errors).length) throw new ValidationError(errors);
    const { wardOf, areas } = await ideas.areaChoices();
    if (about!.areaId !== null && !areas.some((a) => a.id === about!.areaId))
      throw new ValidationError({ areaId: 'Choose a ward or neighbourhood from the list' });

    const earlier = async () =>
      db
        .selectFrom('engagement_survey_responses')
        .select(['id', 'submitted_at', 'form_token'])
        .where('survey_id', '=', survey.id)
        .where((eb) =>
          actor
            ? eb.or([eb('form_token', '=', token.nonce), eb('user_id', '=', actor.userId)])
            : eb('form_token', '=', token.nonce),
        )
        .executeTakeFirst();
    const repeat = (found: { submitted_at: string; form_token: string }) =>
      ({
        outcome: found.form_token === token.nonce ? 'same-form' : 'answered-before',
        submittedAt: found.submitted_at,
      }) as const;
    const before = await earlier();
    if (before) return repeat(before);
    try {
      await db.transaction().execute(async (trx) => {
        const now = nowIso();
        const response = await trx
          .insertInto('engagement_survey_responses')
          .values({
            survey_id: survey.id,
            user_id: actor?.userId ?? null,
            area_id: about!.areaId,
            ward_id: wardOf(about!.areaId),
            age_band: about!.ageBand,
            sex: about!.sex,
            ethnicity: about!.ethnicity,
            disability: about!.disability,
            ip_hash: await guard.addressHash(from.address),
            form_token: token.nonce,
            submitted_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('engagement_survey_answers')
          .values(
            answers.map((a) => ({
              response_id: response.id,
              question_id: a.questionId,
              option_index: a.optionIndex,
              rating: a.rating,
              text_value: a.text,
            })),
          )
          .execute();
        // The audit counts the response; what was answered stays in the survey's own tables.
        await recordAudit(trx, actor, {
          entityType: 'engagement_survey',
          entityId: survey.id,
          action: 'responded',
          summary: `A response to ${survey.title}`,
        });
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const found = await earlier();
      if (!found) throw error;
      return repeat(found);
    }
    return { outcome: 'saved' as const, submittedAt: nowIso() };
  }

  // ---- results

  async function responsesWithAnswers(surveyId: number) {
    const [responses, answers] = await Promise.all([
      db
        .selectFrom('engagement_survey_responses')
        .leftJoin('areas', 'areas.id', 'engagement_survey_responses.ward_id')
        .select([
          'engagement_survey_responses.id',
          'engagement_survey_responses.submitted_at',
          'engagement_survey_responses.ward_id',
          'engagement_survey_responses.age_band',
          'engagement_survey_responses.sex',
          'engagement_survey_responses.ethnicity',
          'engagement_survey_responses.disability',
          'areas.name as ward_name',
        ])
        .where('engagement_survey_responses.survey_id', '=', surveyId)
        .orderBy('engagement_survey_responses.id')
        .execute(),
      db
        .selectFrom('engagement_survey_answers')
        .innerJoin(
          'engagement_survey_responses',
          'engagement_survey_responses.id',
          'engagement_survey_answers.response_id',
        )
        .select([
          'engagement_survey_answers.response_id',
          'engagement_survey_answers.question_id',
          'engagement_survey_answers.option_index',
          'engagement_survey_answers.rating',
          'engagement_survey_answers.text_value',
        ])
        .where('engagement_survey_responses.survey_id', '=', surveyId)
        .orderBy('engagement_survey_answers.id')
        .execute(),
    ]);
    return { responses, answers };
  }

  /** The groups of a breakdown, in order, and which group each response is in. */
  async function groupsFor(by: Breakdown) {
    if (by === 'ward') {
      const { wards } = await ideas.areaChoices();
      return {
        groups: [
          ...wards.map((w) => ({ key: String(w.id), label: w.name })),
          { key: notAnswered, label: 'No ward given' },
        ],
        groupOf: (r: { ward_id: number | null }) => (r.ward_id === null ? notAnswered : String(r.ward_id)),
      };
    }
    const dimension: EqualityDimension = by;
    const column = (
      { age: 'age_band', sex: 'sex', ethnicity: 'ethnicity', disability: 'disability' } as const
    )[dimension];
    return {
      groups: [
        ...equalityQuestions[dimension].groups.map((g) => ({ key: g.code, label: g.label })),
        { key: preferNotToSay, label: reportingGroupLabel(dimension, preferNotToSay) },
        { key: notAnswered, label: reportingGroupLabel(dimension, notAnswered) },
      ],
      groupOf: (r: Record<typeof column, string | null>) => reportingGroupOf(dimension, r[column]),
    };
  }

  async function results(actor: Actor | null, slug: string, today: string, by: Breakdown | null) {
    const shown = await page(actor, slug, today);
    if (!shown.resultsVisible)
      return {
        ...shown,
        questions: [],
        respondents: shown.responses,
        breakdown: null,
        by,
        hidden: true as const,
      };
    const { responses, answers } = await responsesWithAnswers(shown.survey.id);
    const breakdown = by ? await groupsFor(by) : null;
    const groupOfResponse = new Map(
      responses.map((r) => [r.id, breakdown ? breakdown.groupOf(r as never) : '']),
    );
    const questions = shown.questions.map((q) => {
      const own = answers.filter((a) => a.question_id === q.id);
      const who = new Set(own.map((a) => a.response_id));
      const answered = who.size;
      const rows =
        q.kind === 'rating'
          ? ratingScale.map((r) => ({
              key: r,
              label: ratingWords[r]!,
              match: (a: (typeof own)[number]) => a.rating === r,
            }))
          : q.kind === 'text'
            ? []
            : q.options.map((label, index) => ({
                key: index,
                label,
                match: (a: (typeof own)[number]) => a.option_index === index,
              }));
      const overall = rows.map((row) => {
        const count = own.filter(row.match).length;
        return { label: row.label, count, share: answered ? count / answered : null };
      });
      const ratings = own.filter((a) => a.rating !== null).map((a) => a.rating!);
      const average = ratings.length ? ratings.reduce((s, r) => s + r, 0) / ratings.length : null;
      const chart =
        q.kind === 'text' || answered === 0
          ? null
          : barChartSvg({
              id: `question-${q.number}`,
              title: `Question ${q.number}: ${q.prompt}`,
              bars: overall.map((o) => ({
                label: o.label,
                value: o.count,
                text: `${o.count} (${percentWords(o.share ?? 0)})`,
              })),
            });
      let table: {
        answers: string[];
        groups: {
          key: string;
          label: string;
          answered: number | null;
          hidden: false | 'small' | 'complementary';
          cells: { count: number; share: number }[] | null;
        }[];
      } | null = null;
      if (breakdown && q.kind !== 'text') {
        const groupCounts = breakdown.groups.map((g) => ({
          key: g.key,
          count: [...who].filter((id) => groupOfResponse.get(id) === g.key).length,
        }));
        const suppressed = suppressSmallNumbers(groupCounts);
        table = {
          answers: rows.map((row) => row.label),
          groups: breakdown.groups.map((g, i) => {
            const answeredInGroup = suppressed[i]!.count;
            return {
              key: g.key,
              label: g.label,
              answered: answeredInGroup,
              hidden: suppressed[i]!.hidden,
              // A hidden group's answers are never counted out, not even in the page's data.
              cells:
                answeredInGroup === null
                  ? null
                  : rows.map((row) => {
                      const count = own.filter(
                        (a) => row.match(a) && groupOfResponse.get(a.response_id) === g.key,
                      ).length;
                      return { count, share: count / answeredInGroup };
                    }),
            };
          }),
        };
      }
      return { ...q, answered, overall, average, chart, table };
    });
    return {
      ...shown,
      questions,
      respondents: responses.length,
      breakdown: breakdown ? { by: by!, name: breakdownNames[by!] } : null,
      by,
      hidden: false as const,
      threshold: smallNumberThreshold,
    };
  }

  /** Every response, one row each: for those running the survey only, never published. Equality answers are left out. */
  async function csvRows(actor: Actor | null, slug: string) {
    const survey = await findSurvey(db, slug);
    authorise(actor, 'surveys:manage', await scopeOf(survey.partnership_id));
    const [questions, { responses, answers }] = await Promise.all([
      questionsOf(survey.id),
      responsesWithAnswers(survey.id),
    ]);
    const byResponse = new Map<number, typeof answers>();
    for (const a of answers) byResponse.set(a.response_id, [...(byResponse.get(a.response_id) ?? []), a]);
    const columns = [
      { header: 'response', value: (r: (typeof responses)[number]) => r.id },
      { header: 'submitted on', value: (r: (typeof responses)[number]) => r.submitted_at.slice(0, 10) },
      { header: 'ward', value: (r: (typeof responses)[number]) => r.ward_name },
      ...questions.map((q) => ({
        header: `${q.number}. ${q.prompt}`,
        value: (r: (typeof responses)[number]) => {
          const own = (byResponse.get(r.id) ?? []).filter((a) => a.question_id === q.id);
          if (q.kind === 'text') return own[0]?.text_value ?? '';
          if (q.kind === 'rating') return own[0]?.rating ?? '';
          return own.map((a) => q.options[a.option_index!] ?? '').join('; ');
        },
      })),
    ];
    return { survey, columns, responses };
  }

  // ---- running surveys

  async function formContext_(actor: Actor | null) {
    authorise(actor, 'surveys:manage');
    const partnerships = await db
      .selectFrom('partnerships')
      .select(['id', 'name', 'status'])
      .orderBy('name')
      .execute();
    const lines = await Promise.all(partnerships.map((p) => partnershipLine(db, p.id)));
    return {
      partnershipItems: partnerships
        .filter(
          (p, i) => p.status === 'active' && can(actor, 'surveys:manage', { partnershipLine: lines[i] }),
        )
        .map((p) => ({ value: p.id, text: p.name })),
    };
  }

  async function create(actor: Actor | null, input: unknown) {
    authorise(actor, 'surveys:manage');
    const form = parseForm(surveyForm, input);
    const partnership = await db
      .selectFrom('partnerships')
      .select(['id'])
      .where('id', '=', form.partnershipId)
      .executeTakeFirst();
    if (!partnership) throw new ValidationError({ partnershipId: 'Choose a partnership from the list' });
    authorise(actor, 'surveys:manage', await scopeOf(partnership.id));
    const slug = await uniqueSlug(form.title, async (s) =>
      Boolean(
        await db.selectFrom('engagement_surveys').select('id').where('slug', '=', s).executeTakeFirst(),
      ),
    );
    return db.transaction().execute(async (trx) => {
      const now = nowIso();
      const values = {
        slug,
        title: form.title,
        description: form.description,
        partnership_id: form.partnershipId,
        opens_on: form.opensOn!,
        closes_on: form.closesOn!,
        status: form.status,
        results_while_open: form.resultsWhileOpen ? 1 : 0,
      };
      const { id } = await trx
        .insertInto('engagement_surveys')
        .values({ ...values, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        entityType: 'engagement_survey',
        entityId: id,
        action: 'created',
        summary: `Created the survey ${form.title}`,
        after: values,
      });
      return slug;
    });
  }

  async function managed(actor: Actor | null, slug: string) {
    const survey = await findSurvey(db, slug);
    authorise(actor, 'surveys:manage', await scopeOf(survey.partnership_id));
    return survey;
  }

  async function update(actor: Actor | null, slug: string, input: unknown) {
    const survey = await managed(actor, slug);
    const expected = formVersion(input);
    const form = parseForm(surveyForm, input);
    if (form.partnershipId !== survey.partnership_id)
      authorise(actor, 'surveys:manage', await scopeOf(form.partnershipId));
    await db.transaction().execute(async (trx) => {
      const { before, after } = await updateWithVersion(trx, 'engagement_surveys', survey.id, expected, {
        title: form.title,
        description: form.description,
        partnership_id: form.partnershipId,
        opens_on: form.opensOn!,
        closes_on: form.closesOn!,
        status: form.status,
        results_while_open: form.resultsWhileOpen ? 1 : 0,
      });
      await recordAudit(trx, actor, {
        entityType: 'engagement_survey',
        entityId: survey.id,
        action: 'updated',
        summary: `Changed the survey ${form.title}`,
        before,
        after,
      });
    });
    return survey.slug;
  }

  async function lockedMessage(surveyId: number) {
    if ((await responseCount(surveyId)) > 0)
      throw new ValidationError({
        form: 'People have already answered this survey, so its questions can no longer change: their answers would no longer match.',
      });
  }

  async function addQuestion(actor: Actor | null, slug: string, input: unknown) {
    const survey = await managed(actor, slug);
    const form = parseForm(questionForm, input);
    await lockedMessage(survey.id);
    await db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom('engagement_survey_questions')
        .select((eb) => eb.fn.max('position').as('position'))
        .where('survey_id', '=', survey.id)
        .executeTakeFirst();
      const now = nowIso();
      const values = {
        survey_id: survey.id,
        position: Number(last?.position ?? 0) + 1,
        kind: form.kind,
        prompt: form.prompt,
        hint: form.hint,
        required: form.required ? 1 : 0,
        options: JSON.stringify(form.kind === 'single' || form.kind === 'multiple' ? form.optionList : []),
      };
      const { id } = await trx
        .insertInto('engagement_survey_questions')
        .values({ ...values, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        entityType: 'engagement_survey_question',
        entityId: id,
        action: 'created',
        summary: `Added a question to ${survey.title}: ${form.prompt}`,
        after: values,
      });
    });
    return survey.slug;
  }

  async function managedQuestion(actor: Actor | null, slug: string, questionId: number) {
    const survey = await managed(actor, slug);
    const question = (await questionsOf(survey.id)).find((q) => q.id === questionId);
    if (!question) throw new NotFoundError('question');
    return { survey, question };
  }

  async function updateQuestion(actor: Actor | null, slug: string, questionId: number, input: unknown) {
    const { survey, question } = await managedQuestion(actor, slug, questionId);
    const expected = formVersion(input);
    const form = parseForm(questionForm, input);
    await lockedMessage(survey.id);
    await db.transaction().execute(async (trx) => {
      const { before, after } = await updateWithVersion(
        trx,
        'engagement_survey_questions',
        question.id,
        expected,
        {
          kind: form.kind,
          prompt: form.prompt,
          hint: form.hint,
          required: form.required ? 1 : 0,
          options: JSON.stringify(form.kind === 'single' || form.kind === 'multiple' ? form.optionList : []),
        },
      );
      await recordAudit(trx, actor, {
        entityType: 'engagement_survey_question',
        entityId: question.id,
        action: 'updated',
        summary: `Changed question ${question.number} of ${survey.title}`,
        before,
        after,
      });
    });
    return survey.slug;
  }

  async function removeQuestion(actor: Actor | null, slug: string, questionId: number) {
    const { survey, question } = await managedQuestion(actor, slug, questionId);
    await lockedMessage(survey.id);
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('engagement_survey_questions').where('id', '=', question.id).execute();
      await recordAudit(trx, actor, {
        entityType: 'engagement_survey_question',
        entityId: question.id,
        action: 'deleted',
        summary: `Removed question ${question.number} from ${survey.title}: ${question.prompt}`,
        before: question,
      });
    });
    return survey.slug;
  }

  async function history(actor: Actor | null, slug: string) {
    const survey = await managed(actor, slug);
    // Each response is audited too; the survey's history is the changes made to it.
    return (await historyOf(db, 'engagement_survey', survey.id)).filter(
      (entry) => entry.action !== 'responded',
    );
  }

  return {
    list,
    page,
    formContext,
    respond,
    results,
    csvRows,
    editContext: formContext_,
    create,
    managed,
    update,
    managedQuestion,
    addQuestion,
    updateQuestion,
    removeQuestion,
    history,
  };
}

export type SurveyServices = ReturnType<typeof createSurveyServices>;
