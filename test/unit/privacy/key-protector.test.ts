import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  keyFilePath,
  keyFileProtector,
  safeKeyFilePath,
  workstationKeyId,
} from '../../../electron/backend/privacy/workstation-key';
import { safeStorageProtector, type SafeStorageLike } from '../../../electron/main/key-protector';
import type { EarmarkError } from '../../../shared/errors';

/**
 * The desktop app's key protector with Electron's safeStorage stubbed: a reversible "encryption" that
 * only this stub's secret opens, so a key "from another computer" fails like the real one does.
 */
function fakeSafeStorage(options: { backend?: string; available?: boolean; secret?: string } = {}) {
  const secret = options.secret ?? 'this-user';
  const stub: SafeStorageLike & { encrypted: string[] } = {
    encrypted: [],
    isEncryptionAvailable: () => options.available ?? true,
    encryptString: (text: string) => {
      stub.encrypted.push(text);
      return Buffer.from(`${secret}:${Buffer.from(text).reverse().toString('hex')}`);
    },
    decryptString: (data: Buffer) => {
      const [who, hex] = data.toString().split(':');
      if (who !== secret)
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(hex!, 'hex').reverse().toString();
    },
    ...(options.backend ? { getSelectedStorageBackend: () => options.backend! } : {}),
  };
  return stub;
}

let dataDir: string;
let logs: string[];
const log = (line: string) => logs.push(line);

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'earmark-key-protector-'));
  logs = [];
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the safeStorage key protector', () => {
  it('keeps the key encrypted by the OS keychain in a 0600 file', () => {
    const safe = fakeSafeStorage({ backend: 'gnome_libsecret' });
    const protector = safeStorageProtector(safe, log);
    expect(protector.load(dataDir)).toBeNull();
    expect(protector.protection(dataDir)).toEqual({ kind: 'os-keychain', warning: null });

    const key = protector.create(dataDir);
    expect(key.length).toBe(32);
    const path = safeKeyFilePath(dataDir);
    expect(existsSync(path)).toBe(true);
    expect(existsSync(keyFilePath(dataDir))).toBe(false);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    // What reached the disk is safeStorage's output, not the key.
    expect(safe.encrypted).toEqual([key.toString('base64')]);
    expect(readFileSync(path).includes(Buffer.from(key.toString('base64')))).toBe(false);

    expect(protector.load(dataDir)!.equals(key)).toBe(true);
    expect(() => protector.create(dataDir)).toThrow(/already exists/);
    expect(logs).toEqual([]);
  });

  it('warns, in the list and the log, when Linux has no keyring (basic_text)', () => {
    const protector = safeStorageProtector(fakeSafeStorage({ backend: 'basic_text' }), log);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain('no OS keyring');
    expect(protector.protection(dataDir)).toEqual({ kind: 'os-keychain', warning: 'plain-text-keychain' });
    protector.create(dataDir);
    // Said once, not on every call.
    expect(logs).toHaveLength(1);
  });

  it("refuses a key another computer's keychain encrypted, saying why", () => {
    safeStorageProtector(fakeSafeStorage({ secret: 'elsewhere' }), log).create(dataDir);
    const here = safeStorageProtector(fakeSafeStorage(), log);
    const error = (() => {
      try {
        here.load(dataDir);
      } catch (caught) {
        return caught as EarmarkError;
      }
      throw new Error('expected a refusal');
    })();
    expect(error.code).toBe('tampered');
    expect(error.message).toContain('copied from another computer or user account');
    expect(error.message).toContain(safeKeyFilePath(dataDir));
  });

  it('uses the browser host key file where that came first', () => {
    const hostKey = keyFileProtector.create(dataDir);
    const protector = safeStorageProtector(fakeSafeStorage(), log);
    expect(protector.protection(dataDir)).toEqual({ kind: 'key-file', warning: null });
    expect(workstationKeyId(protector.load(dataDir)!)).toBe(workstationKeyId(hostKey));
    expect(existsSync(safeKeyFilePath(dataDir))).toBe(false);
  });

  it('falls back to a key file when the keychain is not available, and says so', () => {
    const protector = safeStorageProtector(fakeSafeStorage({ available: false }), log);
    expect(protector.protection(dataDir).kind).toBe('key-file');
    const key = protector.create(dataDir);
    expect(existsSync(keyFilePath(dataDir))).toBe(true);
    expect(logs.some((line) => line.includes('OS keychain is not available'))).toBe(true);
    expect(protector.load(dataDir)!.equals(key)).toBe(true);
  });

  it('refuses a keychain key while the keychain is not available', () => {
    safeStorageProtector(fakeSafeStorage(), log).create(dataDir);
    const locked = safeStorageProtector(fakeSafeStorage({ available: false }), log);
    expect(() => locked.load(dataDir)).toThrow(/OS keychain is not available/);
  });

  it('refuses a damaged keychain file', () => {
    const safe = fakeSafeStorage();
    const protector = safeStorageProtector(safe, log);
    protector.create(dataDir);
    writeFileSync(safeKeyFilePath(dataDir), safe.encryptString('not a key'));
    expect(() => protector.load(dataDir)).toThrow(/is damaged/);
  });
});
