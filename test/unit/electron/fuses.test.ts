import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/paths';

/**
 * The packaged app's Electron fuses, read from electron-builder.yml the way `npm run dist` reads it
 * (electron-builder's own loader and schema check, which rejects a misspelt fuse), so what is asserted
 * here is what electron-builder flips in the binary.
 */
describe('the packaged app', () => {
  it('cannot be run as Node, given NODE_OPTIONS or a debugger, or load code from outside its checked app.asar', async () => {
    const config = await getConfig(repoRoot, null, null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // Integrity is checked on app.asar: the app must be packed into one.
    expect(config.asar).not.toBe(false);
  }, 60_000);
});
