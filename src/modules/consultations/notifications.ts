import type { Mailer, OutgoingMail } from '../../platform/mail.ts';
import { formatDate, formatDateTime } from '../../platform/time.ts';
import { silenceRuleNames, type SilenceRule } from '../../domain/composite-response.ts';
import type { Recipient } from './repository.ts';

/**
 * The e-mails of a collective response, in plain text: reminders for views and answers,
 * the draft going out for endorsement, a new deadline, a statement changed or added.
 * Each goes to the people who speak for an organisation (its seat holders and partner
 * officers), naming the organisation, so nobody has to guess what is asked of them.
 */

export interface MailContext {
  consultation: {
    id: number;
    title: string;
    issuing_body: string;
    closes_on: string;
    views_due_at: string;
    endorsement_deadline: string | null;
    silence_rule: string | null;
    partnership_name: string;
  };
  link: (path: string) => string;
}

function greeting(recipient: Recipient): string[] {
  return [`Dear ${recipient.name},`, ''];
}

function signOff(context: MailContext, recipient: Recipient, organisationName: string): string[] {
  const why =
    recipient.because === 'seat'
      ? `you hold a seat on ${context.consultation.partnership_name} for ${organisationName}`
      : `you are a partner officer of ${organisationName}`;
  return [
    '',
    `${context.consultation.partnership_name} secretariat`,
    '',
    `You are receiving this because ${why}.`,
  ];
}

function about(context: MailContext): string {
  const c = context.consultation;
  return `${c.partnership_name} is preparing a collective response to “${c.title}”, a consultation by ${c.issuing_body} that closes on ${formatDate(c.closes_on)}.`;
}

function silenceInWords(context: MailContext): string {
  const rule = context.consultation.silence_rule as SilenceRule | null;
  return rule ? `${silenceRuleNames[rule]}.` : '';
}

const organisationPath = (context: MailContext, slug: string, page: 'views' | 'endorsements') =>
  context.link(`/consultations/${context.consultation.id}/organisations/${slug}/${page}`);

export interface OrganisationProgress {
  id: number;
  name: string;
  slug: string;
}

export function viewsReminder(
  context: MailContext,
  recipient: Recipient,
  organisation: OrganisationProgress,
  progress: { answered: number; questions: number },
): OutgoingMail {
  const c = context.consultation;
  return {
    to: { name: recipient.name, address: recipient.address },
    subject: `Reminder: views on “${c.title}” are due by ${formatDateTime(c.views_due_at)}`,
    text: [
      ...greeting(recipient),
      about(context),
      '',
      `Views from ${organisation.name} are due by ${formatDateTime(c.views_due_at)} (UK time). So far ${organisation.name} has answered ${progress.answered} of the ${progress.questions} questions (a view, or “no view”).`,
      '',
      `Give your organisation’s views: ${organisationPath(context, organisation.slug, 'views')}`,
      ...signOff(context, recipient, organisation.name),
    ].join('\n'),
  };
}

export function endorsementReminder(
  context: MailContext,
  recipient: Recipient,
  organisation: OrganisationProgress,
  progress: { answered: number; statements: number },
): OutgoingMail {
  const c = context.consultation;
  return {
    to: { name: recipient.name, address: recipient.address },
    subject: `Reminder: answer on the draft response to “${c.title}” by ${formatDateTime(c.endorsement_deadline)}`,
    text: [
      ...greeting(recipient),
      about(context),
      '',
      `The draft response has ${progress.statements} statements. ${organisation.name} has answered on ${progress.answered} of them. Please mark each one endorse, abstain or cannot endorse (with your reason) by ${formatDateTime(c.endorsement_deadline)} (UK time). ${silenceInWords(context)}`,
      '',
      `Answer for your organisation: ${organisationPath(context, organisation.slug, 'endorsements')}`,
      ...signOff(context, recipient, organisation.name),
    ].join('\n'),
  };
}

