import { homedir } from 'node:os';
import { join } from 'node:path';

/** The SQLite database in the data folder (with its -wal and -shm files beside it). */
export const DATABASE_FILE = 'earmark.sqlite';
/** Names the one process that may write to the data folder (see data-folder/lock.ts). */
export const LOCK_FILE = 'earmark.lock';

/**
 * Where Earmark keeps its data when no `--data DIR` is given. The desktop app uses the same
 * folder (it sets Electron's userData to it), so the browser host and the window share one library.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Earmark');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Earmark');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'earmark');
}
