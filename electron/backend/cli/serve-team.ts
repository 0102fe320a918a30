import { createBackend, type BackendOptions } from '../backend';
import { chooseDatabaseUrl, DATABASE_ENV } from '../db/choose';
import { startTeamServer } from '../host/team-server';
import { loadTls, parseListen, plainHttpRefusal } from '../host/team-listen';

export const SERVE_TEAM_USAGE = `  serve --team  Serve a team on PostgreSQL to browsers over the network, people logging in to their accounts:
           earmark serve --team --database URL --listen HOST:PORT [--tls-cert FILE --tls-key FILE |
           --behind-proxy] [--origin URL]. Plain HTTP only on 127.0.0.1 or behind a proxy that speaks
           HTTPS (--behind-proxy: its X-Forwarded-Proto/-For/-Host are believed). --origin: the address
           people open (https://earmark.example) when the Host header does not say it. Several such
           processes on one database serve as one; SIGTERM or Ctrl+C stops one cleanly`;

export interface ServeTeamFlags {
  database?: string;
  listen?: string;
  'tls-cert'?: string;
  'tls-key'?: string;
  'behind-proxy'?: boolean;
  origin?: string;
  json?: boolean;
}

/**
 * `earmark serve --team`: every option is checked before anything is opened, so a mistake costs no
 * database connection; then the backend in team mode, its jobs and events, and the server, until a
 * signal stops them in that order backwards.
 */
export async function runServeTeam(
  flags: ServeTeamFlags,
  base: Pick<BackendOptions, 'dataDir' | 'resourcesDir' | 'version'> & { rendererDir: string },
): Promise<number> {
  const databaseUrl = chooseDatabaseUrl(flags.database);
  if (!databaseUrl) {
    throw new Error(
      `serve --team needs --database postgres://… (or ${DATABASE_ENV}): a team server keeps its data in PostgreSQL.`,
    );
  }
  if (!flags.listen)
    throw new Error('serve --team needs --listen HOST:PORT, e.g. 127.0.0.1:8080 or 0.0.0.0:8443.');
  const listen = parseListen(flags.listen);
  const tls = loadTls(flags['tls-cert'], flags['tls-key']);
  const behindProxy = flags['behind-proxy'] ?? false;
  const refusal = plainHttpRefusal(listen, { tls: tls !== null, behindProxy });
  if (refusal) throw new Error(refusal);

  const backend = await createBackend({
    ...base,
    databaseUrl,
    mode: 'team',
    command: 'earmark serve --team',
  });
  let server;
  try {
    server = await startTeamServer({
      backend,
      rendererDir: base.rendererDir,
      listen,
      tls,
      behindProxy,
      origin: flags.origin ?? null,
    });
  } catch (error) {
    await backend.close();
    throw error;
  }
  const running = server;
  let stopping = false;
  const stop = () => {
    // A second signal does not wait for requests in flight or imports to hand over.
    if (stopping) process.exit(1);
    stopping = true;
    void running
      .close()
      .then(() => backend.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(`earmark: stopping the team server failed: ${(error as Error).message}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (flags.json) {
    console.log(
      JSON.stringify({
        url: running.url,
        port: running.port,
        tls: tls !== null,
        behindProxy,
        dataDir: base.dataDir,
      }),
    );
  } else console.log(`Earmark team server is running at ${running.url}`);
  return new Promise<number>(() => {}); // serve until stopped
}
