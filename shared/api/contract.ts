import { z } from 'zod';
import {
  AppInfo,
  DemoStatus,
  Id,
  InteractionDetail,
  InteractionKind,
  InteractionSummary,
  Language,
  Peaks,
  Settings,
} from './schemas';

/**
 * The API contract: every method once, with the schema of its parameters and of its result.
 * Both transports (Electron IPC, browser host), the preload bridge and the renderer client are
 * derived from this object; nothing is typed twice.
 *
 * Method names are `<area>.<action>`; the area becomes a namespace on `window.earmark`.
 */
const method = <P extends z.ZodType, R extends z.ZodType>(params: P, result: R) => ({ params, result });
const NoParams = z.object({}).strict();

export const methods = {
  'app.info': method(NoParams, AppInfo),

  'settings.get': method(NoParams, Settings),
  'settings.update': method(z.object({ language: Language.nullable().optional() }).strict(), Settings),

  'demo.status': method(NoParams, DemoStatus),
  'demo.load': method(NoParams, z.object({ calls: z.number().int(), chats: z.number().int() })),
  'demo.decline': method(NoParams, DemoStatus),

  'library.list': method(
    z
      .object({
        kind: InteractionKind.optional(),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    z.object({ total: z.number().int().nonnegative(), items: z.array(InteractionSummary) }),
  ),

  'interaction.get': method(z.object({ id: Id }).strict(), InteractionDetail),

  'recording.peaks': method(
    z
      .object({
        recordingId: Id,
        /** Roughly how many peaks the caller wants across the whole recording; the nearest stored resolution is returned. */
        targetPeaks: z.number().int().min(100).max(1_000_000).default(4000),
      })
      .strict(),
    Peaks,
  ),
} as const;

/** Events the backend pushes to the renderer (Electron: webContents.send; browser host: server-sent events). */
export const events = {
  'library.changed': z.object({ reason: z.enum(['demo', 'import', 'delete']) }),
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
