/** Query keys of the calibration screens: a session as its viewer sees it, and its result. */
export const calibrationKey = (id: number) => ['calibration', id] as const;
export const resultsKey = (id: number) => ['calibration', id, 'results'] as const;
export const calibrationListKey = ['calibration', 'list'] as const;
