import { events, type EventName, type EventPayload } from '../../shared/api';

type Listener = (event: EventName, payload: unknown) => void;

/** Fan-out of backend events to whichever transports are attached (IPC windows, SSE clients). */
export class EventHub {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const checked = events[event].parse(payload);
    for (const listener of this.listeners) listener(event, checked);
  }

  /** Returns the unsubscribe. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
