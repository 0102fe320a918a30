import { createHash, randomBytes } from 'node:crypto';
import { EarmarkError } from '../../../../shared/errors';
import type { Clock } from '../../clock';
import type { Acting, ActorSource } from '../../context';
import type { Database } from '../../db/database';
import { prepared } from '../../db/prepared';
import { TeamNoteKeys, wrapForSession } from '../../privacy/team-note-key';
import type { Query } from '../../db/schema';

/**
 * Team login sessions. The client holds a random token (the team host's cookie); the database holds only
 * its SHA-256, so a copy of the database cannot be replayed as anyone's login. A session ends when it
 * has not been used for IDLE_LIMIT_MS, at ABSOLUTE_LIMIT_MS after login however busy, on logout, and
 * when its person's password changes or their account is disabled.
 */

/** A session unused this long has ended (a lunch break is fine; an unattended evening is not). */
export const IDLE_LIMIT_MS = 2 * 60 * 60_000;
/** However busy, a session ends this long after login: one working day, then log in again. */
export const ABSOLUTE_LIMIT_MS = 12 * 60 * 60_000;
/** `last_seen_at` is written at most this often per session: a burst of calls is one write, not many. */
export const SEEN_REFRESH_MS = 60_000;

const TOKEN_BYTES = 32;

export const newSessionToken = (): string => randomBytes(TOKEN_BYTES).toString('base64url');

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Starts a session for `profileId` and returns its token (stored only as its hash). With the person's
 * opened `noteKey`, the session keeps it wrapped by its token (privacy/team-note-key.ts): unlocked for
 * as long as the session lives, for whoever presents the cookie.
 */
export async function startSession(
  q: Query,
  profileId: number,
  now: Date,
  address: string | null,
  noteKey: Buffer | null = null,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + ABSOLUTE_LIMIT_MS);
  await q
    .insertInto('team_sessions')
    .values({
      token_hash: tokenHash(token),
      profile_id: profileId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      address: address?.slice(0, 100) ?? null,
      note_key: noteKey ? wrapForSession(token, profileId, noteKey) : null,
    })
    .execute();
  return { token, expiresAt };
}

/** Ends the session of `token`; whether there was one. */
export async function endSession(q: Query, token: string): Promise<boolean> {
  const result = await q
    .deleteFrom('team_sessions')
    .where('token_hash', '=', tokenHash(token))
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Ends every session of a person (password changed or reset, account disabled). */
export async function endSessionsOf(q: Query, profileId: number): Promise<void> {
  await q.deleteFrom('team_sessions').where('profile_id', '=', profileId).execute();
}

/** Drops sessions that have ended by time, so the table holds only live ones. */
export async function forgetEndedSessions(q: Query, now: Date): Promise<void> {
  await q
    .deleteFrom('team_sessions')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', now.toISOString()),
        eb('last_seen_at', '<=', new Date(now.getTime() - IDLE_LIMIT_MS).toISOString()),
      ]),
    )
    .execute();
}

export const notLoggedIn = () =>
  new EarmarkError('not_allowed', 'Log in first: this team server serves only its team members.');

const loginAgain = (why: string) => new EarmarkError('not_allowed', `Log in again: ${why}.`);

/**
 * Whose session `token` is, at `now`: the profile id and who is looking (role, agent record, teams
 * led: read per call, so a changed role or team counts at once) with the login's note key (opened
 * only when a seal or open needs it), or why nobody acts. Ends (deletes) a session found
 * expired, and refreshes `last_seen_at` when it is over a minute old.
 */
export async function sessionActor(q: Query, token: string | null, now: Date): Promise<Acting> {
  if (!token) return nobody(notLoggedIn());
  const hash = tokenHash(token);
  const [row] = (await sessionOfToken(q, { hash })).rows;
  if (!row) return nobody(loginAgain('your session has ended (logged out, or the password was changed)'));
  const nowMs = now.getTime();
  const idle = nowMs - Date.parse(row.last_seen_at) >= IDLE_LIMIT_MS;
  const over = nowMs >= Date.parse(row.expires_at);
  if (row.disabled_at !== null || idle || over) {
    await q.deleteFrom('team_sessions').where('token_hash', '=', hash).execute();
    if (row.disabled_at !== null) return nobody(loginAgain('this account has been disabled'));
    return nobody(
      loginAgain(idle ? 'your session ended after a quiet spell' : 'your session has reached its time limit'),
    );
  }
  if (nowMs - Date.parse(row.last_seen_at) >= SEEN_REFRESH_MS) {
    await markSeen(q, { hash, at: now.toISOString() });
  }
  const teamIds =
    row.role === 'team_lead'
      ? (await teamsLedBy(q, { profileId: row.profile_id })).rows.map((team) => team.team_id)
      : [];
  const keys = new TeamNoteKeys({
    profileId: row.profile_id,
    token,
    noteKey: row.note_key ? Buffer.from(row.note_key) : null,
    keySince: row.key_since,
  });
  return {
    actorId: row.profile_id,
    keys,
    viewer: {
      profileId: row.profile_id,
      role: row.role,
      agentId: row.role === 'agent' ? row.agent_id : null,
      teamIds,
    },
  };
}

/** Asked before every call of a team server: one statement, compiled once. */
const sessionOfToken = prepared((q, slot: { hash: string }) =>
  q
    .selectFrom('team_sessions')
    .innerJoin('accounts', 'accounts.profile_id', 'team_sessions.profile_id')
    .innerJoin('reviewer_profiles as p', 'p.id', 'team_sessions.profile_id')
    .leftJoin('profile_keys as k', 'k.profile_id', 'team_sessions.profile_id')
    .select([
      'team_sessions.profile_id',
      'last_seen_at',
      'expires_at',
      'accounts.disabled_at',
      'accounts.agent_id',
      'p.role',
      'team_sessions.note_key',
      'k.created_at as key_since',
    ])
    .where('token_hash', '=', slot.hash),
);

/** A team lead's teams, asked with who acts on each of their calls (what they see of agents and shops). */
const teamsLedBy = prepared((q, slot: { profileId: number }) =>
  q.selectFrom('account_teams').select('team_id').where('profile_id', '=', slot.profileId).orderBy('team_id'),
);

const markSeen = prepared((q, slot: { hash: string; at: string }) =>
  q.updateTable('team_sessions').set({ last_seen_at: slot.at }).where('token_hash', '=', slot.hash),
);

function nobody(refusal: EarmarkError): Acting {
  return { actorId: null, lockedProfileId: null, refusal };
}

/**
 * Who acts in one team-host call, from the token the request presented (its cookie): the dispatch asks
 * it once per call (`dispatch(method, payload, { actors: teamActors(…), session })`). A disabled account
 * or an ended session acts as nobody, refused with `not_allowed` ("Log in again: …").
 */
export function teamActors(database: Database, clock: Clock, token: string | null): ActorSource {
  return { acting: () => sessionActor(database.query, token, clock.now()) };
}
