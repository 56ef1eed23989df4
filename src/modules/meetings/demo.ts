import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { londonToUtc } from '../../domain/london-time.ts';
import { isWorkingDay } from '../../domain/working-days.ts';
import { recordAudit } from '../../platform/audit.ts';
import { nowIso, todayIso } from '../../platform/time.ts';
import { papersDirectory } from './paper-files.ts';
import * as repo from './repository.ts';

/**
 * The demo place's meetings: a year of the board's and the Safer Kelmsfield Partnership's
 * quarterly meetings with agendas, papers, attendance, decisions (and actions arising)
 * and minutes, and the next two meetings of each. Dated from the day the demo loads.
 */
export async function loadMeetingsDemo(db: Kysely<Database>): Promise<void> {
  const today = todayIso();
  await db.transaction().execute(async (trx) => {
    const partnerships = await trx
      .selectFrom('partnerships')
      .select(['id', 'name', 'slug'])
      .where('slug', 'in', ['kelmsfield-partnership-board', 'safer-kelmsfield-partnership'])
      .orderBy('id')
      .execute();
    const organisations = await trx.selectFrom('organisations').select(['id', 'name', 'sector']).execute();
    const affiliations = await trx
      .selectFrom('affiliations')
      .select(['person_id', 'organisation_id'])
      .execute();
    for (const [index, partnership] of partnerships.entries())
      await loadPartnershipMeetings(trx, partnership, index, today, { organisations, affiliations });
    await trx
      .updateTable('partnerships')
      .set({ quorum_minimum: 6, quorum_sectors: JSON.stringify(['public', 'voluntary_community']) })
      .where('slug', '=', 'kelmsfield-partnership-board')
      .execute();
    await trx
      .updateTable('partnerships')
      .set({ quorum_minimum: 4, quorum_sectors: JSON.stringify(['public']) })
      .where('slug', '=', 'safer-kelmsfield-partnership')
      .execute();
  });
}

interface Lookups {
  organisations: { id: number; name: string; sector: string }[];
  affiliations: { person_id: number; organisation_id: number }[];
}

/** A working day near a date: the Tuesday on or after it, moved on past bank holidays. */
function meetingDay(from: string, daysAhead: number): string {
  let day = new Date(Date.parse(`${from}T12:00:00Z`) + daysAhead * 86_400_000);
  while (day.getUTCDay() !== 2 || !isWorkingDay(day.toISOString().slice(0, 10)))
    day = new Date(day.getTime() + 86_400_000);
  return day.toISOString().slice(0, 10);
}

