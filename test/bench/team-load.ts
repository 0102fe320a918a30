import { loadavg } from 'node:os';
import { Balancer, loginAll, REAL_SOURCES, seedTeam, type Sample, type TeamUser } from '../support/team-load';
import { builtCli, spawnTeamServer, type TeamServerProcess } from '../support/team-servers';
import { createDatabase, startPostgresCluster } from '../support/postgres';
import { percentile, round } from './stats';

/**
 * A team at work: 50 reviewers with their own accounts, logged in over HTTP (session cookie, Origin),
 * each reviewing in a loop (library page or search, open a call or chat, its waveform, moments, mark
 * one, start an evaluation, three autosaves, submit) with 250–750 ms between steps, against two
 * `earmark serve --team` processes (the build's CLI) on one throwaway PostgreSQL (fsync off), every
 * request to the next server in turn as a load balancer would send it. Real calls and chats from
 * /work/shared/data are imported first. The pace is several times a person's: load, not a day's work.
 * team_load_ms_*: each request's time as the client saw it (this process shares the machine with both
 * servers and PostgreSQL); team_load_errors: requests not answered 2xx. The CPU figures say where the
 * time went, per request: the two servers, PostgreSQL, this client. Counted after a warm-up; beside it,
 * team_load_alone_ms_*: the same review by one person alone (what the load adds is the difference).
 */
export async function benchTeamLoad(quick: boolean): Promise<Record<string, number | string>> {
  const users = 50;
  const seconds = quick ? 10 : 20;
  const cluster = await startPostgresCluster();
  const servers: TeamServerProcess[] = [];
  try {
    const url = await createDatabase(cluster.adminUrl);
    const sources = quick ? REAL_SOURCES.small : [...REAL_SOURCES.small, ...REAL_SOURCES.more];
    const members = await seedTeam(url, { users, sources });
    servers.push(
      ...(await Promise.all(
        [0, 1].map(() => spawnTeamServer(url, { cli: builtCli(), nodeOptions: profiling() })),
      )),
    );
    const balancer = new Balancer(servers);
    const loginStarted = performance.now();
    const people = await loginAll(balancer, members);
    const loginMs = performance.now() - loginStarted;

    // Baseline, same run: the same review by one person with nobody else about, no pauses.
    const alone = await working(balancer, people.slice(0, 1), quick ? 3 : 5, [0, 0]);
    // Warm-up, not counted: each process opens its connections and compiles its hot paths.
    await working(balancer, people, quick ? 2 : 3, THINK_MS);

    const load = loadavg()[0]!;
    const serverCpu = () => servers.reduce((sum, server) => sum + (server.cpuSeconds() ?? NaN), 0);
    const before = { servers: serverCpu(), pg: cluster.cpuSeconds() ?? NaN, client: process.cpuUsage() };
    const started = performance.now();
    const acked = balancer.acks.length;
    const samples = await working(balancer, people, seconds, THINK_MS);
    const elapsed = (performance.now() - started) / 1000;
    const client = process.cpuUsage(before.client);
    const used = {
      servers: serverCpu() - before.servers,
      pg: (cluster.cpuSeconds() ?? NaN) - before.pg,
      client: (client.user + client.system) / 1e6,
    };
    for (const person of people) person.close();

    const failed = samples.filter((sample) => !sample.ok);
    for (const sample of failed.slice(0, 5))
      console.warn(`team_load error: ${sample.method}: ${sample.problem}`);
    const ms = samples.map((sample) => sample.ms);
    const perCall = (cpuSeconds: number) => round((cpuSeconds * 1000) / samples.length, 2);
    return {
      team_load_users: users,
      team_load_seconds: round(elapsed),
      team_load_requests: samples.length,
      team_load_requests_per_s: round(samples.length / elapsed),
      team_load_reviews_submitted: balancer.acks.slice(acked).filter((ack) => ack.kind === 'submit').length,
      team_load_ms_p50: round(percentile(ms, 50), 2),
      team_load_ms_p95: round(percentile(ms, 95), 2),
      team_load_ms_p99: round(percentile(ms, 99), 2),
      team_load_errors: failed.length,
      team_load_alone_ms_p50: round(
        percentile(
          alone.map((sample) => sample.ms),
          50,
        ),
        2,
      ),
      team_load_alone_ms_p95: round(
        percentile(
          alone.map((sample) => sample.ms),
          95,
        ),
        2,
      ),
      team_load_ms_p95_by_method: byMethod(samples),
      team_load_server_cpu_ms_per_request: perCall(used.servers),
      team_load_pg_cpu_ms_per_request: perCall(used.pg),
      team_load_client_cpu_ms_per_request: perCall(used.client),
      team_load_login_all_ms: round(loginMs),
      team_load_loadavg_1m: round(load, 2),
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await cluster.stop();
  }
}

/** Pauses between one person's steps: several times a person's pace. */
const THINK_MS = [250, 750] as const;

/** `people` at work for `seconds`; the requests they made. */
async function working(
  balancer: Balancer,
  people: readonly TeamUser[],
  seconds: number,
  thinkMs: readonly [number, number],
): Promise<Sample[]> {
  const from = balancer.samples.length;
  const until = performance.now() + seconds * 1000;
  await Promise.all(people.map((person, i) => person.work({ until, thinkMs, seed: i + 1 })));
  return balancer.samples.slice(from);
}

/** `library.list 12.3, interaction.get 8.1, …`: each method's p95, slowest first. */
function byMethod(samples: { method: string; ms: number }[]): string {
  const groups = new Map<string, { ms: number }[]>();
  for (const sample of samples) groups.set(sample.method, [...(groups.get(sample.method) ?? []), sample]);
  return [...groups]
    .map(
      ([method, group]) =>
        [
          method,
          percentile(
            group.map((s) => s.ms),
            95,
          ),
        ] as const,
    )
    .sort((a, b) => b[1] - a[1])
    .map(([method, p95]) => `${method} ${round(p95, 1)}`)
    .join(', ');
}

/** EARMARK_BENCH_PROFILE=DIR: the servers write CPU profiles there (node --cpu-prof), to see where time goes. */
function profiling(): string[] {
  const dir = process.env.EARMARK_BENCH_PROFILE;
  return dir ? ['--cpu-prof', '--cpu-prof-dir', dir] : [];
}
