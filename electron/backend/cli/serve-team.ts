import { existsSync, realpathSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { createBackend, type BackendOptions } from '../backend';
import { parseSize } from '../team-files/config';
import { chooseDatabaseUrl, DATABASE_ENV } from '../db/choose';
import { startTeamServer } from '../host/team-server';
import { loadTls, parseListen, plainHttpRefusal } from '../host/team-listen';

export const SERVE_TEAM_USAGE = `  serve --team  Serve a team on PostgreSQL to browsers over the network, people logging in to their accounts:
           earmark serve --team --database URL --listen HOST:PORT [--tls-cert FILE --tls-key FILE |
           --behind-proxy] [--origin URL]. Plain HTTP only on 127.0.0.1 or behind a proxy that speaks
           HTTPS (--behind-proxy: its X-Forwarded-Proto/-For/-Host are believed). --origin: the address
           people open (https://earmark.example) when the Host header does not say it. Several such
           processes on one database serve as one; SIGTERM or Ctrl+C stops one cleanly.
           --storage DIR: where uploaded and transcoded recordings are kept (default DATA/storage);
           every process of one team must be given the same folder (a shared disk).
           --import-folder DIR (repeatable): a folder the team may import from (the share a call
           recorder writes to); nothing outside these folders and the storage is ever read.
           --max-upload-size SIZE: the largest file an upload may be (default 2G)`;

export interface ServeTeamFlags {
  database?: string;
  listen?: string;
  'tls-cert'?: string;
  'tls-key'?: string;
  'behind-proxy'?: boolean;
  origin?: string;
  storage?: string;
  'import-folder'?: string[];
  'max-upload-size'?: string;
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

  const importFolders = (flags['import-folder'] ?? []).map((folder) => checkedFolder(folder, base.dataDir));
  const maxUploadBytes =
    flags['max-upload-size'] === undefined ? undefined : parseSize(flags['max-upload-size']);

  const backend = await createBackend({
    ...base,
    databaseUrl,
    mode: 'team',
    files: {
      ...(flags.storage ? { storage: resolve(flags.storage) } : {}),
      importFolders,
      ...(maxUploadBytes !== undefined ? { maxUploadBytes } : {}),
    },
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
        storage: backend.teamFiles?.storageDir ?? null,
        importFolders: importFolders,
      }),
    );
  } else console.log(`Earmark team server is running at ${running.url}`);
  return new Promise<number>(() => {}); // serve until stopped
}

/** An --import-folder as given, refused at start-up unless it is a folder this user can list. */
function checkedFolder(given: string, dataDir: string): string {
  const path = resolve(given);
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch {
    throw new Error(`--import-folder ${given}: there is no such folder.`);
  }
  if (!isFolder)
    throw new Error(`--import-folder ${given} is a file; name the folder the recordings are in.`);
  // Everyone who imports could read it: never the folder with the server's keys in it.
  const real = realpathSync(path);
  const data = existsSync(dataDir) ? realpathSync(dataDir) : resolve(dataDir);
  if (data === real || data.startsWith(real.endsWith(sep) ? real : real + sep)) {
    throw new Error(
      `--import-folder ${given} holds the server's own data folder (${dataDir}); name the folder the recordings are in.`,
    );
  }
  return path;
}
