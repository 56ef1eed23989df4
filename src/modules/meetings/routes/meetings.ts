import fs from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inLondon } from '../../../domain/london-time.ts';
import { attendanceStatusNames } from '../../../domain/quorum.ts';
import { optionsFrom, sectorNames, sectors } from '../../../domain/vocabulary.ts';
import { flash, renderFormFailure, type ConflictField } from '../../../platform/form-page.ts';
import { queryText } from '../../../platform/forms.ts';
import { idParam } from '../../../platform/params.ts';
import { todayIso } from '../../../platform/time.ts';
import {
  decisionOutcomeNames,
  decisionOutcomes,
  interestKindNames,
  interestKinds,
  itemPurposeNames,
  itemPurposes,
  meetingStatuses,
  meetingStatusNames,
  paperAccesses,
  paperAccessNames,
  visibilities,
  visibilityNames,
} from '../forms.ts';
import { largestPaper } from '../paper-files.ts';
import { actionDueDaysAhead, apologiesRequestedDaysBefore } from '../reminders.ts';

type Body = Record<string, unknown>;
type Query = Record<string, unknown>;
type MeetingParams = { Params: { id: string } };
type ItemParams = { Params: { id: string; itemId: string } };

const meetingFields: ConflictField[] = [
  { field: 'title', column: 'title', label: 'Name of the meeting' },
  { field: 'date', column: '', label: 'Date' },
  { field: 'startTime', column: '', label: 'Start time' },
  { field: 'endTime', column: '', label: 'End time' },
  { field: 'location', column: 'location', label: 'Where' },
  { field: 'onlineUrl', column: 'online_url', label: 'Online link' },
  { field: 'visibility', column: 'visibility', label: 'Who may attend', names: visibilityNames },
];

const itemFields: ConflictField[] = [
  { field: 'title', column: 'title', label: 'Title' },
  { field: 'purpose', column: 'purpose', label: 'Purpose', names: itemPurposeNames },
  { field: 'description', column: 'description', label: 'Description' },
  { field: 'presenterPersonId', column: 'presenter_person_id', label: 'Presenter', choices: 'people' },
  {
    field: 'presenterOrganisationId',
    column: 'presenter_organisation_id',
    label: 'Presenting organisation',
    choices: 'organisations',
  },
  { field: 'priorityIds', column: '', label: 'Priorities' },
  { field: 'targetIds', column: '', label: 'Targets' },
  { field: 'approvesMinutesOfId', column: '', label: 'Minutes approved' },
];

