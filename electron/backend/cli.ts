import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend } from './backend';
import { runImport } from './cli/import-command';
import { runMysteryImport, runMysteryList } from './cli/mystery-command';
import { runServeTeam, SERVE_TEAM_USAGE } from './cli/serve-team';
import { runTeamCommand, TEAM_USAGE } from './cli/team-command';
import { chooseDatabaseUrl, DATABASE_ENV } from './db/choose';
import { runDoctor, formatDoctorReport } from './doctor';
import { runPostgresDoctor } from './doctor-postgres';
import { startBrowserHost } from './host/server';
import { defaultDataDir } from './paths';

/** `earmark <command>`: admin and scripting entry on the same backend as the app. */

// Built: out/main/cli.js; the app root (package.json, resources/, out/renderer) is two levels up.
const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const version = (JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { version: string })
  .version;

const USAGE = `Usage: earmark <command> [options]

Commands:
  serve    Serve the workstation to a browser on 127.0.0.1 (prints the URL with its access token)
${SERVE_TEAM_USAGE}
  doctor   Check the database (read-only, also while Earmark runs): integrity, schema version, counts
  import   Import recordings, transcripts, chats and a manifest: earmark import PATH... [--manifest FILE]
           [--name-pattern PATTERN] [--pair-legs] [--copy]; --json prints {imported, updated, skipped,
           failed, manifest, unrecognised}: every file given, each once. A manifest's rows for files
           already in the library (same content, or the same file name) update their details
  mystery  Mystery shops: earmark mystery import FILE --mapping MAPPING.json [--recordings DIR] imports
           an agency's spreadsheet (CSV or XLSX, one shop a row; --json prints {imported, skipped,
           failed}); earmark mystery list prints every shop
${TEAM_USAGE}

Options:
  --data DIR   Data directory (default: ${defaultDataDir()}); recordings and keys stay here on either database
  --database URL  A team's PostgreSQL, e.g. postgres://earmark@db.example:5432/earmark (default: the
               ${DATABASE_ENV} environment variable, else the SQLite file in the data directory). On
               PostgreSQL, parts of Earmark not yet moved onto it answer 'unavailable'
  --port N     serve: port to listen on (default: a free one)
  --manifest FILE  import: the spreadsheet mapping files to agent, team, start time ...
  --name-pattern PATTERN  import: read details from file names, e.g.
               '{*}_AGENT_{agent}_DT_{datetime:yyyy-MM-ddTHH-mm-ss}_{*}' (remembered for the folder;
               '' forgets it). Placeholders: {agent} {team} {direction} {queue} {customer} {id}
               {date:FORMAT} {time:FORMAT} {datetime:FORMAT} {*}; a manifest row wins over it
  --pair-legs  import: pair <name>_agent / <name>_caller files into one stereo call
  --copy       import: copy recordings into the data directory
  --mapping FILE  mystery import: which column is what (see docs/mystery-import.md)
  --recordings DIR  mystery import: the folder with the recordings the sheet names (or named by shop id)
  --json       Print machine-readable JSON
  --help       Show this help`;