export function draftCirculated(
  context: MailContext,
  recipient: Recipient,
  organisation: OrganisationProgress,
  statements: number,
): OutgoingMail {
  const c = context.consultation;
  return {
    to: { name: recipient.name, address: recipient.address },
    subject: `Draft response for endorsement: “${c.title}”, by ${formatDateTime(c.endorsement_deadline)}`,
    text: [
      ...greeting(recipient),
      about(context),
      '',
      `The draft collective response is ready: ${statements} statements drawn from the partners’ views. Please mark each statement endorse, abstain or cannot endorse (with your reason) by ${formatDateTime(c.endorsement_deadline)} (UK time). ${silenceInWords(context)}`,
      '',
      'Any statement a partner cannot endorse is removed from the final response. Your organisation remains free to send its own response as well: you can download it, with your views and what you endorsed and refused, once you have answered.',
      '',
      `Read the draft and answer for ${organisation.name}: ${organisationPath(context, organisation.slug, 'endorsements')}`,
      ...signOff(context, recipient, organisation.name),
    ].join('\n'),
  };
}

export function deadlineChanged(
  context: MailContext,
  recipient: Recipient,
  organisation: OrganisationProgress,
  previous: string,
): OutgoingMail {
  const c = context.consultation;
  return {
    to: { name: recipient.name, address: recipient.address },
    subject: `New endorsement deadline for “${c.title}”: ${formatDateTime(c.endorsement_deadline)}`,
    text: [
      ...greeting(recipient),
      about(context),
      '',
      `The deadline for answering on the draft response has changed from ${formatDateTime(previous)} to ${formatDateTime(c.endorsement_deadline)} (UK time). ${silenceInWords(context)}`,
      '',
      `Read the draft and answer for ${organisation.name}: ${organisationPath(context, organisation.slug, 'endorsements')}`,
      ...signOff(context, recipient, organisation.name),
    ].join('\n'),
  };
}

export function statementChanged(
  context: MailContext,
  recipient: Recipient,
  organisation: OrganisationProgress,
  statement: { questionNumber: string; before: string; after: string },
): OutgoingMail {
  const c = context.consultation;
  return {
    to: { name: recipient.name, address: recipient.address },
    subject: `A statement you answered on has changed: “${c.title}”, question ${statement.questionNumber}`,
    text: [
      ...greeting(recipient),
      about(context),
      '',
      `A statement answering question ${statement.questionNumber}, on which ${organisation.name} had recorded an answer, has been reworded. Your answer was on the earlier words, so it no longer counts: please read the new wording and answer again by ${formatDateTime(c.endorsement_deadline)} (UK time). ${silenceInWords(context)}`,
      '',
      'The new wording:',
      statement.after,
      '',
      'The wording you answered on:',
      statement.before,
      '',
      `Answer for ${organisation.name}: ${organisationPath(context, organisation.slug, 'endorsements')}`,
      ...signOff(context, recipient, organisation.name),
    ].join('\n'),
  };
}

export function statementAdded(
  context: MailContext,
  recipient: Recipient,
  organisation: OrganisationProgress,
  statement: { questionNumber: string; text: string },
): OutgoingMail {
  const c = context.consultation;
  return {
    to: { name: recipient.name, address: recipient.address },
    subject: `A statement has been added to the draft response to “${c.title}”`,
    text: [
      ...greeting(recipient),
      about(context),
      '',
      `A statement answering question ${statement.questionNumber} has been added to the draft. Please answer on it by ${formatDateTime(c.endorsement_deadline)} (UK time). ${silenceInWords(context)}`,
      '',
      statement.text,
      '',
      `Answer for ${organisation.name}: ${organisationPath(context, organisation.slug, 'endorsements')}`,
      ...signOff(context, recipient, organisation.name),
    ].join('\n'),
  };
}

/** Sends each message; a message the mail server refuses is counted, not thrown, so the rest still go. */
export async function sendAll(
  mailer: Mailer,
  mails: OutgoingMail[],
): Promise<{ sent: number; failed: number; failedAddresses: string[] }> {
  let sent = 0;
  const failedAddresses: string[] = [];
  for (const mail of mails) {
    try {
      await mailer.send(mail);
      sent++;
    } catch {
      failedAddresses.push(mail.to.address);
    }
  }
  return { sent, failed: failedAddresses.length, failedAddresses };
}
