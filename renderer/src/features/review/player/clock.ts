/**
 * Reads a time the way supervisors write it in a complaint or a ticket: "1:45:00", "105:00", "6300"
 * (seconds), with "." or "," allowed for a fraction of a second. Null when it is not a time.
 */
export function parseClock(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (!/^\d+(:\d{1,2}){0,2}(\.\d+)?$/.test(trimmed)) return null;
  const parts = trimmed.split(':').map(Number);
  if (parts.slice(1).some((part) => part >= 60)) return null;
  const seconds = parts.reduce((total, part) => total * 60 + part, 0);
  return Math.round(seconds * 1000);
}