async function main(argv: string[]): Promise<number> {
  // Its own options (--team NAME, --role …), parsed apart so they never clash with other commands'.
  if (argv[0] === 'team') return runTeamCommand(argv.slice(1));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      database: { type: 'string' },
      port: { type: 'string' },
      json: { type: 'boolean', default: false },
      manifest: { type: 'string' },
      'name-pattern': { type: 'string' },
      'pair-legs': { type: 'boolean', default: false },
      copy: { type: 'boolean', default: false },
      mapping: { type: 'string' },
      recordings: { type: 'string' },
      help: { type: 'boolean', default: false },
      team: { type: 'boolean', default: false },
      listen: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'behind-proxy': { type: 'boolean', default: false },
      origin: { type: 'string' },
      storage: { type: 'string' },
      'import-folder': { type: 'string', multiple: true },
      'max-upload-size': { type: 'string' },
    },
  });
  const [command] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const dataDir = resolve(values.data ?? defaultDataDir());
  const teamFlags = (
    [
      'team',
      'listen',
      'tls-cert',
      'tls-key',
      'behind-proxy',
      'origin',
      'storage',
      'import-folder',
      'max-upload-size',
    ] as const
  ).filter((name) => values[name] !== undefined && values[name] !== false);
  if (teamFlags.length > 0 && !(command === 'serve' && values.team)) {
    throw new Error(`${teamFlags.map((name) => `--${name}`).join(', ')}: only for earmark serve --team.`);
  }
  if (command === 'serve' && values.team) {
    if (values.port !== undefined)
      throw new Error('serve --team listens where --listen HOST:PORT says, not on --port.');
    const rendererDir = join(appRoot, 'out', 'renderer');
    return runServeTeam(values, { dataDir, resourcesDir: join(appRoot, 'resources'), version, rendererDir });
  }
  const databaseUrl = chooseDatabaseUrl(values.database);
  const backendOptions = {
    dataDir,
    resourcesDir: join(appRoot, 'resources'),
    version,
    ...(databaseUrl ? { databaseUrl } : {}),
  };

  if (command === 'serve') {
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new Error(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
    }
    const backend = await createBackend({ ...backendOptions, command: 'earmark serve' });
    const host = await startBrowserHost({ backend, rendererDir: join(appRoot, 'out', 'renderer'), port });
    let stopping = false;
    const stop = () => {
      // A second Ctrl+C does not wait; the lock on the data folder still goes with the process.
      if (stopping) process.exit(1);
      stopping = true;
      void host
        .close()
        .then(() => backend.close())
        .then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    // Only now: whoever reads this line may stop the host at once, and must find the handlers in place.
    if (values.json) console.log(JSON.stringify({ url: host.url, port: host.port, dataDir }));
    else console.log(`Earmark is running at ${host.url}`);
    return new Promise<number>(() => {}); // serve until stopped
  }

  if (command === 'doctor') {
    // Read-only: it may run beside the Earmark that owns the folder.
    const report = databaseUrl ? await runPostgresDoctor({ dataDir, databaseUrl }) : runDoctor({ dataDir });
    console.log(values.json ? JSON.stringify(report) : formatDoctorReport(report));
    return report.ok ? 0 : 1;
  }

  if (command === 'import') {
    // The manifest alone updates the details of recordings imported before, found by their file names.
    const paths = positionals.length > 1 ? positionals.slice(1) : values.manifest ? [values.manifest] : [];
    if (paths.length === 0) throw new Error('import needs at least one file or folder to import.');
    const backend = await createBackend({ ...backendOptions, command: 'earmark import' });
    // Ctrl+C or a kill stops after the file in progress (wholly in or out), reports, and frees the
    // folder; a second one exits at once (the lock still goes, with the process).
    let interrupted: number | null = null;
    const stop = (signal: NodeJS.Signals) => {
      if (interrupted !== null) process.exit(interrupted);
      interrupted = signal === 'SIGINT' ? 130 : 143;
      void backend.imports.closeAll();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    try {
      const code = await runImport(backend, {
        paths,
        manifest: values.manifest,
        namePattern: values['name-pattern'],
        pairLegs: values['pair-legs'],
        copy: values.copy,
        json: values.json,
      });
      return interrupted ?? code;
    } finally {
      await backend.close();
    }
  }

  if (command === 'mystery') {
    const [, sub, file, ...rest] = positionals;
    if (sub !== 'import' && sub !== 'list') throw new Error('mystery needs import FILE or list.');
    if (sub === 'import' && (!file || rest.length > 0)) throw new Error('mystery import takes one FILE.');
    const backend = await createBackend({ ...backendOptions, command: `earmark mystery ${sub}` });
    try {
      if (sub === 'list') return await runMysteryList(backend, values.json);
      return await runMysteryImport(backend, {
        file: file!,
        mapping: values.mapping,
        recordings: values.recordings,
        json: values.json,
      });
    } finally {
      await backend.close();
    }
  }

  console.error(`Unknown command "${command}".\n\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`earmark: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
