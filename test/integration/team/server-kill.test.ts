import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { earmarkCli } from '../../support/cli';
import { freshPostgresUrl } from '../../support/engines';
import { Balancer, loginAll, REAL_SOURCES, seedTeam, type Ack, type Member } from '../../support/team-load';
import { spawnTeamServer, type TeamServerProcess } from '../../support/team-servers';

/**
 * Two `earmark serve --team` processes on one PostgreSQL, a team reviewing through both (each request
 * to the next live server, as a load balancer sends them), and one of them killed outright (SIGKILL)
 * in the middle: every write either server answered 2xx is in the database afterwards, and the other
 * server answers every request sent to it, before, during and after the kill.
 */
const USERS = 10;
let url: string;
let members: Member[];
const servers: TeamServerProcess[] = [];

beforeAll(async () => {
  url = await freshPostgresUrl();
  // Logging in is not what is tested here (host.test.ts is): sessions are opened as a login opens them.
  const seeded = seedTeam(url, { users: USERS, sources: REAL_SOURCES.small, sessions: true });
  const started = [0, 1].map(() => spawnTeamServer(url, { cli: earmarkCli() }));
  const results = await Promise.allSettled([seeded, ...started]);
  for (const result of results.slice(1))
    if (result.status === 'fulfilled') servers.push(result.value as TeamServerProcess);
  for (const result of results) if (result.status === 'rejected') throw result.reason;
  members = await seeded;
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
});

it('loses no acknowledged write when one of two servers is killed mid-load, and the other keeps serving', async () => {
  const balancer = new Balancer(servers);
  const people = await loginAll(balancer, members);
  const started = performance.now();
  const working = Promise.all(
    people.map((person, i) => person.work({ until: started + 6_000, thinkMs: [0, 20], seed: i + 1 })),
  );
  // Mid-load: once server 0 has acknowledged every kind of write, while requests to it are in flight.
  const ackedBy0 = (kind: Ack['kind']) => balancer.acks.some((ack) => ack.server === 0 && ack.kind === kind);
  while (!(['moment', 'draft', 'submit'] as const).every(ackedBy0)) {
    if (performance.now() > started + 4_500)
      throw new Error(
        `Server 0 acknowledged no submit in 4.5 s; refused: ${JSON.stringify(balancer.samples.filter((s) => !s.ok).slice(0, 5))}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const killedAt = performance.now();
  await servers[0]!.kill();
  await working;

  const onKilled = balancer.samples.filter((sample) => sample.server === 0);
  const onOther = balancer.samples.filter((sample) => sample.server === 1);
  // The kill cut server 0 off mid-load; server 1 answered everything, and went on after the kill.
  expect(onKilled.filter((sample) => !sample.ok).length).toBeGreaterThan(0);
  expect(onOther.filter((sample) => !sample.ok)).toEqual([]);
  expect(onOther.filter((sample) => sample.at > killedAt && sample.ok).length).toBeGreaterThan(20);
  // And after the load, everyone is still logged in, on the server left.
  for (const person of people)
    expect(await person.call('session.me', {})).toMatchObject({ account: { role: 'qa_supervisor' } });
  for (const person of people) person.close();

  await expectAllAcknowledged(balancer.acks);
}, 90_000);

/** Every acknowledged moment, autosave and submit, read back from the database itself. */
async function expectAllAcknowledged(acks: readonly Ack[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const moments = acks.filter((ack) => ack.kind === 'moment');
    const drafts = acks.filter((ack) => ack.kind === 'draft');
    const submitted = new Set(acks.filter((ack) => ack.kind === 'submit').map((ack) => ack.id));
    expect(moments.length).toBeGreaterThan(0);
    expect(submitted.size).toBeGreaterThan(0);

    const storedMoments = new Map(
      (
        await client.query<{ id: number; comment: string }>(
          'SELECT id::int AS id, comment FROM moments WHERE id = ANY($1)',
          [moments.map((ack) => ack.id)],
        )
      ).rows.map((row) => [row.id, row.comment]),
    );
    for (const ack of moments) expect(storedMoments.get(ack.id), `moment ${ack.id}`).toBe(ack.comment);

    // The last save each evaluation had acknowledged: the database holds it, or a later one (a save
    // whose answer the kill cut off may still have been committed).
    const lastSave = new Map(drafts.map((ack) => [ack.id, ack]));
    const { rows } = await client.query<{
      id: number;
      revision: number;
      state: string;
      overall_comment: string;
    }>(
      'SELECT id::int AS id, revision::int AS revision, state, overall_comment FROM evaluations WHERE id = ANY($1)',
      [[...lastSave.keys()]],
    );
    expect(rows).toHaveLength(lastSave.size);
    for (const row of rows) {
      const ack = lastSave.get(row.id)!;
      expect(row.revision, `evaluation ${row.id}`).toBeGreaterThanOrEqual(ack.revision);
      if (row.revision === ack.revision) expect(row.overall_comment).toBe(ack.comment);
      if (submitted.has(row.id)) expect(row.state, `evaluation ${row.id}`).toBe('submitted');
    }
  } finally {
    await client.end();
  }
}
