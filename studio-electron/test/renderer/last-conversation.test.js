'use strict';

/* The conversation a reload or a new tab opens again: only its id is kept, and only a valid one. */
const assert = require('node:assert/strict');
const { test } = require('node:test');

const { KEY, recall, remember, needsHistory } = require('../../src/renderer/lib/last-conversation');
const { Conversation } = require('../../src/renderer/lib/conversation');

function memoryStorage() {
  const map = new Map();
  return { getItem: (key) => (map.has(key) ? map.get(key) : null), setItem: (key, value) => map.set(key, String(value)), map };
}

test('remembers the last sessionId and nothing else', () => {
  const storage = memoryStorage();
  assert.equal(recall(storage), null);
  remember(storage, '5f0c9a51-aa');
  remember(storage, 'not a session id!');
  assert.equal(recall(storage), '5f0c9a51-aa');
  assert.deepEqual([...storage.map.keys()], [KEY]);
});

test('a malformed, unreadable or refusing storage means a new chat, never an exception', () => {
  const storage = memoryStorage();
  storage.setItem(KEY, '../../etc');
  assert.equal(recall(storage), null);
  const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('quota'); } };
  assert.equal(recall(broken), null);
  assert.doesNotThrow(() => remember(broken, 'abc'));
  assert.equal(recall(null), null);
});

test('asks for the saved messages only when the server resumed the conversation asked for', () => {
  const conversation = new Conversation();
  const welcome = { type: 'assistant', content: 'Hi', sessionId: 's-1', resumed: true };
  assert.equal(needsHistory(conversation, welcome, 's-1'), true);
  assert.equal(needsHistory(conversation, { ...welcome, resumed: false }, 's-1'), false, 'a new chat under that id');
  assert.equal(needsHistory(conversation, welcome, null), false, 'not reopening: a reconnect keeps what is shown');
  conversation.messages.push({ role: 'child', text: 'x', saved: true });
  assert.equal(needsHistory(conversation, welcome, 's-1'), false, 'its messages are already shown');
});
