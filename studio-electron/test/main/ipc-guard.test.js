'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');

const { isPermissionAllowed, isTrustedSender } = require('../../src/main/ipc-guard');

const PAGE = 'file:///opt/crafty/resources/app/src/renderer/index.html';

test("trusts the app's page in the top frame, whatever its query or fragment", () => {
  assert.equal(isTrustedSender({ url: PAGE, parent: null }, PAGE), true);
  assert.equal(isTrustedSender({ url: `${PAGE}?lang=de#chat`, parent: null }, PAGE), true);
});

test('refuses a frame inside the page', () => {
  assert.equal(isTrustedSender({ url: PAGE, parent: { url: PAGE, parent: null } }, PAGE), false);
});

test('refuses another document, local or remote', () => {
  assert.equal(isTrustedSender({ url: 'file:///tmp/evil.html', parent: null }, PAGE), false);
  assert.equal(isTrustedSender({ url: 'https://example.org/', parent: null }, PAGE), false);
  assert.equal(isTrustedSender({ url: 'not a url', parent: null }, PAGE), false);
});

test('refuses a frame that is gone', () => {
  assert.equal(isTrustedSender(null, PAGE), false);
  assert.equal(isTrustedSender(undefined, PAGE), false);
});

test("grants the microphone to the app's page only", () => {
  assert.equal(isPermissionAllowed({ permission: 'media', url: PAGE, mediaTypes: ['audio'] }, PAGE), true);
  assert.equal(isPermissionAllowed({ permission: 'media', url: 'https://example.org/', mediaTypes: ['audio'] }, PAGE), false);
});

test('refuses the camera and every other permission', () => {
  assert.equal(isPermissionAllowed({ permission: 'media', url: PAGE, mediaTypes: ['audio', 'video'] }, PAGE), false);
  assert.equal(isPermissionAllowed({ permission: 'media', url: PAGE, mediaTypes: [] }, PAGE), false);
  for (const permission of ['notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen']) {
    assert.equal(isPermissionAllowed({ permission, url: PAGE }, PAGE), false, permission);
  }
});
