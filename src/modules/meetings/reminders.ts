import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Mailer, OutgoingMail } from '../../platform/mail.ts';
import { formatDate, formatDateTime } from '../../platform/time.ts';
import { londonDate } from '../../domain/working-days.ts';
import { itemPurposeNames } from './forms.ts';
import { agendaOf, papersOf, seatsOn } from './repository.ts';

/** What a reminder is about; the subject it names is a meeting, a paper or an action. */
export const reminderKindNames = {
  papers_published: 'Agenda and papers published',
  paper_added: 'Paper added after the agenda was published',
  apologies_requested: 'Asked to send apologies if they cannot come',
  action_due: 'Action due soon',
} as const;
export type ReminderKind = keyof typeof reminderKindNames;

/** Members are asked this many days ahead whether they can come, so a substitute can be found in time. */
export const apologiesRequestedDaysBefore = 10;
/** The person accountable for an action hears this many days before it is due. */
export const actionDueDaysAhead = 7;

interface DueReminder {
  kind: ReminderKind;
  subjectId: number;
  mail: OutgoingMail;
}

interface Recipient {
  personId: number;
  name: string;
  address: string;
}

const day = 24 * 60 * 60 * 1000;

/**
 * Reminders by e-mail, worked out from the records rather than fired by events: each
 * sweep finds what is due and has not been sent to that person, so a restart, a failed
 * mail server or two sweeps at once never lose or repeat a message. A reminder is
 * claimed in reminders_sent before it is sent and the claim is withdrawn if sending
 * fails, so the next sweep tries again.
 */
