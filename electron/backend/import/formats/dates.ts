/**
 * Dates in the files a QA team receives, turned into ISO 8601 UTC strings (as the rest of
 * Earmark stores them). A date or time without a zone is the local time of this machine:
 * a spreadsheet saying "10.03.2024 14:30" means half past two where the user sits.
 */

const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
// German 10.03.2024 14:30, Finnish 10.3.2024 klo 14.30 (Finns separate hours with a dot).
const DMY = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(?:klo\s+)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$/i;

interface Parts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
  /** Minutes east of UTC; null for local time. */
  offset: number | null;
}

function num(value: string | undefined): number {
  return value === undefined ? 0 : Number(value);
}

function toIso(p: Parts): string | null {
  if (p.mo < 1 || p.mo > 12 || p.d < 1 || p.d > 31 || p.h > 23 || p.mi > 59 || p.s > 59) return null;
  const date =
    p.offset === null
      ? new Date(p.y, p.mo - 1, p.d, p.h, p.mi, p.s, p.ms)
      : new Date(Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s, p.ms) - p.offset * 60_000);
  // 31.02. rolls over to March in Date; a real calendar day must survive the round trip.
  const check = p.offset === null ? date : new Date(Date.UTC(p.y, p.mo - 1, p.d));
  const [cy, cm, cd] =
    p.offset === null
      ? [check.getFullYear(), check.getMonth(), check.getDate()]
      : [check.getUTCFullYear(), check.getUTCMonth(), check.getUTCDate()];
  if (cy !== p.y || cm !== p.mo - 1 || cd !== p.d || Number.isNaN(date.getTime())) return null;
  return date.toISOString();
}

function offsetMinutes(zone: string | undefined): number | null {
  if (zone === undefined) return null;
  if (zone.toUpperCase() === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return null;
  return (m[1] === '-' ? -1 : 1) * (num(m[2]) * 60 + num(m[3]));
}

const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Two ASCII digits at `at` as a number (the caller has checked they are digits). */
const twoDigits = (text: string, at: number) =>
  (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;

/**
 * A canonical UTC timestamp (`2026-01-05T08:00:00.000Z`) that names a real instant, so it is already
 * what toIso would return. Checked by arithmetic rather than a Date round trip: chat exports hold one
 * a message, and parsing and printing a Date for each was a tenth of a bulk import.
 */
function isCanonicalUtc(value: string): boolean {
  if (value.length !== 24 || !CANONICAL_UTC.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= days && twoDigits(value, 11) < 24 && twoDigits(value, 14) < 60 && twoDigits(value, 17) < 60;
}

/** ISO 8601 (with or without zone), `YYYY-MM-DD HH:mm[:ss]`, `DD.MM.YYYY [HH:mm[:ss]]`; else null. */
export function parseDateTime(text: string): string | null {
  const value = text.trim();
  // Fast path for what most exports write: canonical UTC with milliseconds.
  if (isCanonicalUtc(value)) return value;
  const iso = ISO.exec(value);
  if (iso) {
    const fraction = (iso[7] ?? '').slice(0, 3).padEnd(3, '0');
    return toIso({
      y: num(iso[1]),
      mo: num(iso[2]),
      d: num(iso[3]),
      h: num(iso[4]),
      mi: num(iso[5]),
      s: num(iso[6]),
      ms: num(fraction),
      offset: offsetMinutes(iso[8]),
    });
  }
  const dmy = DMY.exec(value);
  if (dmy) {
    return toIso({
      y: num(dmy[3]),
      mo: num(dmy[2]),
      d: num(dmy[1]),
      h: num(dmy[4]),
      mi: num(dmy[5]),
      s: num(dmy[6]),
      ms: 0,
      offset: null,
    });
  }
  return null;
}

const YEAR_10000 = 253_402_300_800_000;

/**
 * Epoch seconds or milliseconds. Below 1e11 the value is seconds (1e11 s is the year 5138;
 * 1e11 ms is 1973, before any chat export), so the size can tell them apart.
 */
export function epochToIso(value: number): string | null {
  if (!Number.isFinite(value) || value < 0) return null;
  const ms = value >= 1e11 ? value : value * 1000;
  return ms < YEAR_10000 ? new Date(Math.round(ms)).toISOString() : null;
}

/** Excel day numbers (1900 system: day 1 = 1900-01-01; 25569 = 1970-01-01), local wall-clock time. */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return null;
  // Whole seconds: the float day fraction of 14:30 is 14:29:59.99999.
  return wallClockToIso(new Date(Math.round((serial - 25569) * 86_400) * 1000));
}

/**
 * Spreadsheets store wall-clock times without a zone; exceljs hands them over as Dates whose
 * UTC fields are the wall-clock fields. Read them so and make them local.
 */
export function wallClockToIso(date: Date): string | null {
  if (Number.isNaN(date.getTime())) return null;
  return new Date(
    date.getUTCFullYear(),
    date.getUTCMonth(),
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
    date.getUTCMilliseconds(),
  ).toISOString();
}

/** A Date's wall-clock fields as `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm:ss` (no zone), for table cells. */
export function wallClockText(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
}

/**
 * A timestamp from a chat export: ISO text, epoch seconds or ms (number or digits).
 * null when there is none, undefined when the value is not a date (the caller names it).
 */
export function timestampToIso(value: unknown): string | null | undefined {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number') return epochToIso(value) ?? undefined;
  if (typeof value !== 'string') return undefined;
  if (/^\d+(?:\.\d+)?$/.test(value.trim())) return epochToIso(Number(value)) ?? undefined;
  return parseDateTime(value) ?? undefined;
}
