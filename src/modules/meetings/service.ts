import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { can, type Actor } from '../../domain/permissions.ts';
import { inLondon, londonToUtc } from '../../domain/london-time.ts';
import {
  attendanceStatusNames,
  checkQuorum,
  type AttendanceStatus,
  type QuorumRule,
} from '../../domain/quorum.ts';
import { publicationDeadline, publishedLate } from '../../domain/working-days.ts';
import { sectorNames, type Sector } from '../../domain/vocabulary.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { capitalise, isRealDate, parseForm } from '../../platform/forms.ts';
import {
  authorise,
  formVersion,
  lineFinder,
  mustBeInList,
  partnershipLine,
} from '../../platform/service-rules.ts';
import { historyOf, recordAudit } from '../../platform/audit.ts';
import { readSettings, writeSetting } from '../../platform/settings.ts';
import { formatDate, formatDateTime, nowIso, todayIso } from '../../platform/time.ts';
import { isUploadedFile } from '../../platform/uploads.ts';
import { updateWithVersion } from '../../platform/versioned.ts';
import {
  actionArisingForm,
  agendaItemForm,
  decisionForm,
  decisionOutcomeNames,
  declarationForm,
  interestKindNames,
  itemPurposeNames,
  meetingForm,
  meetingSettingsForm,
  meetingStatusNames,
  minutesForm,
  paperAccessNames,
  paperForm,
  quorumForm,
  statusForm,
  visibilityNames,
  type AgendaItemFormValues,
  type MeetingFormValues,
  type MeetingStatus,
} from './forms.ts';
import { checkPaperFile, keepPaper, paperKinds, paperPath } from './paper-files.ts';
import * as repo from './repository.ts';

type Db = Kysely<Database>;

/** The setting for how many clear working days before a meeting its papers must be out. */
const clearDaysKey = 'papers_clear_working_days';
export const defaultClearDays = 5;

/** Rows of the decision form for actions arising: three at a time is what a minute-taker needs. */
export const actionRowsPerDecision = 3;

const attendanceStatuses = ['present', 'apologies', 'substituted', 'absent'] as const;

