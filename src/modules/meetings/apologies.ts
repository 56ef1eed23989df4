import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../domain/permissions.ts';
import { londonDate } from '../../domain/working-days.ts';
import { recordAudit } from '../../platform/audit.ts';
import { ValidationError } from '../../platform/errors.ts';
import { formatDateTime, nowIso } from '../../platform/time.ts';
import type { MeetingServices } from './service.ts';
import { seatsOn } from './repository.ts';

/** What a member can say ahead of a meeting about their seat. */
export const apologyAnswers = {
  apologies: 'I cannot come',
  substitute: 'I cannot come and someone from my organisation will come in my place',
  coming: 'I can come after all (withdraw my apologies)',
} as const;
export type ApologyAnswer = keyof typeof apologyAnswers;

/**
 * A member's own apologies for a meeting, sent before it starts: on its own, or with a
 * substitute from the member's organisation. They become the seat's attendance record,
 * which the secretariat confirms or corrects once the meeting has been held.
 */
export function createApologyServices(db: Kysely<Database>, meetings: MeetingServices) {
  async function formContext(actor: Actor | null, meetingId: number) {
    const meeting = await meetings.meetingFor(actor, meetingId, 'meetings:take-part');
    const user = await db
      .selectFrom('users')
      .select('person_id')
      .where('id', '=', actor!.userId)
      .executeTakeFirst();
    const personId = user?.person_id ?? null;
    const seats = personId
      ? (await seatsOn(db, meeting.partnership_id, londonDate(meeting.starts_at))).filter(
          (s) => s.person_id === personId,
        )
      : [];
    const organisationIds = [...new Set(seats.map((s) => s.organisation_id).filter((id) => id !== null))];
    const [recorded, colleagues] = await Promise.all([
      seats.length
        ? db
            .selectFrom('attendance')
            .selectAll()
            .where('meeting_id', '=', meetingId)
            .where(
              'membership_id',
              'in',
              seats.map((s) => s.id),
            )
            .execute()
        : [],
      organisationIds.length
        ? db
            .selectFrom('affiliations')
            .innerJoin('people', 'people.id', 'affiliations.person_id')
            .select(['people.id', 'people.name'])
            .where('affiliations.organisation_id', 'in', organisationIds)
            .where('people.id', '!=', personId!)
            .distinct()
            .orderBy('people.name')
            .execute()
        : [],
    ]);
    const current = recorded[0];
    return {
      meeting: { ...meeting, when: formatDateTime(meeting.starts_at) },
      seats,
      colleagues,
      /** Why apologies cannot be sent now, in words; null when they can. */
      closed:
        meeting.status === 'cancelled'
          ? 'This meeting has been cancelled, so there is nothing to send apologies for.'
          : meeting.status !== 'scheduled' || meeting.starts_at <= nowIso()
            ? 'This meeting has started or been held: tell the secretariat, who record attendance after the meeting.'
            : seats.length === 0
              ? `You do not have a seat on ${meeting.partnership_name} on the day of this meeting, so there are no apologies to send.`
              : null,
      current: current
        ? {
            answer: (current.status === 'substituted' ? 'substitute' : 'apologies') as ApologyAnswer,
            substituteId: current.substitute_person_id,
          }
        : null,
    };
  }

  async function send(actor: Actor | null, meetingId: number, input: Record<string, unknown>) {
    const context = await formContext(actor, meetingId);
    if (context.closed) throw new ValidationError({ form: context.closed });
    const answer = String(input.answer ?? '');
    const substituteId = Number(input.substituteId || 0) || null;
    if (!(answer in apologyAnswers))
      throw new ValidationError({
        answer: 'Choose whether you can come, and if not whether someone will come in your place',
      });
    if (answer === 'substitute' && !context.colleagues.some((c) => c.id === substituteId))
      throw new ValidationError({
        substituteId: 'Choose who from your organisation will come in your place',
      });
    if (answer === 'coming' && !context.current)
      throw new ValidationError({
        answer: 'You have not sent apologies for this meeting, so there is nothing to withdraw',
      });
    const substitute = context.colleagues.find((c) => c.id === substituteId);
    await db.transaction().execute(async (trx) => {
      const now = nowIso();
      for (const seat of context.seats) {
        await trx
          .deleteFrom('attendance')
          .where('meeting_id', '=', meetingId)
          .where('membership_id', '=', seat.id)
          .execute();
        if (answer === 'coming') continue;
        await trx
          .insertInto('attendance')
          .values({
            meeting_id: meetingId,
            membership_id: seat.id,
            status: answer === 'substitute' ? 'substituted' : 'apologies',
            substitute_person_id: answer === 'substitute' ? substituteId : null,
            substitute_organisation_id: answer === 'substitute' ? seat.organisation_id : null,
            created_at: now,
            updated_at: now,
          })
          .execute();
      }
      await recordAudit(trx, actor, {
        entityType: 'meeting',
        entityId: meetingId,
        action: 'updated',
        summary:
          answer === 'coming'
            ? `${context.seats[0]!.person_name} withdrew their apologies for ${context.meeting.title}`
            : `${context.seats[0]!.person_name} sent apologies for ${context.meeting.title}${substitute ? `; ${substitute.name} will come in their place` : ''}`,
      });
    });
    return { answer: answer as ApologyAnswer, substitute: substitute?.name ?? null };
  }

  return { formContext, send };
}

export type ApologyServices = ReturnType<typeof createApologyServices>;
