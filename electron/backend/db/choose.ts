import { EarmarkError } from '../../../shared/errors';

/** The environment variable that names a team's database when no --database is given. */
export const DATABASE_ENV = 'EARMARK_DATABASE';

/**
 * Which database a command works on: `--database URL`, else EARMARK_DATABASE, else (undefined) the
 * SQLite file in the data folder, as always. Only PostgreSQL URLs are taken; anything else is refused
 * naming what was given, before anything is opened.
 */
export function chooseDatabaseUrl(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const given = flag ?? (env[DATABASE_ENV] ? env[DATABASE_ENV] : undefined);
  if (given === undefined) return undefined;
  const source = flag !== undefined ? '--database' : DATABASE_ENV;
  let protocol: string;
  try {
    protocol = new URL(given).protocol;
  } catch {
    throw new EarmarkError(
      'invalid_params',
      `${source}: "${given}" is not a URL; give a PostgreSQL one, e.g. postgres://earmark@db.example:5432/earmark.`,
    );
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new EarmarkError(
      'invalid_params',
      `${source}: Earmark keeps a team's data in PostgreSQL (postgres://…), not ${protocol.slice(0, -1)}; ` +
        'without it, it uses the SQLite file in the data folder.',
    );
  }
  return given;
}
