import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  protocol,
  safeStorage,
  session,
  shell,
  type Session,
} from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend, type Backend } from '../backend/backend';
import { defaultDataDir } from '../backend/paths';
import { TEAM_WINDOW_ARGUMENT } from '../preload/desktop-team';
import { registerDesktopTeamIpc } from './desktop-team-ipc';
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
import { teamConnection, type TeamConnection } from './team-connection';
import { checkTeamServer, type IdentityAnswer } from './team-server-check';

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
// Each window may show only its own pages: the app's, or (a team server's window) that server's.
const windowOrigins = new WeakMap<object, readonly string[]>();
const pageOrigins = (contents: object) => windowOrigins.get(contents) ?? origins;
/**
 * A team server's window has its own cookie jar (the login's HttpOnly cookie lives there, never in the
 * workstation's session), kept on disk so the login survives a restart until the server ends it.
 */
const TEAM_PARTITION = 'persist:earmark-team';

const log = (message: string) => console.error(`[earmark] ${message}`);

let backend: Backend | undefined;
let removeIpc: (() => void) | undefined;
let removeDesktopIpc: (() => void) | undefined;
let connection: TeamConnection | undefined;
/** The window the app means to show; the one it replaces closes once this one has painted. */
let wantedWindow: BrowserWindow | undefined;

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
    hardenWebContents(contents, {
      isAppUrl: (url) => pageOrigins(contents).includes(originOf(url) ?? ''),
      openExternal: openInBrowser,
    }),
  );
  app.on('window-all-closed', () => {
    // macOS convention: the app stays in the dock until the user quits it.
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (backend && BrowserWindow.getAllWindows().length === 0) openStartWindow(backend);
  });
  app.on('will-quit', (event) => {
    if (!backend) return;
    // Let a running import finish its current file (so it is wholly in or out) before the database closes.
    event.preventDefault();
    removeIpc?.();
    removeDesktopIpc?.();
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
  const teamSession = session.fromPartition(TEAM_PARTITION);
  denyAllPermissions(teamSession);
  const joined = teamConnection({
    dataDir: app.getPath('userData'),
    // Node checks first (team-server-check.ts), so the user reads why; Chromium checks the certificate
    // again when the window loads the page, and a certificate it refuses is never accepted either
    // (no 'certificate-error' handler: Electron's default is to refuse), see did-fail-load below.
    check: (address) => checkTeamServer(address, { windowFetch: (url) => identityThrough(teamSession, url) }),
    openTeam: (origin) => showWindow(createTeamWindow(origin)),
    openLocal: () => showWindow(createWindow(ready)),
    forgetTeamSession: () => teamSession.clearStorageData(),
    log,
  });
  connection = joined;
  removeDesktopIpc = registerDesktopTeamIpc(ipcMain, joined, {
    isLocal: (frame) => isTrustedSender(frame, origins),
    isTeam: (frame) => joined.server !== null && isTrustedSender(frame, [joined.server]),
  });
  openStartWindow(ready);
}

/** A team server's identity fetched as its window would (proxy, system certificates), never following a redirect. */
async function identityThrough(teamSession: Session, url: string): Promise<IdentityAnswer> {
  const response = await teamSession.fetch(url, {
    redirect: 'error',
    headers: { Accept: 'application/json' },
  });
  const body = await response.text();
  return { status: response.status, body: body.slice(0, 4096) };
}

/** The team server the user connected to last time, else the workstation. */
function openStartWindow(ready: Backend): void {
  const server = connection?.server ?? null;
  showWindow(server ? createTeamWindow(server) : createWindow(ready));
}

/**
 * Shows `next` once painted and closes the others then, so switching between the workstation and a
 * team server never leaves the user without a window (nor the app without one, which would quit it).
 */
function showWindow(next: BrowserWindow): void {
  wantedWindow = next;
  next.once('ready-to-show', () => {
    // A window replaced before it painted (a team server that failed to load) stays hidden and closes.
    if (wantedWindow !== next) return;
    next.show();
    for (const other of BrowserWindow.getAllWindows()) if (other !== next) other.close();
  });
}

/**
 * A team server's own page, in its own session: it talks to its server over HTTPS with its HttpOnly
 * cookie and its own Origin, exactly as in a browser, so the server's checks hold unchanged. The
 * preload gives it only the way back (TEAM_WINDOW_ARGUMENT), never the local backend.
 */
function createTeamWindow(origin: string): BrowserWindow {
  const window = new BrowserWindow({
    ...WINDOW_SIZE,
    title: 'Earmark',
    show: false,
    webPreferences: {
      ...SAFE_PAGE,
      partition: TEAM_PARTITION,
      additionalArguments: [TEAM_WINDOW_ARGUMENT],
    },
  });
  windowOrigins.set(window.webContents, [origin]);
  window.webContents.on('did-fail-load', (_event, code, description, _url, isMainFrame) => {
    // -3 (ERR_ABORTED) is a navigation replaced by another, not a failure.
    if (isMainFrame && code !== -3) connection?.loadFailed(origin, description);
  });
  window.loadURL(`${origin}/`).catch(() => undefined); // did-fail-load says why
  return window;
}

const WINDOW_SIZE = {
  width: 1280,
  height: 800,
  // Room for the player, transcript and scorecard side by side on a 1366×768 office screen.
  minWidth: 960,
  minHeight: 600,
};

const SAFE_PAGE = {
  preload: PRELOAD,
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  webSecurity: true,
  webviewTag: false,
  spellcheck: false,
} as const;

function createWindow(ready: Backend): BrowserWindow {
  const window = new BrowserWindow({
    ...WINDOW_SIZE,
    title: 'Earmark',
    show: false,
    webPreferences: SAFE_PAGE,
  });
  const stopEvents = forwardEvents(ready.events, window.webContents);
  window.on('closed', stopEvents);
  // Shown only once painted (showWindow), so the user never sees an empty white frame.
  window.loadURL(startUrl).catch((error: unknown) => log(`could not load ${startUrl}: ${String(error)}`));
  return window;
}

/** Only ever called by hardenWebContents with an https URL it has checked. */
function openInBrowser(url: string): void {
  shell.openExternal(url).catch((error: unknown) => log(`could not open ${url}: ${String(error)}`));
}

function focusMainWindow(): void {
  const window =
    wantedWindow && !wantedWindow.isDestroyed() ? wantedWindow : BrowserWindow.getAllWindows()[0];
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
