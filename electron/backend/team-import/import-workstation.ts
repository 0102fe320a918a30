import { sql } from 'kysely';
import type { Database } from '../db/database';
import type { Query } from '../db/schema';
import { findLogin } from '../services/accounts/accounts';
import { PASSWORD_COST, type ScryptCost } from '../services/accounts/password-hash';
import { seedBuiltInRubrics } from '../services/rubrics/seed';
import {
  copyCoachingSessions,
  copyEvaluations,
  copyInteractions,
  copyMoments,
  copyRubrics,
  copyTags,
  copyTeamsAndAgents,
  nothingAdded,
  type Added,
  type CopyContext,
} from './copy-history';
import {
  copyMysteryShops,
  copyPlaybackPositions,
  copyQueuePlans,
  copyReels,
  recordingMap,
  type LeftOut,
} from './copy-programme';
import { copyNotes, openAuthorKeys, wipe, type NoteCredentials } from './private-notes';
import type { IdMap } from './rows';
import { openWorkstationCopy } from './workstation-copy';

/**
 * `earmark team import-workstation`: a workstation's history joins the team (issue 14, point 10).
 *
 * Who is who: every workstation profile becomes a team account's profile. `--map "PROFILE=USERNAME"`
 * names the account for a profile; a profile not named so goes to the team profile of the same name
 * (regardless of case: the account made for that person, as `team user add --name` names it). A profile
 * that is neither stops the import before anything is written, naming it: accounts are made by people,
 * not guessed by an import. Several profiles may go to one account.
 *
 * What comes over: teams, agents, calls and chats with recordings, peaks and transcripts, tags,
 * moments, rubrics and their versions, evaluations, coaching sessions with their actions and notes,
 * wow reels, mystery scenarios and shops, review-queue plans with their draws, playback positions.
 * Private notes come over still encrypted (private-notes.ts). Everything is written in one transaction,
 * and found again by what it is on a second run, which adds nothing (copy-history.ts,
 * copy-programme.ts). Not copied: calibration sessions (counted in the summary, with why), import
 * history, the workstation's settings. The workstation itself is left as it was (workstation-copy.ts).
 */

export interface WorkstationImportOptions {
  /**
   * The workstation's data folder (its SQLite and keys/), taken exclusively as the app takes it, and left
   * as it was: its database is read from a copy (workstation-copy.ts).
   */
  readonly dataDir: string;
  /** The team's PostgreSQL. */
  readonly target: Database;
  /** Workstation profile name → team username (`--map`). */
  readonly map?: ReadonlyMap<string, string>;
  /** Authors whose private notes come over (`--notes-stdin`). */
  readonly credentials?: readonly NoteCredentials[];
  /** A folder of the team server's to copy recordings into; null keeps their paths as they are. */
  readonly copyRecordingsTo?: string | null;
  /** The scrypt cost of a note key made for an author's first private notes (tests lower it). */
  readonly passwordCost?: ScryptCost;
  readonly log?: (message: string) => void;
}

export interface WorkstationImport {
  /** Which workstation profile went to which account (username, or the profile's name). */
  readonly profiles: { workstation: string; team: string }[];
  readonly added: Added;
  /** Private notes not copied, per workstation profile, for want of her passphrase and team password. */
  readonly privateNotesLeftOut: { profile: string; count: number }[];
  /** What this import does not copy, with how many the workstation has and why. */
  readonly notCopied: LeftOut[];
}

