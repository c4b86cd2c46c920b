'use strict';

/*
 * A recording stand-in for the parts of Electron's main-process API that src/main/main.js
 * uses, so that main.js can run under plain Node (the Electron binary is not available to the
 * tests). It imitates the behaviour main.js relies on: app.quit() emits before-quit and
 * will-quit with preventable events, whenReady() resolves when the test says so.
 */
const { EventEmitter } = require('node:events');
const path = require('node:path');

function preventable() {
  return { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
}

function createFakeElectron({ locale = 'en-US', logsPath }) {
  let markReady;
  const readyPromise = new Promise((resolve) => { markReady = resolve; });
  const record = { windows: [], handlers: new Map(), dialogs: [], dialogAnswers: [], quitRequests: 0, errorBoxes: [],
    saveDialogs: [], saveDialogAnswer: { canceled: true }, switches: [], protocolHandlers: new Map() };

  const app = new EventEmitter();
  Object.assign(app, {
    quitted: false,
    requestSingleInstanceLock: () => true,
    commandLine: { appendSwitch: (name, value) => record.switches.push(value === undefined ? [name] : [name, value]) },
    whenReady: () => readyPromise,
    getLocale: () => locale,
    getPath: (name) => (name === 'logs' ? logsPath : path.join(logsPath, name)),
    ready: () => {
      app.isReadyFlag = true;
      markReady();
    },
    quit() {
      record.quitRequests++;
      for (const name of ['before-quit', 'will-quit']) {
        const event = preventable();
        app.emit(name, event);
        if (event.defaultPrevented) {
          return;
        }
      }
      app.quitted = true;
      app.emit('test:quitted');
    },
    exit(code) {
      app.exitCode = code;
      app.emit('test:quitted');
    },
  });

  class BrowserWindow extends EventEmitter {
    constructor(options) {
      super();
      this.options = options;
      this.webContents = new EventEmitter();
      this.webContents.sent = [];
      this.webContents.send = (channel, payload) => {
        this.webContents.sent.push([channel, payload]);
        this.webContents.emit('test:sent', channel, payload);
      };
      record.windows.push(this);
    }

    loadURL(url) { this.loadedUrl = url; return Promise.resolve(); }
    isDestroyed() { return false; }
    isMinimized() { return false; }
    show() { this.shown = true; }
  }

  const webRequest = { onHeadersReceived: (listener) => { record.onHeadersReceived = listener; } };
  const protocol = {
    registerSchemesAsPrivileged: (schemes) => {
      record.privilegedSchemes = schemes;
      record.schemesBeforeReady = !app.isReadyFlag;
    },
  };
  const session = {
    defaultSession: {
      webRequest,
      protocol: { handle: (scheme, handler) => record.protocolHandlers.set(scheme, handler) },
      setPermissionRequestHandler: (handler) => { record.permissionRequest = handler; },
      setPermissionCheckHandler: (handler) => { record.permissionCheck = handler; },
    },
  };
  const ipcMain = { handle: (channel, handler) => { record.handlers.set(channel, handler); } };
  const dialog = {
    showMessageBox: (...args) => {
      const options = args.length > 1 ? args[1] : args[0];
      record.dialogs.push(options);
      return new Promise((resolve) => record.dialogAnswers.push((response) => resolve({ response })));
    },
    showErrorBox: (title, content) => record.errorBoxes.push({ title, content }),
    /** Answers with record.saveDialogAnswer ({canceled, filePath}), which a test sets beforehand. */
    showSaveDialog: (...args) => {
      record.saveDialogs.push(args.length > 1 ? args[1] : args[0]);
      return Promise.resolve(record.saveDialogAnswer);
    },
  };
  return { electron: { app, BrowserWindow, dialog, ipcMain, protocol, session }, record };
}

/** Loads a fresh copy of src/main/main.js with `electron` resolved to the fake. */
function loadMain(electron) {
  const electronPath = require.resolve('electron');
  const mainPath = require.resolve('../../src/main/main');
  require.cache[electronPath] = { id: electronPath, filename: electronPath, loaded: true, exports: electron };
  delete require.cache[mainPath];
  require(mainPath);
}

module.exports = { createFakeElectron, loadMain };
