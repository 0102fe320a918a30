import type { ServerResponse } from 'node:http';
import type { EventName, MethodName } from '../../../shared/api';
import type { ReviewerRole } from '../../../shared/api/methods/profiles';
import { mayCall } from '../../../shared/permissions/roles';
import type { Backend } from '../backend';
import { IDLE_LIMIT_MS, tokenHash } from '../services/accounts/sessions';

/**
 * Events that show what only some roles may read, by the method whose row in the role table decides:
 * an import's progress names its files, so it goes to those who may follow an import. The others carry
 * nothing beyond "look again" (library.changed), which every screen then asks for under its own rules.
 */
const EVENT_READERS: Partial<Record<EventName, MethodName>> = { 'import.progress': 'import.status' };

export function hears(event: EventName, role: ReviewerRole): boolean {
  const method = EVENT_READERS[event];
  return method === undefined || mayCall(role, method);
}

interface Stream {
  token: string;
  role: ReviewerRole;
}

/** How often open streams are checked against their sessions (and sent a keep-alive for proxies). */
export const STREAM_CHECK_MS = 30_000;

export interface TeamEventStreams {
  /** A logged-in browser's stream, kept while the session with `token` lives; `role` decides what it hears. */
  add(res: ServerResponse, token: string, role: ReviewerRole): void;
  /** The session of `token` ended here (logout, a new login): its streams close at once. */
  endSession(token: string | null): void;
  /** Closes every stream whose session ended elsewhere (another process, expiry, a disabled account). */
  check(): Promise<void>;
  readonly size: number;
  close(): void;
}

/**
 * This process's server-sent events, for logged-in browsers only: every event of the process's hub
 * (fed by the other processes through LISTEN/NOTIFY) goes to each open stream whose role may hear it. A stream does not count
 * as activity, so a tab left open still lets its session end when idle; it is closed then, found by a
 * read-only check every STREAM_CHECK_MS, and at once when its session ends on this process.
 */
export function teamEventStreams(
  backend: Pick<Backend, 'events' | 'database' | 'clock'>,
  options: { checkMs?: number; log: (message: string) => void },
): TeamEventStreams {
  const streams = new Map<ServerResponse, Stream>();
  const unsubscribe = backend.events.subscribe((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const [res, { role }] of streams) if (hears(event, role)) res.write(frame);
  });
  const end = (res: ServerResponse) => {
    streams.delete(res);
    res.end();
  };

  const check = async () => {
    const tokens = [...new Set([...streams.values()].map((stream) => stream.token))];
    if (tokens.length === 0) return;
    const now = backend.clock.now();
    const live = await backend.database.query
      .selectFrom('team_sessions')
      .innerJoin('accounts', 'accounts.profile_id', 'team_sessions.profile_id')
      .innerJoin('reviewer_profiles', 'reviewer_profiles.id', 'team_sessions.profile_id')
      .select(['token_hash', 'reviewer_profiles.role'])
      .where('token_hash', 'in', tokens.map(tokenHash))
      .where('expires_at', '>', now.toISOString())
      .where('last_seen_at', '>', new Date(now.getTime() - IDLE_LIMIT_MS).toISOString())
      .where('accounts.disabled_at', 'is', null)
      .execute();
    // A role changed by an administrator since the stream opened counts from this check on.
    const roles = new Map(live.map((row) => [row.token_hash, row.role]));
    for (const [res, stream] of streams) {
      const role = roles.get(tokenHash(stream.token));
      if (role === undefined) end(res);
      else {
        stream.role = role;
        res.write(': keep-alive\n\n');
      }
    }
  };
  const timer = setInterval(() => {
    check().catch((error: unknown) =>
      options.log(`[earmark] Could not check the open event streams' sessions: ${(error as Error).message}`),
    );
  }, options.checkMs ?? STREAM_CHECK_MS);
  timer.unref();

  return {
    add(res, token, role) {
      streams.set(res, { token, role });
      res.on('close', () => streams.delete(res));
    },
    endSession(token) {
      if (token === null) return;
      for (const [res, held] of streams) if (held.token === token) end(res);
    },
    check,
    get size() {
      return streams.size;
    },
    close() {
      clearInterval(timer);
      unsubscribe();
      for (const res of [...streams.keys()]) end(res);
    },
  };
}
