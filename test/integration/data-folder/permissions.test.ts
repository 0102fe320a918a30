import { chmodSync, cpSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/backend/backend';
import { DATABASE_FILE, openDatabase } from '../../../electron/backend/db/open';
import { migrations } from '../../../electron/backend/db/migrations';
import { call } from '../../support/backend';
import { audioData, resourcesDir, tempDir } from '../../support/paths';

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

/** Every file and folder below `dir` with its mode, relative to it. */
function modes(dir: string, under = ''): Record<string, string> {
  const found: Record<string, string> = {};
  for (const entry of readdirSync(join(dir, under), { withFileTypes: true })) {
    const path = join(under, entry.name);
    found[path] = modeOf(join(dir, path));
    if (entry.isDirectory()) Object.assign(found, modes(dir, path));
  }
  return found;
}

const open = (dataDir: string, logs: string[] = []) =>
  createBackend({ dataDir, resourcesDir, version: '0.0.0-test', log: (line) => logs.push(line) });

// The most permissive umask there is: modes must come from Earmark, not from the umask.
let umask: number;
beforeAll(() => {
  umask = process.umask(0);
});
afterAll(() => {
  process.umask(umask);
});

describe.skipIf(process.platform === 'win32')('the data folder is private to the OS user', () => {
  it('creates folders 0700 and files 0600: database, WAL, lock, recordings, backups', async () => {
    const root = tempDir('earmark-perm-');
    try {
      // Two levels that do not exist yet: both are made private.
      const dataDir = join(root.dir, 'new', 'earmark');
      // An older database first, so this start backs it up before migrating.
      (await openDatabase(dataDir, { migrations: migrations.slice(0, 1) })).close();
      const backend = await open(dataDir);
      try {
        await call(backend, 'demo.load');
        const source = tempDir('earmark-perm-src-');
        try {
          // A-law AIFF-C: transcoded into the data folder at import.
          cpSync(
            join(audioData, 'Borewit__music-metadata', 'M1F1-AlawC-AFsp.aif'),
            join(source.dir, 'a.aif'),
          );
          const { batchId } = await call<{ batchId: number }>(backend, 'import.start', {
            paths: [source.dir],
          });
          expect((await backend.imports.wait(batchId)).imported).toBe(1);
        } finally {
          source.cleanup();
        }
        expect(modeOf(join(root.dir, 'new'))).toBe('700');
        expect(modeOf(dataDir)).toBe('700');
        const found = modes(dataDir);
        expect(found).toMatchObject({
          [DATABASE_FILE]: '600',
          [`${DATABASE_FILE}-wal`]: '600',
          [`${DATABASE_FILE}-shm`]: '600',
          'earmark.lock': '600',
          backups: '700',
          recordings: '700',
          'recordings/demo': '700',
          'recordings/imported': '700',
        });
        const files = Object.keys(found);
        expect(files.filter((f) => f.startsWith('backups/'))).toHaveLength(1);
        expect(files.filter((f) => f.startsWith('recordings/demo/')).length).toBeGreaterThan(0);
        expect(files.filter((f) => /^recordings\/imported\/.+\.wav$/.test(f))).toHaveLength(1);
        const loose = Object.entries(found).filter(([, mode]) => mode !== '600' && mode !== '700');
        expect(loose).toEqual([]);
      } finally {
        await backend.close();
      }
    } finally {
      root.cleanup();
    }
  }, 60_000);

  it('tightens a folder an older Earmark left open, once, saying what changed in one line', async () => {
    const data = tempDir('earmark-perm-old-');
    try {
      const first = await open(data.dir);
      await call(first, 'demo.load');
      await first.close();
      // As Earmark left it before: 0755 folders and 0644 files, and a key file others could read.
      mkdirSync(join(data.dir, 'keys'));
      writeFileSync(join(data.dir, 'keys', 'workstation.key'), 'not a real key\n');
      mkdirSync(join(data.dir, 'backups'));
      writeFileSync(join(data.dir, 'backups', 'earmark-schema1.sqlite'), '');
      for (const [path, mode] of Object.entries(modes(data.dir)))
        chmodSync(join(data.dir, path), mode.startsWith('7') ? 0o755 : 0o644);
      chmodSync(data.dir, 0o755);

      const logs: string[] = [];
      const again = await open(data.dir, logs);
      await again.close();
      expect(modeOf(data.dir)).toBe('700');
      const found = modes(data.dir);
      // The key file stays as it was: keys/ refuses a key others could read (it may have been copied).
      expect(found['keys/workstation.key']).toBe('644');
      delete found['keys/workstation.key'];
      expect(Object.entries(found).filter(([, mode]) => mode !== '600' && mode !== '700')).toEqual([]);
      expect(logs).toHaveLength(1);
      expect(logs[0]).toContain(
        `${data.dir} was readable by other users of this computer; now only you can open it`,
      );
      expect(logs[0]).toContain('the data folder (was 755), earmark.sqlite (was 644)');
      expect(logs[0]).toMatch(/and \d+ more\)$/);

      // Once: the next start has nothing to change and says nothing.
      const quiet: string[] = [];
      await (await open(data.dir, quiet)).close();
      expect(quiet).toEqual([]);
    } finally {
      data.cleanup();
    }
  }, 60_000);
});
