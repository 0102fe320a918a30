import { z } from 'zod';
import { accountMethods } from './methods/accounts';
import { agentMethods } from './methods/agents';
import { appMethods } from './methods/app';
import { calibrationMethods } from './methods/calibration';
import { coachingMethods } from './methods/coaching';
import { detailsMethods } from './methods/details';
import { evaluationMethods } from './methods/evaluations';
import { ImportProgress, importMethods } from './methods/import';
import { libraryMethods } from './methods/library';
import { mysteryMethods } from './methods/mystery';
import { mysteryImportMethods } from './methods/mystery-import';
import { mysteryFigureMethods } from './methods/mystery-figures';
import { profileMethods } from './methods/profiles';
import { queueMethods } from './methods/queue';
import { reelMethods } from './methods/reels';
import { reviewMethods } from './methods/review';
import { rubricMethods } from './methods/rubrics';
import { sessionMethods } from './methods/session';
import { waveformMethods } from './methods/waveform';

/**
 * The API contract: every method once, with the schema of its parameters and of its result, grouped
 * by area in ./methods. Both transports (Electron IPC, browser host), the preload bridge and the
 * renderer client are derived from this object; nothing is typed twice.
 *
 * Method names are `<area>.<action>`; the area becomes a namespace on `window.earmark`.
 */
export const methods = {
  ...appMethods,
  ...libraryMethods,
  ...detailsMethods,
  ...importMethods,
  ...reviewMethods,
  ...waveformMethods,
  ...profileMethods,
  ...rubricMethods,
  ...evaluationMethods,
  ...agentMethods,
  ...coachingMethods,
  ...reelMethods,
  ...mysteryMethods,
  ...mysteryImportMethods,
  ...mysteryFigureMethods,
  ...sessionMethods,
  ...accountMethods,
  ...queueMethods,
  ...calibrationMethods,
} as const;

/** Events the backend pushes to the renderer (Electron: webContents.send; browser host: server-sent events). */
export const events = {
  'library.changed': z.object({ reason: z.enum(['demo', 'import', 'delete', 'details']) }),
  'import.progress': ImportProgress,
  /** The acting profile changed or was locked (also by the idle timer): screens showing private notes drop them. */
  'profile.changed': z.object({ currentId: z.number().int().positive().nullable(), locked: z.boolean() }),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type Params<M extends MethodName> = z.input<Methods[M]['params']>;
export type ParsedParams<M extends MethodName> = z.output<Methods[M]['params']>;
export type Result<M extends MethodName> = z.output<Methods[M]['result']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

/** Splits `library.list` into its namespace and function name (`library`, `list`). */
export function splitMethodName(name: MethodName): [string, string] {
  const dot = name.indexOf('.');
  return [name.slice(0, dot), name.slice(dot + 1)];
}
