/** Electron IPC channel names, one place for main and preload: `earmark:<method>` per method, one for events. */
export const METHOD_CHANNEL_PREFIX = 'earmark:';
export const EVENT_CHANNEL = 'earmark:event';