export function createReminderServices(db: Kysely<Database>, mailer: Mailer, baseUrl: string | undefined) {
  const link = (path: string) => `${baseUrl ?? ''}${path}`;

  /** People's addresses: their own e-mail in the registry, else the one they sign in with. */
  async function recipients(personIds: number[]): Promise<Map<number, Recipient>> {
    if (personIds.length === 0) return new Map();
    const rows = await db
      .selectFrom('people')
      .leftJoin('users', (join) =>
        join.onRef('users.person_id', '=', 'people.id').on('users.disabled', '=', 0),
      )
      .select(['people.id', 'people.name', 'people.email', 'users.email as user_email'])
      .where('people.id', 'in', [...new Set(personIds)])
      .execute();
    const found = new Map<number, Recipient>();
    for (const row of rows) {
      const address = row.email ?? row.user_email;
      if (address && !found.has(row.id)) found.set(row.id, { personId: row.id, name: row.name, address });
    }
    return found;
  }

  function upcomingMeetings(now: Date) {
    return db
      .selectFrom('meetings')
      .innerJoin('partnerships', 'partnerships.id', 'meetings.partnership_id')
      .selectAll('meetings')
      .select('partnerships.name as partnership_name')
      .where('meetings.status', '=', 'scheduled')
      .where('meetings.starts_at', '>', now.toISOString());
  }
  type Meeting = Awaited<ReturnType<ReturnType<typeof upcomingMeetings>['executeTakeFirstOrThrow']>>;

  async function seatHolders(meeting: Meeting) {
    const seats = await seatsOn(db, meeting.partnership_id, londonDate(meeting.starts_at));
    return { seats, people: await recipients(seats.map((s) => s.person_id)) };
  }

  function whenAndWhere(meeting: Meeting): string[] {
    const lines = [`When: ${formatDateTime(meeting.starts_at)} (UK time)`];
    if (meeting.location) lines.push(`Where: ${meeting.location}`);
    if (meeting.online_url) lines.push(`Online: ${meeting.online_url}`);
    return lines;
  }

  function signOff(meeting: Meeting, why: string): string[] {
    return ['', `${meeting.partnership_name} secretariat`, '', `You are receiving this because ${why}.`];
  }

  /**
   * For each upcoming meeting whose agenda is out: the agenda and papers to every seat
   * holder, and each paper added after publication as news of its own. One read of the
   * meeting's seats, agenda and papers serves both.
   */
  async function papersPublished(now: Date): Promise<DueReminder[]> {
    const meetings = await upcomingMeetings(now)
      .where('meetings.agenda_published_at', 'is not', null)
      .execute();
    const due: DueReminder[] = [];
    for (const meeting of meetings) {
      const [{ people }, items, papers] = await Promise.all([
        seatHolders(meeting),
        agendaOf(db, meeting.id),
        papersOf(db, meeting.id),
      ]);
      const agenda = items.flatMap((item) => [
        `${item.position}. ${item.title} (${itemPurposeNames[item.purpose as keyof typeof itemPurposeNames] ?? item.purpose})`,
        ...papers
          .filter((p) => p.agenda_item_id === item.id && p.published_at !== null)
          .map((p) => `   Paper: ${p.title}`),
      ]);
      // Papers that went out with the agenda were in the first message; only those added later are news.
      const added = papers.filter(
        (p) => p.published_at !== null && p.published_at > meeting.agenda_published_at!,
      );
      for (const person of people.values()) {
        due.push(agendaMessage(meeting, person, agenda));
        for (const paper of added) due.push(paperAddedMessage(meeting, person, paper));
      }
    }
    return due;
  }

  function agendaMessage(meeting: Meeting, person: Recipient, agenda: string[]): DueReminder {
    return {
      kind: 'papers_published',
      subjectId: meeting.id,
      mail: {
        to: { name: person.name, address: person.address },
        subject: `Agenda and papers: ${meeting.title}, ${formatDateTime(meeting.starts_at)}`,
        text: [
          `Dear ${person.name},`,
          '',
          `The agenda and papers for ${meeting.title} are published.`,
          '',
          ...whenAndWhere(meeting),
          '',
          'Agenda',
          ...agenda,
          '',
          `Read the agenda and papers: ${link(`/meetings/${meeting.id}`)}`,
          `If you cannot come, send your apologies or a substitute: ${link(`/meetings/${meeting.id}/apologies`)}`,
          ...signOff(meeting, `you have a seat on ${meeting.partnership_name}`),
        ].join('\n'),
      },
    };
  }

  function paperAddedMessage(
    meeting: Meeting,
    person: Recipient,
    paper: { id: number; title: string },
  ): DueReminder {
    return {
      kind: 'paper_added',
      subjectId: paper.id,
      mail: {
        to: { name: person.name, address: person.address },
        subject: `Paper added: ${paper.title}, for ${meeting.title}`,
        text: [
          `Dear ${person.name},`,
          '',
          `A paper has been added to ${meeting.title} since its agenda was published: ${paper.title}.`,
          '',
          ...whenAndWhere(meeting),
          '',
          `Read it with the rest of the papers: ${link(`/meetings/${meeting.id}`)}`,
          ...signOff(meeting, `you have a seat on ${meeting.partnership_name}`),
        ].join('\n'),
      },
    };
  }

  async function apologiesRequested(now: Date): Promise<DueReminder[]> {
    const meetings = await upcomingMeetings(now)
      .where(
        'meetings.starts_at',
        '<=',
        new Date(now.getTime() + apologiesRequestedDaysBefore * day).toISOString(),
      )
      .execute();
    const due: DueReminder[] = [];
    for (const meeting of meetings) {
      const [{ seats, people }, answered] = await Promise.all([
        seatHolders(meeting),
        db.selectFrom('attendance').select('membership_id').where('meeting_id', '=', meeting.id).execute(),
      ]);
      // Someone who has already sent apologies or a substitute has nothing more to answer.
      const answeredSeats = new Set(answered.map((a) => a.membership_id));
      const asked = new Set(seats.filter((s) => !answeredSeats.has(s.id)).map((s) => s.person_id));
      for (const person of people.values()) {
        if (!asked.has(person.personId)) continue;
        due.push({
          kind: 'apologies_requested',
          subjectId: meeting.id,
          mail: {
            to: { name: person.name, address: person.address },
            subject: `Can you come? ${meeting.title}, ${formatDateTime(meeting.starts_at)}`,
            text: [
              `Dear ${person.name},`,
              '',
              `${meeting.title} meets on ${formatDateTime(meeting.starts_at)}.`,
              '',
              ...whenAndWhere(meeting),
              '',
              'If you cannot come, please send your apologies now, and name a substitute from your organisation if you can, so the meeting knows whether it will be quorate:',
              link(`/meetings/${meeting.id}/apologies`),
              '',
              'If you are coming, there is nothing to do.',
              ...signOff(meeting, `you have a seat on ${meeting.partnership_name}`),
            ].join('\n'),
          },
        });
      }
    }
    return due;
  }

  async function actionsDue(now: Date): Promise<DueReminder[]> {
    const today = londonDate(now.toISOString());
    const horizon = londonDate(new Date(now.getTime() + actionDueDaysAhead * day).toISOString());
    const actions = await db
      .selectFrom('actions')
      .leftJoin('organisations', 'organisations.id', 'actions.organisation_id')
      .select([
        'actions.id',
        'actions.title',
        'actions.due_on',
        'actions.person_id',
        'organisations.name as organisation_name',
      ])
      .where('actions.person_id', 'is not', null)
      .where('actions.status', 'not in', ['completed', 'cancelled'])
      .where('actions.due_on', '>=', today)
      .where('actions.due_on', '<=', horizon)
      .execute();
    const people = await recipients(actions.map((a) => a.person_id!));
    return actions.flatMap((action) => {
      const person = people.get(action.person_id!);
      if (!person) return [];
      return [
        {
          kind: 'action_due' as const,
          subjectId: action.id,
          mail: {
            to: { name: person.name, address: person.address },
            subject: `Action due on ${formatDate(action.due_on)}: ${action.title}`,
            text: [
              `Dear ${person.name},`,
              '',
              `You are accountable${action.organisation_name ? ` for ${action.organisation_name}` : ''} for this action, due on ${formatDate(action.due_on)}:`,
              '',
              action.title,
              '',
              `Record its progress, or mark it completed: ${link(`/actions/${action.id}`)}`,
              '',
              'Partnership secretariat',
              '',
              'You are receiving this because you are named as accountable for the action in the action plan.',
            ].join('\n'),
          },
        },
      ];
    });
  }

  /** Sends every reminder that is due and not yet sent to that person. */
  async function sendDue(now: Date = new Date()): Promise<{ sent: number; failed: number }> {
    const due = [
      ...(await papersPublished(now)),
      ...(await apologiesRequested(now)),
      ...(await actionsDue(now)),
    ];
    let sent = 0;
    let failed = 0;
    for (const reminder of due) {
      const claim = await db
        .insertInto('reminders_sent')
        .values({
          kind: reminder.kind,
          subject_id: reminder.subjectId,
          recipient: reminder.mail.to.address.toLowerCase(),
          sent_at: now.toISOString(),
        })
        .onConflict((oc) => oc.columns(['kind', 'subject_id', 'recipient']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!claim) continue;
      try {
        await mailer.send(reminder.mail);
        sent++;
      } catch {
        await db.deleteFrom('reminders_sent').where('id', '=', claim.id).execute();
        failed++;
      }
    }
    return { sent, failed };
  }

  // Sweeps run one after another, so a sweep asked for by a page never races the timed one.
  let queue: Promise<unknown> = Promise.resolve();
  function sweep(report: (result: { sent: number; failed: number } | Error) => void) {
    const next = queue.then(() => sendDue()).then(report, (error: Error) => report(error));
    queue = next;
    return next;
  }

  /** How many of each reminder have been sent, and the latest, newest first, for the settings page. */
  async function recent(limit = 25) {
    const [counts, rows] = await Promise.all([
      db
        .selectFrom('reminders_sent')
        .select(['kind', (eb) => eb.fn.countAll<number | string>().as('count')])
        .groupBy('kind')
        .execute(),
      db.selectFrom('reminders_sent').selectAll().orderBy('id', 'desc').limit(limit).execute(),
    ]);
    const name = (kind: string) => reminderKindNames[kind as ReminderKind] ?? kind;
    return {
      counts: (Object.keys(reminderKindNames) as ReminderKind[]).map((kind) => ({
        kindName: name(kind),
        count: Number(counts.find((c) => c.kind === kind)?.count ?? 0),
      })),
      latest: rows.map((row) => ({ ...row, kindName: name(row.kind) })),
    };
  }

  return {
    sendDue,
    /** Queues a sweep without waiting for it (after publishing, so the page does not wait for the mail server). */
    sweep,
    /** Resolves once the queued sweeps are done: the app waits for this before it closes. */
    settled: () => queue,
    recent,
    destination: mailer.destination,
  };
}

export type ReminderServices = ReturnType<typeof createReminderServices>;
