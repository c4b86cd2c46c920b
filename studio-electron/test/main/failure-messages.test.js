'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');

const { failureMessage } = require('../../src/main/failure-messages');
const { STATES } = require('../../src/main/sidecar');

const FAILURES = [STATES.CRASHED, STATES.PORT_IN_USE, STATES.CONFIG_ERROR, STATES.NO_JAVA, STATES.NO_SIDECAR, STATES.START_TIMEOUT];

test('has a title, a message and a retry button for every failure state in German and English', () => {
  for (const language of ['de', 'en']) {
    for (const state of FAILURES) {
      const text = failureMessage(state, language);
      assert.ok(text?.title && text.message, `${state} in ${language}`);
      assert.equal(text.buttons.length, 2);
    }
  }
  assert.equal(failureMessage(STATES.NO_JAVA, 'en').buttons[0], 'Try again');
});

test('says nothing about states that are not failures', () => {
  for (const state of [STATES.STOPPED, STATES.STARTING, STATES.READY, STATES.RESTARTING, STATES.STOPPING]) {
    assert.equal(failureMessage(state, 'de'), undefined);
  }
});

test('falls back to German for another language', () => {
  assert.deepEqual(failureMessage(STATES.NO_JAVA, 'fr'), failureMessage(STATES.NO_JAVA, 'de'));
});
