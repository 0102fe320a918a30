import { Agent } from 'node:http';
import { join } from 'node:path';
import { createBackend, type Backend } from '../../electron/backend/backend';
import { sessionCookieName } from '../../electron/backend/host/team-guard';
import { createAccount } from '../../electron/backend/services/accounts/accounts';
import { hashPassword, PASSWORD_COST } from '../../electron/backend/services/accounts/password-hash';
import { startSession } from '../../electron/backend/services/accounts/sessions';
import type { EvaluationDetail } from '../../shared/api/methods/evaluations';
import type { RubricSummary } from '../../shared/api/methods/rubrics';
import type { InteractionDetail, LibraryItem } from '../../shared/api/schemas';
import type { RubricItem } from '../../shared/rubric/schema';
import { defaultRubric } from '../../shared/rubric/defaults';
import { sendRaw, type Answer } from './http';
import { resourcesDir, sharedData, tempDir } from './paths';
import { mulberry32 } from './seeded-random';

/**
 * A team at work, for the load benchmark and the kill test: real accounts that log in over HTTP to
 * `serve --team` processes (team-servers.ts) and review calls and chats imported from the real test
 * data, each request going to the next live server as a load balancer would send it.
 */

export const LOAD_PASSWORD = 'a reviewer password of some length';

/** Real calls (two legs, a transcript beside one) and chats from /work/shared/data (see its README). */
export const REAL_SOURCES = {
  small: [
    join(sharedData, 'audio', 'pyannote__pyannote-audio'),
    join(sharedData, 'chats', 'asappresearch__abcd', 'abcd_sample.json'),
  ],
  more: [
    join(sharedData, 'audio', 'aws-samples__amazon-transcribe-live-call-analytics'),
    join(sharedData, 'audio', 'Azure-Samples__cognitive-services-speech-sdk', 'test_call_audio.wav'),
    join(sharedData, 'audio', 'ggerganov__whisper.cpp', 'jfk.mp3'),
    join(sharedData, 'chats', 'google-research-datasets__dstc8-schema-guided-dialogue', 'train'),
  ],
};

/** A team member as the load sees them: their username, and a session cookie when one was opened for them. */
export interface Member {
  username: string;
  cookie: string | null;
}

/**
 * The team's database: `users` QA supervisor accounts (reviewer1…), made as `team user add` makes them,
 * at today's password cost, and `sources` imported (peaks and search index included). `sessions`: each
 * gets a session opened as a login opens it (its cookie), for a test that is not about logging in.
 */
export async function seedTeam(
  databaseUrl: string,
  options: { users: number; sources: string[]; sessions?: boolean },
): Promise<Member[]> {
  const data = tempDir('earmark-team-seed-');
  const backend = await createBackend({
    dataDir: data.dir,
    resourcesDir,
    version: '0.0.0-load',
    log: () => {},
    databaseUrl,
    mode: 'team',
  });
  try {
    // One hash for all: each login still verifies it at full cost; making fifty would only wait longer.
    const hash = await hashPassword(LOAD_PASSWORD, PASSWORD_COST);
    const members: Member[] = [];
    for (let i = 1; i <= options.users; i++) {
      const username = `reviewer${i}`;
      const { profileId } = await createAccount(
        backend.database,
        { username, name: username, role: 'qa_supervisor' },
        hash,
      );
      const session = options.sessions
        ? await startSession(backend.database.query, profileId, backend.clock.now(), '127.0.0.1')
        : null;
      members.push({ username, cookie: session && `${sessionCookieName(false)}=${session.token}` });
    }
    await importAll(backend, options.sources);
    return members;
  } finally {
    await backend.close();
    data.cleanup();
  }
}

