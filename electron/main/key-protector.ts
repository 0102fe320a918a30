import type { SafeStorage } from 'electron';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { EarmarkError } from '../../shared/errors';
import {
  decodeKey,
  keyFilePath,
  keyFileProtector,
  safeKeyFilePath,
  WORKSTATION_KEY_BYTES,
  writeKeyFileExclusive,
  type WorkstationKeyProtector,
} from '../backend/privacy/workstation-key';

/** The part of Electron's safeStorage this uses (passed in, so it is tested without Electron). */
export type SafeStorageLike = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString'
> & {
  getSelectedStorageBackend?: () => string;
};

/**
 * The desktop app's workstation key protector: the key encrypted by safeStorage (macOS Keychain, Windows
 * DPAPI, libsecret or kwallet on Linux) in keys/workstation.key.safe. Falls back to the browser host's key
 * file when that already holds the key for this data folder, or when safeStorage is not available, so
 * both ways of opening Earmark keep working on one folder where they can.
 */
export function safeStorageProtector(
  safeStorage: SafeStorageLike,
  log: (message: string) => void,
): WorkstationKeyProtector {
  let warned = false;
  /** Linux without a keyring: safeStorage "encrypts" with a fixed password, which protects nothing. */
  const plainText = (): boolean => {
    let backend: string | undefined;
    try {
      // The backend is chosen on first use; before that Linux reports 'unknown'.
      safeStorage.isEncryptionAvailable();
      backend = safeStorage.getSelectedStorageBackend?.();
    } catch {
      backend = undefined;
    }
    const weak = backend === 'basic_text';
    if (weak && !warned) {
      warned = true;
      log(
        'WARNING: no OS keyring (gnome-keyring or kwallet) is running, so the key protecting private coaching notes is stored with a fixed password anybody can undo. Start a keyring and restart Earmark.',
      );
    }
    return weak;
  };
  // Said at start-up, not only when a passphrase is first set.
  plainText();
  // The key file wins where it exists: it was made first (by the browser host) and profiles are locked with it.
  const usesKeyFile = (dataDir: string) =>
    !existsSync(safeKeyFilePath(dataDir)) &&
    (existsSync(keyFilePath(dataDir)) || !safeStorage.isEncryptionAvailable());

  return {
    protection(dataDir) {
      if (usesKeyFile(dataDir)) return keyFileProtector.protection(dataDir);
      return { kind: 'os-keychain', warning: plainText() ? 'plain-text-keychain' : null };
    },

    load(dataDir) {
      const path = safeKeyFilePath(dataDir);
      if (!existsSync(path)) return keyFileProtector.load(dataDir);
      if (!safeStorage.isEncryptionAvailable()) {
        throw new EarmarkError(
          'not_allowed',
          `The OS keychain is not available, so the workstation key in ${path} cannot be opened. Log in to your desktop session (or start its keyring) and restart Earmark.`,
        );
      }
      plainText();
      let text: string;
      try {
        text = safeStorage.decryptString(readFileSync(path));
      } catch {
        throw new EarmarkError(
          'tampered',
          `The workstation key in ${path} cannot be opened with this computer's OS keychain: the data folder was copied from another computer or user account, or the keychain was reset. Private notes locked with it cannot be opened here.`,
        );
      }
      return decodeKey(text, path);
    },

    create(dataDir) {
      if (!safeStorage.isEncryptionAvailable()) {
        log(
          'WARNING: the OS keychain is not available; the key for private notes goes in a file only this user can read.',
        );
        return keyFileProtector.create(dataDir);
      }
      plainText();
      const key = randomBytes(WORKSTATION_KEY_BYTES);
      writeKeyFileExclusive(
        dataDir,
        safeKeyFilePath(dataDir),
        safeStorage.encryptString(key.toString('base64')),
      );
      return key;
    },
  };
}