/** Meetings: the public calendar and pages, the decisions register, and the secretariat's forms. */
export function registerMeetingRoutes(app: FastifyInstance) {
  const meetings = app.services.meetings;
  const cached = app.publicCache.routeHooks;
  // Members hear of published papers at once; the page does not wait for the mail server.
  const remindSoon = (request: FastifyRequest) =>
    void app.services.reminders.sweep((result) => {
      if (result instanceof Error) request.log.error(result, 'reminders could not be sent');
      else if (result.failed)
        request.log.warn(`${result.failed} reminders could not be sent; they will be tried again`);
    });
  const options = {
    statusOptions: optionsFrom(meetingStatuses, meetingStatusNames),
    visibilityOptions: optionsFrom(visibilities, visibilityNames),
    purposeOptions: optionsFrom(itemPurposes, itemPurposeNames),
    accessOptions: optionsFrom(paperAccesses, paperAccessNames),
    interestOptions: optionsFrom(interestKinds, interestKindNames),
    outcomeOptions: optionsFrom(decisionOutcomes, decisionOutcomeNames),
    attendanceOptions: Object.entries(attendanceStatusNames).map(([value, text]) => ({ value, text })),
    sectorOptions: optionsFrom(sectors, sectorNames),
  };

  // ---- public

  app.get('/meetings', { config: { access: 'public' }, ...cached }, async (request, reply) => {
    const query = request.query as Query;
    const when = query.when === 'past' ? 'past' : 'upcoming';
    const calendar = await meetings.calendar(request.actor, {
      when,
      partnershipSlug: queryText(query.partnership),
      today: todayIso(),
    });
    return reply.view('meetings/calendar.njk', {
      title: when === 'past' ? 'Past meetings' : 'Meetings',
      when,
      ...calendar,
    });
  });

  const meetingPageContext = async (
    request: FastifyRequest,
    id: number,
    extra: Record<string, unknown> = {},
  ) => {
    const page = await meetings.meetingPage(request.actor, id);
    return {
      title: `${page.meeting.title}, ${page.meeting.when}`,
      ...page,
      ...options,
      history: page.mayManage ? await meetings.history(id) : null,
      values: {} as Record<string, unknown>,
      ...extra,
    };
  };

  app.get<MeetingParams>(
    '/meetings/:id',
    { config: { access: 'public' }, ...cached },
    async (request, reply) =>
      reply.view('meetings/meeting.njk', await meetingPageContext(request, idParam(request.params.id))),
  );

  app.get<{ Params: { id: string; paperId: string } }>(
    '/meetings/:id/papers/:paperId',
    { config: { access: 'public' } },
    async (request, reply) => {
      const {
        paper,
        path,
        public: open,
      } = await meetings.paperFile(
        request.actor,
        idParam(request.params.id),
        idParam(request.params.paperId),
      );
      return reply
        .header('content-type', paper.content_type)
        .header('content-disposition', `attachment; filename="${paper.filename.replace(/"/g, '')}"`)
        .header('cache-control', open ? 'public, max-age=3600' : 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(fs.createReadStream(path));
    },
  );

  app.get('/decisions', { config: { access: 'public' }, ...cached }, async (request, reply) => {
    const query = request.query as Query;
    const page = Number(queryText(query.page, 6) ?? 1);
    const register = await meetings.decisionsRegister(request.actor, {
      text: queryText(query.q, 200),
      partnership: queryText(query.partnership),
      from: queryText(query.from, 10),
      to: queryText(query.to, 10),
      page: Number.isInteger(page) ? page : 1,
    });
    const filterQuery = new URLSearchParams(
      Object.entries({ q: register.filters.text, ...register.filters, text: undefined }).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    ).toString();
    return reply.view('meetings/decisions.njk', { title: 'Decisions register', ...register, filterQuery });
  });

  // ---- scheduling and details

  const meetingFormPage = async (
    request: FastifyRequest,
    title: string,
    extra: Record<string, unknown> & { values: Record<string, unknown> },
  ) => ({
    title,
    ...options,
    ...(await meetings.formContext(request.actor)),
    ...extra,
  });

  app.get('/meetings/new', { config: { access: 'meetings:manage' } }, async (request, reply) => {
    const context = await meetings.formContext(request.actor);
    const slug = queryText((request.query as Query).partnership);
    const chosen = context.partnerships.find((p) => p.slug === slug);
    return reply.view(
      'meetings/meeting-form.njk',
      await meetingFormPage(request, 'Schedule a meeting', {
        values: { partnershipId: chosen?.id, visibility: 'public', startTime: '10:00' },
      }),
    );
  });

  app.post<{ Body: Body }>(
    '/meetings/new',
    { config: { access: 'meetings:manage' } },
    async (request, reply) => {
      try {
        const { id } = await meetings.schedule(request.actor, request.body);
        flash(reply, 'The meeting has been scheduled. Now add the items on its agenda.');
        return reply.redirect(`/meetings/${id}`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'meetings/meeting-form.njk',
          () => meetingFormPage(request, 'Schedule a meeting', { values: request.body }),
          meetingFields,
        );
      }
    },
  );

  app.get<MeetingParams>(
    '/meetings/:id/edit',
    { config: { access: 'meetings:manage' } },
    async (request, reply) => {
      const meeting = await meetings.meetingFor(request.actor, idParam(request.params.id), 'meetings:manage');
      const start = inLondon(meeting.starts_at);
      return reply.view(
        'meetings/meeting-form.njk',
        await meetingFormPage(request, `Change ${meeting.title}`, {
          meeting,
          values: {
            partnershipId: meeting.partnership_id,
            title: meeting.title,
            date: start.date,
            startTime: start.time,
            endTime: meeting.ends_at ? inLondon(meeting.ends_at).time : '',
            location: meeting.location,
            onlineUrl: meeting.online_url,
            visibility: meeting.visibility,
            version: meeting.version,
          },
        }),
      );
    },
  );

  app.post<MeetingParams & { Body: Body }>(
    '/meetings/:id/edit',
    { config: { access: 'meetings:manage' } },
    async (request, reply) => {
      const meeting = await meetings.meetingFor(request.actor, idParam(request.params.id), 'meetings:manage');
      try {
        await meetings.update(request.actor, meeting.id, request.body);
        flash(reply, 'Your changes have been saved. Calendars that follow this meeting will update.');
        return reply.redirect(`/meetings/${meeting.id}`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'meetings/meeting-form.njk',
          () =>
            meetingFormPage(request, `Change ${meeting.title}`, {
              meeting,
              values: { ...request.body, partnershipId: meeting.partnership_id },
            }),
          meetingFields,
        );
      }
    },
  );

  const statusPage = async (request: FastifyRequest, id: number, values: Record<string, unknown>) => {
    const meeting = await meetings.meetingFor(request.actor, id, 'meetings:manage');
    return { title: `What has happened to ${meeting.title}?`, meeting, ...options, values };
  };

  app.get<MeetingParams>(
    '/meetings/:id/status',
    { config: { access: 'meetings:manage' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      const meeting = await meetings.meetingFor(request.actor, id, 'meetings:manage');
      return reply.view(
        'meetings/status-form.njk',
        await statusPage(request, id, {
          status: meeting.status,
          reason: meeting.status_reason,
          version: meeting.version,
        }),
      );
    },
  );

  app.post<MeetingParams & { Body: Body }>(
    '/meetings/:id/status',
    { config: { access: 'meetings:manage' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      try {
        await meetings.changeStatus(request.actor, id, request.body);
        flash(reply, 'The meeting’s status has been changed.');
        return reply.redirect(`/meetings/${id}`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'meetings/status-form.njk',
          () => statusPage(request, id, request.body),
          [
            { field: 'status', column: 'status', label: 'Status', names: meetingStatusNames },
            { field: 'reason', column: 'status_reason', label: 'Reason' },
          ],
        );
      }
    },
  );

  // ---- the agenda

  const itemPage = async (
    request: FastifyRequest,
    meetingId: number,
    title: string,
    extra: Record<string, unknown> & { values: Record<string, unknown> },
  ) => {
    const meeting = await meetings.meetingFor(request.actor, meetingId, 'meetings:manage');
    return { title, meeting, ...options, ...(await meetings.itemFormContext(meetingId)), ...extra };
  };

  app.get<MeetingParams>(
    '/meetings/:id/items/new',
    { config: { access: 'meetings:manage' } },
    async (request, reply) =>
      reply.view(
        'meetings/item-form.njk',
        await itemPage(request, idParam(request.params.id), 'Add an agenda item', {
          values: { purpose: 'decision', priorityIds: [], targetIds: [] },
        }),
      ),
  );

  app.post<MeetingParams & { Body: Body }>(
    '/meetings/:id/items/new',
    { config: { access: 'meetings:manage' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      try {
        await meetings.addItem(request.actor, id, request.body);
        flash(reply, 'The item has been added to the agenda.');
        return reply.redirect(`/meetings/${id}#agenda`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'meetings/item-form.njk',
          () => itemPage(request, id, 'Add an agenda item', { values: request.body }),
          itemFields,
        );
      }
    },
  );

  app.get<ItemParams>(
    '/meetings/:id/items/:itemId/edit',
    { config: { access: 'meetings:manage' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      const { item, links } = await meetings.itemFor(request.actor, id, idParam(request.params.itemId));
      return reply.view(
        'meetings/item-form.njk',
        await itemPage(request, id, `Change item ${item.position}`, {
          item,
          values: {
            title: item.title,
            purpose: item.purpose,
            description: item.description,
            presenterPersonId: item.presenter_person_id,
            presenterOrganisationId: item.presenter_organisation_id,
            priorityIds: links.filter((l) => l.priority_id).map((l) => l.priority_id),
            targetIds: links.filter((l) => l.target_id).map((l) => l.target_id),
            approvesMinutesOfId: item.approves_minutes_of_id,
            version: item.version,
          },
        }),
      );
    },
  );

  app.post<ItemParams & { Body: Body }>(
    '/meetings/:id/items/:itemId/edit',
    { config: { access: 'meetings:manage' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      const { item } = await meetings.itemFor(request.actor, id, idParam(request.params.itemId));
      try {
        await meetings.updateItem(request.actor, id, item.id, request.body);
        flash(reply, 'Your changes to the item have been saved.');
        return reply.redirect(`/meetings/${id}#agenda`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'meetings/item-form.njk',
          () => itemPage(request, id, `Change item ${item.position}`, { item, values: request.body }),
          itemFields,
        );
      }
    },
  );

  app.post<ItemParams & { Body: Body }>(
    '/meetings/:id/items/:itemId/move',
    { config: { access: 'meetings:manage' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      const direction = request.body?.direction === 'up' ? 'up' : 'down';
      await meetings.moveItem(request.actor, id, idParam(request.params.itemId), direction);
      return reply.redirect(`/meetings/${id}#agenda`, 303);
    },
  );

  /** A form on the meeting's page failed: show the page again with the problem at the top. */
  const pageFailure = async (reply: FastifyReply, request: FastifyRequest, id: number, error: unknown) =>
    renderFormFailure(reply, error, 'meetings/meeting.njk', () => meetingPageContext(request, id));

  app.post<ItemParams>(
    '/meetings/:id/items/:itemId/approve-minutes',
    { config: { access: 'meetings:manage' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      try {
        await meetings.approveMinutes(request.actor, id, idParam(request.params.itemId));
        flash(reply, 'The minutes have been approved and published. They can no longer be changed.');
        return reply.redirect(`/meetings/${id}#agenda`, 303);
      } catch (error) {
        return pageFailure(reply, request, id, error);
      }
    },
  );

  app.post<MeetingParams>(
    '/meetings/:id/publish',
    { config: { access: 'meetings:manage' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      try {
        await meetings.publishAgenda(request.actor, id);
        remindSoon(request);
        flash(reply, 'The agenda and its papers have been published. Members are being sent them by e-mail.');
        return reply.redirect(`/meetings/${id}`, 303);
      } catch (error) {
        return pageFailure(reply, request, id, error);
      }
    },
  );

  // ---- papers

  const paperPage = async (request: FastifyRequest, id: number, values: Record<string, unknown>) => {
    const meeting = await meetings.meetingFor(request.actor, id, 'meetings:manage');
    const agendaItems = await meetings.agendaChoices(id);
    return {
      title: 'Add a paper',
      meeting,
      agendaItems,
      ...options,
      largestPaperMb: largestPaper / 1024 / 1024,
      values,
    };
  };

  app.get<MeetingParams>(
    '/meetings/:id/papers/new',
    { config: { access: 'meetings:manage' } },
    async (request, reply) => {
      const query = request.query as Query;
      return reply.view(
        'meetings/paper-form.njk',
        await paperPage(request, idParam(request.params.id), {
          access: 'public',
          agendaItemId: queryText(query.item, 12),
        }),
      );
    },
  );

  app.post<MeetingParams & { Body: Body }>(
    '/meetings/:id/papers/new',
    {
      config: {
        access: 'meetings:manage',
        uploadToDisk: true,
        // A little over the limit, so a file just past it is caught by the paper check with a clear message.
        multipartOptions: { limits: { fileSize: largestPaper + 1, files: 1, fields: 10 } },
      },
    },
    async (request, reply) => {
      const id = idParam(request.params.id);
      try {
        await meetings.addPaper(request.actor, id, request.body ?? {});
        remindSoon(request);
        flash(reply, 'The paper has been added.');
        return reply.redirect(`/meetings/${id}#agenda`, 303);
      } catch (error) {
        const { file: _file, ...typed } = request.body ?? {};
        return renderFormFailure(
          reply,
          error,
          'meetings/paper-form.njk',
          () => paperPage(request, id, typed),
          [
            { field: 'file', column: '', label: 'File' },
            { field: 'title', column: '', label: 'Title' },
            { field: 'agendaItemId', column: '', label: 'Agenda item' },
            { field: 'access', column: '', label: 'Who may read it' },
          ],
        );
      }
    },
  );

  // ---- declarations of interest

  const declarationPage = async (request: FastifyRequest, id: number, values: Record<string, unknown>) => ({
    title: 'Declare an interest',
    ...options,
    ...(await meetings.declarationFormContext(request.actor, id)),
    values,
  });

  app.get<MeetingParams>(
    '/meetings/:id/declarations/new',
    { config: { access: 'meetings:take-part' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      const context = await meetings.declarationFormContext(request.actor, id);
      return reply.view(
        'meetings/declaration-form.njk',
        await declarationPage(request, id, {
          personId: context.ownPersonId,
          agendaItemId: queryText((request.query as Query).item, 12),
        }),
      );
    },
  );

  app.post<MeetingParams & { Body: Body }>(
    '/meetings/:id/declarations/new',
    { config: { access: 'meetings:take-part' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      try {
        await meetings.addDeclaration(request.actor, id, request.body);
        flash(reply, 'The declaration of interest has been recorded.');
        return reply.redirect(`/meetings/${id}#agenda`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'meetings/declaration-form.njk',
          () => declarationPage(request, id, request.body),
          [
            { field: 'agendaItemId', column: '', label: 'Agenda item' },
            { field: 'personId', column: '', label: 'Who' },
            { field: 'kind', column: '', label: 'Kind of interest' },
            { field: 'description', column: '', label: 'The interest' },
          ],
        );
      }
    },
  );

  // ---- attendance

  const attendancePage = async (request: FastifyRequest, id: number, values?: Record<string, unknown>) => {
    const context = await meetings.attendanceFormContext(request.actor, id);
    const recorded = Object.fromEntries(
      context.seats.flatMap((s) =>
        s.recorded
          ? [
              [`seat-${s.id}`, s.recorded.status],
              [`substitute-${s.id}`, s.recorded.substitute_person_id],
              [`representing-${s.id}`, s.recorded.substitute_organisation_id],
            ]
          : [],
      ),
    );
    return { title: 'Record attendance', ...options, ...context, values: values ?? recorded };
  };

  app.get<MeetingParams>(
    '/meetings/:id/attendance',
    { config: { access: 'meetings:manage' } },
    async (request, reply) =>
      reply.view('meetings/attendance-form.njk', await attendancePage(request, idParam(request.params.id))),
  );

  app.post<MeetingParams & { Body: Body }>(
    '/meetings/:id/attendance',
    { config: { access: 'meetings:manage' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      try {
        await meetings.recordAttendance(request.actor, id, request.body);
        flash(reply, 'Attendance has been recorded.');
        return reply.redirect(`/meetings/${id}#attendance`, 303);
      } catch (error) {
        return renderFormFailure(reply, error, 'meetings/attendance-form.njk', () =>
          attendancePage(request, id, request.body),
        );
      }
    },
  );

  // ---- decisions

  const decisionPage = async (request: FastifyRequest, id: number, values: Record<string, unknown>) => ({
    title: 'Record a decision',
    ...options,
    ...(await meetings.decisionFormContext(request.actor, id)),
    values,
  });

  app.get<MeetingParams>(
    '/meetings/:id/decisions/new',
    { config: { access: 'meetings:manage' } },
    async (request, reply) =>
      reply.view(
        'meetings/decision-form.njk',
        await decisionPage(request, idParam(request.params.id), {
          outcome: 'agreed',
          agendaItemId: queryText((request.query as Query).item, 12),
        }),
      ),
  );

  app.post<MeetingParams & { Body: Body }>(
    '/meetings/:id/decisions/new',
    { config: { access: 'meetings:manage' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      try {
        const { reference } = await meetings.recordDecision(request.actor, id, request.body);
        flash(
          reply,
          `Decision ${reference} has been recorded, with any actions arising added to the action plan.`,
        );
        return reply.redirect(`/meetings/${id}#decisions`, 303);
      } catch (error) {
        return renderFormFailure(reply, error, 'meetings/decision-form.njk', () =>
          decisionPage(request, id, request.body),
        );
      }
    },
  );

  // ---- minutes

  const minutesPage = async (request: FastifyRequest, id: number, values?: Record<string, unknown>) => {
    const context = await meetings.minutesFormContext(request.actor, id);
    return {
      title: `Minutes of ${context.meeting.title}`,
      ...context,
      values: values ?? { body: context.minutes?.body ?? '', version: context.minutes?.version },
    };
  };

  app.get<MeetingParams>(
    '/meetings/:id/minutes',
    { config: { access: 'meetings:manage' } },
    async (request, reply) =>
      reply.view('meetings/minutes-form.njk', await minutesPage(request, idParam(request.params.id))),
  );

  app.post<MeetingParams & { Body: Body }>(
    '/meetings/:id/minutes',
    { config: { access: 'meetings:manage' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      try {
        await meetings.saveMinutes(request.actor, id, request.body);
        flash(
          reply,
          'The draft minutes have been saved. They are published once approved at the next meeting.',
        );
        return reply.redirect(`/meetings/${id}#minutes`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'meetings/minutes-form.njk',
          () => minutesPage(request, id, request.body),
          [{ field: 'body', column: 'body', label: 'Minutes' }],
        );
      }
    },
  );

  // ---- a partnership's quorum, and the place's publication rule

  const quorumPage = async (request: FastifyRequest, slug: string, values?: Record<string, unknown>) => {
    const { partnership, seats } = await meetings.quorumFor(request.actor, slug);
    return {
      title: `Quorum of ${partnership.name}`,
      partnership,
      seats,
      ...options,
      values: values ?? {
        quorumMinimum: partnership.quorum_minimum ?? '',
        quorumSectors: JSON.parse(partnership.quorum_sectors) as string[],
        version: partnership.version,
      },
    };
  };

  app.get<{ Params: { slug: string } }>(
    '/partnerships/:slug/quorum',
    { config: { access: 'meetings:manage' } },
    async (request, reply) =>
      reply.view('meetings/quorum-form.njk', await quorumPage(request, request.params.slug)),
  );

  app.post<{ Params: { slug: string }; Body: Body }>(
    '/partnerships/:slug/quorum',
    { config: { access: 'meetings:manage' } },
    async (request, reply) => {
      try {
        await meetings.saveQuorum(request.actor, request.params.slug, request.body);
        flash(reply, 'The quorum has been saved.');
        return reply.redirect(`/partnerships/${request.params.slug}`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'meetings/quorum-form.njk',
          () => quorumPage(request, request.params.slug, request.body),
          [
            { field: 'quorumMinimum', column: 'quorum_minimum', label: 'Seats that must be represented' },
            { field: 'quorumSectors', column: 'quorum_sectors', label: 'Sectors that must be present' },
          ],
        );
      }
    },
  );

  const settingsPage = async () => ({
    title: 'Publishing meeting papers',
    mailDestination: app.services.reminders.destination,
    apologiesDays: apologiesRequestedDaysBefore,
    actionDays: actionDueDaysAhead,
    reminders: await app.services.reminders.recent(),
  });

  app.get('/admin/meetings', { config: { access: 'place:manage' } }, async (_request, reply) =>
    reply.view('meetings/settings.njk', {
      ...(await settingsPage()),
      values: { clearDays: await meetings.clearDays() },
    }),
  );

  app.post<{ Body: Body }>(
    '/admin/meetings',
    { config: { access: 'place:manage' } },
    async (request, reply) => {
      try {
        await meetings.saveSettings(request.actor, request.body);
        flash(reply, 'The rule for publishing papers has been saved.');
        return reply.redirect('/admin/meetings', 303);
      } catch (error) {
        return renderFormFailure(reply, error, 'meetings/settings.njk', async () => ({
          ...(await settingsPage()),
          values: request.body,
        }));
      }
    },
  );
}
