import { z } from 'zod';
import {
  choice,
  decimalNumber,
  isoDate,
  moneyInPence,
  optionalId,
  optionalText,
  requiredText,
} from '../../platform/forms.ts';
import { actionStatuses, updateRags } from '../../domain/action-plan.ts';

/** Form schemas of the action plan: each message is what the person filling in the form reads. */

/** Staff time beyond this is a typing slip (no partnership action has ten thousand people on it). */
const mostStaff = 9999;

export const actionForm = z
  .object({
    title: requiredText('the action', 200),
    description: optionalText('the description', 5000),
    priorityId: optionalId('Choose a priority from the list'),
    targetId: optionalId('Choose a target from the list'),
    organisationId: optionalId('Choose an organisation from the list'),
    personId: optionalId('Choose a person from the list'),
    cash: moneyInPence('cash'),
    staffFte: decimalNumber('staff time', { min: 0 }),
    inKind: optionalText('in-kind resources', 1000),
    startsOn: isoDate('the start date', false),
    dueOn: isoDate('the due date', true),
    status: choice(actionStatuses, 'Choose the status of the action'),
  })
  .superRefine((form, ctx) => {
    if (form.priorityId === null && form.targetId === null)
      ctx.addIssue({
        code: 'custom',
        path: ['priorityId'],
        message: 'Choose the priority or the target this action delivers (or both)',
      });
    if (form.staffFte !== null && form.staffFte > mostStaff)
      ctx.addIssue({
        code: 'custom',
        path: ['staffFte'],
        message: `Staff time must be ${mostStaff.toLocaleString('en-GB')} full-time equivalents or fewer`,
      });
    if (form.startsOn && form.dueOn && form.dueOn < form.startsOn)
      ctx.addIssue({
        code: 'custom',
        path: ['dueOn'],
        message: `The due date must be the same as or after the start date (${form.startsOn})`,
      });
  });
export type ActionFormValues = z.output<typeof actionForm>;

export const updateForm = z.object({
  rag: choice(updateRags, 'Choose how the action is going'),
  narrative: requiredText('what has happened since the last update', 5000),
  reportedOn: isoDate('the date of the update', false),
});

export const milestoneForm = z.object({
  milestoneTitle: requiredText('the milestone', 200),
  milestoneDueOn: isoDate('the date the milestone is due', false),
});