export async function importWorkstation(options: WorkstationImportOptions): Promise<WorkstationImport> {
  const log = options.log ?? ((message: string) => console.error(message));
  // The workstation's folder is only read: the database from a copy, the keys where they lie.
  const source = await openWorkstationCopy(options.dataDir, {
    command: 'earmark team import-workstation',
    log,
  });
  try {
    const src = source.database.query;
    const people = await mapProfiles(src, options.target.query, options.map ?? new Map());
    const keys = await openAuthorKeys(
      src,
      options.dataDir,
      options.target,
      options.credentials ?? [],
      people.byName,
      options.passwordCost ?? PASSWORD_COST,
      log,
    );
    try {
      // The built-in rubrics under their keys, so the workstation's are found, not copied beside them.
      await seedBuiltInRubrics(options.target);
      const added = nothingAdded();
      const { leftOut, plansLeftOut } = await options.target.transaction(async (dst) => {
        const c: CopyContext = {
          src,
          dst,
          profiles: people.ids,
          added,
          copyRecordingsTo: options.copyRecordingsTo ?? null,
        };
        const { teams, agents } = await copyTeamsAndAgents(c);
        const tags = await copyTags(c);
        const interactions = await copyInteractions(c, agents);
        const moments = await copyMoments(c, interactions, tags);
        const versions = await copyRubrics(c);
        const evaluations = await copyEvaluations(c, interactions, versions, moments);
        const recordings = await recordingMap(c, interactions);
        const shops = await copyMysteryShops(c, { agents, versions, recordings, moments });
        const sessions = await copyCoachingSessions(c, agents, evaluations, moments, shops);
        await copyReels(c, moments);
        const plansLeftOut = await copyQueuePlans(c, { teams, agents, interactions });
        await copyPlaybackPositions(c, interactions);
        return { leftOut: await copyNotes(c, sessions, keys), plansLeftOut };
      });
      return {
        profiles: people.pairs,
        added,
        privateNotesLeftOut: [...leftOut].map(([id, count]) => ({ profile: people.nameOf.get(id)!, count })),
        notCopied: [...plansLeftOut, ...(await notCopied(src))],
      };
    } finally {
      wipe(keys);
    }
  } finally {
    await source.close();
  }
}

interface People {
  /** Workstation profile id → team profile id. */
  ids: IdMap;
  /** Lower-case workstation name → both ids and the account's username. */
  byName: Map<string, { workstationId: number; teamId: number; username: string }>;
  nameOf: Map<number, string>;
  pairs: { workstation: string; team: string }[];
}

async function mapProfiles(src: Query, dst: Query, map: ReadonlyMap<string, string>): Promise<People> {
  const profiles = await src.selectFrom('reviewer_profiles').select(['id', 'name']).orderBy('id').execute();
  const wanted = new Map([...map].map(([profile, username]) => [profile.toLowerCase(), username]));
  const unknown = [...map.keys()].filter(
    (name) => !profiles.some((p) => p.name.toLowerCase() === name.toLowerCase()),
  );
  if (unknown.length > 0) {
    throw new Error(
      `--map: the workstation has no profile named ${unknown.map((name) => `"${name}"`).join(', ')} (its profiles: ${profiles.map((p) => p.name).join(', ')}).`,
    );
  }
  const people: People = { ids: new Map(), byName: new Map(), nameOf: new Map(), pairs: [] };
  const missing: string[] = [];
  for (const profile of profiles) {
    const username = wanted.get(profile.name.toLowerCase());
    let team: { id: number; username: string | null } | undefined;
    if (username !== undefined) {
      const login = await findLogin(dst, username);
      if (!login)
        throw new Error(`--map "${profile.name}=${username}": the team has no account "${username}".`);
      team = { id: login.profileId, username: login.username };
    } else {
      const row = await dst
        .selectFrom('reviewer_profiles as p')
        .leftJoin('accounts as a', 'a.profile_id', 'p.id')
        .select(['p.id', 'a.username'])
        .where(sql`lower(p.name)`, '=', profile.name.toLowerCase())
        .executeTakeFirst();
      team = row ? { id: row.id, username: row.username } : undefined;
    }
    if (!team) {
      missing.push(profile.name);
      continue;
    }
    people.ids.set(profile.id, team.id);
    people.nameOf.set(profile.id, profile.name);
    people.byName.set(profile.name.toLowerCase(), {
      workstationId: profile.id,
      teamId: team.id,
      username: team.username ?? profile.name,
    });
    people.pairs.push({ workstation: profile.name, team: team.username ?? profile.name });
  }
  if (missing.length > 0) {
    throw new Error(
      `These workstation profiles have no team account: ${missing.join(', ')}. Add their accounts (earmark team user add --name "…") or name one for each with --map "PROFILE=USERNAME"; nothing was copied.`,
    );
  }
  return people;
}

/**
 * What no run copies. Calibration sessions are blind scoring by several people, each answer kept
 * apart from evaluations until the reveal: one workstation's copy would mix one person's practice
 * rounds into the team's figures, so a team calibrates on its server.
 */
async function notCopied(src: Query): Promise<LeftOut[]> {
  const { n } = await src
    .selectFrom('calibration_sessions')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(n) > 0
    ? [
        {
          what: 'calibration sessions',
          count: Number(n),
          why: 'a calibration is blind scoring among the people of one Earmark; hold it again on the team server',
        },
      ]
    : [];
}
