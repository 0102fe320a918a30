/** `2026-11-02` → "2 Nov 2026" / "2. Nov. 2026" / "2.11.2026"; a day, so no time zone can move it. */
export function formatDay(isoDate: string | null | undefined, language: string): string {
  if (!isoDate) return '–';
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  if (!y || !m || !d) return isoDate;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(new Date(y, m - 1, d));
}
