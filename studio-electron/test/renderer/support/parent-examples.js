'use strict';

/*
 * The parent area's share of protocol-examples.test.js: what each parent:* server example does
 * to the ParentState the parent view draws, the builders of the parent:* client examples, and
 * why the window never sends the invalid /parent examples.
 */
const assert = require('node:assert/strict');

const { client, ParentState } = require('../../../src/renderer/lib/parent-area');

/** Checks of the server examples on /parent: (state, message, next) with next = what the area asks then. */
const server = {
  'parent-state.json': (s, m, next) => {
    assert.equal(s.screen, 'pin', 'a PIN is set, the socket is not unlocked: ask for it');
    assert.equal(next, null);
  },
  'parent-unlocked.json': (s, m, next) => {
    assert.equal(s.screen, 'open');
    assert.deepEqual(next, { action: 'parent:overview' }, 'the area loads at once');
  },
  'parent-locked.json': (s) => assert.equal(s.screen, 'pin'),
  'parent-overview.json': (s, m) => {
    assert.equal(s.sessions.length, 2);
    assert.equal(s.sessions[1].hidden, true, 'the chat the child hid is shown to the parent');
    assert.equal(s.settings.dailyLimitMinutes, 60);
    assert.equal(s.usage.todayMs, m.usage.todayMs);
    assert.deepEqual(s.eventsByCategory(), [{ category: 'personal_data', count: 1 }, { category: 'self_harm', count: 1 }]);
  },
  'parent-conversation.json': (s, m) => {
    assert.equal(s.conversation.session.sessionId, m.session.sessionId);
    assert.equal(s.conversation.messages.length, 2);
  },
  'parent-settings.json': (s, m, next) => {
    assert.equal(s.settings.guard, true);
    assert.deepEqual(next, { action: 'parent:overview' }, 'usage and limits are read again');
  },
  'parent-deleted.json': (s, m, next) => assert.deepEqual(next, { action: 'parent:overview' }),
  'parent-error-wrong-pin.json': (s, m) => {
    assert.deepEqual([s.problem.code, s.problem.triesLeft], ['wrong_pin', 4]);
    assert.equal(s.screen, 'pin');
  },
  'parent-error-pin-locked.json': (s, m) => assert.equal(s.problem.lockedUntil, m.lockedUntil),
  'parent-error-locked.json': (s, m, next) => {
    assert.equal(s.screen, 'pin', 'an expired session asks for the PIN again');
    assert.deepEqual(next, { action: 'parent:state' });
  },
};

/** Runs one /parent server example through a ParentState waiting at the PIN. */
function receive(message) {
  const state = new ParentState();
  state.screen = 'pin';
  const next = state.receive(message);
  return { state, next };
}

const build = {
  'parent:state': (m) => client.state(m.requestId),
  'parent:set_pin': (m) => client.setPin(m.pin, m.requestId),
  'parent:unlock': (m) => client.unlock(m.pin, m.requestId),
  'parent:lock': (m) => client.lock(m.requestId),
  'parent:overview': (m) => client.overview(m.requestId),
  'parent:conversation': (m) => client.conversation(m.sessionId, m.requestId),
  'parent:settings': (m) => client.settings(m.settings, m.requestId),
  'parent:delete': (m) => client.remove(m.sessionId, m.requestId),
};

const invalid = {
  'parent-unlock-pin-not-a-string.json': (example) => {
    assert.throws(() => client.unlock(JSON.parse(example.message).pin), TypeError);
    assert.throws(() => client.setPin('12'), TypeError);
  },
  'parent-settings-not-an-object.json': () => {
    assert.throws(() => client.settings([1, 2]), TypeError);
    assert.throws(() => client.settings({ dailyLimitMinutes: 5000 }), TypeError);
    assert.throws(() => client.settings({ quietFrom: '25:00' }), TypeError);
  },
  'parent-chat-not-allowed.json': () => {
    assert.ok(Object.keys(build).every((action) => action.startsWith('parent:')), 'the area sends parent:* only');
  },
};

module.exports = { server, receive, build, invalid };
