import { z } from 'zod';
import {
  choice,
  emailAddress,
  cleanText,
  isoDate,
  largestWholeNumber,
  optionalChoice,
  optionalId,
  optionalText,
  requiredId,
  requiredText,
  yesNo,
} from '../../platform/forms.ts';
import { gssCodeProblem, normaliseGssCode } from '../../domain/gss.ts';
import {
  areaKinds,
  councillorRoles,
  membershipRoles,
  organisationTypes,
  partnershipStatuses,
  sectors,
} from '../../domain/vocabulary.ts';

/** Form schemas of the registry: each message is what the person filling in the form reads. */

export const areaForm = z
  .object({
    name: requiredText('the name of the area', 120),
    kind: choice(areaKinds, 'Choose what kind of area this is'),
    gssCode: optionalText('GSS code', 20),
    parentId: optionalId('Choose the area this one is part of'),
    population: z.preprocess(
      (value) => (typeof value === 'string' && value.trim() !== '' ? Number(value.replace(/,/g, '')) : null),
      z
        .number({ error: 'Population must be a whole number, like 230000' })
        .int('Population must be a whole number, like 230000')
        .min(0, 'Population must be 0 or more')
        .max(largestWholeNumber, 'Population must be a real number of people, like 230000')
        .nullable(),
    ),
  })
  .superRefine((value, ctx) => {
    if (value.gssCode) {
      const problem = gssCodeProblem(value.gssCode, value.kind);
      if (problem) ctx.addIssue({ code: 'custom', path: ['gssCode'], message: problem });
    }
  })
  .transform((value) => ({ ...value, gssCode: value.gssCode ? normaliseGssCode(value.gssCode) : null }));

export const organisationForm = z.object({
  name: requiredText('the name of the organisation', 160),
  sector: choice(sectors, 'Choose the sector the organisation belongs to'),
  type: choice(organisationTypes, 'Choose the type of organisation'),
  namedPartner: yesNo,
  areaId: optionalId('Choose the area the organisation covers'),
  website: z.preprocess(
    (value) => (typeof value === 'string' && (cleanText(value) as string) !== '' ? cleanText(value) : null),
    z
      .string()
      .max(300, 'Website must be 300 characters or fewer')
      .regex(
        /^https?:\/\/[^\s<>"]+\.[^\s<>"]+$/,
        'Enter the website address in full, like https://www.example.org',
      )
      .nullable(),
  ),
  description: optionalText('description', 5000),
});

export const personForm = z
  .object({
    name: requiredText('the person’s name', 120),
    email: emailAddress('an email address', false),
    councillor: yesNo,
    wardId: optionalId('Choose the ward the councillor represents'),
    councillorRole: optionalChoice(councillorRoles, 'Choose executive or backbench'),
    party: optionalText('party', 80),
    organisationId: optionalId('Choose an organisation from the list'),
    position: optionalText('position', 160),
  })
  .superRefine((value, ctx) => {
    if (value.councillor && !value.wardId) {
      ctx.addIssue({
        code: 'custom',
        path: ['wardId'],
        message: 'Choose the ward the councillor represents',
      });
    }
    if (value.councillor && !value.councillorRole) {
      ctx.addIssue({
        code: 'custom',
        path: ['councillorRole'],
        message: 'Choose whether the councillor is executive or backbench',
      });
    }
    if (value.position && !value.organisationId) {
      ctx.addIssue({
        code: 'custom',
        path: ['organisationId'],
        message: 'Choose the organisation the position is with',
      });
    }
  });

export const affiliationForm = z.object({
  organisationId: requiredId('Choose an organisation'),
  position: optionalText('position', 160),
});

export const partnershipForm = z
  .object({
    name: requiredText('the name of the partnership', 160),
    shortName: optionalText('short name', 30),
    parentId: optionalId('Choose the partnership this one reports to'),
    statutory: yesNo,
    theme: optionalText('theme', 120),
    termsOfReference: optionalText('terms of reference', 20000),
    status: choice(partnershipStatuses, 'Choose the status of the partnership'),
    establishedOn: isoDate('the date it was established', false),
    statusChangedOn: isoDate('the date its status changed', false),
    mergedIntoId: optionalId('Choose the partnership it merged into'),
    areaId: optionalId('Choose the area the partnership covers'),
  })
  .superRefine((value, ctx) => {
    if (value.status === 'merged' && !value.mergedIntoId) {
      ctx.addIssue({
        code: 'custom',
        path: ['mergedIntoId'],
        message: 'Choose the partnership it merged into',
      });
    }
    if (value.status !== 'active' && !value.statusChangedOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['statusChangedOn'],
        message: `Enter the date the partnership was ${value.status}`,
      });
    }
    if (value.establishedOn && value.statusChangedOn && value.statusChangedOn < value.establishedOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['statusChangedOn'],
        message: 'The date its status changed must be on or after the date it was established',
      });
    }
  })
  .transform((value) => ({
    ...value,
    mergedIntoId: value.status === 'merged' ? value.mergedIntoId : null,
    statusChangedOn: value.status === 'active' ? null : value.statusChangedOn,
  }));

export const membershipForm = z
  .object({
    personId: requiredId('Choose the person who holds the seat'),
    role: choice(membershipRoles, 'Choose the role of the seat'),
    organisationId: optionalId('Choose the organisation they represent'),
    sector: optionalChoice(sectors, 'Choose the sector they represent'),
    startsOn: isoDate('the date the membership starts', true),
    endsOn: isoDate('the date the membership ends', false),
  })
  .superRefine((value, ctx) => {
    if (!value.organisationId && !value.sector) {
      ctx.addIssue({
        code: 'custom',
        path: ['organisationId'],
        message: 'Choose the organisation they represent, or a sector',
      });
    }
    if (value.startsOn && value.endsOn && value.endsOn < value.startsOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['endsOn'],
        message: 'The end date must be on or after the start date',
      });
    }
  });

export const endMembershipForm = z.object({
  endsOn: isoDate('the date the membership ends', true),
});
