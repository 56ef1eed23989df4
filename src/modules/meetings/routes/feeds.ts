import type { FastifyInstance, FastifyReply } from 'fastify';
import ical, { ICalEventStatus } from 'ical-generator';
import { Feed } from 'feed';
import { meetingStatusNames, type MeetingStatus } from '../forms.ts';
import type { MeetingServices } from '../service.ts';

type CalendarMeeting = Awaited<ReturnType<MeetingServices['forOpenData']>>['meetings'][number];

/** How long a meeting with no end time is taken to last in calendars. */
const assumedLengthMs = 2 * 60 * 60 * 1000;

/** Calendar apps that honour it check a subscribed calendar again after this long. */
const refreshSeconds = 60 * 60;

/**
 * Feeds of the meetings: iCalendar for calendar apps (every meeting, or one partnership's)
 * and Atom for the latest decisions. Public, the same for everyone, and kept in the public
 * cache until the next change.
 */
export function registerMeetingFeedRoutes(app: FastifyInstance) {
  const meetings = app.services.meetings;
  const cached = app.publicCache.routeHooks;
  const config = { access: 'public', page: false } as const;
  // Never built from the request's Host header, which a client controls.
  const baseUrl = () => app.config.baseUrl ?? '';
  const placeName = async () => (await app.services.place.siteSettings()).placeName ?? 'Placeshaper';

  app.get('/meetings.ics', { config, ...cached }, async (_request, reply) => {
    const [place, { meetings: list }] = await Promise.all([placeName(), meetings.forOpenData()]);
    return sendCalendar(reply, `${place} partnership meetings`, list);
  });

  app.get<{ Params: { slug: string } }>(
    '/partnerships/:slug/meetings.ics',
    { config, ...cached },
    async (request, reply) => {
      const { partnership, meetings: list } = await meetings.forOpenData({
        partnershipSlug: request.params.slug,
      });
      return sendCalendar(reply, `${partnership!.name} meetings`, list);
    },
  );

  function sendCalendar(reply: FastifyReply, name: string, list: CalendarMeeting[]) {
    const base = baseUrl();
    // No METHOD: a published calendar, so each event's DTSTAMP is when it last changed (RFC 5545, 3.8.7.2).
    const calendar = ical({
      name,
      prodId: { company: 'Placeshaper', product: 'Meetings', language: 'EN' },
      ttl: refreshSeconds,
    });
    for (const meeting of list) {
      const page = `${base}/meetings/${meeting.id}`;
      const open = meeting.visibility === 'public';
      const start = new Date(meeting.starts_at);
      const updated = new Date(meeting.updated_at);
      const statusName = meetingStatusNames[meeting.status as MeetingStatus] ?? meeting.status;
      const description = [
        meeting.status_reason ? `${statusName}: ${meeting.status_reason}` : null,
        // A members-only meeting's existence is public; its agenda and joining link are not.
        open ? null : 'Members only',
        open && meeting.online_url ? `Join online: ${meeting.online_url}` : null,
        `${open ? 'Agenda, papers and decisions' : 'Details'}: ${page}`,
      ].filter((line) => line !== null);
      calendar.createEvent({
        id: meeting.uid,
        // Grows with every change of time, place or status, so calendars take the change.
        sequence: meeting.sequence,
        stamp: updated,
        lastModified: updated,
        created: new Date(meeting.created_at),
        start,
        // A meeting with no end time is shown as two hours long, the usual length of a partnership meeting.
        end: meeting.ends_at ? new Date(meeting.ends_at) : new Date(start.getTime() + assumedLengthMs),
        summary: `${meeting.partnership_name}: ${meeting.title}`,
        location: meeting.location ?? (open && meeting.online_url ? meeting.online_url : 'Online only'),
        url: page,
        description: description.join('\n'),
        // A postponed meeting keeps its date until a new one is set: tentative, with the reason.
        status:
          meeting.status === 'cancelled'
            ? ICalEventStatus.CANCELLED
            : meeting.status === 'postponed'
              ? ICalEventStatus.TENTATIVE
              : ICalEventStatus.CONFIRMED,
      });
    }
    return reply.type('text/calendar; charset=utf-8').send(calendar.toString());
  }

  app.get('/decisions.atom', { config, ...cached }, async (_request, reply) => {
    const base = baseUrl();
    const [place, decisions] = await Promise.all([placeName(), meetings.latestPublicDecisions(50)]);
    const newest = decisions.map((d) => d.updated_at).sort((a, b) => b.localeCompare(a))[0];
    const feed = new Feed({
      // Without BASE_URL the feed has no address of its own to be its id, and its links are relative.
      id: base ? `${base}/decisions.atom` : 'tag:placeshaper,2026:decisions',
      title: `${place}: decisions of partnership meetings`,
      description: 'The latest decisions of meetings open to the public.',
      link: `${base}/decisions`,
      feed: `${base}/decisions.atom`,
      language: 'en-GB',
      updated: newest ? new Date(newest) : new Date(),
      author: { name: `${place} partnerships` },
      copyright: 'Open data, free to reuse',
      generator: 'Placeshaper',
    });
    for (const d of decisions) {
      const votes =
        d.votes_for !== null
          ? ` (for ${d.votes_for}, against ${d.votes_against ?? 0}, abstaining ${d.votes_abstaining ?? 0})`
          : '';
      feed.addItem({
        id: decisionTag(d),
        // The feed library marks titles and content as HTML, so the text is escaped as HTML.
        title: html(`${d.reference}: ${d.item_title ?? d.meeting_title}`),
        link: `${base}/meetings/${d.meeting_id}#decisions`,
        date: new Date(d.updated_at),
        published: new Date(d.created_at),
        content: [
          `<p>${html(d.resolution)}</p>`,
          `<p>Outcome: ${html(d.outcomeName)}${html(votes)}.</p>`,
          `<p>${html(`${d.partnership_name}, ${d.meeting_title}, ${d.when}`)}</p>`,
        ].join('\n'),
      });
    }
    return reply.type('application/atom+xml; charset=utf-8').send(feed.atom1());
  });
}

/**
 * A decision's Atom id: a tag URI (RFC 4151) minted from its meeting's UID, which is
 * "<uuid>@placeshaper" and never changes, so the id is unique and stays the same wherever
 * the site is served from.
 */
function decisionTag(d: { id: number; meeting_uid: string; meeting_created_at: string }): string {
  const day = d.meeting_created_at.slice(0, 10);
  return /^[A-Za-z0-9._-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/.test(d.meeting_uid)
    ? `tag:${d.meeting_uid},${day}:decision/${d.id}`
    : `tag:placeshaper,${day}:meeting/${encodeURIComponent(d.meeting_uid)}/decision/${d.id}`;
}

/**
 * Text as HTML: escaped, and without the characters XML 1.0 forbids, one of which would make
 * the whole feed unreadable. Forms drop control characters already; this also covers text
 * that came in another way, and the non-characters U+FFFE and U+FFFF.
 */
function html(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
