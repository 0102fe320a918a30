import type { Clock } from '../../clock';
import type { CallContext, SessionChannel } from '../../context';
import type { Database } from '../../db/database';
import { teamActors } from './sessions';

/**
 * What the team host does for every API request (one call of this, then one dispatch):
 *
 * ```ts
 * const channel: SessionChannel = {
 *   token: cookieValue ?? null,            // the session cookie the request carried
 *   address: clientAddress,                // socket address, or the proxy's X-Forwarded-For
 *   setToken: (token, expiresAt) => …,     // Set-Cookie: earmark_session=token; HttpOnly; SameSite=Strict; Path=/
 *   clear: () => …,                        // Set-Cookie that expires it
 * };
 * const reply = await backend.dispatch(method, payload, teamCall(backend, channel));
 * ```
 *
 * Who acts is read from the token inside the dispatch (once per call, only when the method or the login
 * rule needs it). The reply never carries the token: a login hands it to `setToken` instead.
 */
export function teamCall(
  backend: { database: Database; clock: Clock },
  channel: SessionChannel,
): CallContext {
  return { actors: teamActors(backend.database, backend.clock, channel.token), session: channel };
}