/** The meetings module's use cases: permission check, validation, one transaction with its audit entry. */
export function createMeetingServices(db: Db) {
  // ---- settings

  async function clearDays(): Promise<number> {
    const value = Number((await readSettings(db)).get(clearDaysKey));
    return Number.isInteger(value) && value >= 0 ? value : defaultClearDays;
  }

  async function saveSettings(actor: Actor | null, input: unknown) {
    authorise(actor, 'place:manage');
    const form = parseForm(meetingSettingsForm, input);
    const before = await clearDays();
    await db.transaction().execute(async (trx) => {
      await writeSetting(trx, clearDaysKey, String(form.clearDays));
      await recordAudit(trx, actor, {
        entityType: 'meeting-settings',
        entityId: 0,
        action: 'updated',
        summary: `Papers to be published ${form.clearDays} clear working days before a meeting (was ${before})`,
        before: { clearDays: before },
        after: { clearDays: form.clearDays },
      });
    });
  }

  // ---- who may do what to a meeting

  const scopeOf = async (partnershipId: number) => ({
    partnershipLine: await partnershipLine(db, partnershipId),
  });

  /** What this person may do at a partnership's meetings, from one read of its line. */
  async function rightsIn(actor: Actor | null, partnershipId: number) {
    const scope = await scopeOf(partnershipId);
    return {
      manage: can(actor, 'meetings:manage', scope),
      restricted: can(actor, 'meetings:view-restricted', scope),
      takePart: can(actor, 'meetings:take-part', scope),
    };
  }

  async function mayManage(actor: Actor | null, partnershipId: number) {
    return (await rightsIn(actor, partnershipId)).manage;
  }

  /** The partnerships whose members-only meetings and restricted papers this person may see. */
  async function restrictedVisibleIn(actor: Actor | null): Promise<number[]> {
    if (!actor) return [];
    const partnerships = await db.selectFrom('partnerships').select(['id', 'parent_id']).execute();
    const lineOf = lineFinder(partnerships);
    return partnerships
      .filter((p) => can(actor, 'meetings:view-restricted', { partnershipLine: lineOf(p.id) }))
      .map((p) => p.id);
  }

  async function meetingFor(
    actor: Actor | null,
    id: number,
    action: 'meetings:manage' | 'meetings:take-part',
  ) {
    const meeting = await repo.findMeeting(db, id);
    if (!meeting) throw new NotFoundError('meeting');
    authorise(actor, action, await scopeOf(meeting.partnership_id));
    return meeting;
  }

  // ---- the calendar and a meeting's page

  /** Meetings from a day on (upcoming) or before it (past), optionally of one partnership. */
  async function calendar(
    actor: Actor | null,
    options: { when: 'upcoming' | 'past'; partnershipSlug?: string; today: string },
  ) {
    const partnerships = await db
      .selectFrom('partnerships')
      .select(['id', 'name', 'slug'])
      .where('status', '=', 'active')
      .orderBy('name')
      .execute();
    const partnership = partnerships.find((p) => p.slug === options.partnershipSlug);
    const startOfToday = londonToUtc(options.today, '00:00') ?? `${options.today}T00:00:00.000Z`;
    let query = repo.meetingsWithPartnership(db);
    if (partnership) query = query.where('meetings.partnership_id', '=', partnership.id);
    query =
      options.when === 'upcoming'
        ? query.where('meetings.starts_at', '>=', startOfToday).orderBy('meetings.starts_at', 'asc')
        : query.where('meetings.starts_at', '<', startOfToday).orderBy('meetings.starts_at', 'desc');
    const meetings = await query.limit(200).execute();
    const visible = new Set(await restrictedVisibleIn(actor));
    const months = new Map<string, ReturnType<typeof describeMeeting>[]>();
    for (const meeting of meetings) {
      const month = inLondon(meeting.starts_at).date.slice(0, 7);
      months.set(month, [
        ...(months.get(month) ?? []),
        describeMeeting(meeting, meeting.visibility === 'public' || visible.has(meeting.partnership_id)),
      ]);
    }
    return {
      partnerships,
      partnership,
      months: [...months].map(([month, list]) => ({
        label: formatDate(`${month}-01`).replace(/^1 /, ''),
        meetings: list,
      })),
      mayAdd: can(actor, 'meetings:manage'),
    };
  }

  function describeMeeting(meeting: repo.MeetingRow, open: boolean) {
    const start = inLondon(meeting.starts_at);
    return {
      ...meeting,
      open,
      when: formatDateTime(meeting.starts_at),
      day: start.date,
      startTime: start.time,
      endTime: meeting.ends_at ? inLondon(meeting.ends_at).time : null,
      statusName: meetingStatusNames[meeting.status as MeetingStatus] ?? meeting.status,
      visibilityName:
        visibilityNames[meeting.visibility as keyof typeof visibilityNames] ?? meeting.visibility,
    };
  }

  /** Everything a meeting's page shows, as far as this person may see it. */
  async function meetingPage(actor: Actor | null, id: number) {
    const meeting = await repo.findMeeting(db, id);
    if (!meeting) throw new NotFoundError('meeting');
    const [{ manage, restricted, takePart }, days, rule] = await Promise.all([
      rightsIn(actor, meeting.partnership_id),
      clearDays(),
      quorumRuleOf(meeting.partnership_id),
    ]);
    const open = meeting.visibility === 'public' || restricted;
    const published = meeting.agenda_published_at !== null;
    // Until the agenda is published only those who prepare it see it; members-only meetings only their members.
    const showAgenda = manage || (open && published);
    const [items, papers, attendance, decisions, minutes] = await Promise.all([
      showAgenda ? repo.agendaOf(db, id) : Promise.resolve([]),
      showAgenda ? repo.papersOf(db, id) : Promise.resolve([]),
      open ? repo.attendanceOf(db, [id]) : Promise.resolve([]),
      open ? repo.decisionsOf(db, id) : Promise.resolve([]),
      open ? repo.minutesOf(db, id) : Promise.resolve(undefined),
    ]);
    const itemIds = items.map((i) => i.id);
    const [links, declarations, actions] = await Promise.all([
      repo.linksOf(db, itemIds),
      repo.declarationsOf(db, itemIds),
      repo.actionsArisingFrom(
        db,
        decisions.map((d) => d.id),
      ),
    ]);
    const deadline = publicationDeadline(meeting.starts_at, days);
    const describedPapers = papers
      .filter((p) => manage || (p.published_at !== null && (p.access === 'public' || restricted)))
      .map((p) => ({
        ...p,
        kindName: Object.values(paperKinds).find((k) => k.contentType === p.content_type)?.name ?? 'File',
        accessName: paperAccessNames[p.access as keyof typeof paperAccessNames] ?? p.access,
        late: p.published_at !== null && publishedLate(p.published_at, meeting.starts_at, days),
      }));
    // The public sees that a restricted paper exists, not what it says.
    const withheld = restricted
      ? []
      : papers.filter((p) => !manage && p.published_at !== null && p.access === 'restricted');
    const quorum = attendance.length
      ? checkQuorum(
          rule,
          attendance.map((a) => ({
            seatId: a.membership_id,
            organisationId: a.organisation_id,
            sector: a.sector,
            status: a.status as AttendanceStatus,
          })),
          sectorNames,
        )
      : null;
    const showMinutes = minutes && (manage || minutes.published_at !== null) ? minutes : null;
    return {
      meeting: describeMeeting(meeting, open),
      open,
      mayManage: manage,
      mayTakePart: takePart,
      published,
      deadline,
      deadlineWords: formatDate(deadline),
      clearDays: days,
      agendaLate: published && publishedLate(meeting.agenda_published_at!, meeting.starts_at, days),
      items: items.map((item) => ({
        ...item,
        purposeName: itemPurposeNames[item.purpose as keyof typeof itemPurposeNames] ?? item.purpose,
        links: links.filter((l) => l.agenda_item_id === item.id),
        papers: describedPapers.filter((p) => p.agenda_item_id === item.id),
        withheld: withheld.filter((p) => p.agenda_item_id === item.id),
        declarations: declarations
          .filter((d) => d.agenda_item_id === item.id)
          .map((d) => ({
            ...d,
            kindName: interestKindNames[d.kind as keyof typeof interestKindNames] ?? d.kind,
          })),
        decisions: decisions.filter((d) => d.agenda_item_id === item.id).map((d) => d.reference),
      })),
      otherPapers: describedPapers.filter((p) => p.agenda_item_id === null),
      otherWithheld: withheld.filter((p) => p.agenda_item_id === null),
      attendance: attendance.map((a) => ({
        ...a,
        statusName: attendanceStatusNames[a.status as AttendanceStatus] ?? a.status,
        sectorName: sectorNames[a.sector as Sector] ?? a.sector,
      })),
      quorum,
      quorumRule: rule,
      decisions: decisions.map((d) => ({
        ...d,
        outcomeName: decisionOutcomeNames[d.outcome as keyof typeof decisionOutcomeNames] ?? d.outcome,
        actions: actions.filter((a) => a.decision_id === d.id),
      })),
      minutes: showMinutes,
    };
  }

  async function quorumRuleOf(partnershipId: number): Promise<QuorumRule> {
    const row = await db
      .selectFrom('partnerships')
      .select(['quorum_minimum', 'quorum_sectors'])
      .where('id', '=', partnershipId)
      .executeTakeFirst();
    return {
      minimumPresent: row?.quorum_minimum ?? null,
      requiredSectors: row ? (JSON.parse(row.quorum_sectors) as string[]) : [],
    };
  }

  // ---- scheduling

  async function formContext(actor: Actor | null) {
    const partnerships = await db
      .selectFrom('partnerships')
      .select(['id', 'name', 'slug', 'parent_id'])
      .where('status', '=', 'active')
      .orderBy('name')
      .execute();
    const lineOf = lineFinder(await db.selectFrom('partnerships').select(['id', 'parent_id']).execute());
    return {
      partnerships: partnerships.filter((p) =>
        can(actor, 'meetings:manage', { partnershipLine: lineOf(p.id) }),
      ),
    };
  }

  /** The UTC start and end of a meeting as typed in London time; a time the clocks skip is refused. */
  function meetingTimes(form: MeetingFormValues) {
    const startsAt = londonToUtc(form.date!, form.startTime!);
    if (!startsAt)
      throw new ValidationError({
        startTime: `${form.startTime} does not happen in London on ${formatDate(form.date)}: the clocks go forward. Choose another time`,
      });
    const endsAt = form.endTime ? londonToUtc(form.date!, form.endTime) : null;
    if (form.endTime && !endsAt)
      throw new ValidationError({
        endTime: `${form.endTime} does not happen in London on ${formatDate(form.date)}: the clocks go forward`,
      });
    return { starts_at: startsAt, ends_at: endsAt };
  }

  function meetingValues(form: MeetingFormValues) {
    return {
      title: form.title,
      ...meetingTimes(form),
      location: form.location,
      online_url: form.onlineUrl,
      visibility: form.visibility,
    };
  }

  async function schedule(actor: Actor | null, input: unknown): Promise<{ id: number }> {
    authorise(actor, 'meetings:manage');
    const form = parseForm(meetingForm, input);
    await mustBeInList(
      db,
      'partnerships',
      form.partnershipId,
      'partnershipId',
      'Choose a partnership from the list',
    );
    authorise(actor, 'meetings:manage', await scopeOf(form.partnershipId));
    const values = meetingValues(form);
    return db.transaction().execute(async (trx) => {
      const now = nowIso();
      const { id } = await trx
        .insertInto('meetings')
        .values({
          ...values,
          partnership_id: form.partnershipId,
          status: 'scheduled',
          status_reason: null,
          agenda_published_at: null,
          uid: `${crypto.randomUUID()}@placeshaper`,
          sequence: 0,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        entityType: 'meeting',
        entityId: id,
        action: 'created',
        summary: `Scheduled ${form.title} for ${formatDateTime(values.starts_at)}`,
        after: values,
      });
      return { id };
    });
  }

  async function update(actor: Actor | null, id: number, input: unknown) {
    const meeting = await meetingFor(actor, id, 'meetings:manage');
    const expected = formVersion(input);
    const form = parseForm(meetingForm, { ...(input as object), partnershipId: meeting.partnership_id });
    const values = meetingValues(form);
    await db.transaction().execute(async (trx) => {
      // Calendars take a change only when the event's sequence grows.
      const { before, after } = await updateWithVersion(trx, 'meetings', id, expected, {
        ...values,
        sequence: meeting.sequence + 1,
      });
      await recordAudit(trx, actor, {
        entityType: 'meeting',
        entityId: id,
        action: 'updated',
        summary: `Changed the details of ${form.title}`,
        before,
        after,
      });
    });
  }

  async function changeStatus(actor: Actor | null, id: number, input: unknown) {
    const meeting = await meetingFor(actor, id, 'meetings:manage');
    const expected = formVersion(input);
    const form = parseForm(statusForm, input);
    if (form.status === 'held' && meeting.starts_at > nowIso())
      throw new ValidationError({ status: 'A meeting can be marked as held only once it has started' });
    await db.transaction().execute(async (trx) => {
      const { before, after } = await updateWithVersion(trx, 'meetings', id, expected, {
        status: form.status,
        status_reason: form.status === 'cancelled' || form.status === 'postponed' ? form.reason : null,
        sequence: meeting.sequence + 1,
      });
      await recordAudit(trx, actor, {
        entityType: 'meeting',
        entityId: id,
        action: 'updated',
        summary: `${meeting.title} is now ${meetingStatusNames[form.status].toLowerCase()}${form.reason ? `: ${form.reason}` : ''}`,
        before,
        after,
      });
    });
  }

  // ---- the agenda

  async function itemFormContext(meetingId: number) {
    const meeting = (await repo.findMeeting(db, meetingId))!;
    const [people, organisations, priorities, targets, earlier] = await Promise.all([
      db.selectFrom('people').select(['id', 'name']).orderBy('name').execute(),
      db.selectFrom('organisations').select(['id', 'name']).orderBy('name').execute(),
      db
        .selectFrom('priorities')
        .innerJoin('strategy_versions', 'strategy_versions.id', 'priorities.strategy_version_id')
        .select(['priorities.id', 'priorities.title as name'])
        .where('strategy_versions.status', '=', 'adopted')
        .orderBy('priorities.position')
        .execute(),
      db
        .selectFrom('targets')
        .innerJoin('indicators', 'indicators.id', 'targets.indicator_id')
        .select(['targets.id', 'indicators.code', 'indicators.title'])
        .orderBy('indicators.code')
        .execute(),
      db
        .selectFrom('meetings')
        .select(['id', 'title', 'starts_at'])
        .where('partnership_id', '=', meeting.partnership_id)
        .where('starts_at', '<', meeting.starts_at)
        .where('status', '=', 'held')
        .orderBy('starts_at', 'desc')
        .limit(6)
        .execute(),
    ]);
    return {
      people,
      organisations,
      priorities,
      targets: targets.map((t) => ({ id: t.id, name: `${t.code} ${t.title}` })),
      earlierMeetings: earlier.map((m) => ({ id: m.id, name: `${m.title}, ${formatDateTime(m.starts_at)}` })),
    };
  }

  async function checkItem(trx: Transaction<Database>, form: AgendaItemFormValues, meetingId: number) {
    await mustBeInList(
      trx,
      'people',
      form.presenterPersonId,
      'presenterPersonId',
      'Choose the presenter from the list',
    );
    await mustBeInList(
      trx,
      'organisations',
      form.presenterOrganisationId,
      'presenterOrganisationId',
      'Choose the presenting organisation from the list',
    );
    for (const id of form.priorityIds)
      await mustBeInList(trx, 'priorities', id, 'priorityIds', 'Choose priorities from the list');
    for (const id of form.targetIds)
      await mustBeInList(trx, 'targets', id, 'targetIds', 'Choose targets from the list');
    if (form.approvesMinutesOfId !== null) {
      const meeting = (await repo.findMeeting(trx, meetingId))!;
      const earlier = await repo.findMeeting(trx, form.approvesMinutesOfId);
      if (
        !earlier ||
        earlier.partnership_id !== meeting.partnership_id ||
        earlier.starts_at >= meeting.starts_at
      )
        throw new ValidationError({
          approvesMinutesOfId:
            'Choose an earlier meeting of the same partnership whose minutes this item approves',
        });
    }
  }

  async function writeLinks(trx: Transaction<Database>, itemId: number, form: AgendaItemFormValues) {
    await trx.deleteFrom('agenda_item_links').where('agenda_item_id', '=', itemId).execute();
    const rows = [
      ...[...new Set(form.priorityIds)].map((id) => ({
        agenda_item_id: itemId,
        priority_id: id,
        target_id: null,
      })),
      ...[...new Set(form.targetIds)].map((id) => ({
        agenda_item_id: itemId,
        priority_id: null,
        target_id: id,
      })),
    ];
    if (rows.length) await trx.insertInto('agenda_item_links').values(rows).execute();
  }

  const itemValues = (form: AgendaItemFormValues) => ({
    title: form.title,
    purpose: form.purpose,
    description: form.description,
    presenter_person_id: form.presenterPersonId,
    presenter_organisation_id: form.presenterOrganisationId,
    approves_minutes_of_id: form.approvesMinutesOfId,
  });

  async function addItem(actor: Actor | null, meetingId: number, input: unknown) {
    const meeting = await meetingFor(actor, meetingId, 'meetings:manage');
    const form = parseForm(agendaItemForm, input);
    return db.transaction().execute(async (trx) => {
      await checkItem(trx, form, meetingId);
      const last = await trx
        .selectFrom('agenda_items')
        .select((eb) => eb.fn.max('position').as('position'))
        .where('meeting_id', '=', meetingId)
        .executeTakeFirst();
      const now = nowIso();
      const values = {
        ...itemValues(form),
        meeting_id: meetingId,
        position: Number(last?.position ?? 0) + 1,
      };
      const { id } = await trx
        .insertInto('agenda_items')
        .values({ ...values, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeLinks(trx, id, form);
      await recordAudit(trx, actor, {
        entityType: 'meeting',
        entityId: meetingId,
        action: 'updated',
        summary: `Added item ${values.position}, “${form.title}”, to the agenda of ${meeting.title}`,
        after: values,
      });
      return { id };
    });
  }

  async function itemFor(actor: Actor | null, meetingId: number, itemId: number) {
    const meeting = await meetingFor(actor, meetingId, 'meetings:manage');
    const item = await db
      .selectFrom('agenda_items')
      .selectAll()
      .where('id', '=', itemId)
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    if (!item) throw new NotFoundError('agenda item');
    const links = await repo.linksOf(db, [itemId]);
    return { meeting, item, links };
  }

  async function updateItem(actor: Actor | null, meetingId: number, itemId: number, input: unknown) {
    const { meeting } = await itemFor(actor, meetingId, itemId);
    const expected = formVersion(input);
    const form = parseForm(agendaItemForm, input);
    await db.transaction().execute(async (trx) => {
      await checkItem(trx, form, meetingId);
      const { before, after } = await updateWithVersion(
        trx,
        'agenda_items',
        itemId,
        expected,
        itemValues(form),
      );
      await writeLinks(trx, itemId, form);
      await recordAudit(trx, actor, {
        entityType: 'meeting',
        entityId: meetingId,
        action: 'updated',
        summary: `Changed agenda item “${form.title}” of ${meeting.title}`,
        before,
        after,
      });
    });
  }

  /** Swaps an item with its neighbour above or below. */
  async function moveItem(actor: Actor | null, meetingId: number, itemId: number, direction: 'up' | 'down') {
    const { meeting, item } = await itemFor(actor, meetingId, itemId);
    await db.transaction().execute(async (trx) => {
      const neighbour = await trx
        .selectFrom('agenda_items')
        .select(['id', 'position'])
        .where('meeting_id', '=', meetingId)
        .where('position', direction === 'up' ? '<' : '>', item.position)
        .orderBy('position', direction === 'up' ? 'desc' : 'asc')
        .executeTakeFirst();
      if (!neighbour) return;
      const now = nowIso();
      await trx
        .updateTable('agenda_items')
        .set({ position: neighbour.position, updated_at: now })
        .where('id', '=', item.id)
        .execute();
      await trx
        .updateTable('agenda_items')
        .set({ position: item.position, updated_at: now })
        .where('id', '=', neighbour.id)
        .execute();
      await recordAudit(trx, actor, {
        entityType: 'meeting',
        entityId: meetingId,
        action: 'updated',
        summary: `Moved “${item.title}” ${direction} the agenda of ${meeting.title}`,
      });
    });
  }

  /** Publishes the agenda and every paper not yet published; papers added later are published as they come. */
  async function publishAgenda(actor: Actor | null, meetingId: number) {
    const meeting = await meetingFor(actor, meetingId, 'meetings:manage');
    if (meeting.agenda_published_at) return;
    const items = await repo.agendaOf(db, meetingId);
    if (items.length === 0)
      throw new ValidationError({ form: 'Add at least one item before publishing the agenda' });
    const days = await clearDays();
    await db.transaction().execute(async (trx) => {
      const now = nowIso();
      await trx
        .updateTable('meetings')
        .set({ agenda_published_at: now, updated_at: now })
        .where('id', '=', meetingId)
        .execute();
      const papers = await trx
        .updateTable('papers')
        .set({ published_at: now })
        .where('meeting_id', '=', meetingId)
        .where('published_at', 'is', null)
        .executeTakeFirst();
      const late = publishedLate(now, meeting.starts_at, days);
      await recordAudit(trx, actor, {
        entityType: 'meeting',
        entityId: meetingId,
        action: 'published',
        summary: `Published the agenda of ${meeting.title} with ${Number(papers.numUpdatedRows)} papers${late ? ', late' : ''}`,
      });
    });
  }

  /** A meeting's agenda items as choices for a form ("2. Budget"). */
  async function agendaChoices(meetingId: number) {
    return (await repo.agendaOf(db, meetingId)).map((i) => ({ id: i.id, name: `${i.position}. ${i.title}` }));
  }

  // ---- papers

  async function addPaper(actor: Actor | null, meetingId: number, input: Record<string, unknown>) {
    const meeting = await meetingFor(actor, meetingId, 'meetings:manage');
    const file = input.file;
    const problems: Record<string, string> = {};
    let kind: keyof typeof paperKinds | null = null;
    if (!isUploadedFile(file) || (file.size === 0 && file.sentName === ''))
      problems.file = 'Select the paper to upload';
    else {
      const checked = await checkPaperFile(file);
      if ('problem' in checked) problems.file = checked.problem;
      else kind = checked.kind;
    }
    let form: ReturnType<typeof paperForm.parse> | null = null;
    try {
      form = parseForm(paperForm, input);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      Object.assign(problems, error.fieldErrors);
    }
    if (form?.agendaItemId) {
      const item = await db
        .selectFrom('agenda_items')
        .select('id')
        .where('id', '=', form.agendaItemId)
        .where('meeting_id', '=', meetingId)
        .executeTakeFirst();
      if (!item) problems.agendaItemId = 'Choose an item of this meeting’s agenda';
    }
    if (Object.keys(problems).length || !form || !kind || !isUploadedFile(file)) {
      if (isUploadedFile(file)) fs.rmSync(file.path, { force: true });
      throw new ValidationError(problems);
    }
    keepPaper(file);
    const accepted = form;
    const contentType = paperKinds[kind].contentType;
    return db.transaction().execute(async (trx) => {
      const now = nowIso();
      const values = {
        meeting_id: meetingId,
        agenda_item_id: accepted.agendaItemId,
        title: accepted.title,
        filename: file.filename,
        content_type: contentType,
        size_bytes: file.size,
        sha256: file.sha256,
        access: accepted.access,
        // Once the agenda is out, a paper added later goes out at once (and shows as late if it is).
        published_at: meeting.agenda_published_at ? now : null,
        uploaded_by: actor!.userId,
        created_at: now,
      };
      const { id } = await trx.insertInto('papers').values(values).returning('id').executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        entityType: 'meeting',
        entityId: meetingId,
        action: 'updated',
        summary: `Added the paper “${accepted.title}” (${file.filename}) to ${meeting.title}`,
        after: values,
      });
      return { id };
    });
  }

  /** A paper's file, for those who may read it. */
  async function paperFile(actor: Actor | null, meetingId: number, paperId: number) {
    const paper = await db
      .selectFrom('papers')
      .selectAll()
      .where('id', '=', paperId)
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    const meeting = await repo.findMeeting(db, meetingId);
    if (!paper || !meeting) throw new NotFoundError('paper');
    const { manage, restricted } = await rightsIn(actor, meeting.partnership_id);
    const open = paper.published_at !== null && (meeting.visibility === 'public' || restricted);
    if (!manage && !(open && (paper.access === 'public' || restricted))) {
      if (!actor) throw new NotFoundError('paper');
      throw new ForbiddenError();
    }
    return {
      paper,
      path: paperPath(paper.sha256),
      public: paper.access === 'public' && meeting.visibility === 'public',
    };
  }

  // ---- declarations of interest

  async function addDeclaration(actor: Actor | null, meetingId: number, input: unknown) {
    const meeting = await meetingFor(actor, meetingId, 'meetings:take-part');
    const form = parseForm(declarationForm, input);
    const manage = await mayManage(actor, meeting.partnership_id);
    const own = actor
      ? await db.selectFrom('users').select('person_id').where('id', '=', actor.userId).executeTakeFirst()
      : null;
    // Members declare their own interests; the secretariat records anyone's.
    if (!manage && own?.person_id !== form.personId)
      throw new ValidationError({ personId: 'You can declare only your own interests' });
    return db.transaction().execute(async (trx) => {
      const item = await trx
        .selectFrom('agenda_items')
        .select(['id', 'title'])
        .where('id', '=', form.agendaItemId)
        .where('meeting_id', '=', meetingId)
        .executeTakeFirst();
      if (!item) throw new ValidationError({ agendaItemId: 'Choose an item of this meeting’s agenda' });
      await mustBeInList(trx, 'people', form.personId, 'personId', 'Choose who is declaring the interest');
      const values = {
        agenda_item_id: form.agendaItemId,
        person_id: form.personId,
        kind: form.kind,
        description: form.description,
        withdrew: form.withdrew ? 1 : 0,
        recorded_by: actor!.userId,
        created_at: nowIso(),
      };
      const { id } = await trx
        .insertInto('declarations')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        entityType: 'meeting',
        entityId: meetingId,
        action: 'updated',
        summary: `Recorded a declaration of interest in “${item.title}”`,
        after: values,
      });
      return { id };
    });
  }

  async function declarationFormContext(actor: Actor | null, meetingId: number) {
    const meeting = await meetingFor(actor, meetingId, 'meetings:take-part');
    const manage = await mayManage(actor, meeting.partnership_id);
    const [agendaItems, own] = await Promise.all([
      agendaChoices(meetingId),
      db.selectFrom('users').select('person_id').where('id', '=', actor!.userId).executeTakeFirst(),
    ]);
    const people = manage
      ? await db.selectFrom('people').select(['id', 'name']).orderBy('name').execute()
      : await db
          .selectFrom('people')
          .select(['id', 'name'])
          .where('id', '=', own?.person_id ?? 0)
          .execute();
    return {
      meeting: describeMeeting(meeting, true),
      agendaItems,
      people,
      ownPersonId: own?.person_id ?? null,
    };
  }

  // ---- attendance

  async function attendanceFormContext(actor: Actor | null, meetingId: number) {
    const meeting = await meetingFor(actor, meetingId, 'meetings:manage');
    const day = inLondon(meeting.starts_at).date;
    const [seats, recorded, people, organisations, rule] = await Promise.all([
      repo.seatsOn(db, meeting.partnership_id, day),
      repo.attendanceOf(db, [meetingId]),
      db.selectFrom('people').select(['id', 'name']).orderBy('name').execute(),
      db.selectFrom('organisations').select(['id', 'name']).orderBy('name').execute(),
      quorumRuleOf(meeting.partnership_id),
    ]);
    // Seats recorded earlier stay on the form even if the membership has since ended.
    const recordedOnly = recorded.filter((r) => !seats.some((s) => s.id === r.membership_id));
    const allSeats = [
      ...seats.map((s) => ({ ...s, recorded: recorded.find((r) => r.membership_id === s.id) })),
      ...recordedOnly.map((r) => ({
        id: r.membership_id,
        role: r.role,
        sector: r.sector,
        organisation_id: r.organisation_id,
        person_id: r.person_id,
        person_name: r.person_name,
        person_slug: r.person_slug,
        organisation_name: r.organisation_name,
        recorded: r,
      })),
    ];
    return {
      meeting: describeMeeting(meeting, true),
      seats: allSeats.map((s) => ({ ...s, sectorName: sectorNames[s.sector as Sector] ?? s.sector })),
      people,
      organisations,
      rule,
    };
  }

  /** Records every seat's attendance at once: fields seat-<id>, substitute-<id>, representing-<id>. */
  async function recordAttendance(actor: Actor | null, meetingId: number, input: Record<string, unknown>) {
    const context = await attendanceFormContext(actor, meetingId);
    if (context.meeting.starts_at > nowIso())
      throw new ValidationError({ form: 'Attendance can be recorded once the meeting has started' });
    const problems: Record<string, string> = {};
    const rows = context.seats.map((seat) => {
      const status = String(input[`seat-${seat.id}`] ?? '');
      const substitute = Number(input[`substitute-${seat.id}`] || 0) || null;
      const representing = Number(input[`representing-${seat.id}`] || 0) || seat.organisation_id || null;
      if (!(attendanceStatuses as readonly string[]).includes(status))
        problems[`seat-${seat.id}`] =
          `Choose whether ${seat.person_name} was present, sent apologies, sent a substitute or was absent`;
      else if (status === 'substituted' && (!substitute || !context.people.some((p) => p.id === substitute)))
        problems[`substitute-${seat.id}`] = `Choose who attended in place of ${seat.person_name}`;
      else if (status === 'substituted' && substitute === seat.person_id)
        problems[`substitute-${seat.id}`] =
          `${seat.person_name} cannot substitute for themselves: choose present instead`;
      return {
        membershipId: seat.id,
        status,
        substitute: status === 'substituted' ? substitute : null,
        representing: status === 'substituted' ? representing : null,
      };
    });
    if (Object.keys(problems).length) throw new ValidationError(problems);
    await db.transaction().execute(async (trx) => {
      const now = nowIso();
      for (const row of rows) {
        const values = {
          status: row.status,
          substitute_person_id: row.substitute,
          substitute_organisation_id: row.representing,
          updated_at: now,
        };
        const updated = await trx
          .updateTable('attendance')
          .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
          .where('meeting_id', '=', meetingId)
          .where('membership_id', '=', row.membershipId)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0)
          await trx
            .insertInto('attendance')
            .values({ ...values, meeting_id: meetingId, membership_id: row.membershipId, created_at: now })
            .execute();
      }
      const counts = attendanceStatuses
        .map((s) => `${rows.filter((r) => r.status === s).length} ${s}`)
        .join(', ');
      await recordAudit(trx, actor, {
        entityType: 'meeting',
        entityId: meetingId,
        action: 'updated',
        summary: `Recorded attendance at ${context.meeting.title}: ${counts}`,
        after: rows,
      });
    });
  }

  // ---- decisions

  async function decisionFormContext(actor: Actor | null, meetingId: number) {
    const meeting = await meetingFor(actor, meetingId, 'meetings:manage');
    const [agendaItems, people, organisations] = await Promise.all([
      agendaChoices(meetingId),
      db.selectFrom('people').select(['id', 'name']).orderBy('name').execute(),
      db.selectFrom('organisations').select(['id', 'name']).orderBy('name').execute(),
    ]);
    return {
      meeting: describeMeeting(meeting, true),
      agendaItems,
      people,
      organisations,
      actionRows: Array.from({ length: actionRowsPerDecision }, (_, i) => i + 1),
    };
  }

  /** The actions arising typed on the decision form: rows left blank are skipped, the rest checked. */
  function actionsArising(input: Record<string, unknown>) {
    const problems: Record<string, string> = {};
    const actions: ReturnType<typeof actionArisingForm.parse>[] = [];
    for (let n = 1; n <= actionRowsPerDecision; n++) {
      const row = {
        title: input[`action${n}Title`],
        organisationId: input[`action${n}OrganisationId`],
        personId: input[`action${n}PersonId`],
        dueOn: input[`action${n}DueOn`],
      };
      if (Object.values(row).every((v) => v === undefined || String(v).trim() === '')) continue;
      const parsed = actionArisingForm.safeParse(row);
      if (parsed.success) actions.push(parsed.data);
      else
        for (const issue of parsed.error.issues)
          problems[`action${n}${capitalise(String(issue.path[0]))}`] ??=
            `Action ${n}: ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}`;
    }
    return { actions, problems };
  }

  async function recordDecision(actor: Actor | null, meetingId: number, input: Record<string, unknown>) {
    const meeting = await meetingFor(actor, meetingId, 'meetings:manage');
    const arising = actionsArising(input);
    const decided = (() => {
      // The decision's own fields and its action rows are checked together, so every problem shows at once.
      try {
        return parseForm(decisionForm, input);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        throw new ValidationError({ ...error.fieldErrors, ...arising.problems });
      }
    })();
    if (Object.keys(arising.problems).length) throw new ValidationError(arising.problems);
    return db.transaction().execute(async (trx) => {
      const item = decided.agendaItemId
        ? await trx
            .selectFrom('agenda_items')
            .select(['id', 'title'])
            .where('id', '=', decided.agendaItemId)
            .where('meeting_id', '=', meetingId)
            .executeTakeFirst()
        : null;
      if (decided.agendaItemId && !item)
        throw new ValidationError({ agendaItemId: 'Choose an item of this meeting’s agenda' });
      for (const [n, action] of arising.actions.entries()) {
        await mustBeInList(
          trx,
          'organisations',
          action.organisationId,
          `action${n + 1}OrganisationId`,
          `Action ${n + 1}: choose the organisation from the list`,
        );
        await mustBeInList(
          trx,
          'people',
          action.personId,
          `action${n + 1}PersonId`,
          `Action ${n + 1}: choose the person from the list`,
        );
      }
      const reference = await nextReference(trx, meeting);
      const now = nowIso();
      const values = {
        meeting_id: meetingId,
        agenda_item_id: decided.agendaItemId,
        reference,
        resolution: decided.resolution,
        outcome: decided.outcome,
        votes_for: decided.votesFor,
        votes_against: decided.votesAgainst,
        votes_abstaining: decided.votesAbstaining,
      };
      const { id } = await trx
        .insertInto('decisions')
        .values({ ...values, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      // The item's priorities and targets are what the actions arising deliver.
      const links = decided.agendaItemId ? await repo.linksOf(trx, [decided.agendaItemId]) : [];
      for (const action of arising.actions) {
        const actionValues = {
          title: action.title,
          description: `Arising from decision ${reference} of ${meeting.title}, ${formatDate(inLondon(meeting.starts_at).date)}.`,
          priority_id: links.find((l) => l.priority_id)?.priority_id ?? null,
          target_id: links.find((l) => l.target_id)?.target_id ?? null,
          organisation_id: action.organisationId,
          person_id: action.personId,
          cash_pence: null,
          staff_fte: null,
          in_kind: null,
          starts_on: inLondon(meeting.starts_at).date,
          due_on: action.dueOn,
          status: 'not_started',
          completed_on: null,
          decision_id: id,
          created_at: now,
          updated_at: now,
        };
        const { id: actionId } = await trx
          .insertInto('actions')
          .values(actionValues)
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, {
          entityType: 'action',
          entityId: actionId,
          action: 'created',
          summary: `Added to the action plan from decision ${reference}`,
          after: actionValues,
        });
      }
      await recordAudit(trx, actor, {
        entityType: 'decision',
        entityId: id,
        action: 'created',
        summary: `Recorded decision ${reference} (${decisionOutcomeNames[decided.outcome].toLowerCase()}) at ${meeting.title}`,
        after: values,
      });
      return { id, reference };
    });
  }

  /** A decision's reference: the partnership's short name (or initials), the year and a number, e.g. KSP/2026/07. */
  async function nextReference(trx: Transaction<Database>, meeting: repo.MeetingRow): Promise<string> {
    const prefix = (meeting.partnership_short_name ?? initials(meeting.partnership_name))
      .replace(/[^A-Za-z0-9]/g, '')
      .toUpperCase();
    const year = inLondon(meeting.starts_at).date.slice(0, 4);
    const stem = `${prefix}/${year}/`;
    const taken = await trx
      .selectFrom('decisions')
      .select('reference')
      .where('reference', 'like', `${stem}%`)
      .execute();
    const next = Math.max(0, ...taken.map((t) => Number(t.reference.slice(stem.length)) || 0)) + 1;
    return `${stem}${String(next).padStart(2, '0')}`;
  }

  // ---- minutes

  async function minutesFormContext(actor: Actor | null, meetingId: number) {
    const meeting = await meetingFor(actor, meetingId, 'meetings:manage');
    const minutes = await repo.minutesOf(db, meetingId);
    const revisions = minutes
      ? await db
          .selectFrom('minutes_revisions')
          .selectAll()
          .where('minutes_id', '=', minutes.id)
          .orderBy('id', 'desc')
          .execute()
      : [];
    return { meeting: describeMeeting(meeting, true), minutes: minutes ?? null, revisions };
  }

  /** Saves the draft minutes; every save is kept. Approved minutes are locked. */
  async function saveMinutes(actor: Actor | null, meetingId: number, input: unknown) {
    const meeting = await meetingFor(actor, meetingId, 'meetings:manage');
    const form = parseForm(minutesForm, input);
    const existing = await repo.minutesOf(db, meetingId);
    if (existing?.status === 'approved')
      throw new ValidationError({ body: 'These minutes have been approved and can no longer be changed' });
    const expected = existing ? formVersion(input) : null;
    await db.transaction().execute(async (trx) => {
      const now = nowIso();
      let minutesId: number;
      if (existing) {
        const { before, after } = await updateWithVersion(trx, 'minutes', existing.id, expected!, {
          body: form.body,
        });
        minutesId = existing.id;
        await recordAudit(trx, actor, {
          entityType: 'meeting',
          entityId: meetingId,
          action: 'updated',
          summary: `Changed the draft minutes of ${meeting.title}`,
          before: { body: before.body },
          after: { body: after.body },
        });
      } else {
        ({ id: minutesId } = await trx
          .insertInto('minutes')
          .values({
            meeting_id: meetingId,
            body: form.body,
            status: 'draft',
            approved_at_meeting_id: null,
            approved_on: null,
            published_at: null,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow());
        await recordAudit(trx, actor, {
          entityType: 'meeting',
          entityId: meetingId,
          action: 'updated',
          summary: `Drafted the minutes of ${meeting.title}`,
        });
      }
      await trx
        .insertInto('minutes_revisions')
        .values({
          minutes_id: minutesId,
          body: form.body,
          status: 'draft',
          saved_by: actor!.userId,
          saved_at: now,
        })
        .execute();
    });
  }

  /**
   * Approves an earlier meeting's minutes as an item of this meeting, and publishes them.
   * From then on they are locked; their drafts stay in the history.
   */
  async function approveMinutes(actor: Actor | null, meetingId: number, itemId: number) {
    const { meeting, item } = await itemFor(actor, meetingId, itemId);
    if (!item.approves_minutes_of_id)
      throw new ValidationError({
        form: 'This agenda item does not approve the minutes of an earlier meeting',
      });
    if (meeting.starts_at > nowIso())
      throw new ValidationError({ form: 'Minutes can be approved only at the meeting, once it has started' });
    const minutes = await repo.minutesOf(db, item.approves_minutes_of_id);
    if (!minutes)
      throw new ValidationError({ form: 'The minutes of that meeting have not been drafted yet' });
    if (minutes.status === 'approved')
      throw new ValidationError({ form: 'Those minutes have already been approved' });
    await db.transaction().execute(async (trx) => {
      const now = nowIso();
      await updateWithVersion(trx, 'minutes', minutes.id, minutes.version, {
        status: 'approved',
        approved_at_meeting_id: meetingId,
        approved_on: inLondon(meeting.starts_at).date,
        published_at: now,
      });
      await trx
        .insertInto('minutes_revisions')
        .values({
          minutes_id: minutes.id,
          body: minutes.body,
          status: 'approved',
          saved_by: actor!.userId,
          saved_at: now,
        })
        .execute();
      await recordAudit(trx, actor, {
        entityType: 'meeting',
        entityId: item.approves_minutes_of_id!,
        action: 'updated',
        summary: `Minutes approved at ${meeting.title} (${formatDate(inLondon(meeting.starts_at).date)}) and published`,
      });
    });
  }

  // ---- the decisions register

  async function decisionsRegister(
    actor: Actor | null,
    query: { text?: string; partnership?: string; from?: string; to?: string; page?: number },
  ) {
    const partnerships = await db
      .selectFrom('partnerships')
      .select(['id', 'name', 'slug'])
      .orderBy('name')
      .execute();
    const partnership = partnerships.find((p) => p.slug === query.partnership);
    const perPage = 50;
    const page = Math.max(1, query.page ?? 1);
    const from = query.from && isRealDate(query.from) ? query.from : undefined;
    const to = query.to && isRealDate(query.to) ? query.to : undefined;
    const { rows, total } = await repo.searchDecisions(db, {
      text: query.text,
      partnershipId: partnership?.id,
      from: from ? (londonToUtc(from, '00:00') ?? undefined) : undefined,
      // "To" a day includes that whole day.
      to: to ? (londonToUtc(addDay(to), '00:00') ?? undefined) : undefined,
      restrictedVisibleIn: await restrictedVisibleIn(actor),
      limit: perPage,
      offset: (page - 1) * perPage,
    });
    return {
      partnerships,
      filters: { text: query.text, partnership: partnership?.slug, from, to },
      decisions: rows.map((d) => ({
        ...d,
        when: formatDate(inLondon(d.starts_at).date),
        outcomeName: decisionOutcomeNames[d.outcome as keyof typeof decisionOutcomeNames] ?? d.outcome,
      })),
      total,
      page,
      pageCount: Math.max(1, Math.ceil(total / perPage)),
    };
  }

  // ---- the quorum rule

  async function quorumFor(actor: Actor | null, slug: string) {
    const partnership = await db
      .selectFrom('partnerships')
      .selectAll()
      .where('slug', '=', slug)
      .executeTakeFirst();
    if (!partnership) throw new NotFoundError('partnership');
    authorise(actor, 'meetings:manage', await scopeOf(partnership.id));
    const seats = await repo.seatsOn(db, partnership.id, todayIso());
    return { partnership, seats: seats.length };
  }

  async function saveQuorum(actor: Actor | null, slug: string, input: unknown) {
    const { partnership, seats } = await quorumFor(actor, slug);
    const expected = formVersion(input);
    const form = parseForm(quorumForm, input);
    if (form.quorumMinimum !== null && (form.quorumMinimum < 1 || form.quorumMinimum > seats))
      throw new ValidationError({
        quorumMinimum: `The number of seats must be from 1 to ${seats}, the seats the partnership has now`,
      });
    await db.transaction().execute(async (trx) => {
      const { before, after } = await updateWithVersion(trx, 'partnerships', partnership.id, expected, {
        quorum_minimum: form.quorumMinimum,
        quorum_sectors: JSON.stringify([...new Set(form.quorumSectors)]),
      });
      await recordAudit(trx, actor, {
        entityType: 'partnership',
        entityId: partnership.id,
        action: 'updated',
        summary: `Changed the quorum of ${partnership.name}`,
        before: { quorum_minimum: before.quorum_minimum, quorum_sectors: before.quorum_sectors },
        after: { quorum_minimum: after.quorum_minimum, quorum_sectors: after.quorum_sectors },
      });
    });
  }

  // ---- open data: the calendar feeds, the decisions feed and Popolo events

  /**
   * Meetings for the calendar feeds and the Popolo open data: all of them, or one partnership's
   * (an unknown slug is a 404), oldest first. Members-only meetings are listed, as that they meet
   * is public, but never who attended them. With `attendance`, each public meeting comes with the
   * people who attended: seat holders present and substitutes. One query per table, however many
   * meetings there are.
   */
  async function forOpenData(options: { partnershipSlug?: string; attendance?: boolean } = {}) {
    const partnership =
      options.partnershipSlug === undefined
        ? null
        : await db
            .selectFrom('partnerships')
            .select(['id', 'name', 'slug'])
            .where('slug', '=', options.partnershipSlug)
            .executeTakeFirst();
    if (partnership === undefined) throw new NotFoundError('partnership');
    let meetingsQuery = repo.meetingsWithPartnership(db);
    let attendanceQuery = db
      .selectFrom('attendance')
      .innerJoin('meetings', 'meetings.id', 'attendance.meeting_id')
      .innerJoin('memberships', 'memberships.id', 'attendance.membership_id')
      .select([
        'attendance.meeting_id',
        'attendance.status',
        'attendance.substitute_person_id',
        'memberships.person_id',
      ])
      .where('meetings.visibility', '=', 'public')
      .where('attendance.status', 'in', ['present', 'substituted']);
    if (partnership) {
      meetingsQuery = meetingsQuery.where('meetings.partnership_id', '=', partnership.id);
      attendanceQuery = attendanceQuery.where('meetings.partnership_id', '=', partnership.id);
    }
    const [meetings, attendance] = await Promise.all([
      meetingsQuery.orderBy('meetings.starts_at').orderBy('meetings.id').execute(),
      options.attendance ? attendanceQuery.orderBy('attendance.id').execute() : Promise.resolve([]),
    ]);
    const attendees = new Map<number, { person_id: number; role: 'member' | 'substitute' }[]>();
    for (const a of attendance) {
      // A substituted seat was attended by the substitute, not by the seat holder.
      const personId = a.status === 'substituted' ? a.substitute_person_id : a.person_id;
      if (personId === null) continue;
      const list = attendees.get(a.meeting_id) ?? [];
      list.push({ person_id: personId, role: a.status === 'substituted' ? 'substitute' : 'member' });
      attendees.set(a.meeting_id, list);
    }
    return {
      partnership,
      meetings: meetings.map((m) => ({
        ...m,
        attendees: m.visibility === 'public' ? (attendees.get(m.id) ?? []) : [],
      })),
    };
  }

  /** The latest decisions of public meetings, newest meeting first; members-only meetings' decisions are not public. */
  async function latestPublicDecisions(limit = 50) {
    const rows = await db
      .selectFrom('decisions')
      .innerJoin('meetings', 'meetings.id', 'decisions.meeting_id')
      .innerJoin('partnerships', 'partnerships.id', 'meetings.partnership_id')
      .leftJoin('agenda_items', 'agenda_items.id', 'decisions.agenda_item_id')
      .select([
        'decisions.id',
        'decisions.reference',
        'decisions.resolution',
        'decisions.outcome',
        'decisions.votes_for',
        'decisions.votes_against',
        'decisions.votes_abstaining',
        'decisions.meeting_id',
        'decisions.created_at',
        'decisions.updated_at',
        'meetings.uid as meeting_uid',
        'meetings.created_at as meeting_created_at',
        'meetings.title as meeting_title',
        'meetings.starts_at',
        'partnerships.name as partnership_name',
        'agenda_items.title as item_title',
      ])
      .where('meetings.visibility', '=', 'public')
      .orderBy('meetings.starts_at', 'desc')
      .orderBy('decisions.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((d) => ({
      ...d,
      when: formatDate(inLondon(d.starts_at).date),
      outcomeName: decisionOutcomeNames[d.outcome as keyof typeof decisionOutcomeNames] ?? d.outcome,
    }));
  }

  async function history(meetingId: number) {
    return historyOf(db, 'meeting', meetingId);
  }

  return {
    clearDays,
    saveSettings,
    mayManage,
    calendar,
    meetingPage,
    formContext,
    schedule,
    update,
    changeStatus,
    meetingFor,
    itemFormContext,
    itemFor,
    agendaChoices,
    addItem,
    updateItem,
    moveItem,
    publishAgenda,
    addPaper,
    paperFile,
    declarationFormContext,
    addDeclaration,
    attendanceFormContext,
    recordAttendance,
    decisionFormContext,
    recordDecision,
    minutesFormContext,
    saveMinutes,
    approveMinutes,
    decisionsRegister,
    quorumFor,
    saveQuorum,
    forOpenData,
    latestPublicDecisions,
    history,
  };
}

export type MeetingServices = ReturnType<typeof createMeetingServices>;

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter((w) => /^[A-Z]/.test(w))
    .map((w) => w[0])
    .join('');
}

function addDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
