import { z } from 'zod';
import {
  choice,
  idList,
  isoDate,
  optionalCount,
  optionalId,
  optionalText,
  requiredId,
  requiredText,
  yesNo,
} from '../../platform/forms.ts';
import { readTimeOfDay } from '../../domain/london-time.ts';
import { maximumClearDays } from '../../domain/working-days.ts';
import { sectors } from '../../domain/vocabulary.ts';

/** Form schemas of meetings: each message is what the person filling in the form reads. */

export const meetingStatuses = ['scheduled', 'held', 'cancelled', 'postponed'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];
export const meetingStatusNames: Record<MeetingStatus, string> = {
  scheduled: 'Scheduled',
  held: 'Held',
  cancelled: 'Cancelled',
  postponed: 'Postponed',
};

export const visibilities = ['public', 'members'] as const;
export const visibilityNames: Record<(typeof visibilities)[number], string> = {
  public: 'Open to the public',
  members: 'Members only',
};

export const itemPurposes = ['decision', 'discussion', 'information'] as const;
export const itemPurposeNames: Record<(typeof itemPurposes)[number], string> = {
  decision: 'For decision',
  discussion: 'For discussion',
  information: 'For information',
};

export const paperAccesses = ['public', 'restricted'] as const;
export const paperAccessNames: Record<(typeof paperAccesses)[number], string> = {
  public: 'Public',
  restricted: 'Restricted to members',
};

export const interestKinds = ['pecuniary', 'non_pecuniary', 'other'] as const;
export const interestKindNames: Record<(typeof interestKinds)[number], string> = {
  pecuniary: 'Financial (pecuniary) interest',
  non_pecuniary: 'Other registrable interest',
  other: 'Other interest',
};

export const decisionOutcomes = ['agreed', 'amended', 'deferred', 'rejected'] as const;
export const decisionOutcomeNames: Record<(typeof decisionOutcomes)[number], string> = {
  agreed: 'Agreed',
  amended: 'Agreed as amended',
  deferred: 'Deferred',
  rejected: 'Rejected',
};

/** A time of day typed on the 24-hour clock; blank is null unless required. */
function timeOfDay(label: string, required: boolean) {
  return z.preprocess(
    (value) => (typeof value === 'string' ? value.trim() : ''),
    z
      .string()
      .superRefine((value, ctx) => {
        if (value === '') {
          if (required) ctx.addIssue({ code: 'custom', message: `Enter ${label}` });
        } else if (readTimeOfDay(value) === null)
          ctx.addIssue({
            code: 'custom',
            message: `Enter ${label} on the 24-hour clock, like 09:30 or 18:00`,
          });
      })
      .transform((value) => (value === '' ? null : readTimeOfDay(value))),
  );
}

/** A web address people join the meeting at: https only, so a link cannot run script. */
const onlineLink = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null),
  z
    .string()
    .max(500, 'The online link must be 500 characters or fewer')
    .refine((value) => {
      try {
        return new URL(value).protocol === 'https:';
      } catch {
        return false;
      }
    }, 'Enter the online link as a full web address starting https://, like https://meet.example.org/board')
    .nullable(),
);

export const meetingForm = z
  .object({
    partnershipId: requiredId('Choose the partnership that is meeting'),
    title: requiredText('the name of the meeting', 200),
    date: isoDate('the date of the meeting', true),
    startTime: timeOfDay('the start time', true),
    endTime: timeOfDay('the end time', false),
    location: optionalText('where the meeting is held', 500),
    onlineUrl: onlineLink,
    visibility: choice(visibilities, 'Choose whether the public may attend'),
  })
  .superRefine((form, ctx) => {
    if (form.location === null && form.onlineUrl === null)
      ctx.addIssue({
        code: 'custom',
        path: ['location'],
        message: 'Enter where the meeting is held, or an online link, or both',
      });
    if (form.startTime && form.endTime && form.endTime <= form.startTime)
      ctx.addIssue({
        code: 'custom',
        path: ['endTime'],
        message: `The end time must be after the start time (${form.startTime})`,
      });
  });
export type MeetingFormValues = z.output<typeof meetingForm>;

export const statusForm = z
  .object({
    status: choice(meetingStatuses, 'Choose what has happened to the meeting'),
    reason: optionalText('the reason', 1000),
  })
  .superRefine((form, ctx) => {
    if ((form.status === 'cancelled' || form.status === 'postponed') && form.reason === null)
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: `Enter why the meeting is ${form.status}: the public page and calendars show it`,
      });
  });

export const agendaItemForm = z.object({
  title: requiredText('the title of the item', 300),
  purpose: choice(itemPurposes, 'Choose whether the item is for decision, discussion or information'),
  description: optionalText('the description', 5000),
  presenterPersonId: optionalId('Choose the presenter from the list'),
  presenterOrganisationId: optionalId('Choose the presenting organisation from the list'),
  priorityIds: idList('Choose priorities from the list'),
  targetIds: idList('Choose targets from the list'),
  approvesMinutesOfId: optionalId('Choose the meeting whose minutes this item approves'),
});
export type AgendaItemFormValues = z.output<typeof agendaItemForm>;

export const paperForm = z.object({
  title: requiredText('the title of the paper', 300),
  agendaItemId: optionalId('Choose the agenda item from the list'),
  access: choice(paperAccesses, 'Choose whether the paper is public or restricted to members'),
});

export const declarationForm = z.object({
  agendaItemId: requiredId('Choose the agenda item the interest is in'),
  personId: requiredId('Choose who is declaring the interest'),
  kind: choice(interestKinds, 'Choose the kind of interest'),
  description: requiredText('what the interest is', 1000),
  withdrew: yesNo,
});

export const decisionForm = z
  .object({
    agendaItemId: optionalId('Choose the agenda item from the list'),
    resolution: requiredText('the resolution', 5000),
    outcome: choice(decisionOutcomes, 'Choose the outcome'),
    votesFor: optionalCount('votes for', 500),
    votesAgainst: optionalCount('votes against', 500),
    votesAbstaining: optionalCount('abstentions', 500),
  })
  .superRefine((form, ctx) => {
    const votes = [form.votesFor, form.votesAgainst, form.votesAbstaining];
    if (votes.some((v) => v !== null) && votes.some((v) => v === null))
      ctx.addIssue({
        code: 'custom',
        path: [votes[0] === null ? 'votesFor' : votes[1] === null ? 'votesAgainst' : 'votesAbstaining'],
        message: 'Enter all three vote counts (use 0 where there were none), or leave all three blank',
      });
  });

/** One action arising from a decision, as a row of the decision form (blank rows are skipped). */
export const actionArisingForm = z.object({
  title: requiredText('what is to be done', 200),
  organisationId: optionalId('Choose the organisation from the list'),
  personId: optionalId('Choose the person from the list'),
  dueOn: isoDate('the date it is due', true),
});

export const minutesForm = z.object({
  body: requiredText('the minutes', 100_000),
});

export const quorumForm = z.object({
  quorumMinimum: optionalCount('the number of seats', 500),
  quorumSectors: z.preprocess(
    (value) => (value === undefined || value === '' ? [] : [value].flat()),
    z.array(z.enum(sectors, { error: 'Choose sectors from the list' })),
  ),
});

export const meetingSettingsForm = z.object({
  clearDays: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim() : ''),
    z
      .string()
      .refine(
        (value) => /^\d+$/.test(value) && Number(value) <= maximumClearDays,
        `Enter the number of clear working days as a whole number from 0 to ${maximumClearDays}`,
      )
      .transform(Number),
  ),
});
