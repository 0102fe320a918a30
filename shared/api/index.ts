export * from './contract';
export * from './schemas';
export type * from './bridge';
export * from './channels';
export * from './methods/import';