/** A tiny but real PDF, so the demo's papers open in any reader. */
function demoPdf(title: string): Buffer {
  const text = title.replace(/[()\\]/g, '');
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (const [i, object] of objects.entries()) {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  }
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

function keepDemoPaper(title: string): { sha256: string; size: number } {
  const content = demoPdf(title);
  const sha256 = crypto.createHash('sha256').update(content).digest('hex');
  fs.mkdirSync(papersDirectory, { recursive: true });
  const file = path.join(papersDirectory, sha256);
  if (!fs.existsSync(file)) fs.writeFileSync(file, content);
  return { sha256, size: content.length };
}

const topics = [
  ['Quarterly performance report', 'information'],
  ['Refresh of the Sustainable Community Strategy', 'decision'],
  ['Voluntary and community sector funding', 'decision'],
  ['Community safety plan: progress', 'discussion'],
  ['Local Area Agreement: targets at risk', 'discussion'],
  ['Partnership budget for next year', 'decision'],
  ['Consultation on the county transport plan', 'discussion'],
  ['Annual report to the public', 'decision'],
] as const;

async function loadPartnershipMeetings(
  trx: Transaction<Database>,
  partnership: { id: number; name: string; slug: string },
  index: number,
  today: string,
  lookups: Lookups,
) {
  const now = nowIso();
  const stamp = { created_at: now, updated_at: now };
  // Four meetings held in the last year, then two to come.
  const offsets = [-345, -255, -165, -75, 12, 100].map((d) => d + index * 7);
  const ids: number[] = [];
  let decisionNumber = 0;
  for (const [n, offset] of offsets.entries()) {
    const day = meetingDay(today, offset);
    const startsAt = londonToUtc(day, index === 0 ? '10:00' : '14:00')!;
    const endsAt = londonToUtc(day, index === 0 ? '12:00' : '15:30')!;
    const held = offset < 0;
    // The next meeting's agenda is out already; the one after is still being prepared.
    const published = held || n === 4;
    const publishedAt = published ? new Date(Date.parse(startsAt) - 9 * 86_400_000).toISOString() : null;
    const { id } = await trx
      .insertInto('meetings')
      .values({
        partnership_id: partnership.id,
        title: n === 3 && index === 0 ? 'Annual meeting' : 'Partnership meeting',
        starts_at: startsAt,
        ends_at: endsAt,
        location:
          index === 0 ? 'Council Chamber, Kelmsfield Town Hall' : 'Committee Room 2, Kelmsfield Town Hall',
        online_url: index === 0 ? 'https://meet.kelmsfield.example/board' : null,
        status: held ? 'held' : 'scheduled',
        status_reason: null,
        visibility: 'public',
        agenda_published_at: publishedAt,
        uid: `${crypto.randomUUID()}@placeshaper`,
        sequence: 0,
        ...stamp,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(id);
    const seats = await repo.seatsOn(trx, partnership.id, day);
    const items: { id: number; title: string; purpose: string }[] = [];
    const agenda: { title: string; purpose: string; approves?: number }[] = [];
    if (n > 0)
      agenda.push({ title: 'Minutes of the last meeting', purpose: 'decision', approves: ids[n - 1] });
    agenda.push(
      ...[topics[(n * 2 + index) % topics.length]!, topics[(n * 2 + index + 1) % topics.length]!].map(
        ([title, purpose]) => ({ title, purpose }),
      ),
    );
    for (const [position, entry] of agenda.entries()) {
      const presenter = entry.approves ? undefined : seats[(n + position) % Math.max(1, seats.length)];
      const { id: itemId } = await trx
        .insertInto('agenda_items')
        .values({
          meeting_id: id,
          position: position + 1,
          title: entry.title,
          purpose: entry.purpose,
          description: null,
          presenter_person_id: presenter?.person_id ?? null,
          presenter_organisation_id: presenter?.organisation_id ?? null,
          approves_minutes_of_id: entry.approves ?? null,
          ...stamp,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      items.push({ id: itemId, title: entry.title, purpose: entry.purpose });
      if (!entry.approves && published) {
        const paper = keepDemoPaper(`${partnership.name}: ${entry.title}`);
        await trx
          .insertInto('papers')
          .values({
            meeting_id: id,
            agenda_item_id: itemId,
            title: `${entry.title}: report`,
            filename: `${entry.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.pdf`,
            content_type: 'application/pdf',
            size_bytes: paper.size,
            sha256: paper.sha256,
            access: 'public',
            published_at: publishedAt,
            uploaded_by: null,
            created_at: now,
          })
          .execute();
      }
    }
    if (!held) continue;

    // Attendance: most seats filled by their holder, some by a substitute, some apologies, a few empty.
    for (const [s, seat] of seats.entries()) {
      const roll = (s * 7 + n * 3 + index) % 10;
      const colleague = lookups.affiliations.find(
        (a) => a.organisation_id === seat.organisation_id && a.person_id !== seat.person_id,
      );
      const status =
        roll < 6 ? 'present' : roll < 8 && colleague ? 'substituted' : roll < 9 ? 'apologies' : 'absent';
      await trx
        .insertInto('attendance')
        .values({
          meeting_id: id,
          membership_id: seat.id,
          status,
          substitute_person_id: status === 'substituted' ? colleague!.person_id : null,
          substitute_organisation_id: status === 'substituted' ? seat.organisation_id : null,
          ...stamp,
        })
        .execute();
    }

    // Decisions on the items for decision, with an action arising from the first.
    const prefix = index === 0 ? 'KPB' : 'SKP';
    for (const item of items.filter((i) => i.purpose === 'decision' && !i.title.startsWith('Minutes'))) {
      decisionNumber += 1;
      const reference = `${prefix}/${day.slice(0, 4)}/${String(decisionNumber).padStart(2, '0')}`;
      const { id: decisionId } = await trx
        .insertInto('decisions')
        .values({
          meeting_id: id,
          agenda_item_id: item.id,
          reference,
          resolution: `The partnership agreed the recommendations of the report on ${item.title.toLowerCase()}.`,
          outcome: decisionNumber % 4 === 0 ? 'amended' : 'agreed',
          votes_for: null,
          votes_against: null,
          votes_abstaining: null,
          ...stamp,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const owner = seats[decisionNumber % Math.max(1, seats.length)];
      const due = addDays(day, 90);
      const onTime = decisionNumber % 3 !== 0;
      const completedOn = [addDays(due, onTime ? -10 : 20), addDays(today, -1)].sort()[0]!;
      const { id: actionId } = await trx
        .insertInto('actions')
        .values({
          title: `Report back on ${item.title.toLowerCase()}`,
          description: `Arising from decision ${reference}.`,
          priority_id: null,
          target_id: null,
          organisation_id: owner?.organisation_id ?? null,
          person_id: owner?.person_id ?? null,
          cash_pence: null,
          staff_fte: null,
          in_kind: null,
          starts_on: day,
          due_on: due,
          // Reported back: most on time, some late, none after today.
          status: 'completed',
          completed_on: completedOn,
          decision_id: decisionId,
          ...stamp,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('action_updates')
        .values({
          action_id: actionId,
          rag: 'green',
          narrative: `Reported back to the partnership on ${item.title.toLowerCase()}.`,
          reported_on: completedOn,
          user_id: null,
          author_name: owner?.person_name ?? 'Partnership secretariat',
          created_at: now,
        })
        .execute();
      await recordAudit(trx, null, {
        entityType: 'action',
        entityId: actionId,
        action: 'created',
        summary: `Added to the action plan from decision ${reference}`,
      });
    }

    // Minutes: drafted after each meeting, approved at the next (the latest is still a draft).
    const { id: minutesId } = await trx
      .insertInto('minutes')
      .values({
        meeting_id: id,
        body: `## Present\n\nSee the attendance record.\n\n## Decisions\n\nThe partnership considered ${items.map((i) => i.title.toLowerCase()).join(', ')}.`,
        status: 'draft',
        approved_at_meeting_id: null,
        approved_on: null,
        published_at: null,
        ...stamp,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('minutes_revisions')
      .values({ minutes_id: minutesId, body: 'Draft', status: 'draft', saved_by: null, saved_at: now })
      .execute();
    // The previous meeting's minutes were approved at this one.
    if (n > 0)
      await trx
        .updateTable('minutes')
        .set({ status: 'approved', approved_at_meeting_id: id, approved_on: day, published_at: startsAt })
        .where('meeting_id', '=', ids[n - 1]!)
        .execute();
  }
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
