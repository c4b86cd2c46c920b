'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');

const { IPC_CHANNELS } = require('../../src/main/ipc-channels');
const { CHANNELS_ARGUMENT, windowOptions } = require('../../src/main/window-options');

test('sets every security preference explicitly', () => {
  const { webPreferences } = windowOptions({ preloadPath: '/app/src/preload/preload.js' });
  assert.equal(webPreferences.preload, '/app/src/preload/preload.js');
  for (const [name, value] of Object.entries({
    contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false, webviewTag: false, webSecurity: true, allowRunningInsecureContent: false,
  })) {
    assert.ok(Object.hasOwn(webPreferences, name), `${name} is set`);
    assert.equal(webPreferences[name], value, name);
  }
});

test('hands the IPC channel names to the preload as one renderer argument', () => {
  const { webPreferences } = windowOptions({ preloadPath: '/p.js' });
  assert.equal(webPreferences.additionalArguments.length, 1);
  const [argument] = webPreferences.additionalArguments;
  assert.ok(argument.startsWith(CHANNELS_ARGUMENT));
  const encoded = argument.slice(CHANNELS_ARGUMENT.length);
  assert.match(encoded, /^[\w%.-]+$/, 'no quotes, spaces or backslashes for the command line');
  assert.deepEqual(JSON.parse(decodeURIComponent(encoded)), IPC_CHANNELS);
});

test('the window appears only once its page is ready', () => {
  assert.equal(windowOptions({ preloadPath: '/p.js' }).show, false);
});
