import { z } from 'zod';
import {
  capitalise,
  choice,
  cleanText,
  emailAddress,
  isoDate,
  optionalChoice,
  optionalId,
  optionalText,
  requiredId,
  requiredText,
  version,
  yesNo,
} from '../../platform/forms.ts';
import { sectors, sectorNames } from '../../domain/vocabulary.ts';
import { answerCodes, equalityDimensions, type EqualityDimension } from '../../domain/equality-monitoring.ts';
import { newPasswordFields } from '../accounts/service.ts';

/** Form schemas of the engagement module: each message is what the person filling in the form reads. */

/** The longest idea, concern or survey answer: a page and a half of text, which anyone can read in one go. */
export const longestText = 5000;
export const longestSummary = 150;

export const ideaKinds = ['idea', 'concern'] as const;
export type IdeaKind = (typeof ideaKinds)[number];
export const ideaKindNames: Record<IdeaKind, string> = { idea: 'Idea', concern: 'Concern' };

/** Where an idea is from its arrival: pending moderation, rejected, or published with a status. */
export const publishedStatuses = [
  'received',
  'under_consideration',
  'acted_on',
  'not_taken_forward',
] as const;
export type PublishedStatus = (typeof publishedStatuses)[number];
export const ideaStatusNames: Record<string, string> = {
  pending: 'Waiting to be checked',
  rejected: 'Not published',
  received: 'Received',
  under_consideration: 'Under consideration',
  acted_on: 'Acted on',
  not_taken_forward: 'Not taken forward',
};
export const ideaStatusHints: Record<PublishedStatus, string> = {
  received: 'Published; the partnership has not looked at it yet',
  under_consideration: 'A partnership is looking at it',
  acted_on: 'It led to a decision, an action or a target: link them below',
  not_taken_forward: 'The partnership decided not to act on it: say why in the response',
};

export const rejectionReasons = [
  'personal_information',
  'offensive',
  'spam',
  'duplicate',
  'not_for_the_partnership',
  'other',
] as const;
export type RejectionReason = (typeof rejectionReasons)[number];
export const rejectionReasonNames: Record<RejectionReason, string> = {
  personal_information: 'It names or gives details of a private person',
  offensive: 'It is abusive, offensive or discriminatory',
  spam: 'It is advertising or spam',
  duplicate: 'It repeats something already sent in',
  not_for_the_partnership: 'It is not something the partnership deals with',
  other: 'Another reason',
};
/** Input rejected for these reasons is not counted in the balance of voice. */
export const uncountedReasons: RejectionReason[] = ['spam', 'duplicate'];

export const writingAsKinds = ['individual', 'group'] as const;

/** The sectors a group writing in can belong to: the registry's, as everywhere else. */
export const groupSectorOptions = sectors.map((code) => ({ value: code, text: sectorNames[code] }));

/** A long text whose limit message says how long it is now, so the person knows how much to cut. */
function longText(label: string, max: number, required: boolean) {
  return z.preprocess(
    (value) => (typeof value === 'string' ? (cleanText(value) as string) : ''),
    z
      .string()
      .superRefine((value, ctx) => {
        if (value === '' && required) ctx.addIssue({ code: 'custom', message: `Enter ${label}` });
        else if (value.length > max)
          ctx.addIssue({
            code: 'custom',
            message: `${capitalise(label)} must be ${max.toLocaleString('en-GB')} characters or fewer. It is ${value.length.toLocaleString('en-GB')} characters now: shorten it, or send the rest separately.`,
          });
      })
      .transform((value) => (value === '' ? null : value)),
  );
}

const equalityFields = Object.fromEntries(
  equalityDimensions.map((dimension) => [
    equalityField(dimension),
    optionalChoice(answerCodes(dimension), 'Choose one of the answers, or leave it blank'),
  ]),
) as Record<ReturnType<typeof equalityField>, ReturnType<typeof optionalChoice<[string, ...string[]]>>>;

/** The form field of an equality question. */
export function equalityField(dimension: EqualityDimension) {
  return ({ age: 'ageBand', sex: 'sex', ethnicity: 'ethnicity', disability: 'disability' } as const)[
    dimension
  ];
}

export const ideaForm = z
  .object({
    kind: choice(ideaKinds, 'Choose whether this is an idea or a concern'),
    summary: requiredText('a short summary', longestSummary),
    details: longText('what you want to tell the partnership', longestText, true),
    priorityId: optionalId('Choose a priority from the list'),
    areaId: optionalId('Choose a ward or neighbourhood from the list'),
    writingAs: choice(writingAsKinds, 'Choose whether you are writing for yourself or for a group'),
    groupName: optionalText('the name of the group', 200),
    groupSector: optionalChoice(sectors, 'Choose the kind of group from the list'),
    contactName: optionalText('your name', 200),
    contactEmail: emailAddress('your email address', false),
    ...equalityFields,
  })
  .superRefine((form, ctx) => {
    if (form.writingAs !== 'group') return;
    if (form.groupName === null)
      ctx.addIssue({ code: 'custom', path: ['groupName'], message: 'Enter the name of the group' });
    if (form.groupSector === null)
      ctx.addIssue({ code: 'custom', path: ['groupSector'], message: 'Choose the kind of group' });
  });
