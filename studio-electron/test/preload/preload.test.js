'use strict';

const assert = require('node:assert/strict');
const { EventEmitter } = require('node:events');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');
const vm = require('node:vm');

const { IPC_CHANNELS } = require('../../src/main/ipc-channels');
const { windowOptions } = require('../../src/main/window-options');

const PRELOAD = path.join(__dirname, '..', '..', 'src', 'preload', 'preload.js');

/**
 * Runs preload.js the way Electron's sandbox does: a bare script whose `require` offers only
 * 'electron', with process.argv carrying the window's additional arguments. contextBridge and
 * ipcRenderer are recording doubles.
 */
function runPreload(argv = windowOptions({ preloadPath: PRELOAD }).webPreferences.additionalArguments) {
  const exposed = {};
  const invoked = [];
  const ipcRenderer = new EventEmitter();
  ipcRenderer.invoke = (channel, ...args) => {
    invoked.push([channel, ...args]);
    return Promise.resolve({ channel });
  };
  const electron = { contextBridge: { exposeInMainWorld: (key, api) => { exposed[key] = api; } }, ipcRenderer };
  const sandboxRequire = (name) => {
    assert.equal(name, 'electron', `a sandboxed preload cannot require ${name}`);
    return electron;
  };
  vm.runInNewContext(fs.readFileSync(PRELOAD, 'utf8'), { require: sandboxRequire, process: { argv: ['electron', ...argv] } },
    { filename: PRELOAD });
  return { exposed, invoked, ipcRenderer };
}

test('exposes window.crafty with six named functions, the echo fact, and nothing else', () => {
  const { exposed } = runPreload();
  assert.deepEqual(Object.keys(exposed), ['crafty']);
  const { wideEchoCancellation, ...functions } = exposed.crafty;
  assert.equal(wideEchoCancellation, true, 'main.js switches on Chromium\'s wide echo cancellation');
  assert.deepEqual(Object.keys(functions).sort(),
    ['getConnection', 'getSidecarState', 'getStatus', 'onSidecarState', 'retrySidecar', 'saveDiagnostics']);
  for (const fn of Object.values(functions)) {
    assert.equal(typeof fn, 'function');
  }
});

test('asks the main process on the channels of ipc-channels.js, passing nothing from the page', async () => {
  const { exposed, invoked } = runPreload();
  assert.deepEqual(await exposed.crafty.getConnection('ignored'), { channel: IPC_CHANNELS.getConnection });
  await exposed.crafty.getStatus('ignored');
  await exposed.crafty.getSidecarState();
  await exposed.crafty.retrySidecar();
  await exposed.crafty.saveDiagnostics('/etc/passwd');
  assert.deepEqual(invoked, [[IPC_CHANNELS.getConnection], [IPC_CHANNELS.getStatus], [IPC_CHANNELS.getSidecarState],
    [IPC_CHANNELS.retrySidecar], [IPC_CHANNELS.saveDiagnostics]]);
});

test('hands state listeners the payload only, never the IPC event, and unsubscribes', () => {
  const { exposed, ipcRenderer } = runPreload();
  const received = [];
  const unsubscribe = exposed.crafty.onSidecarState((...args) => received.push(args));
  ipcRenderer.emit(IPC_CHANNELS.sidecarState, { sender: ipcRenderer }, { state: 'ready', port: 3847 });
  unsubscribe();
  ipcRenderer.emit(IPC_CHANNELS.sidecarState, { sender: ipcRenderer }, { state: 'stopped' });
  assert.deepEqual(received, [[{ state: 'ready', port: 3847 }]]);
  assert.equal(ipcRenderer.listenerCount(IPC_CHANNELS.sidecarState), 0);
});

test('refuses a listener that is not a function', () => {
  const { exposed } = runPreload();
  assert.throws(() => exposed.crafty.onSidecarState('alert(1)'), /needs a function/);
});

test('fails loudly when the window was opened without the channel names', () => {
  assert.throws(() => runPreload([]), /without its IPC channel names/);
});
