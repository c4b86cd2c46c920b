'use strict';

/*
 * The session:* answers on a real Conversation: what sessions.test.js and the protocol examples
 * leave out (which messages of a left-behind reply are dropped, a lost /chat socket while older
 * messages load, a failed page of older messages, an answer without its chat).
 */
const assert = require('node:assert/strict');
const { test } = require('node:test');

const { Conversation } = require('../../src/renderer/lib/conversation');
const savedConversations = require('../../src/renderer/lib/saved-conversations');

const A = 'session-a';
const B = 'session-b';

function summary(sessionId) {
  return { sessionId, title: `Chat ${sessionId}`, createdAt: 1, updatedAt: 2, messageCount: 2 };
}

/** A conversation showing chat A, whose saved messages go back further than '40'. */
function showingA() {
  const conversation = new Conversation();
  const request = conversation.sessions.switchTo(A);
  conversation.receiveChat({ type: 'session:switched', requestId: request.requestId, session: summary(A), before: '40',
    messages: [{ messageId: 41, role: 'user', content: 'Hallo', timestamp: 41 }] });
  return conversation;
}

test('of a reply left behind only its own messages are dropped, not the session or the audio around it', () => {
  const conversation = showingA();
  conversation.receiveVoice({ type: 'status', status: 'thinking', requestId: 'v-1' });
  conversation.receiveChat({ type: 'session:switched', session: summary(B), messages: [] });
  for (const type of ['assistant', 'cancelled', 'error', 'status', 'done', 'sentence']) {
    assert.equal(savedConversations.leftBehind(conversation, { type, requestId: 'v-1' }), true, type);
  }
  assert.equal(savedConversations.leftBehind(conversation, { type: 'status', requestId: 'v-2' }), false);
  assert.equal(savedConversations.leftBehind(conversation, { type: 'session', requestId: 'v-1' }), false);
  assert.equal(savedConversations.leftBehind(conversation, { type: 'audio_end', requestId: 'v-1' }), false);
});

test('a lost /chat socket stops "loading older" at once; without requests on their way it says nothing', () => {
  const conversation = showingA();
  conversation.sessions.older(A);
  const out = [];
  savedConversations.connectionLost(conversation, out);
  assert.deepEqual(out, [{ type: 'history', before: '40', loading: false }]);
  assert.equal(conversation.sessions.pending.size, 0);
  const again = [];
  savedConversations.connectionLost(conversation, again);
  assert.deepEqual(again, []);
});

test('a failed page of older messages says so and stops the loading, keeping the cursor', () => {
  const conversation = showingA();
  const older = conversation.sessions.older(A);
  const events = conversation.receiveChat({ type: 'session:error', requestId: older.requestId, code: 'store_failed',
    category: 'engine', content: 'Kaputt.' });
  assert.deepEqual(events.map((e) => e.type), ['added', 'history']);
  assert.deepEqual(conversation.messages.at(-1), { ...conversation.messages.at(-1), role: 'error', key: 'sessionStoreFailed',
    about: 'history' });
  assert.deepEqual(events[1], { type: 'history', before: '40', loading: false });
  assert.equal(conversation.sessions.loadingOlder, false);
});

test('a switch answer without its chat changes nothing but settles the request', () => {
  const conversation = showingA();
  const shown = conversation.messages.slice();
  const request = conversation.sessions.switchTo(B);
  assert.deepEqual(conversation.receiveChat({ type: 'session:switched', requestId: request.requestId, messages: [] }), []);
  assert.deepEqual(conversation.messages, shown);
  assert.equal(conversation.sessionId, A);
  assert.equal(conversation.sessions.pending.size, 0);
});
