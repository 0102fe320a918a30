import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Moment, Tag } from '../../../../../shared/api/methods/review';
import { momentTone, tagLabel } from '../moments/tag-label';
import type { WaveSurferSetup } from './create-wavesurfer';

const PREFIX = 'moment-';
/** A drag shorter than this was meant as a click (seek), not a range. */
const MIN_RANGE_MS = 300;
const COLORS = {
  issue: { normal: 'rgba(245, 158, 11, 0.22)', selected: 'rgba(245, 158, 11, 0.45)' },
  exemplary: { normal: 'rgba(34, 197, 94, 0.22)', selected: 'rgba(34, 197, 94, 0.45)' },
};
const SELECTING = 'rgba(67, 56, 202, 0.18)';

export interface MomentRegionHandlers {
  /** A moment's region was clicked: select it and play from its start. */
  onOpen(momentId: number): void;
  /** A moment's region was dragged or resized. */
  onMove(momentId: number, startMs: number, endMs: number | null): void;
  /** The reviewer dragged out a new range on the waveform; null where no moment may be pinned. */
  onRange: ((startMs: number, endMs: number) => void) | null;
  /** Whether the reviewer may move this moment (their own): someone else's region stays put. */
  mayMove(moment: Moment): boolean;
}

/** The tag on a moment's region: small and legible over the waveform (regions live in wavesurfer's shadow DOM). */
function regionLabel(text: string): HTMLElement {
  const label = document.createElement('span');
  label.textContent = text;
  Object.assign(label.style, {
    display: 'inline-block',
    margin: '2px 0 0 3px',
    padding: '0 4px',
    font: '600 10px/16px system-ui, sans-serif',
    color: '#78350f',
    background: 'rgba(255, 255, 255, 0.85)',
    borderRadius: '3px',
    whiteSpace: 'nowrap',
    pointerEvents: 'none',
  });
  return label;
}

const momentIdOf = (id: string) => (id.startsWith(PREFIX) ? Number(id.slice(PREFIX.length)) : null);

/** Shows the moments as regions on the waveform and turns dragging on it into new range moments. */
export function useMomentRegions(
  setup: WaveSurferSetup | null,
  moments: readonly Moment[],
  selectedId: number | null,
  tags: ReadonlyMap<number, Tag>,
  handlers: MomentRegionHandlers,
): void {
  const { t } = useTranslation();
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  const { mayMove } = handlers;

  useEffect(() => {
    if (!setup) return;
    const { regions } = setup;
    const unsubscribers = [
      regions.on('region-clicked', (region, event) => {
        const id = momentIdOf(region.id);
        if (id === null) return;
        event.stopPropagation(); // the waveform would seek to the click instead
        latest.current.onOpen(id);
      }),
      regions.on('region-updated', (region) => {
        const id = momentIdOf(region.id);
        if (id === null) return;
        const startMs = Math.round(region.start * 1000);
        const endMs = region.end > region.start ? Math.round(region.end * 1000) : null;
        latest.current.onMove(id, startMs, endMs);
      }),
      regions.on('region-created', (region) => {
        if (momentIdOf(region.id) !== null) return;
        const startMs = Math.round(region.start * 1000);
        const endMs = Math.round(region.end * 1000);
        region.remove(); // the new moment's own region replaces it once saved
        if (endMs - startMs >= MIN_RANGE_MS) latest.current.onRange?.(startMs, endMs);
      }),
    ];
    // Without pinning (a calibration's blind scoring) dragging on the waveform only seeks.
    const stopSelecting = latest.current.onRange
      ? regions.enableDragSelection({ color: SELECTING })
      : () => {};
    return () => {
      stopSelecting();
      unsubscribers.forEach((off) => off());
    };
  }, [setup]);

  useEffect(() => {
    if (!setup) return;
    const { regions } = setup;
    const timed = moments.filter((moment) => moment.startMs !== null);
    const wanted = new Set(timed.map((moment) => PREFIX + moment.id));
    for (const region of regions.getRegions()) if (!wanted.has(region.id)) region.remove();
    const existing = new Map(regions.getRegions().map((region) => [region.id, region]));
    for (const moment of timed) {
      const id = PREFIX + moment.id;
      const colors = COLORS[momentTone(moment.tagIds, tags)];
      const first = tags.get(moment.tagIds[0] ?? -1);
      const movable = mayMove(moment);
      const options = {
        start: moment.startMs! / 1000,
        end: (moment.endMs ?? moment.startMs!) / 1000,
        color: moment.id === selectedId ? colors.selected : colors.normal,
        content: first ? regionLabel(tagLabel(t, first)) : undefined,
        drag: movable,
        resize: movable && moment.endMs !== null,
      };
      const region = existing.get(id);
      if (region) region.setOptions(options);
      else regions.addRegion({ id, ...options });
    }
  }, [setup, moments, selectedId, tags, t, mayMove]);
}
