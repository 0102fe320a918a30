import type { Reply } from '../errors';
import type { EventName, EventPayload, MethodName, Params, Result } from './contract';

type Namespace<M extends string> = M extends `${infer NS}.${string}` ? NS : never;
type FnIn<M extends string, NS extends string> = M extends `${NS}.${infer F}` ? F : never;

/** `window.earmark` as the preload exposes it: named functions that resolve to a Reply, never throw. */
export type EarmarkBridge = {
  [NS in Namespace<MethodName>]: {
    [F in FnIn<MethodName, NS>]: (
      params: Params<`${NS}.${F}` & MethodName>,
    ) => Promise<Reply<Result<`${NS}.${F}` & MethodName>>>;
  };
} & {
  /** Subscribes to a backend event; returns the unsubscribe. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /**
   * A URL the player's media element can load for this recording: the media scheme in the desktop
   * app; in the browser host a link with a signed ticket for this recording only, valid for hours
   * (long enough for a long call, not a standing key), so ask again when opening a recording anew.
   */
  mediaUrl(recordingId: number): Promise<string>;
  readonly transport: 'electron' | 'browser';
};

/** The same surface for renderer code: functions resolve to the value or throw an EarmarkError. */
export type EarmarkClient = {
  [NS in Namespace<MethodName>]: {
    [F in FnIn<MethodName, NS>]: (
      params: Params<`${NS}.${F}` & MethodName>,
    ) => Promise<Result<`${NS}.${F}` & MethodName>>;
  };
} & Pick<EarmarkBridge, 'on' | 'mediaUrl' | 'transport'>;
