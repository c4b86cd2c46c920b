'use strict';

/*
 * The parent area as data (lib/parent-area.js) and its words (lib/parent-texts.js): the screens
 * an answer leads to, what is asked next, and that every word the view uses exists in German and
 * English.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');

const { client, ParentState } = require('../../src/renderer/lib/parent-area');
const { STRINGS, parentText } = require('../../src/renderer/lib/parent-texts');

const VIEW = path.join(__dirname, '..', '..', 'src', 'renderer', 'app', 'parent-view.js');

test('no PIN yet asks for a new one; an unlocked socket loads the area at once', () => {
  const state = new ParentState();
  assert.equal(state.receive({ type: 'parent:state', pinSet: false, unlocked: false }), null);
  assert.equal(state.screen, 'new-pin');
  assert.deepEqual(state.receive({ type: 'parent:state', pinSet: true, unlocked: true }), { action: 'parent:overview' });
  assert.equal(state.screen, 'open');
});

test('an expired session goes back to the PIN and asks for the state', () => {
  const state = new ParentState();
  state.screen = 'open';
  state.conversation = { session: { sessionId: 'a' }, messages: [] };
  assert.deepEqual(state.receive({ type: 'parent:error', code: 'parent_locked', content: 'PIN bitte' }), { action: 'parent:state' });
  assert.equal(state.screen, 'pin');
  state.receive({ type: 'parent:locked' });
  assert.equal(state.conversation, null, 'nothing stays on screen after locking');
});

test('deleting the chat being read closes it and reloads the overview', () => {
  const state = new ParentState();
  state.conversation = { session: { sessionId: 'a' }, messages: [] };
  assert.deepEqual(state.receive({ type: 'parent:deleted', sessionId: 'a' }), { action: 'parent:overview' });
  assert.equal(state.conversation, null);
});

test('the builders refuse what the server would refuse', () => {
  assert.throws(() => client.setPin('12a4'), TypeError);
  assert.throws(() => client.settings({}), TypeError);
  assert.throws(() => client.settings({ unknown: 1 }), TypeError);
  assert.throws(() => client.settings({ helplineCountry: 'de' }), TypeError);
  assert.throws(() => client.settings({ guard: 'yes' }), TypeError);
  assert.deepEqual(client.settings({ quietFrom: null, quietUntil: null }),
    { action: 'parent:settings', settings: { quietFrom: null, quietUntil: null } }, 'quiet hours can be switched off');
});

test('every word the parent view uses exists in German and English, with the same placeholders', () => {
  assert.deepEqual(Object.keys(STRINGS.en).sort(), Object.keys(STRINGS.de).sort());
  const source = fs.readFileSync(VIEW, 'utf8');
  const used = new Set([...source.matchAll(/say\('([A-Za-z_]+)'/g)].map((m) => m[1]));
  assert.ok(used.size > 30, `found only ${used.size} keys: the scan is broken`);
  for (const key of used) {
    assert.ok(Object.hasOwn(STRINGS.de, key), `"${key}" is missing`);
  }
  for (const key of Object.keys(STRINGS.de)) {
    const names = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    assert.deepEqual(names(STRINGS.en[key]), names(STRINGS.de[key]), key);
  }
  assert.equal(parentText('en', 'childNote'), 'Your parents can read your chats.');
  assert.equal(parentText('de', 'triesLeft', { count: 3 }), 'Noch 3 Versuche bis zur Sperre.');
});
