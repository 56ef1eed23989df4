/** Times are stored as ISO 8601 in UTC and shown in Europe/London. */
export function nowIso(): string {
  return new Date().toISOString();
}

const londonDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in London (yyyy-mm-dd): from midnight to 1am in summer the UTC date is still yesterday's. */
export function todayIso(at: Date = new Date()): string {
  return londonDay.format(at);
}

const londonDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h12',
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
