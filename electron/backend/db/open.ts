import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { EarmarkError } from '../../../shared/errors';
import { createPrivateFile, makeFilePrivate, mkdirPrivate } from '../data-folder/permissions';
import { DATABASE_FILE } from '../paths';
import { migrations as defaultMigrations } from './migrations';

export type Db = Database.Database;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export interface OpenOptions {
  /** Overrides the migration list (tests). */
  migrations?: readonly Migration[];
  /** Path of a better-sqlite3 native build; Electron passes its own ABI build here. */
  nativeBinding?: string;
  /**
   * Backs the database up into backups/ before migrating it (the default). A temporary copy (the team
   * import's of a workstation) has no use for one: the original is the backup.
   */
  backup?: boolean;
  /** The file messages name instead of the one opened: the workstation's own, for the import's copy. */
  shownAs?: string;
}

export { DATABASE_FILE };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Opens (creating if needed) the database in `dataDir`, backs it up and migrates it.
 * A database written by a newer Earmark is refused rather than touched.
 */
export async function openDatabase(dataDir: string, options: OpenOptions = {}): Promise<Db> {
  const migrations = options.migrations ?? defaultMigrations;
  mkdirPrivate(dataDir);
  const file = join(dataDir, DATABASE_FILE);
  const shown = options.shownAs ?? file;
  // A new database starts as an empty 0600 file, so its -wal and -shm are private from the start too.
  createPrivateFile(file);
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    configure(db);
    const latest = migrations.at(-1)?.version ?? 0;
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > latest) {
      throw new EarmarkError(
        'conflict',
        `The database ${shown} was written by a newer version of Earmark (schema ${current}; this version knows up to ${latest}). ` +
          'Update Earmark to open it; the file has not been changed.',
      );
    }
    checkAppliedUnchanged(db, migrations, current);
    if (current < latest) {
      if (current > 0 && options.backup !== false) await backup(db, dataDir, current);
      migrate(db, migrations, current);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * A further connection to an already migrated database, for worker threads (the import runs in one so
 * the main thread stays free). WAL lets it write while the main connection reads.
 */
export function connect(dataDir: string, nativeBinding?: string): Db {
  const db = new Database(join(dataDir, DATABASE_FILE), {
    fileMustExist: true,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  configure(db);
  return db;
}

/**
 * Opens an existing database for reading only (`earmark doctor`): no migration, no backup, no write to
 * it. It works while another process owns the data folder: in WAL mode readers sit beside the writer.
 */
export function openReadOnly(dataDir: string, nativeBinding?: string): Db {
  const db = new Database(join(dataDir, DATABASE_FILE), {
    readonly: true,
    fileMustExist: true,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  db.pragma('busy_timeout = 5000');
  return db;
}

/** The newest schema version this Earmark knows. */
export const latestSchemaVersion = (migrations: readonly Migration[] = defaultMigrations) =>
  migrations.at(-1)?.version ?? 0;

function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  // FULL: every committed change (an autosaved draft, say) survives a power cut, not only a crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

async function backup(db: Db, dataDir: string, version: number): Promise<void> {
  const dir = join(dataDir, 'backups');
  mkdirPrivate(dir);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = join(dir, `earmark-schema${version}-${stamp}.sqlite`);
  createPrivateFile(file);
  await db.backup(file);
  makeFilePrivate(file);
}

/**
 * Runs the pending migrations in one transaction. Foreign keys are off meanwhile, as SQLite's procedure
 * for changing a table asks (a migration may rebuild a table others refer to: 016 rebuilds
 * reviewer_profiles), and every reference is checked before the commit: a migration that would leave
 * one dangling rolls back with the table it names.
 */
function migrate(db: Db, migrations: readonly Migration[], current: number): void {
  const pending = migrations.filter((m) => m.version > current);
  db.pragma('foreign_keys = OFF');
  try {
    migrateInTransaction(db, pending);
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

function migrateInTransaction(db: Db, pending: readonly Migration[]): void {
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, applied_at TEXT NOT NULL
    ) STRICT`);
    const record = db.prepare(
      'INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (?, ?, ?, ?)',
    );
    for (const m of pending) {
      db.exec(m.sql);
      record.run(m.version, m.name, sha256(m.sql), new Date().toISOString());
    }
    const dangling = db.pragma('foreign_key_check') as { table: string; parent: string }[];
    if (dangling.length > 0) {
      const { table, parent } = dangling[0]!;
      throw new Error(
        `Migration left ${dangling.length} row(s) of ${table} pointing at missing ${parent} rows; nothing was changed.`,
      );
    }
    db.pragma(`user_version = ${Number(pending.at(-1)!.version)}`);
  })();
}

/** Refuses to run when a migration that already ran has since been edited: the schema would silently differ. */
export function checkAppliedUnchanged(db: Db, migrations: readonly Migration[], current: number): void {
  if (current === 0) return;
  const rows = db.prepare('SELECT version, name, sha256 FROM schema_migrations').all() as {
    version: number;
    name: string;
    sha256: string;
  }[];
  for (const row of rows) {
    const known = migrations.find((m) => m.version === row.version);
    if (known && sha256(known.sql) !== row.sha256) {
      throw new EarmarkError(
        'conflict',
        `Migration ${row.name} was changed after it ran on this database; restore it and add a new migration instead.`,
      );
    }
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
