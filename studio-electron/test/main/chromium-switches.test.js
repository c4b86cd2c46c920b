'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');

const { CHROMIUM_SWITCHES, applyChromiumSwitches } = require('../../src/main/chromium-switches');

test('switches on Chrome-wide echo cancellation and nothing else', () => {
  const appended = [];
  applyChromiumSwitches({ appendSwitch: (...args) => appended.push(args) });
  assert.deepEqual(appended, [['enable-features', 'ChromeWideEchoCancellation']]);
  assert.equal(CHROMIUM_SWITCHES.length, 1);
  assert.ok(Object.isFrozen(CHROMIUM_SWITCHES) && Object.isFrozen(CHROMIUM_SWITCHES[0]));
});
