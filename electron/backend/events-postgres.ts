import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { EventName } from '../../shared/api';
import type { EventHub } from './events';

/** The one channel every server process of a team listens on. */
export const EVENTS_CHANNEL = 'earmark_events';
/** NOTIFY refuses a payload of 8000 bytes or more; what is bigger goes as a "changed, refetch" signal. */
const MAX_NOTIFY_BYTES = 7900;
/** Events about the shared library; the others (profile.changed) concern one process's own session. */
const SHARED_EVENTS: ReadonlySet<EventName> = new Set<EventName>(['library.changed', 'import.progress']);
/** Messages kept while the connection is down, sent once it is back; older ones are dropped. */
const MAX_WAITING = 1000;
const MAX_RECONNECT_MS = 5000;

/** What goes over the channel: an event of the hub, one too big to carry, or a signal between processes. */
type Envelope =
  | { o: string; e: EventName; p: unknown }
  | { o: string; e: EventName; big: true }
  | { o: string; s: string; d: unknown };

export interface EventBridgeOptions {
  url: string;
  hub: EventHub;
  log: (message: string) => void;
  /** First wait before reconnecting after the connection dropped (doubles up to 5 s). */
  reconnectMs?: number;
}

export interface EventBridge {
  /** This process's mark on what it sends, so its own messages are not delivered to it a second time. */
  readonly origin: string;
  /** Resolves once the process listens (the first connection). */
  readonly ready: Promise<void>;
  /** Sends a signal to the other processes (not this one): their `onSignal(name)` handlers get `data`. */
  signal(name: string, data: unknown): void;
  /** Returns the unsubscribe. */
  onSignal(name: string, handler: (data: unknown) => void): () => void;
  stop(): Promise<void>;
}

/**
 * Carries a process's library events to every other server process on the same PostgreSQL and theirs
 * to it (LISTEN/NOTIFY on one channel, one dedicated connection), so an import running on one process
 * shows its progress to users connected to any. Each event is delivered once to each hub: the process
 * that emitted it has delivered it already and skips its own NOTIFY. A dropped connection is opened
 * again; what was missed meanwhile cannot be replayed, so the hub then gets a "changed, refetch" signal.
 */
export function startEventBridge(options: EventBridgeOptions): EventBridge {
  const origin = randomUUID();
  const firstWait = options.reconnectMs ?? 250;
  const handlers = new Map<string, Set<(data: unknown) => void>>();
  const waiting: string[] = [];
  let client: pg.Client | null = null;
  let connected = false;
  let stopped = false;
  let everConnected = false;
  let wait = firstWait;
  let timer: NodeJS.Timeout | null = null;
  let sending: Promise<void> = Promise.resolve();
  /** True while a remote event is handed to the hub, whose listener (below) must not send it back out. */
  let delivering = false;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const send = (envelope: Envelope) => {
    const text = JSON.stringify(envelope);
    if (!connected || !client) {
      waiting.push(text);
      if (waiting.length > MAX_WAITING) waiting.shift();
      return;
    }
    // One after the other on one connection, so progress arrives in the order it happened.
    const connection = client;
    sending = sending
      .then(() => connection.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, text]))
      .then(
        () => undefined,
        (error: Error) =>
          options.log(`[earmark] Could not pass an event to the other server processes: ${error.message}`),
      );
  };

  const deliver = (event: EventName, payload: unknown) => {
    delivering = true;
    try {
      options.hub.emit(event, payload as never);
    } catch (error) {
      // A process of another version may send what this one cannot read; it is dropped, not fatal.
      options.log(`[earmark] Dropped an event from another server process: ${(error as Error).message}`);
    } finally {
      delivering = false;
    }
  };

  const onNotification = (message: pg.Notification) => {
    if (message.channel !== EVENTS_CHANNEL || !message.payload) return;
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message.payload) as Envelope;
    } catch {
      return;
    }
    if (envelope.o === origin) return;
    if ('s' in envelope) {
      for (const handler of handlers.get(envelope.s) ?? []) handler(envelope.d);
    } else if ('big' in envelope) {
      deliver('library.changed', { reason: 'details' });
    } else {
      deliver(envelope.e, envelope.p);
    }
  };

  const unsubscribe = options.hub.subscribe((event, payload) => {
    if (delivering || stopped || !SHARED_EVENTS.has(event)) return;
    const envelope: Envelope = { o: origin, e: event, p: payload };
    const fits = Buffer.byteLength(JSON.stringify(envelope)) <= MAX_NOTIFY_BYTES;
    send(fits ? envelope : { o: origin, e: event, big: true });
  });

  const dropped = (connection: pg.Client, error?: Error) => {
    if (client !== connection) return;
    client = null;
    connected = false;
    connection.removeAllListeners('notification');
    void connection.end().catch(() => {});
    if (stopped) return;
    if (error)
      options.log(`[earmark] Lost the event connection to PostgreSQL (${error.message}); reconnecting`);
    timer = setTimeout(connect, wait);
    wait = Math.min(wait * 2, MAX_RECONNECT_MS);
  };

  async function connect(): Promise<void> {
    timer = null;
    if (stopped) return;
    const connection = new pg.Client({
      connectionString: options.url,
      application_name: `earmark-events ${origin.slice(0, 8)}`,
    });
    client = connection;
    connection.on('notification', onNotification);
    connection.on('error', (error) => dropped(connection, error));
    connection.on('end', () => dropped(connection));
    try {
      await connection.connect();
      await connection.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (error) {
      dropped(connection, error as Error);
      return;
    }
    if (client !== connection || stopped) return;
    connected = true;
    wait = firstWait;
    for (const text of waiting.splice(0)) send(JSON.parse(text) as Envelope);
    // Whatever the others sent while this process was deaf is lost: its screens fetch afresh.
    if (everConnected) deliver('library.changed', { reason: 'details' });
    everConnected = true;
    markReady();
  }

  void connect();

  return {
    origin,
    ready,
    signal: (name, data) => send({ o: origin, s: name, d: data }),
    onSignal(name, handler) {
      const set = handlers.get(name) ?? new Set();
      handlers.set(name, set);
      set.add(handler);
      return () => set.delete(handler);
    },
    async stop() {
      stopped = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      markReady();
      const connection = client;
      client = null;
      connected = false;
      if (connection) await connection.end().catch(() => {});
    },
  };
}
