/** Rubrics, answers, scoring and its explanation: pure, shared by backend and renderer. */
export * from './schema';
export * from './json';
export * from './answers';
export * from './items';
export * from './percent';
export * from './outcome';
export * from './scoring';
export * from './explain';
export * from './mystery';
export * from './defaults';
