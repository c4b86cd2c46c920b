'use strict';

/*
 * The window's state beside the Conversation: the facts the controllers report, and what the
 * screen says from them (the connection line, Crafty's mood and words, the voice button, retry).
 */
const assert = require('node:assert/strict');
const { test } = require('node:test');

const { AppState, connection, mood } = require('../../src/renderer/lib/app-state');
const { STATES, FAILURES, shownState } = require('../../src/renderer/lib/sidecar-states');
const { SidecarSupervisor, STATES: SUPERVISOR_STATES } = require('../../src/main/sidecar');

function opened() {
  const state = new AppState({ source: 'browser' });
  state.socketChanged({ state: 'open' });
  return state;
}

test('starts connecting, quiet, with the voice button waiting for the connection', () => {
  const state = new AppState();
  assert.equal(state.current.connection, 'connecting');
  assert.equal(state.current.mood, 'offline');
  assert.deepEqual(state.current.listen, { canListen: false, reason: 'voiceDisabledOffline' });
  assert.equal(state.current.canRetry, false);
});

test('says the window is out of date when the server refused its token, and Crafty looks it', () => {
  const state = opened();
  state.socketChanged({ state: 'reconnecting', retryAt: 5000 });
  assert.equal(state.current.connection, 'reconnecting');
  assert.equal(state.current.canRetry, true);
  state.socketChanged({ state: 'refused' });
  assert.equal(state.current.connection, 'stale');
  assert.equal(state.current.mood, 'stale');
  assert.equal(state.current.moodText, 'phaseStale');
  assert.equal(state.current.canRetry, false, 'trying again with the same token cannot help');
});

test('a paused voice is a paused Crafty, not a talking one', () => {
  const state = opened();
  state.set({ voice: 'speaking' });
  assert.equal(state.current.mood, 'speaking');
  state.set({ voice: 'paused' });
  assert.equal(state.current.mood, 'paused');
  assert.equal(state.current.moodText, 'phasePaused');
});

test('the voice comes before the typed reply, the typed reply before the connection and the error', () => {
  const state = opened();
  state.conversationEvent({ type: 'added', message: { role: 'error', code: 'llm_unreachable' } });
  assert.equal(state.current.mood, 'error');
  state.conversationEvent({ type: 'phase', channel: 'chat', phase: 'streaming' });
  assert.equal(state.current.mood, 'streaming');
  state.set({ voice: 'listening' });
  assert.equal(state.current.mood, 'listening');
  state.set({ voice: 'idle' });
  state.conversationEvent({ type: 'phase', channel: 'chat', phase: 'idle' });
  assert.equal(state.current.mood, 'error', 'the error stays until the child says something');
  state.conversationEvent({ type: 'added', message: { role: 'child', text: 'nochmal' } });
  assert.equal(state.current.mood, 'idle');
  state.socketChanged({ state: 'reconnecting', retryAt: 1 });
  assert.equal(state.current.mood, 'offline');
});

test('the voice button listens only when connected and speech recognition is there', () => {
  const state = opened();
  assert.deepEqual(state.current.listen, { canListen: true, reason: null });
  state.set({ engines: { reachable: true, canListen: false } });
  assert.deepEqual(state.current.listen, { canListen: false, reason: 'voiceDisabledStt' });
  state.set({ engines: { reachable: false, canListen: false } });
  assert.deepEqual(state.current.listen, { canListen: true, reason: null },
    'unread /status: the server answers stt_unavailable itself');
});

test('a recogniser for another language does not offer to listen: the child is asked to type', () => {
  const state = opened();
  state.set({ engines: { reachable: true, canListen: false, byRole: { stt: { role: 'stt', state: 'wrong-language' } } } });
  assert.deepEqual(state.current.listen, { canListen: false, reason: 'voiceDisabledLanguage' });
});

test("the app's voice server state shows while the chat is not connected, and not over an open chat", () => {
  const state = new AppState({ source: 'app' });
  state.sidecarChanged({ state: 'starting' });
  assert.equal(state.current.connection, 'sidecar-starting');
  state.sidecarChanged({ state: 'no-java' });
  assert.equal(state.current.connection, 'sidecar-failed');
  assert.equal(state.current.canRetry, true);
  state.sidecarChanged({ state: 'ready' });
  state.socketChanged({ state: 'open' });
  assert.equal(state.current.connection, 'open');
  state.sidecarChanged({ state: 'restarting' });
  assert.equal(state.current.connection, 'open', 'the chat socket is still open');
  state.socketChanged({ state: 'reconnecting', retryAt: 10 });
  assert.equal(state.current.connection, 'sidecar-restarting');
});

test('a page without a server says so whatever the socket does', () => {
  const state = new AppState({ source: 'none' });
  state.socketChanged({ state: 'reconnecting', retryAt: 10 });
  assert.equal(connection(state.current), 'no-server');
  assert.equal(mood(state.current), 'offline');
});

test('subscribers hear what changed, once per real change; a new part adds its own facts', () => {
  const state = opened();
  const heard = [];
  state.subscribe((current, changed) => heard.push([...changed].sort()));
  state.set({ voice: 'listening' });
  state.set({ voice: 'listening' });
  state.set({ setupStep: 'microphone' });
  assert.deepEqual(heard, [['mood', 'voice'], ['setupStep']]);
  assert.equal(state.current.setupStep, 'microphone');
  assert.ok(Object.isFrozen(state.current));
});

test("the supervisor and the window name the voice server's states in one place", () => {
  assert.equal(SUPERVISOR_STATES, STATES);
  assert.equal(typeof SidecarSupervisor, 'function');
  for (const failure of FAILURES) {
    assert.equal(shownState(failure), 'sidecar-failed', failure);
  }
  assert.equal(shownState(STATES.STARTING), 'sidecar-starting');
  assert.equal(shownState(STATES.RESTARTING), 'sidecar-restarting');
  assert.equal(shownState(STATES.READY), null);
});
