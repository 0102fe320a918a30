import {
  chmodSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../support/engines';
import {
  keyFilePath,
  keyFileProtector,
  keysDir,
  loadOrCreateWorkstationKey,
  safeKeyFilePath,
  workstationKeyId,
  writeKeyFileExclusive,
} from '../../../electron/backend/privacy/workstation-key';
import { startBrowserHost } from '../../../electron/backend/host/server';
import type { ReviewerProfile } from '../../../shared/api/methods/profiles';
import { EarmarkError } from '../../../shared/errors';
import { call } from '../../support/backend';
import { tempDir } from '../../support/paths';
import { refused } from '../evaluations/fixture';
import {
  ANNA_PASSPHRASE,
  BOB_PASSPHRASE,
  create,
  list,
  select,
  setPassphrase,
  workstation,
  type Workstation,
} from './fixture';

/** The workstation key file: made on first need, only for this OS user, and a clear error when it changes. */

const posix = process.platform !== 'win32';
let ws: Workstation;
let anna: ReviewerProfile;

beforeEach(async () => {
  ws = await workstation();
  anna = await create(ws.backend, 'Anna Lead');
});
afterEach(() => ws.close());

describeEachEngine('the key file', () => {
  it('is not made at start-up, but with the first passphrase: 0600 in a 0700 folder', async () => {
    expect(existsSync(keysDir(ws.dataDir))).toBe(false);
    await setPassphrase(ws.backend, anna.id, ANNA_PASSPHRASE);
    const file = keyFilePath(ws.dataDir);
    expect(existsSync(file)).toBe(true);
    if (posix) {
      expect(statSync(keysDir(ws.dataDir)).mode & 0o777).toBe(0o700);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').length).toBe(32);
    // Nothing left behind from the write.
    expect(readdirSync(keysDir(ws.dataDir))).toEqual(['workstation.key']);
    const { workstation_key_id: keyId } = await ws.backend.database.query
      .selectFrom('profile_keys')
      .select('workstation_key_id')
      .executeTakeFirstOrThrow();
    expect(keyId).toBe(workstationKeyId(keyFileProtector.load(ws.dataDir)!));
    expect(ws.logs.some((line) => line.includes('made a new workstation key'))).toBe(true);
  });

  it.runIf(posix)('is refused, with the fix, when other users may read it', async () => {
    await setPassphrase(ws.backend, anna.id, ANNA_PASSPHRASE);
    const file = keyFilePath(ws.dataDir);
    chmodSync(file, 0o644);
    await ws.restart();
    expect((await list(ws.backend)).keyProtection).toEqual({
      kind: 'key-file',
      warning: 'key-file-permissions',
    });
    const error = await refused(ws.backend, 'profile.select', { id: anna.id, passphrase: ANNA_PASSPHRASE });
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain(file);
    expect(error.message).toContain('mode 644');
    expect(error.message).toContain(`chmod 600 "${file}"`);

    chmodSync(file, 0o600);
    await select(ws.backend, anna.id, ANNA_PASSPHRASE);
    expect((await list(ws.backend)).keyProtection.warning).toBeNull();
  });

  it('is one key even when two processes make it at once', () => {
    const { dir, cleanup } = tempDir();
    try {
      const first = keyFileProtector.create(dir);
      expect(() => keyFileProtector.create(dir)).toThrow(EarmarkError);
      expect(loadOrCreateWorkstationKey(keyFileProtector, dir).equals(first)).toBe(true);
      expect(() => writeKeyFileExclusive(dir, keyFilePath(dir), Buffer.from('x'))).toThrow(/already exists/);
      expect(readdirSync(keysDir(dir))).toEqual(['workstation.key']);
    } finally {
      cleanup();
    }
  });

  it('refuses a damaged key file', async () => {
    await setPassphrase(ws.backend, anna.id, ANNA_PASSPHRASE);
    writeFileSync(keyFilePath(ws.dataDir), 'not a key\n', { mode: 0o600 });
    await ws.restart();
    const error = await refused(ws.backend, 'profile.select', { id: anna.id, passphrase: ANNA_PASSPHRASE });
    expect(error.code).toBe('tampered');
    expect(error.message).toContain('is damaged');
  });
});

describeEachEngine('another workstation key', () => {
  beforeEach(() => setPassphrase(ws.backend, anna.id, ANNA_PASSPHRASE));

  it('is told apart from a wrong passphrase', async () => {
    // The key file replaced (or the data folder copied next to another key).
    const file = keyFilePath(ws.dataDir);
    renameSync(file, join(ws.dataDir, 'old.key'));
    keyFileProtector.create(ws.dataDir);
    await ws.restart();
    const error = await refused(ws.backend, 'profile.select', { id: anna.id, passphrase: ANNA_PASSPHRASE });
    expect(error.code).toBe('tampered');
    expect(error.message).toContain('The lock on Anna Lead was made with another workstation key');
    expect(error.message).toContain('the data folder was copied from elsewhere or the key');

    // The original key back: everything opens again.
    renameSync(join(ws.dataDir, 'old.key'), file);
    await ws.restart();
    await select(ws.backend, anna.id, ANNA_PASSPHRASE);
  });

  it('is not made anew while profiles are locked with a missing one', async () => {
    const bob = await create(ws.backend, 'Bob Quality', 'qa_supervisor');
    renameSync(keyFilePath(ws.dataDir), join(ws.dataDir, 'old.key'));
    await ws.restart();
    const unlock = await refused(ws.backend, 'profile.select', { id: anna.id, passphrase: ANNA_PASSPHRASE });
    expect(unlock.code).toBe('tampered');
    expect(unlock.message).toContain('The workstation key is missing from');
    const lockBob = await refused(ws.backend, 'profile.setPassphrase', {
      id: bob.id,
      newPassphrase: BOB_PASSPHRASE,
    });
    expect(lockBob.code).toBe('conflict');
    expect(lockBob.message).toContain('Anna Lead were locked with it');
    expect(existsSync(keyFilePath(ws.dataDir))).toBe(false);
  });

  it('in the OS keychain is named, not opened, by the browser host', async () => {
    renameSync(keyFilePath(ws.dataDir), safeKeyFilePath(ws.dataDir));
    await ws.restart();
    const error = await refused(ws.backend, 'profile.select', { id: anna.id, passphrase: ANNA_PASSPHRASE });
    expect(error).toEqual({
      code: 'not_allowed',
      message:
        "Private notes on this data folder are protected by the desktop app's OS keychain: open them in the Earmark desktop app.",
    });
  });
});

describeEachEngine('the browser host', () => {
  it('answers a passphrase error with a fitting HTTP status and no caching', async () => {
    await setPassphrase(ws.backend, anna.id, ANNA_PASSPHRASE);
    await call(ws.backend, 'profile.lock');
    const host = await startBrowserHost({
      backend: ws.backend,
      rendererDir: ws.dataDir,
      token: 'test-token',
    });
    try {
      const post = (method: string, body: unknown) =>
        fetch(`http://127.0.0.1:${host.port}/api/${method}`, {
          method: 'POST',
          headers: { Authorization: 'Bearer test-token', 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
      const locked = await post('profile.select', { id: anna.id });
      expect(locked.status).toBe(423);
      const wrong = await post('profile.select', { id: anna.id, passphrase: 'not the passphrase' });
      expect(wrong.status).toBe(403);
      const ok = await post('profile.list', {});
      expect(ok.status).toBe(200);
      expect(ok.headers.get('cache-control')).toBe('no-store');
    } finally {
      await host.close();
    }
  });
});
