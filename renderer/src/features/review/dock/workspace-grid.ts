/**
 * The review workspace lays out by its own width, not the window's: beside the docked form it is
 * narrow, and the transcript and the moments stack instead of squeezing side by side. `lg` (two
 * columns) starts where it did for the full-width page on a 1200 px window.
 */
export const workspaceBreakpoints = { xs: '30em', sm: '40em', md: '48em', lg: '60em', xl: '75em' };
