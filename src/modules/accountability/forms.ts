import { z } from 'zod';
import {
  choice,
  decimalNumber,
  isoDate,
  moneyInPence,
  optionalId,
  optionalText,
  requiredId,
  requiredText,
} from '../../platform/forms.ts';
import { obligationKinds } from './compliance.ts';
import { addMonths } from '../../domain/periods.ts';

/** Form schemas of agreements and calls for action: each message is what the person filling in the form reads. */

export const protocolStatuses = ['draft', 'agreed'] as const;
export type ProtocolStatus = (typeof protocolStatuses)[number];
export const protocolStatusNames: Record<ProtocolStatus, string> = { draft: 'Draft', agreed: 'Agreed' };

/** An agreement longer than this is a typing slip (2206 for 2026). */
const longestAgreementYears = 10;
/** Staff time beyond this is a typing slip. */
const mostStaff = 9999;

export const protocolForm = z
  .object({
    partnershipId: requiredId('Choose the partnership the agreement is for'),
    title: requiredText('the name of the agreement', 200),
    startsOn: isoDate('the date the agreement starts', true),
    endsOn: isoDate('the date the agreement ends', true),
    status: choice(protocolStatuses, 'Choose whether the agreement is a draft or agreed'),
    body: optionalText('the text of the agreement', 50_000),
  })
  .superRefine((form, ctx) => {
    if (!form.startsOn || !form.endsOn) return;
    if (form.endsOn < form.startsOn)
      ctx.addIssue({
        code: 'custom',
        path: ['endsOn'],
        message: `The end date must be the same as or after the start date (${form.startsOn})`,
      });
    else if (form.endsOn >= addMonths(form.startsOn, 12 * longestAgreementYears))
      ctx.addIssue({
        code: 'custom',
        path: ['endsOn'],
        message: `An agreement can run for ${longestAgreementYears} years at most: check the end date`,
      });
  });
export type ProtocolFormValues = z.output<typeof protocolForm>;

/** A share typed as a percentage: "75" or "75%". */
const share = (label: string) => decimalNumber(label);

export const obligationForm = z
  .object({
    organisationId: requiredId('Choose the partner'),
    kind: choice(obligationKinds, 'Choose what the partner commits to'),
    attendancePercent: share('the share of meetings'),
    returnsPercent: share('the share of quarterly returns'),
    amount: moneyInPence('the amount each year'),
    staffFte: decimalNumber('the staff time each year', { min: 0 }),
    description: optionalText('the description', 1000),
  })
  .superRefine((form, ctx) => {
    const percentIssue = (field: 'attendancePercent' | 'returnsPercent', what: string) => {
      const value = form[field];
      if (value === null)
        ctx.addIssue({ code: 'custom', path: [field], message: `Enter the share of ${what}, from 1 to 100` });
      else if (!Number.isInteger(value) || value < 1 || value > 100)
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `The share of ${what} must be a whole number from 1 to 100, like 75`,
        });
    };
    switch (form.kind) {
      case 'attendance':
        return percentIssue('attendancePercent', 'meetings the partner must attend');
      case 'data_returns':
        return percentIssue('returnsPercent', 'quarterly returns the partner must make');
      case 'financial':
        if (form.amount === null || form.amount <= 0)
          ctx.addIssue({
            code: 'custom',
            path: ['amount'],
            message: 'Enter the amount the partner gives each year, like 20000',
          });
        return;
      case 'staff_time':
        if (form.staffFte === null || form.staffFte <= 0)
          ctx.addIssue({
            code: 'custom',
            path: ['staffFte'],
            message: 'Enter the staff time the partner gives each year, in full-time equivalents, like 0.5',
          });
        else if (form.staffFte > mostStaff)
          ctx.addIssue({
            code: 'custom',
            path: ['staffFte'],
            message: `Staff time must be ${mostStaff.toLocaleString('en-GB')} full-time equivalents or fewer`,
          });
        return;
      case 'resources':
        if (form.description === null)
          ctx.addIssue({
            code: 'custom',
            path: ['description'],
            message: 'Describe the resources the partner shares, like meeting rooms at the Civic Centre',
          });
        return;
    }
  });
export type ObligationFormValues = z.output<typeof obligationForm>;

export const contributionForm = z
  .object({
    organisationId: requiredId('Choose the partner that made the contribution'),
    contributedOn: isoDate('the date of the contribution', true),
    amount: moneyInPence('the money'),
    staffFte: decimalNumber('the staff time', { min: 0 }),
    resources: optionalText('the resources', 1000),
    note: optionalText('the note', 2000),
  })
  .superRefine((form, ctx) => {
    if (form.amount === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        message: 'The money must be more than £0, or left blank',
      });
    if (form.staffFte === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['staffFte'],
        message: 'The staff time must be more than 0, or left blank',
      });
    if (form.staffFte !== null && form.staffFte > mostStaff)
      ctx.addIssue({
        code: 'custom',
        path: ['staffFte'],
        message: `Staff time must be ${mostStaff.toLocaleString('en-GB')} full-time-equivalent years or fewer`,
      });
    if (form.amount === null && form.staffFte === null && form.resources === null)
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        message: 'Enter the money, the staff time or the resources the partner gave',
      });
  });
export type ContributionFormValues = z.output<typeof contributionForm>;

// ---------------------------------------------------------------------------
// Councillor Calls for Action

export const raiseForm = z.object({
  councillorId: optionalId('Choose the councillor raising the call for action'),
  organisationId: requiredId('Choose the partner agency the call for action is about'),
  summary: requiredText('a summary for the public register', 300),
  details: requiredText('what the problem is and what you want to happen', 10_000),
  stepsTaken: requiredText('what you have already done to resolve it', 5000),
});
export type RaiseFormValues = z.output<typeof raiseForm>;

export const decisionForm = z
  .object({
    decision: choice(
      ['accept', 'refuse'] as const,
      'Choose whether overview and scrutiny accepts the call for action',
    ),
    decidedOn: isoDate('the date of the decision', true),
    reason: optionalText('the reason', 5000),
  })
  .superRefine((form, ctx) => {
    if (form.decision === 'refuse' && form.reason === null)
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message:
          'Enter why overview and scrutiny refused the call for action: the reason is published on the register',
      });
  });

export const invitationForm = z.object({
  invitedOn: isoDate('the date the partner was asked to attend', true),
  note: optionalText('the note', 2000),
});

export const hearingForm = z.object({
  hearingOn: isoDate('the date of the hearing', true),
  note: optionalText('the note', 2000),
});

export const recommendationsForm = z
  .object({
    recommendations: requiredText('the recommendations', 10_000),
    recommendationsOn: isoDate('the date the recommendations were made', true),
    responseDueOn: isoDate('the date the response is due', true),
  })
  .superRefine((form, ctx) => {
    if (form.recommendationsOn && form.responseDueOn && form.responseDueOn < form.recommendationsOn)
      ctx.addIssue({
        code: 'custom',
        path: ['responseDueOn'],
        message: `The response cannot be due before the recommendations were made (${form.recommendationsOn})`,
      });
  });

export const responseDueForm = z.object({
  responseDueOn: isoDate('the new date the response is due', true),
  note: requiredText('why the date has changed', 2000),
});

export const responseForm = z.object({
  receivedOn: isoDate('the date the response was received', true),
  responseSummary: requiredText('a summary of the partner’s response', 10_000),
});

export const closeForm = z.object({
  closedOn: isoDate('the date it was closed', true),
  outcome: optionalText('the outcome', 5000),
});
