/**
 * Meeting times are typed as London wall-clock times and stored as UTC instants. Around
 * the clock changes a wall-clock time can be missing (the hour skipped in March) or
 * happen twice (the hour repeated in October): the first is refused, the second taken
 * as the earlier (summer time) one.
 */

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The London date (yyyy-mm-dd) and time (hh:mm) of a UTC instant. */
export function inLondon(instant: string | Date): { date: string; time: string } {
  const parts = Object.fromEntries(
    wallClock
      .formatToParts(typeof instant === 'string' ? new Date(instant) : instant)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** A time of day as typed: "9:30", "09:30" or "14:05" (24-hour clock). */
export function readTimeOfDay(text: string): string | null {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [hour, minute] = [Number(match[1]), Number(match[2])];
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, '0')}:${match[2]}`;
}

/**
 * The UTC instant (ISO 8601) of a London date and time, or null when the clocks going
 * forward mean that time never happens that day.
 */
export function londonToUtc(date: string, time: string): string | null {
  const asIfUtc = Date.parse(`${date}T${time}:00Z`);
  if (Number.isNaN(asIfUtc)) return null;
  // London is UTC+1 in summer and UTC+0 in winter: try summer first, so a repeated hour is its first.
  for (const offsetHours of [1, 0]) {
    const candidate = new Date(asIfUtc - offsetHours * 3_600_000);
    const back = inLondon(candidate);
    if (back.date === date && back.time === time) return candidate.toISOString();
  }
  return null;
}
