import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend, type Backend } from '../backend/backend';
import { defaultDataDir } from '../backend/paths';
import { forwardEvents, registerIpc } from './ipc';
import { safeStorageProtector } from './key-protector';
import {
  APP_HOST,
  APP_SCHEME,
  createAppHandler,
  createMediaHandler,
  MEDIA_SCHEME,
  registerPrivilegedSchemes,
} from './protocols';
import { appOrigins, denyAllPermissions, hardenWebContents, isTrustedSender, originOf } from './security';

/**
 * The desktop app's main process: one window over the same backend the browser host uses.
 * Everything security-relevant lives in security.ts / protocols.ts / ipc.ts, which are unit-tested
 * without Electron; this file only wires them to the real objects.
 */

// out/main/index.js sits beside out/preload and out/renderer, in dev and inside app.asar alike.
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const PRELOAD = join(outDir, 'preload', 'index.cjs');
const RENDERER_DIR = join(outDir, 'renderer');

// electron-vite sets this while developing; a packaged app ignores it, so no environment variable
// can point an installed Earmark (and its preload) at another page.
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const origins = appOrigins(devServerUrl);
const startUrl = devServerUrl ?? `${APP_SCHEME}://${APP_HOST}/index.html`;
const isAppUrl = (url: string) => origins.includes(originOf(url) ?? '');

const log = (message: string) => console.error(`[earmark] ${message}`);

let backend: Backend | undefined;
let removeIpc: (() => void) | undefined;

// The data folder is the browser host's too (one library whichever way Earmark is opened), unless
// `--data DIR` says otherwise. It must be set before the single-instance lock, which lives in it:
// two Earmarks on two different data folders may run side by side, two on one folder may not.
const dataArgument = dataDirArgument(process.argv);
app.setPath('userData', dataArgument ? resolve(dataArgument) : defaultDataDir());
// Chromium's own profile (caches, local storage) in a subfolder, so the data folder stays readable:
// the database, its backups and recordings.
app.setPath('sessionData', join(app.getPath('userData'), 'electron'));

app.enableSandbox();
registerPrivilegedSchemes(protocol);

if (!app.requestSingleInstanceLock()) {
  // Another window already has this data folder open; it is brought forward by 'second-instance'.
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  // Every WebContents, including any the app never meant to create, gets the same rules.
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, { isAppUrl, openExternal: openInBrowser }),
  );
  app.on('window-all-closed', () => {
    // macOS convention: the app stays in the dock until the user quits it.
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (backend && BrowserWindow.getAllWindows().length === 0) createWindow(backend);
  });
  app.on('will-quit', (event) => {
    if (!backend) return;
    // Let a running import finish its current file (so it is wholly in or out) before the database closes.
    event.preventDefault();
    removeIpc?.();
    const closing = backend;
    backend = undefined;
    void closing.close().finally(() => app.quit());
  });
  app.whenReady().then(start).catch(failStartup);
}

async function start(): Promise<void> {
  denyAllPermissions(session.defaultSession);
  const ready = await createBackend({
    dataDir: app.getPath('userData'),
    resourcesDir: resourcesDir(),
    version: app.getVersion(),
    // Named in the data folder's lock: an `earmark serve` or `import` on this folder is refused with it
    // (a second window is stopped earlier, by the single-instance lock above).
    command: 'the desktop app',
    nativeBinding: electronSqliteBinding(),
    log,
    // Private notes' workstation key in the OS keychain (needs the app ready, which it is here).
    keyProtector: safeStorageProtector(safeStorage, log),
  });
  backend = ready;
  protocol.handle(APP_SCHEME, createAppHandler(RENDERER_DIR));
  protocol.handle(
    MEDIA_SCHEME,
    createMediaHandler({ mediaFile: (id) => ready.mediaFile(id), appOrigins: origins }),
  );
  removeIpc = registerIpc(ipcMain, ready.dispatch, (frame) => isTrustedSender(frame, origins));
  createWindow(ready);
}

function createWindow(ready: Backend): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Earmark',
    width: 1280,
    height: 800,
    // Room for the player, transcript and scorecard side by side on a 1366×768 office screen.
    minWidth: 960,
    minHeight: 600,
    show: false,
    webPreferences: {
      preload: PRELOAD,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  const stopEvents = forwardEvents(ready.events, window.webContents);
  window.on('closed', stopEvents);
  // Shown only once painted, so the user never sees an empty white frame.
  window.once('ready-to-show', () => window.show());
  window.loadURL(startUrl).catch((error: unknown) => log(`could not load ${startUrl}: ${String(error)}`));
  return window;
}

/** Only ever called by hardenWebContents with an https URL it has checked. */
function openInBrowser(url: string): void {
  shell.openExternal(url).catch((error: unknown) => log(`could not open ${url}: ${String(error)}`));
}

function focusMainWindow(): void {
  const [window] = BrowserWindow.getAllWindows();
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/** The value of `--data DIR` or `--data=DIR`, if given. */
function dataDirArgument(argv: readonly string[]): string | undefined {
  for (const [index, arg] of argv.entries()) {
    if (arg === '--data') return argv[index + 1];
    if (arg.startsWith('--data=')) return arg.slice('--data='.length);
  }
  return undefined;
}

/** Shipped resources (demo data, default rubrics): copied beside app.asar when packaged (extraResources). */
function resourcesDir(): string {
  return app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources');
}

/**
 * better-sqlite3 is a native module and Electron's Node has a different ABI from the system Node
 * that `npm install` built it for. scripts/postinstall.mjs builds an Electron copy into
 * node_modules/.earmark-electron without touching the Node build (which the CLI, the browser host
 * and the tests keep using). A packaged app normally has no such copy: electron-builder rebuilds
 * the module itself (npmRebuild), so the default binding is already the right one there.
 */
function electronSqliteBinding(): string | undefined {
  const relativePath = join('node_modules', '.earmark-electron', 'better_sqlite3.node');
  const candidate = app.isPackaged
    ? join(process.resourcesPath, 'app.asar.unpacked', relativePath)
    : join(app.getAppPath(), relativePath);
  return existsSync(candidate) ? candidate : undefined;
}

function failStartup(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  const hint = message.includes('NODE_MODULE_VERSION')
    ? '\n\nThe database driver was built for Node.js, not for Electron. Run `npm install` again so that it ' +
      'is rebuilt for Electron, or use `npm run serve` to open Earmark in your browser.'
    : '';
  log(`startup failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
  dialog.showErrorBox('Earmark could not start', message + hint);
  app.exit(1);
}
