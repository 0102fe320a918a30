import {
  methodNames,
  splitMethodName,
  type EarmarkBridge,
  type EarmarkClient,
  type MethodName,
} from '../../../shared/api';
import { EarmarkError, type Reply } from '../../../shared/errors';
import { takeAccessToken } from './access-token';
import { createBrowserBridge } from './browser-bridge';

declare global {
  interface Window {
    /** Present in the desktop app (exposed by the preload); absent in the browser host. */
    earmark?: EarmarkBridge;
  }
}

/** Hears every failed call: how a team server's ended login is noticed whichever screen made the call. */
export type ApiErrorListener = (error: EarmarkError, method: MethodName) => void;

/**
 * Wraps a bridge so each call resolves to its value or throws an EarmarkError with the backend's code
 * (and tells `onError` first).
 */
export function createClient(bridge: EarmarkBridge, onError?: ApiErrorListener): EarmarkClient {
  const namespaces: Record<string, Record<string, (params: unknown) => Promise<unknown>>> = {};
  for (const name of methodNames) {
    const [ns, fn] = splitMethodName(name);
    const call = (
      bridge as unknown as Record<string, Record<string, (p: unknown) => Promise<Reply<unknown>>>>
    )[ns]![fn]!;
    (namespaces[ns] ??= {})[fn] = async (params: unknown) => {
      const reply = await call(params ?? {});
      if (reply.ok) return reply.value;
      const error = EarmarkError.fromBody(reply.error);
      onError?.(error, name);
      throw error;
    };
  }
  return {
    ...(namespaces as unknown as Omit<EarmarkClient, 'on' | 'mediaUrl' | 'transport'>),
    on: bridge.on.bind(bridge),
    mediaUrl: bridge.mediaUrl.bind(bridge),
    transport: bridge.transport,
  };
}

const errorListeners = new Set<ApiErrorListener>();

/** Listens to every failed call of `api`; returns the unsubscribe. */
export function onApiError(listener: ApiErrorListener): () => void {
  errorListeners.add(listener);
  return () => errorListeners.delete(listener);
}

/** The client for this window: the preload's bridge in the desktop app, HTTP in the browser host. */
export const api: EarmarkClient = createClient(
  window.earmark ?? createBrowserBridge(takeAccessToken(window.location, sessionStorage, window.history)),
  (error, method) => errorListeners.forEach((listener) => listener(error, method)),
);
