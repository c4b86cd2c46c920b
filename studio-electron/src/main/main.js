'use strict';

/*
 * The Electron main process: wiring only. Every decision lives in a plain module next to this
 * file (tested with node --test); this file is the only one that calls Electron's APIs.
 */
const fs = require('node:fs');
const path = require('node:path');
const { app, BrowserWindow, dialog, ipcMain, protocol, session } = require('electron');

const { appSettings } = require('./app-settings');
const { PAGE_URL, SCHEME, SCHEME_PRIVILEGES, appResponse } = require('./app-protocol');
const { applyChromiumSwitches } = require('./chromium-switches');
const { buildCsp } = require('./csp');
const { diagnosticsFileName, saveDiagnostics } = require('./diagnostics');
const { failureMessage } = require('./failure-messages');
const { IPC_CHANNELS } = require('./ipc-channels');
const { isPermissionAllowed, isTrustedSender } = require('./ipc-guard');
const { findSidecarLauncher } = require('./java-runtime');
const { createLogger } = require('./logger');
const { getStatus } = require('./readiness');
const { SidecarSupervisor } = require('./sidecar');
const { windowOptions } = require('./window-options');

const APP_ROOT = path.join(__dirname, '..', '..');
const RENDERER = path.join(APP_ROOT, 'src', 'renderer');
const PRELOAD = path.join(APP_ROOT, 'src', 'preload', 'preload.js');
const STATUS_TIMEOUT_MS = 2_000;

let logger = createLogger({ name: 'app' });
let settings;
let supervisor;
let mainWindow;
let failureShown = false;
let sidecarStopped = false;
let stopping;

function openLog() {
  const dir = app.getPath('logs');
  fs.mkdirSync(dir, { recursive: true });
  const file = fs.createWriteStream(path.join(dir, 'crafty.log'), { flags: 'a' });
  file.on('error', (error) => process.stderr.write(`log file: ${error.message}\n`));
  return createLogger({ name: 'app', streams: [process.stderr, file] });
}

function secureSession(ses) {
  const csp = buildCsp({ host: settings.host, port: settings.port });
  // the window's files, from crafty://app/ (app-protocol.js), each with the CSP
  ses.protocol.handle(SCHEME, (request) => appResponse(request.url, { root: RENDERER, csp, method: request.method }));
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed({ permission, url: details.requestingUrl, mediaTypes: details.mediaTypes }, PAGE_URL));
  });
  ses.setPermissionCheckHandler((_contents, permission, _origin, details) => isPermissionAllowed(
    { permission, url: details.requestingUrl, mediaTypes: details.mediaType ? [details.mediaType] : [] }, PAGE_URL));
}

function handle(channel, handler) {
  ipcMain.handle(channel, (event) => {
    if (!isTrustedSender(event.senderFrame, PAGE_URL)) {
      logger.warn(`refused ${channel} from ${event.senderFrame?.url ?? 'a frame that is gone'}`);
      throw new Error(`${channel} is only for the Crafty window`);
    }
    return handler();
  });
}

function registerIpc() {
  handle(IPC_CHANNELS.getConnection, () => ({ ...supervisor.connection(), language: settings.language }));
  handle(IPC_CHANNELS.getStatus, () => sidecarStatus());
  handle(IPC_CHANNELS.getSidecarState, () => supervisor.snapshot());
  handle(IPC_CHANNELS.retrySidecar, () => supervisor.start());
  handle(IPC_CHANNELS.saveDiagnostics, () => saveDiagnosticsAs());
}

/** The save dialog, then the sidecar's /diagnostics into the chosen file (diagnostics.js). */
async function saveDiagnosticsAs() {
  if (supervisor.state !== 'ready') {
    throw new Error('the voice server is not running');
  }
  const options = { defaultPath: path.join(app.getPath('documents'), diagnosticsFileName()),
    filters: [{ name: 'JSON', extensions: ['json'] }] };
  const { canceled, filePath } = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  if (canceled || !filePath) {
    return { saved: false };
  }
  const { url, token } = supervisor.connection();
  const { file } = await saveDiagnostics({ url, token, file: filePath });
  logger.info(`diagnostics saved to ${file}`);
  return { saved: true, fileName: path.basename(file) };
}

/** The sidecar's /status, asked for with the token; null while it is not ready or answers otherwise. */
async function sidecarStatus() {
  const { url, token } = supervisor.connection();
  if (supervisor.state !== 'ready') {
    return null;
  }
  try {
    const { statusCode, body } = await getStatus(url, token, STATUS_TIMEOUT_MS);
    return statusCode === 200 ? JSON.parse(body) : null;
  } catch (error) {
    logger.warn(`reading the sidecar's status failed: ${error.message}`);
    return null;
  }
}

function onSidecarState(payload) {
  if (mainWindow && !mainWindow.isDestroyed()) {
    mainWindow.webContents.send(IPC_CHANNELS.sidecarState, payload);
  }
  const text = failureMessage(payload.state, settings.language);
  if (!text || failureShown || stopping) {
    return;
  }
  failureShown = true;
  const options = { type: 'error', title: text.title, message: text.message, detail: payload.reason,
    buttons: text.buttons, defaultId: 0, cancelId: 1, noLink: true };
  const shown = mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options);
  shown.then(({ response }) => {
    failureShown = false;
    if (response === 0 && !stopping) {
      supervisor.start();
    }
  });
}

function createWindow() {
  mainWindow = new BrowserWindow(windowOptions({ preloadPath: PRELOAD }));
  mainWindow.once('ready-to-show', () => mainWindow.show());
  mainWindow.on('closed', () => { mainWindow = undefined; });
  mainWindow.loadURL(PAGE_URL);
}

async function start() {
  logger = openLog();
  settings = appSettings({ env: process.env, locale: app.getLocale(), appRoot: APP_ROOT });
  supervisor = new SidecarSupervisor({
    launcher: () => findSidecarLauncher({ resourcesPath: process.resourcesPath, jarPath: settings.jarPath }),
    host: settings.host,
    port: settings.port,
    env: { ...process.env, CRAFTY_LANGUAGE: settings.language },
    readyTimeoutMs: settings.readyTimeoutMs,
    logger: logger.child('sidecar'),
  });
  supervisor.on('state', onSidecarState);
  secureSession(session.defaultSession);
  registerIpc();
  createWindow();
  supervisor.start();
}

/** before-quit and will-quit: hold the quit until the sidecar is gone, then quit again. */
function stopSidecarThenQuit(event) {
  if (!supervisor || sidecarStopped) {
    return;
  }
  event.preventDefault();
  stopping ??= supervisor.stop()
    .catch((error) => logger.error(`stopping the voice server: ${error.message}`))
    .finally(() => {
      sidecarStopped = true;
      app.quit();
    });
}

applyChromiumSwitches(app.commandLine);
// before ready: crafty:// is a standard, secure scheme the page may fetch from
protocol.registerSchemesAsPrivileged([SCHEME_PRIVILEGES]);

app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) {
        mainWindow.restore();
      }
      mainWindow.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', stopSidecarThenQuit);
  app.on('will-quit', stopSidecarThenQuit);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => app.quit());
  }
  app.whenReady().then(start).catch((error) => {
    logger.error(error.stack ?? error.message);
    dialog.showErrorBox('Crafty', error.message);
    app.exit(1);
  });
}
