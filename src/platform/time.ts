/** Times are stored as ISO 8601 in UTC and shown in Europe/London. */
export function nowIso(): string {
  return new Date().toISOString();
}

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

const londonDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

const londonDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // GOV.UK style: "1 July 2026, 10:30am".
  return londonDateTime
    .format(date)
    .replace(' at ', ', ')
    .replace(/\s(am|pm)$/i, (_m, half: string) => half.toLowerCase());
}

/** A calendar date (yyyy-mm-dd) as "1 April 2026". */
export function formatDate(isoDay: string | null | undefined): string {
  if (!isoDay) return '';
  const date = new Date(`${isoDay.slice(0, 10)}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDay : londonDate.format(date);
}
