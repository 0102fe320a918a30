import type { AudioDamage } from '../../../shared/api';

/** 83_000 → "1:23"; 5_025_000 → "1:23:45". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(language, { timeStyle: 'medium' }).format(date);
}

/** A recording's damage in the reader's language: "12" of "3,020", "0.4%", "0.86" seconds (de "0,4 %", "0,86"). */
export function damageFigures(damage: AudioDamage, language: string) {
  const number = new Intl.NumberFormat(language);
  const share = damage.damaged / damage.total;
  return {
    count: number.format(damage.damaged),
    total: number.format(damage.total),
    // Never "0 %" for damage that is there.
    percent: new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(
      Math.max(share, 0.001),
    ),
    // The unit is in the text: Intl's unit names differ between ICU versions ("s", "Sek.").
    seconds: new Intl.NumberFormat(language, {
      maximumFractionDigits: damage.damagedMs < 1000 ? 2 : 1,
    }).format(damage.damagedMs / 1000),
  };
}