export type IdeaFormValues = z.output<typeof ideaForm>;

export const moderationForm = z
  .object({
    decision: choice(['publish', 'reject'] as const, 'Choose whether to publish it or not'),
    reason: optionalChoice(rejectionReasons, 'Choose a reason from the list'),
    note: optionalText('the note to the person who sent it', 2000),
    version,
  })
  .superRefine((form, ctx) => {
    if (form.decision !== 'reject') return;
    if (form.reason === null)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Choose why it is not being published' });
    else if (form.reason === 'other' && form.note === null)
      ctx.addIssue({
        code: 'custom',
        path: ['note'],
        message: 'Say why it is not being published: the person who sent it is told',
      });
  });

export const responseForm = z
  .object({
    status: choice(publishedStatuses, 'Choose where it has got to'),
    response: optionalText('the response', longestText),
    decisionId: optionalId('Choose a decision from the list'),
    actionId: optionalId('Choose an action from the list'),
    targetId: optionalId('Choose a target from the list'),
    version,
  })
  .superRefine((form, ctx) => {
    if ((form.status === 'acted_on' || form.status === 'not_taken_forward') && form.response === null)
      ctx.addIssue({
        code: 'custom',
        path: ['response'],
        message:
          form.status === 'acted_on'
            ? 'Say what the partnership did: it is published as “we did”'
            : 'Say why the partnership is not taking it forward: it is published',
      });
    if (form.status === 'acted_on' && !form.decisionId && !form.actionId && !form.targetId)
      ctx.addIssue({
        code: 'custom',
        path: ['decisionId'],
        message: 'Choose the decision, action or target it led to',
      });
  });

export const registerForm = z
  .object({
    displayName: requiredText('your name', 100),
    email: emailAddress('your email address', true),
    wardId: optionalId('Choose your ward from the list'),
    ...newPasswordFields,
  })
  .superRefine((value, ctx) => {
    if (value.password !== value.confirmPassword)
      ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'The passwords do not match' });
  });

// ---------------------------------------------------------------------------
// Surveys

export const questionKinds = ['single', 'multiple', 'rating', 'text'] as const;
export type QuestionKind = (typeof questionKinds)[number];
export const questionKindNames: Record<QuestionKind, string> = {
  single: 'Choose one answer',
  multiple: 'Choose any number of answers',
  rating: 'A rating from 1 to 5',
  text: 'An answer in their own words',
};
export const ratingScale = [1, 2, 3, 4, 5] as const;
export const ratingWords: Record<number, string> = {
  1: '1 (lowest)',
  2: '2',
  3: '3',
  4: '4',
  5: '5 (highest)',
};

export const surveyStatuses = ['draft', 'published'] as const;
export const surveyStatusNames = { draft: 'Draft', published: 'Published' };

/** A survey running longer than this is a typing slip. */
const longestSurveyDays = 366;

export const surveyForm = z
  .object({
    title: requiredText('the title of the survey', 200),
    description: optionalText('the introduction', longestText),
    partnershipId: requiredId('Choose the partnership running the survey'),
    opensOn: isoDate('the day it opens', true),
    closesOn: isoDate('the day it closes', true),
    status: choice(surveyStatuses, 'Choose whether the survey is a draft or published'),
    resultsWhileOpen: yesNo,
  })
  .superRefine((form, ctx) => {
    if (!form.opensOn || !form.closesOn) return;
    if (form.closesOn < form.opensOn)
      ctx.addIssue({
        code: 'custom',
        path: ['closesOn'],
        message: `The day it closes must be the same as or after the day it opens (${form.opensOn})`,
      });
    else if (Date.parse(form.closesOn) - Date.parse(form.opensOn) > longestSurveyDays * 86_400_000)
      ctx.addIssue({
        code: 'custom',
        path: ['closesOn'],
        message: 'A survey can run for a year at most: check the day it closes',
      });
  });

const mostOptions = 20;

export const questionForm = z
  .object({
    kind: choice(questionKinds, 'Choose the kind of question'),
    prompt: requiredText('the question', 500),
    hint: optionalText('the hint', 500),
    required: yesNo,
    options: optionalText('the answers to choose from', 5000),
  })
  .transform((form) => ({
    ...form,
    optionList: (form.options ?? '')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== ''),
  }))
  .superRefine((form, ctx) => {
    if (form.kind !== 'single' && form.kind !== 'multiple') return;
    const list = form.optionList;
    if (list.length < 2)
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'Enter at least two answers to choose from, one on each line',
      });
    else if (list.length > mostOptions)
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: `Enter ${mostOptions} answers to choose from at most`,
      });
    else if (list.some((line) => line.length > 200))
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'Each answer to choose from must be 200 characters or fewer',
      });
    else if (new Set(list.map((line) => line.toLowerCase())).size !== list.length)
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'Each answer to choose from must be different',
      });
  });

/** The place and equality questions every survey response and idea may answer. */
export const aboutYouForm = z.object({
  areaId: optionalId('Choose a ward or neighbourhood from the list'),
  ...equalityFields,
});

export { longText };
