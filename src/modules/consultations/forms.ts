import { z } from 'zod';
import {
  capitalise,
  choice,
  cleanText,
  idList,
  isoDate,
  optionalText,
  requiredId,
  requiredText,
} from '../../platform/forms.ts';
import { readTimeOfDay } from '../../domain/london-time.ts';
import { maximumQuestionLength } from '../../domain/question-list.ts';
import { formatDate } from '../../platform/time.ts';

/** Form schemas of the consultations module: each message is what the person filling in the form reads. */

/**
 * The longest view, statement or reason: 1 MB of text. Partners paste whole papers; more
 * than this is a slip (a file pasted twice), and is refused in words, never cut short.
 */
export const longestText = 1024 * 1024;

/** A pasted list of questions longer than this is a whole document, not its questions. */
export const longestPastedList = 200_000;

/** A deadline typed without a time is the end of that day. */
export const endOfDay = '23:59';

/** A time of day typed on the 24-hour clock; blank is null. */
export function timeOfDay(label: string) {
  return z.preprocess(
    (value) => (typeof value === 'string' ? value.trim() : ''),
    z
      .string()
      .superRefine((value, ctx) => {
        if (value !== '' && readTimeOfDay(value) === null)
          ctx.addIssue({
            code: 'custom',
            message: `Enter ${label} on the 24-hour clock, like 17:00, or leave it blank for the end of the day`,
          });
      })
      .transform((value) => (value === '' ? null : readTimeOfDay(value))),
  );
}

/** A web address: https only, so nobody is sent to a page that can be read or changed on the way. */
const webAddress = z.preprocess(
  (value) => (typeof value === 'string' && (cleanText(value) as string) !== '' ? cleanText(value) : null),
  z
    .string()
    .max(2000, 'The link must be 2,000 characters or fewer')
    .superRefine((value, ctx) => {
      const url = URL.canParse(value) ? new URL(value) : null;
      if (!url || !/^https?:$/.test(url.protocol) || !url.hostname.includes('.'))
        ctx.addIssue({
          code: 'custom',
          message: 'Enter the link in full, starting with https://, like https://www.gov.uk/consultations',
        });
      else if (url.protocol !== 'https:')
        ctx.addIssue({
          code: 'custom',
          message: 'The link must start with https:// (a secure address), not http://',
        });
    })
    .nullable(),
);

const detailsFields = {
  title: requiredText('the title of the consultation', 300),
  issuingBody: requiredText('who issued the consultation', 200),
  url: webAddress,
  description: optionalText('the description', 10_000),
  closesOn: isoDate('the date the consultation closes', true),
  viewsDueOn: isoDate('the date partners’ views are due', true),
  viewsDueTime: timeOfDay('the time views are due'),
};

function viewsBeforeClosing(
  form: { closesOn: string | null; viewsDueOn: string | null },
  ctx: z.RefinementCtx,
): void {
  if (form.closesOn && form.viewsDueOn && form.viewsDueOn >= form.closesOn)
    ctx.addIssue({
      code: 'custom',
      path: ['viewsDueOn'],
      message: `Views must be due before the consultation closes on ${formatDate(form.closesOn)}, so there is time to draft and agree the response`,
    });
}

export const consultationForm = z
  .object({ partnershipId: requiredId('Choose the partnership that is responding'), ...detailsFields })
  .superRefine(viewsBeforeClosing);
export type ConsultationFormValues = z.output<typeof consultationForm>;

export const consultationDetailsForm = z.object(detailsFields).superRefine(viewsBeforeClosing);
export type ConsultationDetailsValues = z.output<typeof consultationDetailsForm>;

export const organisationsForm = z.object({
  organisationIds: idList('Choose organisations from the list').pipe(
    z.array(z.number()).min(1, 'Choose at least one organisation to ask for views'),
  ),
});

export const questionForm = z.object({
  number: requiredText('the question’s number, as the consultation numbers it', 20),
  section: optionalText('the section', 300),
  text: requiredText('the question', maximumQuestionLength),
});
export type QuestionFormValues = z.output<typeof questionForm>;

export const pastedQuestionsForm = z.object({
  pasted: z.preprocess(
    (value) => (typeof value === 'string' ? value : ''),
    z
      .string()
      .max(
        longestPastedList,
        `The pasted text must be ${longestPastedList.toLocaleString('en-GB')} characters or fewer: paste the questions only, in parts if need be`,
      ),
  ),
});

export const statementForm = z.object({
  text: requiredText('the statement', longestText),
  viewIds: idList('Choose views from the list').pipe(
    z
      .array(z.number())
      .min(1, 'Choose the views this statement draws on, so partners can see where it came from'),
  ),
});
export type StatementFormValues = z.output<typeof statementForm>;

export const silenceRules = ['endorse', 'abstain'] as const;

export const deadlineForm = z.object({
  deadlineOn: isoDate('the date of the endorsement deadline', true),
  deadlineTime: timeOfDay('the time of the deadline'),
  silenceRule: choice(silenceRules, 'Choose what silence by the deadline counts as'),
});
export type DeadlineFormValues = z.output<typeof deadlineForm>;

export const remindersForm = z.object({
  organisationIds: idList('Choose organisations from the list').pipe(
    z.array(z.number()).min(1, 'Choose at least one organisation to remind'),
  ),
});

export const submittedForm = z.object({
  submittedOn: isoDate('the date the response was sent', true),
  note: optionalText('how it was sent', 2000),
});

/** Checks a long text field in words, as a form field builder would. */
export function longTextProblem(label: string, text: string): string | null {
  if (text.length > longestText)
    return `${capitalise(label)} must be ${longestText.toLocaleString('en-GB')} characters (1 MB) or fewer`;
  return null;
}
