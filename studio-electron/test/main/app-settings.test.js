'use strict';

const assert = require('node:assert/strict');
const path = require('node:path');
const { test } = require('node:test');

const { appSettings, SettingsError } = require('../../src/main/app-settings');

const APP_ROOT = '/work/crafty/studio-electron';

test('uses port 3847, 20 s and the jar next to the app by default', () => {
  assert.deepEqual(appSettings({ env: {}, locale: 'de-DE', appRoot: APP_ROOT }), {
    host: '127.0.0.1',
    port: 3847,
    language: 'de',
    readyTimeoutMs: 20_000,
    jarPath: path.join('/work/crafty', 'voice-server', 'target', 'voice-server.jar'),
  });
});

test('reads port, language, timeout and jar from the environment', () => {
  const settings = appSettings({
    env: { SERVER_PORT: '4000', CRAFTY_LANGUAGE: 'en', CRAFTY_START_TIMEOUT: '45', CRAFTY_SERVER_JAR: '/x/server.jar' },
    locale: 'de-DE',
    appRoot: APP_ROOT,
  });
  assert.equal(settings.port, 4000);
  assert.equal(settings.language, 'en');
  assert.equal(settings.readyTimeoutMs, 45_000);
  assert.equal(settings.jarPath, '/x/server.jar');
});

test('speaks English on an English system and German on any other', () => {
  assert.equal(appSettings({ env: {}, locale: 'en-GB', appRoot: APP_ROOT }).language, 'en');
  assert.equal(appSettings({ env: {}, locale: 'fr-FR', appRoot: APP_ROOT }).language, 'de');
});

test('names the variable when a value is unusable', () => {
  assert.throws(() => appSettings({ env: { SERVER_PORT: '70000' }, appRoot: APP_ROOT }),
    (error) => error instanceof SettingsError && /SERVER_PORT="70000"/.test(error.message));
  assert.throws(() => appSettings({ env: { CRAFTY_START_TIMEOUT: 'soon' }, appRoot: APP_ROOT }), /CRAFTY_START_TIMEOUT/);
});
