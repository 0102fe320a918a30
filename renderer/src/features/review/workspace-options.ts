import type { Moment } from '../../../../shared/api/methods/review';

/**
 * How a review workspace is offered. `moments: false` is a calibration's blind scoring: a moment is
 * a library moment everyone sees, so one pinned there (or anyone's shown there) could hint at an answer.
 * The call or chat is then shown without moments and with nothing to pin them.
 */
export interface WorkspaceOptions {
  moments?: boolean;
}

export const NO_MOMENTS: readonly Moment[] = [];
