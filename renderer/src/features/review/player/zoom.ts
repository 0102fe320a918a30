/** Closest zoom, in pixels per second: syllables are apart, so an interruption can be placed exactly. */
export const MAX_ZOOM = 400;
/** The zoom slider runs 0 (whole call in view) to this, logarithmically, so every step feels the same. */
export const ZOOM_STEPS = 100;
export const ZOOM_KEY_STEP = 10;

/** Slider position → pixels per second; 0 means "fit the whole recording". */
export function zoomFromStep(step: number, fit: number): number {
  if (step <= 0 || fit <= 0) return 0;
  return fit * (MAX_ZOOM / fit) ** (Math.min(step, ZOOM_STEPS) / ZOOM_STEPS);
}

/** Pixels per second → slider position. */
export function stepFromZoom(zoom: number, fit: number): number {
  if (zoom <= fit || fit <= 0) return 0;
  return Math.round((Math.log(zoom / fit) / Math.log(MAX_ZOOM / fit)) * ZOOM_STEPS);
}