async function importAll(backend: Backend, paths: string[]): Promise<void> {
  const { batchId } = await backend.imports.start({
    paths,
    pairLegs: true,
    roles: {},
    copyRecordings: false,
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    const status = await backend.imports.status(batchId);
    if (status.state !== 'planning' && status.state !== 'running') {
      if (status.state !== 'done' || status.failed > 0)
        throw new Error(`The import of the real data ended ${status.state}, ${status.failed} failed.`);
      return;
    }
    if (Date.now() > deadline) throw new Error('The import of the real data took over 2 minutes.');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface Door {
  readonly port: number;
  readonly origin: string;
}

/** One API request as it went: which server, how long, and whether it was answered 2xx. */
export interface Sample {
  server: number;
  method: string;
  /** performance.now() when it was sent. */
  at: number;
  ms: number;
  ok: boolean;
  /** The status and error code, or the connection's failure. */
  problem?: string;
}

/** A write the server acknowledged (2xx): it must be in the database whatever happens next. */
export type Ack =
  | { kind: 'moment'; server: number; id: number; comment: string }
  | { kind: 'draft'; server: number; id: number; revision: number; comment: string }
  | { kind: 'submit'; server: number; id: number };

/** A request not answered 2xx (or not sent: no server left). */
class CallFailed extends Error {}

/**
 * The servers as a load balancer sees them: each request goes to the next one in turn, and one that
 * dropped a connection is taken out (as a health check would), so the team keeps working on the rest.
 */
export class Balancer {
  readonly down = new Set<number>();
  private turn = 0;
  readonly samples: Sample[] = [];
  readonly acks: Ack[] = [];

  constructor(readonly doors: readonly Door[]) {}

  next(): number {
    for (let i = 0; i < this.doors.length; i++) {
      const index = this.turn++ % this.doors.length;
      if (!this.down.has(index)) return index;
    }
    throw new CallFailed('Every server is down.');
  }
}

/** One person's browser: a keep-alive connection to each server, the session cookie, the page's Origin. */
export class TeamUser {
  readonly username: string;
  private cookie: string | null;
  private lastServer = -1;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(
    member: Member,
    private readonly balancer: Balancer,
  ) {
    this.username = member.username;
    this.cookie = member.cookie;
  }

  /** An API call through the balancer, sampled; throws CallFailed on anything but a 2xx. */
  async call<T>(method: string, payload: unknown): Promise<T> {
    const server = this.balancer.next();
    const door = this.balancer.doors[server]!;
    const at = performance.now();
    let answer: Answer;
    try {
      answer = await sendRaw(door.port, `/api/${method}`, {
        method: 'POST',
        agent: this.agent,
        headers: {
          'Content-Type': 'application/json',
          Origin: door.origin,
          ...(this.cookie ? { Cookie: this.cookie } : {}),
        },
        body: JSON.stringify(payload),
      });
    } catch (error) {
      this.balancer.down.add(server);
      const problem = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      this.balancer.samples.push({ server, method, at, ms: performance.now() - at, ok: false, problem });
      throw new CallFailed(`${method} on server ${server}: ${problem}`);
    }
    const ms = performance.now() - at;
    const ok = answer.status >= 200 && answer.status < 300;
    const reply = answer.json<{ ok: boolean; value?: T; error?: { code: string; message: string } }>();
    const problem = ok ? undefined : `${answer.status} ${reply.error?.code}: ${reply.error?.message}`;
    this.balancer.samples.push({ server, method, at, ms, ok, problem });
    if (!ok) throw new CallFailed(`${method} on server ${server}: ${problem}`);
    this.lastServer = server;
    const cookie = answer.headers['set-cookie'];
    if (Array.isArray(cookie) && cookie[0]) this.cookie = cookie[0].split(';')[0]!;
    return reply.value as T;
  }

  login(): Promise<unknown> {
    return this.call('session.login', { username: this.username, password: LOAD_PASSWORD });
  }

  close(): void {
    this.agent.destroy();
  }

  /** A write just answered 2xx, by the server that answered it. */
  private ack(entry: DistributiveOmit<Ack, 'server'>): void {
    this.balancer.acks.push({ ...entry, server: this.lastServer } as Ack);
  }

  /**
   * Reviews until `until` (performance.now()): find a call or chat in the library (a page, a search, the
   * calls only), open it, its waveform and moments, mark a moment, then evaluate it: start, three
   * autosaves filling the form, submit. Waits `thinkMs` between steps; a refused or dropped step
   * abandons that review (as a person would reload) and the next begins.
   */
  async work(options: { until: number; thinkMs: readonly [number, number]; seed: number }): Promise<void> {
    const random = mulberry32(options.seed);
    const [least, most] = options.thinkMs;
    const next = async () => {
      await new Promise((resolve) => setTimeout(resolve, least + random() * (most - least)));
      return performance.now() < options.until;
    };
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    let rubricId: number | null = null;
    // People do not all click at the same instant.
    await next();
    for (let review = 0; performance.now() < options.until; review++) {
      try {
        rubricId ??= (await this.call<RubricSummary[]>('rubric.list', {})).find(
          (r) => r.key === defaultRubric('en').id,
        )!.id;
        await this.review(rubricId, `${this.username} review ${review}`, pick, next);
      } catch (error) {
        if (!(error instanceof CallFailed)) throw error;
        await next();
      }
    }
  }

  private async review(
    rubricId: number,
    marker: string,
    pick: <T>(items: readonly T[]) => T,
    next: () => Promise<boolean>,
  ): Promise<void> {
    const filters = pick([{}, { kind: 'call' }, { text: pick(SEARCHES) }]);
    let { items } = await this.call<{ items: LibraryItem[] }>('library.list', { filters, limit: 50 });
    if (items.length === 0) ({ items } = await this.call<{ items: LibraryItem[] }>('library.list', {}));
    if (!(await next())) return;
    const detail = await this.call<InteractionDetail>('interaction.get', { id: pick(items).id });
    if (!(await next())) return;
    const recording = detail.recording;
    if (recording) {
      await this.call('recording.peaksWindow', {
        recordingId: recording.id,
        fromMs: 0,
        toMs: Math.max(1, Math.min(recording.durationMs, 60_000)),
        targetPeaks: 1000,
      });
      if (!(await next())) return;
    }
    await this.call('moment.list', { interactionId: detail.id });
    if (!(await next())) return;
    const comment = `${marker}: a moment to coach`;
    const moment = await this.call<{ id: number }>('moment.create', {
      interactionId: detail.id,
      ...(recording
        ? { startMs: Math.floor(recording.durationMs / 2) }
        : { turnSeq: detail.segments[0]?.seq ?? 0 }),
      comment,
    });
    this.ack({ kind: 'moment', id: moment.id, comment });
    if (!(await next())) return;
    const evaluation = await this.call<EvaluationDetail>('evaluation.start', {
      interactionId: detail.id,
      rubricId,
    });
    const rubricItems = evaluation.rubric.sections.flatMap((section) => section.items);
    for (let part = 0; part < 3; part++) {
      if (!(await next())) return;
      const overallComment = `${marker}, save ${part + 1}`;
      const saved = await this.call<{ revision: number }>('evaluation.saveDraft', {
        id: evaluation.id,
        answers: rubricItems.filter((_, i) => i % 3 === part).map(passingAnswer),
        overallComment,
      });
      this.ack({ kind: 'draft', id: evaluation.id, revision: saved.revision, comment: overallComment });
    }
    if (!(await next())) return;
    await this.call('evaluation.submit', { id: evaluation.id });
    this.ack({ kind: 'submit', id: evaluation.id });
    await next();
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Words the real data holds (SGD's banking and homes, ABCD's store, the calls): searches that find. */
const SEARCHES = ['balance', 'transfer', 'refund', 'account', 'apartment', 'order', 'car', 'appointment'];

/** A passing answer with a comment, so the form is complete once every item has one. */
function passingAnswer(item: RubricItem) {
  const value =
    item.type === 'yesNo'
      ? { kind: 'yes' as const }
      : item.type === 'scale'
        ? { kind: 'scale' as const, value: item.max }
        : { kind: 'choice' as const, optionId: item.options.find((option) => !option.fail)!.id };
  return { itemId: item.id, value, comment: 'Seen in the call.' };
}

/** Everyone's browser; those without a session log in (each through the next server, as the balancer sends them). */
export async function loginAll(balancer: Balancer, members: readonly Member[]): Promise<TeamUser[]> {
  const users = members.map((member) => new TeamUser(member, balancer));
  await Promise.all(users.map((user, i) => (members[i]!.cookie ? null : user.login())));
  return users;
}
